import { describe, expect, it } from "vitest";
import { countWords, formatCount } from "./words";

describe("countWords", () => {
  it("counts runs of non-whitespace", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("   \n\t ")).toBe(0);
    expect(countWords("INT. ROOF - NIGHT")).toBe(4);
    expect(countWords("  two\nwords  ")).toBe(2);
    expect(countWords("naïve café — déjà vu")).toBe(5);
  });
  it("formats counts with plurals", () => {
    expect(formatCount(1, "word")).toBe("1 word");
    expect(formatCount(12345, "word")).toBe("12,345 words");
  });
});
