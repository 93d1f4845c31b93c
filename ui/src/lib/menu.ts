// Native menu events. The Rust shell's File menu emits a `menu` event whose payload names an
// action; the view on screen registers handlers for the actions it can do, and an action no
// view handles is ignored. Views register on mount and unregister on destroy; the newest
// registration wins, and App registers app-wide fallbacks (settings) first.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

export const MENU_ACTIONS = ["new-project", "new-document", "import", "export", "save", "history", "settings"] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];
export type MenuHandlers = Partial<Record<MenuAction, () => void>>;

/** The action named by an event payload, or null for anything else. */
export function parseMenuAction(payload: unknown): MenuAction | null {
  return typeof payload === "string" && (MENU_ACTIONS as readonly string[]).includes(payload)
    ? (payload as MenuAction)
    : null;
}

/** The handler for `action`: the newest registration that has one. */
export function routeMenu(action: MenuAction, stack: readonly MenuHandlers[]): (() => void) | null {
  for (let i = stack.length - 1; i >= 0; i--) {
    const h = stack[i][action];
    if (h) return h;
  }
  return null;
}

export class MenuRouter {
  #stack: MenuHandlers[] = [];
  #pending: MenuAction | null = null;

  /** Adds handlers for the current view; returns a function that removes them. */
  register(handlers: MenuHandlers): () => void {
    this.#stack.push(handlers);
    // An action deferred across a navigation runs once a view that handles it appears.
    const pending = this.#pending;
    const run = pending ? handlers[pending] : undefined;
    if (run) {
      this.#pending = null;
      queueMicrotask(run);
    }
    return () => {
      this.#stack = this.#stack.filter((h) => h !== handlers);
    };
  }

  /** Runs `payload`'s action if a view handles it. Returns whether it did. */
  dispatch(payload: unknown): boolean {
    const action = parseMenuAction(payload);
    if (!action) return false;
    // A modal dialog owns the screen; menu actions wait until it closes.
    if (typeof document !== "undefined" && document.querySelector("dialog[open]")) return false;
    const h = routeMenu(action, this.#stack);
    if (!h) return false;
    h();
    return true;
  }

  /** Remembers `action` for the next view that registers a handler for it (after navigating); null forgets it. */
  defer(action: MenuAction | null): void {
    this.#pending = action;
  }
}

export const menu = new MenuRouter();

/** Starts listening to the shell's `menu` events; a no-op outside Tauri. */
export async function listenToMenu(router: MenuRouter = menu): Promise<UnlistenFn> {
  try {
    return await listen<string>("menu", (e) => void router.dispatch(e.payload));
  } catch (e) {
    console.warn("[greenlight] menu events unavailable", e);
    return () => {};
  }
}
