// The backend as the UI calls it: `api.<command>({ ...args })`, one method per Rust command,
// typed by the generated `Commands` (see ./backend/service.ts). In the app it goes over Tauri's
// IPC; mock mode and tests swap in another implementation with `useBackend`.
import { COMMAND_NAMES } from "./bindings";
import type { Backend, CommandName } from "./backend/service";
import { tauriBackend } from "./backend/tauri";

export type * from "./bindings";
export type { Backend, CommandArgs, CommandName, CommandResult } from "./backend/service";
export { asIpcError } from "./errors";

let current: Backend | null = null;

/** Replaces the implementation every `api` call goes to (mock mode, tests); `null` restores Tauri's. */
export function useBackend(backend: Backend | null): void {
  current = backend;
}

function forward(name: CommandName) {
  return (args?: object) => {
    current ??= tauriBackend();
    const method = current[name] as (args?: object) => Promise<unknown>;
    return method(args);
  };
}

export const api = Object.fromEntries(COMMAND_NAMES.map((name) => [name, forward(name)])) as Backend;
