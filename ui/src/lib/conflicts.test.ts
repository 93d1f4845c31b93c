import { describe, expect, it } from "vitest";
import { conflictAt, findConflicts, nextConflict, resolution } from "./conflicts";

const markers = { mine: "<<<<<<< your text", separator: "=======", theirs: ">>>>>>> saved by Abel" };
const block = (mine: string, theirs: string) => `${markers.mine}\n${mine}${markers.separator}\n${theirs}${markers.theirs}\n`;
const TEXT = `Intro.\n${block("Mine one.\n", "Theirs one.\n")}Middle.\n${block("", "Theirs two.\nMore.\n")}End.`;

describe("conflicts left by a merge", () => {
  it("finds each marked block with its sides, lines and offsets", () => {
    const found = findConflicts(TEXT, markers);
    expect(found.map((c) => [c.line, c.lastLine, c.mine, c.theirs])).toEqual([
      [1, 5, "Mine one.\n", "Theirs one.\n"],
      [7, 11, "", "Theirs two.\nMore.\n"],
    ]);
    expect(TEXT.slice(found[0].from, found[0].to)).toBe(block("Mine one.\n", "Theirs one.\n"));
  });

  it("resolves a block by keeping mine, theirs or both", () => {
    const [c] = findConflicts(TEXT, markers);
    const keep = (side: "mine" | "theirs" | "both") => TEXT.slice(0, c.from) + resolution(c, side) + TEXT.slice(c.to);
    expect(keep("mine").startsWith("Intro.\nMine one.\nMiddle.\n")).toBe(true);
    expect(keep("theirs").startsWith("Intro.\nTheirs one.\nMiddle.\n")).toBe(true);
    expect(keep("both").startsWith("Intro.\nMine one.\nTheirs one.\nMiddle.\n")).toBe(true);
    expect(findConflicts(keep("mine"), markers)).toHaveLength(1);
  });

  it("ignores lines that only look like markers, and half-deleted blocks", () => {
    expect(findConflicts("<<<<<<< your texts\n=======\n>>>>>>> saved by Abel\n", markers)).toEqual([]);
    expect(findConflicts(`${markers.mine}\nA\n${markers.separator}\nB\n`, markers)).toEqual([]);
    expect(findConflicts("", markers)).toEqual([]);
  });

  it("picks the conflict around or after the cursor, and the next one, wrapping", () => {
    const found = findConflicts(TEXT, markers);
    expect(conflictAt(found, 0)?.line).toBe(1);
    expect(conflictAt(found, 3)?.line).toBe(1);
    expect(conflictAt(found, 6)?.line).toBe(7);
    expect(conflictAt(found, 12)?.line).toBe(1);
    expect(nextConflict(found, 0)?.line).toBe(1);
    expect(nextConflict(found, 3)?.line).toBe(7);
    expect(nextConflict(found, 8)?.line).toBe(1);
    expect(nextConflict(found, 12)?.line).toBe(1);
    expect(nextConflict([], 0)).toBeNull();
  });
});
