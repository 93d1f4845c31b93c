/** Up and Down move the focus between the list's items (`button.item`), like a list box. */
export function moveInList(e: KeyboardEvent) {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  const items = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>("button.item")];
  const i = items.indexOf(document.activeElement as HTMLElement);
  const next = items[Math.min(items.length - 1, Math.max(0, i + (e.key === "ArrowDown" ? 1 : -1)))];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}
