import { describe, expect, it } from "vitest";
import { fileName, importMessage, splitImportable } from "./imports";

describe("splitImportable", () => {
  it("keeps scripts and documents in drop order and refuses the rest", () => {
    const r = splitImportable(["/a/Pilot.FDX", "C:\\b\\notes.md", "/c/photo.jpg", "/d/Cold Open.fountain", "/e/README"]);
    expect(r.accepted).toEqual(["/a/Pilot.FDX", "C:\\b\\notes.md", "/d/Cold Open.fountain"]);
    expect(r.refused).toEqual(["/c/photo.jpg", "/e/README"]);
  });
  it("does not take a dot file for an extension", () => {
    expect(splitImportable(["/x/.txt"]).refused).toEqual(["/x/.txt"]);
    expect(fileName("C:\\x\\y.txt")).toBe("y.txt");
  });
});

describe("importMessage", () => {
  it("is short without warnings", () => {
    expect(importMessage("Pilot", [])).toBe("Imported “Pilot”.");
  });
  it("lists warnings, one a line, capped", () => {
    const m = importMessage("Pilot", ["a", "b", "c"], 2);
    expect(m).toBe("Imported “Pilot”. 3 things could not be carried over exactly:\n• a\n• b\n• and 1 more");
    expect(importMessage("P", ["x"])).toContain("One thing could");
  });
});
