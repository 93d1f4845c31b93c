import { describe, expect, it } from "vitest";
import type { SceneInfo } from "../bindings";
import { daypart, formatEighths, locateScene, normalizeHeading, sceneAtLine, sceneRange, sceneTag } from "./structure";

const scene = (ordinal: number, line: number, heading = `INT. ROOM ${ordinal} - DAY`): SceneInfo => ({
  ordinal,
  number: null,
  heading,
  location: `ROOM ${ordinal}`,
  setting: "INT",
  timeOfDay: "DAY",
  characters: [],
  words: 0,
  eighths: 1,
  line,
});

describe("formatEighths", () => {
  it("writes eighths the way a schedule does", () => {
    expect(formatEighths(0)).toBe("0 pg");
    expect(formatEighths(3)).toBe("3/8 pg");
    expect(formatEighths(8)).toBe("1 pg");
    expect(formatEighths(11)).toBe("1 3/8 pg");
    expect(formatEighths(20)).toBe("2 4/8 pg");
  });
  it("never shows a negative or fractional eighth", () => {
    expect(formatEighths(-4)).toBe("0 pg");
    expect(formatEighths(2.6)).toBe("3/8 pg");
  });
});

describe("sceneAtLine", () => {
  const scenes = [scene(1, 5), scene(2, 20), scene(3, 41)];
  it("finds the last heading at or above the line", () => {
    expect(sceneAtLine(scenes, 5)?.ordinal).toBe(1);
    expect(sceneAtLine(scenes, 19)?.ordinal).toBe(1);
    expect(sceneAtLine(scenes, 20)?.ordinal).toBe(2);
    expect(sceneAtLine(scenes, 40)?.ordinal).toBe(2);
    expect(sceneAtLine(scenes, 10_000)?.ordinal).toBe(3);
  });
  it("is null above the first heading and for a script without scenes", () => {
    expect(sceneAtLine(scenes, 0)).toBeNull();
    expect(sceneAtLine([], 3)).toBeNull();
  });
});

describe("sceneTag and daypart", () => {
  it("joins setting and time, leaving out OTHER", () => {
    expect(sceneTag({ setting: "INT", timeOfDay: "night" })).toBe("INT · NIGHT");
    expect(sceneTag({ setting: "INT/EXT", timeOfDay: null })).toBe("INT/EXT");
    expect(sceneTag({ setting: "OTHER", timeOfDay: "CONTINUOUS" })).toBe("CONTINUOUS");
  });
  it("tells day from night", () => {
    expect(daypart("NIGHT")).toBe("night");
    expect(daypart("EARLY MORNING")).toBe("day");
    expect(daypart("CONTINUOUS")).toBe("other");
    expect(daypart(null)).toBe("other");
  });
});

describe("locateScene", () => {
  const lines = ["Title: X", "", "INT. KITCHEN - DAY", "", "Eggs.", "", "EXT. YARD - NIGHT", "", "Dogs."];
  it("keeps the saved line when the heading is still there", () => {
    expect(locateScene(lines, { line: 6, heading: "EXT. YARD - NIGHT" })).toBe(6);
  });
  it("follows a heading that unsaved edits moved", () => {
    const edited = ["New line", "", ...lines];
    expect(locateScene(edited, { line: 6, heading: "EXT. YARD - NIGHT" })).toBe(8);
    expect(locateScene(edited, { line: 2, heading: "int. kitchen - day" })).toBe(4);
  });
  it("ignores a forcing dot and a scene number", () => {
    expect(normalizeHeading(".flashback  #12A#")).toBe("FLASHBACK");
    expect(locateScene(["", ".FLASHBACK #3#"], { line: 0, heading: "FLASHBACK" })).toBe(1);
  });
  it("falls back to the saved line, clamped to the text", () => {
    expect(locateScene(lines, { line: 4, heading: "INT. GONE - DAY" })).toBe(4);
    expect(locateScene(lines, { line: 99, heading: "INT. GONE - DAY" })).toBe(8);
    expect(locateScene([], { line: 3, heading: "X" })).toBe(0);
  });
});

describe("sceneRange", () => {
  const text = "Title: X\n\nINT. CAFÉ - DAY\n\nMaya sips. 🎬\n\n\nEXT. ROOF - NIGHT\n\nWind.";
  const scenes = [
    { ordinal: 1, line: 2 },
    { ordinal: 2, line: 7 },
  ];
  const at = (r: { start: number; end: number } | null) => (r ? Array.from(text).slice(r.start, r.end).join("") : null);

  it("runs from the heading to the next heading, without the blank lines between", () => {
    expect(at(sceneRange(text, scenes, 1))).toBe("INT. CAFÉ - DAY\n\nMaya sips. 🎬");
  });
  it("counts Unicode scalar values, so text after an emoji lines up", () => {
    expect(at(sceneRange(text, scenes, 2))).toBe("EXT. ROOF - NIGHT\n\nWind.");
  });
  it("is null for a scene that is not there", () => {
    expect(sceneRange(text, scenes, 3)).toBeNull();
  });
});
