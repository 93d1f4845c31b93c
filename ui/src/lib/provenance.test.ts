import { describe, expect, it } from "vitest";
import type { AiSpan, SpanHistory } from "./bindings";
import { acceptance, laterEdits, runs, share } from "./provenance";

const span = (start: number, end: number, id = "s1"): AiSpan => ({ start, end, suggestionId: id as AiSpan["suggestionId"], edited: false });

describe("the legal view's runs", () => {
  it("cut the text at each span by characters, keeping every character once", () => {
    const text = "Café — the rain. Odile sips.";
    const r = runs(text, [span(5, 6), span(17, 22, "s2")]);
    expect(r.map((x) => x.text).join("")).toBe(text);
    expect(r.filter((x) => x.span).map((x) => x.text)).toEqual(["—", "Odile"]);
    expect(r.find((x) => x.text === "Odile")?.index).toBe(1);
  });

  it("clamp spans that reach past the text", () => {
    expect(runs("abc", [span(2, 10)]).map((x) => x.text)).toEqual(["ab", "c"]);
  });
});

describe("the words about a span", () => {
  const h = {
    acceptedByName: "Dana",
    acceptedAt: 1,
    editedBeforeAccepting: true,
    editDistance: 0.25,
    charsAccepted: 40,
    charsNow: 31,
  } as SpanHistory;
  it("say who accepted it and how", () => {
    expect(acceptance(h)).toBe("By Dana, edited before accepting (25 % changed).");
    expect(laterEdits(h)).toBe("9 of 40 characters were changed or cut by people afterwards.");
    expect(share({ aiWords: 1, totalWords: 8 })).toBe("12.5 %");
  });
});
