// The one service the UI talks to the backend through. Its shape is generated from the Rust
// commands (`Commands` in ../bindings), so a renamed command or a changed argument fails to
// type-check here, in every caller, and in every implementation: the Tauri one (./tauri.ts)
// and the mock backend (src/mock/service.ts).
import type { Commands } from "../bindings";

export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = Commands[K]["args"];
export type CommandResult<K extends CommandName> = Commands[K]["result"];

/** A command without arguments can be called with none. */
type Params<A> = Record<string, never> extends A ? [args?: A] : [args: A];

/**
 * One method per command, named as the command: it takes the command's arguments as one object
 * (callbacks where Rust takes a channel) and resolves with its result, or rejects with an
 * `IpcError`.
 */
export type Backend = {
  [K in CommandName]: (...args: Params<CommandArgs<K>>) => Promise<CommandResult<K>>;
};
