import { describe, expect, it } from "vitest";
import type { DiffOp } from "./bindings";
import { diffSegments, diffStats, isUnchanged, normalizeOps, splitLinesKeepEnds } from "./diff";
import { idOf } from "./ids";

const eq = (text: string): DiffOp => ({ kind: "equal", text });
const ins = (text: string): DiffOp => ({ kind: "insert", text });
const del = (text: string): DiffOp => ({ kind: "delete", text });

function rebuild(segs: { kind: string; text: string }[], side: "from" | "to"): string {
  return segs.filter((s) => s.kind !== (side === "from" ? "insert" : "delete")).map((s) => s.text).join("");
}

describe("normalizeOps", () => {
  it("merges neighbours, drops empties and puts deletions before insertions", () => {
    expect(normalizeOps([eq("a "), eq("b "), ins(""), ins("new"), del("old"), eq(" c")])).toEqual([
      eq("a b "),
      del("old"),
      ins("new"),
      eq(" c"),
    ]);
  });
  it("joins a deletion split around an insertion", () => {
    expect(normalizeOps([del("x "), ins("y "), del("z ")])).toEqual([del("x z "), ins("y ")]);
  });
});

describe("diffSegments", () => {
  const lines = (n: number, p = "line") => Array.from({ length: n }, (_, i) => `${p} ${i + 1}\n`).join("");

  it("keeps short unchanged runs whole", () => {
    const segs = diffSegments([eq("one two "), ins("three"), eq(" four")]);
    expect(segs.map((s) => s.kind)).toEqual(["equal", "insert", "equal"]);
  });

  it("folds long unchanged stretches but keeps context next to changes", () => {
    const ops = [eq(lines(30, "a")), ins("NEW\n"), eq(lines(30, "b")), del("OLD\n"), eq(lines(30, "c"))];
    const segs = diffSegments(ops, 3);
    expect(segs.map((s) => s.kind)).toEqual(["fold", "equal", "insert", "equal", "fold", "equal", "delete", "equal", "fold"]);
    const firstFold = segs[0];
    expect(firstFold.kind === "fold" && firstFold.lines).toBe(26);
    // Nothing is lost: both texts can be rebuilt from the segments.
    expect(rebuild(segs, "from")).toBe(lines(30, "a") + lines(30, "b") + "OLD\n" + lines(30, "c"));
    expect(rebuild(segs, "to")).toBe(lines(30, "a") + "NEW\n" + lines(30, "b") + lines(30, "c"));
  });

  it("does not fold when the texts are identical", () => {
    expect(diffSegments([eq(lines(50))]).map((s) => s.kind)).toEqual(["equal"]);
  });
});

describe("helpers", () => {
  it("splits lines keeping their ends", () => {
    expect(splitLinesKeepEnds("a\nb\n")).toEqual(["a\n", "b\n"]);
    expect(splitLinesKeepEnds("a\n\nb")).toEqual(["a\n", "\n", "b"]);
    expect(splitLinesKeepEnds("")).toEqual([]);
  });
  it("formats stats with a real minus sign", () => {
    expect(diffStats({ wordsInserted: 12, wordsDeleted: 3 })).toBe("+12 −3 words");
    expect(diffStats({ wordsInserted: 1, wordsDeleted: 0 })).toBe("+1 −0 word");
  });
  it("detects unchanged diffs", () => {
    expect(isUnchanged({ fromId: idOf("revision", "a"), toId: idOf("revision", "b"), ops: [eq("x")], wordsInserted: 0, wordsDeleted: 0 })).toBe(true);
    expect(isUnchanged({ fromId: idOf("revision", "a"), toId: idOf("revision", "b"), ops: [ins("x")], wordsInserted: 1, wordsDeleted: 0 })).toBe(false);
  });
});
