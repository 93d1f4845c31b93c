// Helpers over IpcError for forms and banners.
import type { IpcError } from "./bindings";

/**
 * Which form field an `invalid_input` error is about. Uses `field` when the backend sends
 * one (proposed addition to IpcError), otherwise the first field named in the message;
 * falls back to the first field so the message still shows next to the form.
 */
export function fieldForError<F extends string>(err: IpcError, fields: readonly F[]): F | null {
  if (err.code !== "invalid_input" || fields.length === 0) return null;
  const declared = (err as IpcError & { field?: unknown }).field;
  if (typeof declared === "string") {
    const hit = fields.find((f) => f.toLowerCase() === declared.toLowerCase());
    if (hit) return hit;
  }
  const msg = err.message.toLowerCase();
  let best: { f: F; at: number } | null = null;
  for (const f of fields) {
    const at = msg.search(new RegExp(`\\b${f.toLowerCase()}\\b`));
    if (at >= 0 && (best === null || at < best.at)) best = { f, at };
  }
  return best ? best.f : fields[0];
}
