// The backend as the UI calls it: `api.<command>({ ...args })`, one method per Rust command,
// typed by the generated `Commands` (see ./backend/service.ts). In the app it goes over Tauri's
// IPC; mock mode and tests swap in another implementation with `useBackend`.
import type { Backend, CommandName } from "./backend/service";
import { tauriBackend } from "./backend/tauri";
import { COMMAND_NAMES, type IpcError } from "./bindings";
import { asIpcError } from "./errors";

export type * from "./bindings";
export type { Backend, CommandArgs, CommandName, CommandResult } from "./backend/service";
export { asIpcError } from "./errors";

let current: Backend | null = null;
let failureObservers: ((e: IpcError) => void)[] = [];

/**
 * Calls `fn` with every failed command's error (the connection indicator learns from an
 * `offline` failure); returns the function that stops it.
 */
export function observeFailures(fn: (e: IpcError) => void): () => void {
  failureObservers = [...failureObservers, fn];
  return () => {
    failureObservers = failureObservers.filter((f) => f !== fn);
  };
}

/** Replaces the implementation every `api` call goes to (mock mode, tests); `null` restores Tauri's. */
export function useBackend(backend: Backend | null): void {
  current = backend;
}

function forward(name: CommandName) {
  return (args?: object) => {
    current ??= tauriBackend();
    const method = current[name] as (args?: object) => Promise<unknown>;
    return method(args).catch((e: unknown) => {
      const err = asIpcError(e);
      for (const fn of failureObservers) fn(err);
      throw e;
    });
  };
}

export const api = Object.fromEntries(COMMAND_NAMES.map((name) => [name, forward(name)])) as Backend;
