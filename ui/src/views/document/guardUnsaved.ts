// Keeps unsaved editor changes from being lost by leaving: navigating away inside the app
// asks first, and closing or reloading the window is held back by the browser.
import { confirmation } from "$lib/confirm.svelte";
import { router } from "$lib/router.svelte";

/**
 * Installs both guards; returns the function that removes them. `ondiscard` runs when the
 * person chooses to leave without saving.
 */
export function guardUnsaved(isDirty: () => boolean, title: () => string | undefined, ondiscard: () => void = () => {}): () => void {
  const unguard = router.setLeaveGuard(async () => {
    if (!isDirty()) return true;
    const leave = await confirmation.ask({
      title: "Leave without saving?",
      message: `Your changes to “${title() ?? "this document"}” are not saved as a revision yet. If you leave now, they are lost.`,
      confirmLabel: "Discard changes",
      cancelLabel: "Keep editing",
      danger: true,
    });
    if (leave) ondiscard();
    return leave;
  });
  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (isDirty()) {
      e.preventDefault();
      e.returnValue = "";
    }
  };
  window.addEventListener("beforeunload", beforeUnload);
  return () => {
    unguard();
    window.removeEventListener("beforeunload", beforeUnload);
  };
}
