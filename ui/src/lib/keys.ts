// Keyboard shortcut matching. "Mod" is Cmd on macOS and Ctrl elsewhere.

export type KeyLike = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">;

export const isMac: boolean =
  typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

type Parsed = { mod: boolean; shift: boolean; alt: boolean; key: string };

function parse(shortcut: string): Parsed {
  const parts = shortcut.split("+");
  // "Mod++" would split oddly; a trailing empty part means the key is "+".
  const key = parts[parts.length - 1] === "" ? "+" : parts[parts.length - 1];
  const mods = parts.slice(0, -1).map((m) => m.toLowerCase());
  return { mod: mods.includes("mod"), shift: mods.includes("shift"), alt: mods.includes("alt"), key };
}

/**
 * Whether `e` is `shortcut` (e.g. "Mod+S", "Mod+Shift+Z", "Escape", "?").
 * For a punctuation key such as "?" the Shift state is ignored, since layouts differ on
 * whether it needs Shift.
 */
export function matchShortcut(e: KeyLike, shortcut: string, mac: boolean = isMac): boolean {
  const p = parse(shortcut);
  const modDown = mac ? e.metaKey : e.ctrlKey;
  const otherDown = mac ? e.ctrlKey : e.metaKey;
  if (modDown !== p.mod || otherDown) return false;
  if (e.altKey !== p.alt) return false;
  const punctuation = p.key.length === 1 && !/[a-z0-9]/i.test(p.key);
  if (!punctuation && e.shiftKey !== p.shift) return false;
  return e.key.toLowerCase() === p.key.toLowerCase();
}

/** "Ctrl+S" on Linux and Windows, "⌘S" on macOS. */
export function formatShortcut(shortcut: string, mac: boolean = isMac): string {
  const p = parse(shortcut);
  const key = p.key.length === 1 ? p.key.toUpperCase() : p.key === "Escape" ? "Esc" : p.key;
  if (mac) return `${p.mod ? "⌘" : ""}${p.alt ? "⌥" : ""}${p.shift ? "⇧" : ""}${key}`;
  return [p.mod ? "Ctrl" : "", p.alt ? "Alt" : "", p.shift ? "Shift" : "", key].filter(Boolean).join("+");
}

/** True when typing in this element should not trigger single-key shortcuts like "?". */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const el = target as HTMLElement;
  return Boolean(el.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']"));
}
