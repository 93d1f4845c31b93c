// Files dragged onto the window from the OS. Tauri delivers real file paths through the
// webview's drag-drop events (the DOM's drop event has no paths); outside Tauri this is a no-op.
import { getCurrentWebview } from "@tauri-apps/api/webview";

export type FileDropHandlers = {
  /** Files are being dragged over the window. */
  onenter: (paths: string[]) => void;
  /** The drag left the window or was cancelled. */
  onleave: () => void;
  ondrop: (paths: string[]) => void;
};

/** Subscribes to file drags; resolves to the unsubscribe function. */
export async function listenToFileDrops(h: FileDropHandlers): Promise<() => void> {
  try {
    return await getCurrentWebview().onDragDropEvent((e) => {
      const p = e.payload;
      if (p.type === "enter") h.onenter(p.paths);
      else if (p.type === "drop") h.ondrop(p.paths);
      else if (p.type === "leave") h.onleave();
    });
  } catch (e) {
    console.warn("[greenlight] file drops unavailable", e);
    return () => {};
  }
}
