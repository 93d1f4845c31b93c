import { describe, expect, it } from "vitest";
import type { IpcError } from "./bindings";
import { asIpcError, fieldForError } from "./errors";

const fields = ["title", "logline", "kind"] as const;
const invalid = (field: string | null, message = "Too long."): IpcError => ({ code: "invalid_input", message, field });

describe("asIpcError", () => {
  it("passes an IpcError through, with or without a field", () => {
    expect(asIpcError({ code: "conflict", message: "Newer revision.", field: null })).toEqual({
      code: "conflict",
      message: "Newer revision.",
      field: null,
    });
    expect(asIpcError({ code: "invalid_input", message: "x", field: "title" }).field).toBe("title");
    expect(asIpcError({ code: "conflict", message: "y" })).toEqual({ code: "conflict", message: "y", field: null });
  });
  it("turns anything else into an internal error with readable text", () => {
    expect(asIpcError("boom")).toEqual({ code: "internal", message: "boom", field: null });
    expect(asIpcError(new Error("bad"))).toEqual({ code: "internal", message: "Error: bad", field: null });
    expect(asIpcError(null)).toEqual({ code: "internal", message: "null", field: null });
  });
  it("does not trust a code the backend never sends", () => {
    expect(asIpcError({ code: "teapot", message: "short and stout" }).code).toBe("internal");
  });
});

describe("fieldForError", () => {
  it("ignores errors that are not about input", () => {
    expect(fieldForError({ code: "io", message: "disk full", field: null }, fields)).toBeNull();
  });
  it("uses the field the backend names", () => {
    expect(fieldForError(invalid("logline"), fields)).toBe("logline");
    expect(fieldForError(invalid("kind"), fields)).toBe("kind");
  });
  it("never reads the message", () => {
    expect(fieldForError(invalid(null, "The logline is too long."), fields)).toBeNull();
    expect(fieldForError(invalid("title", "The logline is too long."), fields)).toBe("title");
  });
  it("is null for a field the form does not have", () => {
    expect(fieldForError(invalid("model"), fields)).toBeNull();
  });
});
