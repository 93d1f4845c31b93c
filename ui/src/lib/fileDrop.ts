// Files dragged onto the window from the OS. While they hover, Tauri's webview drag events say
// which files (for the overlay: names only are shown). When they are dropped, the shell keeps
// their paths and announces them as opaque tokens (`DROPPED_EVENT`): the UI imports by token
// and never hands a path to the backend. Outside Tauri this is a no-op.
import { listen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { DROPPED_EVENT, type DroppedFile } from "./bindings";

export type FileDropHandlers = {
  /** Files are being dragged over the window (their paths, for display only). */
  onenter: (paths: string[]) => void;
  /** The drag left the window or was cancelled. */
  onleave: () => void;
  /** Files were dropped: the shell holds them under these tokens. */
  ondrop: (files: DroppedFile[]) => void;
};

/** Subscribes to file drags; resolves to the unsubscribe function. */
export async function listenToFileDrops(h: FileDropHandlers): Promise<() => void> {
  try {
    const offDrag = await getCurrentWebview().onDragDropEvent((e) => {
      const p = e.payload;
      if (p.type === "enter") h.onenter(p.paths);
      else if (p.type === "leave" || p.type === "drop") h.onleave();
    });
    const offDrop = await listen<DroppedFile[]>(DROPPED_EVENT, (e) => h.ondrop(e.payload));
    return () => {
      offDrag();
      offDrop();
    };
  } catch (e) {
    console.warn("[greenlight] file drops unavailable", e);
    return () => {};
  }
}
