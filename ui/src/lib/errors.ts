// Helpers over IpcError. The UI's logic branches on `code` (and `field`), never on the text of
// `message`, which is for people and may be reworded at any time.
import { ERROR_CODES, type ErrorCode, type IpcError } from "./bindings";

function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === "string" && (ERROR_CODES as readonly string[]).includes(v);
}

/** Every command rejects with an `IpcError`; this narrows an unknown rejection to one. */
export function asIpcError(e: unknown): IpcError {
  if (e && typeof e === "object" && "code" in e && "message" in e && isErrorCode(e.code)) {
    const field = "field" in e && typeof e.field === "string" ? e.field : null;
    return { code: e.code, message: String(e.message), field };
  }
  return { code: "internal", message: String(e), field: null };
}

/**
 * Which of a form's fields an `invalid_input` error is about, from the error's `field` (named
 * as the command's input type names it); `null` when it is about none of them.
 */
export function fieldForError<F extends string>(err: IpcError, fields: readonly F[]): F | null {
  if (err.code !== "invalid_input" || err.field === null) return null;
  return fields.find((f) => f === err.field) ?? null;
}
