// Live updates from a team server. The shell forwards every announcement of the server
// (`LIVE_EVENT`, a `LiveUpdate`): something was recorded on a chain (a project's, or the
// workspace's), the connection dropped, or it is back. Views subscribe to the one bus here and
// refresh in place, debounced, so a burst of changes (an import of ten files) costs one
// reload. No polling anywhere: on the local database nothing arrives and nothing is asked.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { LIVE_EVENT, type LiveUpdate } from "./bindings";

export type LiveListener = (update: LiveUpdate) => void;

/** How long a view waits for more changes before it reloads. */
export const REFRESH_DEBOUNCE_MS = 100;

/** `fn` called once, `ms` after the last of a burst of calls. */
export function debounce(fn: () => void, ms: number): { call: () => void; cancel: () => void; flush: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    call: () => {
      cancel();
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, ms);
    },
    cancel,
    flush: () => {
      if (timer === null) return;
      cancel();
      fn();
    },
  };
}

export class LiveBus {
  #listeners = new Set<LiveListener>();

  /** Calls `fn` with every update until the returned function is called. */
  subscribe(fn: LiveListener): () => void {
    this.#listeners.add(fn);
    return () => {
      this.#listeners.delete(fn);
    };
  }

  dispatch(update: LiveUpdate): void {
    for (const fn of [...this.#listeners]) {
      try {
        fn(update);
      } catch (e) {
        console.error("[greenlight] a live-update listener failed", e);
      }
    }
  }

  /**
   * Calls `refresh` (debounced) when something is recorded on a chain `matches` accepts, and
   * when the connection comes back (announcements may have been missed meanwhile).
   */
  onChange(matches: (chain: string) => boolean, refresh: () => void, ms = REFRESH_DEBOUNCE_MS): () => void {
    const later = debounce(refresh, ms);
    const off = this.subscribe((u) => {
      if (u.kind === "online" || (u.kind === "changed" && matches(u.chain))) later.call();
    });
    return () => {
      off();
      later.cancel();
    };
  }
}

/** The window's one bus. */
export const live = new LiveBus();

/** Every chain: a list of projects changes with any of them. */
export const anyChain = () => true;

/** Delivers the shell's live updates to `bus`; resolves to the unsubscribe function. */
export async function listenToLive(bus: LiveBus = live): Promise<UnlistenFn> {
  try {
    return await listen<LiveUpdate>(LIVE_EVENT, (e) => bus.dispatch(e.payload));
  } catch (e) {
    console.warn("[greenlight] live updates unavailable", e);
    return () => {};
  }
}
