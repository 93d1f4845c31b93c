// How the mock backend talks to a `Channel` passed to `invoke`, as the Rust side would.
type Internals = { runCallback: (id: number, data: unknown) => void };

/**
 * Turns the `Channel` that `invoke` received into a function sending it messages, the way the
 * Rust side does: each message carries its index (the channel delivers them in order), and an
 * end marker after the last one lets the channel unregister its callback.
 */
export function channelEmitter(channel: unknown): (message: unknown) => void {
  const raw = typeof channel === "string" ? channel : (channel as { id?: number } | null)?.id;
  const id = typeof raw === "number" ? raw : Number(String(raw ?? "").replace("__CHANNEL__:", ""));
  const internals = (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;
  let index = 0;
  return (message) => {
    internals.runCallback(id, { index: index++, message });
    if ((message as { type?: string }).type === "finished") internals.runCallback(id, { index: index++, end: true });
  };
}
