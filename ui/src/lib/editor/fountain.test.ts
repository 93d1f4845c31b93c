import { describe, expect, it } from "vitest";
import { classifyLines } from "./fountain";

const kinds = (text: string) => classifyLines(text.split("\n"));

describe("classifyLines", () => {
  it("recognises the core screenplay elements", () => {
    const script = ["EXT. ROOF - NIGHT", "", "Rain falls.", "", "PRIYA (V.O.)", "(quietly)", "Where is she?", "", "CUT TO:", ""].join("\n");
    expect(kinds(script)).toEqual([
      "scene",
      "blank",
      "action",
      "blank",
      "character",
      "parenthetical",
      "dialogue",
      "blank",
      "transition",
      "blank",
    ]);
  });
  it("handles forced elements and notes", () => {
    expect(kinds(".FLASHBACK")).toEqual(["scene"]);
    expect(kinds("> THE END <")).toEqual(["centered"]);
    expect(kinds("> SMASH CUT")).toEqual(["transition"]);
    expect(kinds("@McCLANE\nYippee.")).toEqual(["character", "dialogue"]);
    expect(kinds("# Act one")).toEqual(["section"]);
    expect(kinds("= She finds the page.")).toEqual(["synopsis"]);
    expect(kinds("[[check this]]")).toEqual(["note"]);
  });
  it("does not take a shouted action line with nothing after it for a character", () => {
    expect(kinds("\nBANG!\n")).toEqual(["blank", "action", "blank"]);
  });
  it("reads the title page up to the first blank line", () => {
    expect(kinds("Title: Night\nAuthor: Maya\n\nINT. HALL - DAY")).toEqual(["title", "title", "blank", "scene"]);
  });
});
