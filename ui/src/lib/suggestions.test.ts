import { describe, expect, it } from "vitest";
import { reduceTake, segments, startTakes, touchedLabel } from "./suggestions";

describe("suggestions view logic", () => {
  it("streams each take on its own", () => {
    let t = startTakes(2);
    t = reduceTake(t, 2, { type: "started", runId: "r2", providerName: "P", model: "m", local: true, template: "x" });
    t = reduceTake(t, 2, { type: "delta", text: "Hello " });
    t = reduceTake(t, 1, { type: "finished", outcome: "cancelled", partial: false, message: null, code: null });
    expect(t[0].status).toBe("cancelled");
    expect(t[1]).toMatchObject({ runId: "r2", text: "Hello ", status: "streaming", local: true });
  });

  it("cuts a passage into unchanged text and numbered hunks", () => {
    const s = segments("a b c", [{ n: 1, start: 2, end: 3, removed: "b", inserted: "x" }]);
    expect(s).toEqual([
      { kind: "same", text: "a " },
      { kind: "hunk", hunk: { n: 1, start: 2, end: 3, removed: "b", inserted: "x" } },
      { kind: "same", text: " c" },
    ]);
  });

  it("says how much is AI-touched", () => {
    expect(touchedLabel(0, 10)).toBe("AI-touched: 0 words (0 %)");
    expect(touchedLabel(1, 32)).toBe("AI-touched: 1 word (3.1 %)");
  });
});

describe("the hover card of an AI span", () => {
  it("names the model, provider, where it ran, who accepted and how edited", async () => {
    const { describeSpan } = await import("./suggestions");
    const s = {
      id: "sug_1",
      instruction: "Tighten",
      model: "llama3",
      providerName: "Ollama",
      local: true,
      state: "accepted_with_edits",
      decision: { byName: "Maya", edited: true, editDistance: 0.25 },
    } as unknown as import("./bindings").Suggestion;
    const t = describeSpan(s, true);
    expect(t).toContain("“Tighten”");
    expect(t).toContain("llama3 from Ollama (local, on this computer)");
    expect(t).toContain("Accepted by Maya");
    expect(t).toContain("25 % changed");
  });
});
