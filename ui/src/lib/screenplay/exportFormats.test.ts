import { describe, expect, it } from "vitest";
import { exportChoices, isScreenplay } from "./exportFormats";

describe("exportChoices", () => {
  it("offers PDF first, then Final Draft, Fountain and text for a screenplay", () => {
    const choices = exportChoices({ kind: "screenplay", format: "fountain" });
    expect(choices.map((c) => c.format)).toEqual(["pdf", "fdx", "fountain", "text"]);
    expect(choices.map((c) => c.ext)).toEqual(["pdf", "fdx", "fountain", "txt"]);
  });
  it("treats any Fountain document as a screenplay, and a Markdown screenplay as not", () => {
    expect(isScreenplay({ kind: "notes", format: "fountain" })).toBe(true);
    expect(isScreenplay({ kind: "screenplay", format: "markdown" })).toBe(false);
  });
  it("offers a document's own format and plain text otherwise", () => {
    const md = exportChoices({ kind: "treatment", format: "markdown" });
    expect(md.map((c) => [c.format, c.label, c.ext])).toEqual([
      ["original", "Markdown", "md"],
      ["text", "Plain text", "txt"],
    ]);
  });
  it("does not offer the same plain text twice", () => {
    expect(exportChoices({ kind: "notes", format: "plain" }).map((c) => c.format)).toEqual(["original"]);
  });
});
