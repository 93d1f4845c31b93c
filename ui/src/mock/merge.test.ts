// The mock's merge gives what Rust's `merge_texts` gives on the same cases
// (crates/domain/src/merge.rs tests).
import { describe, expect, it } from "vitest";
import { findConflicts } from "$lib/conflicts";
import { mergeTexts } from "./merge";

const BASE = "INT. DINER - NIGHT\n\nThe coffee is cold.\n\nMAYA\nWe should go.\n\nEXT. LOT - NIGHT\n\nRain.\n";

describe("mergeTexts (mock, as Rust's merge_texts)", () => {
  it("merges changes to different paragraphs cleanly", () => {
    const m = mergeTexts(BASE, BASE.replace("cold.", "ice cold."), BASE.replace("Rain.", "Rain hammers the cars."), "saved by Abel");
    expect(m.conflicts).toBe(0);
    expect(m.text).toBe(BASE.replace("cold.", "ice cold.").replace("Rain.", "Rain hammers the cars."));
  });

  it("marks changes to the same line, keeping both and merging the rest", () => {
    const mine = BASE.replace("We should go.", "We should run.");
    const theirs = BASE.replace("We should go.", "We should stay.").replace("Rain.", "Snow.");
    const m = mergeTexts(BASE, mine, theirs, "saved by Abel");
    expect(m.conflicts).toBe(1);
    expect(m.text).toContain("<<<<<<< your text\nWe should run.\n=======\nWe should stay.\n>>>>>>> saved by Abel\n");
    expect(m.text).toContain("Snow.");
    expect(findConflicts(m.text, m.markers)).toHaveLength(1);
  });

  it("keeps an identical change once, and one side's change as it is", () => {
    const both = BASE.replace("Rain.", "Rain, sideways.");
    expect(mergeTexts(BASE, both, both, "x")).toMatchObject({ text: both, conflicts: 0 });
    expect(mergeTexts(BASE, both, BASE, "x").text).toBe(both);
    expect(mergeTexts(BASE, BASE, both, "x").text).toBe(both);
  });

  it("merges from an empty base", () => {
    expect(mergeTexts("", "Hello.\n", "Hello.\n", "x")).toMatchObject({ text: "Hello.\n", conflicts: 0 });
    expect(mergeTexts("", "Mine.\n", "Theirs.\n", "saved by Abel").text).toBe(
      "<<<<<<< your text\nMine.\n=======\nTheirs.\n>>>>>>> saved by Abel\n",
    );
  });

  it("puts markers on their own lines after a last line without a line break", () => {
    expect(mergeTexts("A\nB", "A\nmine", "A\ntheirs", "saved by Abel").text).toBe(
      "A\n<<<<<<< your text\nmine\n=======\ntheirs\n>>>>>>> saved by Abel\n",
    );
  });

  it("makes markers longer than any marker-like line, and one line long", () => {
    const base = "Page one.\n\n===\n\n<<<<<<<<< not a marker\nEnd.\n";
    const m = mergeTexts(base, base.replace("End.", "The end."), base.replace("End.", "Fin."), "saved by\nEve");
    expect(m.markers).toEqual({ mine: `${"<".repeat(10)} your text`, separator: "=".repeat(10), theirs: `${">".repeat(10)} saved by Eve` });
    expect(findConflicts(m.text, m.markers)).toHaveLength(1);
  });
});
