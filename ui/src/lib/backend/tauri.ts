// The Backend over Tauri's IPC: `invoke` under the command's generated name.
import { Channel, invoke } from "@tauri-apps/api/core";
import { COMMAND_NAMES } from "../bindings";
import { asIpcError } from "../errors";
import type { Backend, CommandName } from "./service";

/**
 * The arguments as `invoke` sends them: a callback becomes a `Channel` delivering each message
 * to it (a function cannot cross the IPC boundary; a channel is what the Rust side takes).
 */
export function toInvokeArgs(args: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args ?? {})) {
    if (typeof value === "function") {
      const channel = new Channel<unknown>();
      channel.onmessage = value as (message: unknown) => void;
      out[key] = channel;
    } else {
      out[key] = value;
    }
  }
  return out;
}

async function call(name: CommandName, args?: Record<string, unknown>): Promise<unknown> {
  try {
    return await invoke(name, toInvokeArgs(args));
  } catch (e) {
    throw asIpcError(e);
  }
}

export function tauriBackend(): Backend {
  const methods = COMMAND_NAMES.map((name) => [name, (args?: Record<string, unknown>) => call(name, args)]);
  return Object.fromEntries(methods) as Backend;
}
