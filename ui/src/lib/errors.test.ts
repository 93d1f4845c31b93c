import { describe, expect, it } from "vitest";
import type { IpcError } from "./bindings";
import { fieldForError } from "./errors";

const fields = ["title", "logline", "kind"] as const;

describe("fieldForError", () => {
  it("ignores errors that are not about input", () => {
    expect(fieldForError({ code: "io", message: "disk full" }, fields)).toBeNull();
  });
  it("prefers an explicit field when the backend sends one", () => {
    const err = { code: "invalid_input", message: "Too long.", field: "logline" } as IpcError;
    expect(fieldForError(err, fields)).toBe("logline");
  });
  it("finds the field named first in the message", () => {
    expect(fieldForError({ code: "invalid_input", message: "The logline is too long." }, fields)).toBe("logline");
    expect(fieldForError({ code: "invalid_input", message: "Give the project a title." }, fields)).toBe("title");
  });
  it("falls back to the first field", () => {
    expect(fieldForError({ code: "invalid_input", message: "Something is off." }, fields)).toBe("title");
  });
});
