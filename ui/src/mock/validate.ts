// The real app's input rules for the mock backend: the domain's label and paragraph checks
// (crates/domain/src/text.rs) with its limits, messages and field names, so the mock refuses
// what the real app refuses, with the same code and field.
import type { ErrorCode, IpcError } from "$lib/bindings";

/** Rejects like a command: with an `IpcError`. */
export function fail(code: ErrorCode, message: string, field: string | null = null): never {
  throw { code, message, field } satisfies IpcError;
}

/** As the shell words a domain error: the first letter capitalized. */
function invalid(message: string, field: string): never {
  return fail("invalid_input", message.charAt(0).toUpperCase() + message.slice(1), field);
}

/** Characters as Rust counts them (code points, not UTF-16 units). */
export function charCount(s: string): number {
  return [...s].length;
}

/** Rust's `char::is_control`: the C0 and C1 control characters. */
function isControl(c: string): boolean {
  const n = c.codePointAt(0) ?? 0;
  return n <= 0x1f || (n >= 0x7f && n <= 0x9f);
}

function checkLength(label: string, field: string, value: string, max: number): void {
  const actual = charCount(value);
  if (actual > max) invalid(`${label} is too long (${actual} characters; the limit is ${max})`, field);
}

/** A trimmed, non-empty, single-line label of at most `max` characters. */
export function cleanLabel(label: string, field: string, value: string, max: number): string {
  const t = value.trim();
  if (!t) invalid(`${label} cannot be empty`, field);
  checkLength(label, field, t, max);
  if ([...t].some(isControl)) invalid(`${label} contains control characters; use plain text`, field);
  return t;
}

/** Trimmed text that may be empty and span lines, of at most `max` characters. */
export function cleanParagraph(label: string, field: string, value: string, max: number): string {
  const t = value.trim();
  checkLength(label, field, t, max);
  if ([...t].some((c) => isControl(c) && c !== "\n" && c !== "\t"))
    invalid(`${label} contains control characters; use plain text`, field);
  return t;
}

/** A value outside a closed set (a kind, a format). */
export function unknownValue(label: string, field: string, value: string): never {
  return invalid(`'${value}' is not a known ${label}`, field);
}

/** The real app's `too_large` for a document text over the limit (`max` bytes of UTF-8). */
export function checkSize(title: string, text: string, max: number): void {
  const size = new TextEncoder().encode(text).length;
  if (size > max) fail("too_large", `“${title}” is too large (${size} bytes; the limit is ${max} bytes)`);
}
