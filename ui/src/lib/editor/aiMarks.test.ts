import { describe, expect, it } from "vitest";
import { idOf } from "$lib/ids";
import { aiRanges, utf16Offsets } from "./aiMarks";

describe("AI-touched highlight", () => {
  it("maps scalar spans to UTF-16 ranges past astral characters", () => {
    const text = "😀 Maya runs.";
    expect(utf16Offsets("😀a")).toEqual([0, 2, 3]);
    const id = idOf("suggestion", "s1");
    const r = aiRanges(text, [
      { start: 0, end: 7, origin: "human", suggestionId: null, edited: false },
      { start: 7, end: 11, origin: "ai", suggestionId: id, edited: true },
      { start: 11, end: 12, origin: "human", suggestionId: null, edited: false },
    ]);
    expect(r).toEqual([{ from: 8, to: 12, suggestionId: id, edited: true }]);
    expect(text.slice(r[0].from, r[0].to)).toBe("runs");
  });
});
