import { describe, expect, it } from "vitest";
import type { DocumentId } from "$lib/bindings";
import { MockBackend } from "./backend";
import { applyHunks, hunks } from "./suggestions";

const NOW = 1_700_000_000_000;
const TEXT = "INT. KITCHEN - NIGHT\n\nMaya walks slowly to the door, and looks back.\n\nShe really sits.\n";
const FIRST = "Maya walks slowly to the door, and looks back.";

function setup() {
  const b = new MockBackend({ now: () => NOW, aiTiming: { wordMs: 0, retryScale: 0 } });
  b.setProfileName("Maya");
  const p = b.createProject({ title: "P", logline: "", kind: "short" });
  const d = b.createDocument({ projectId: p.id, title: "S", kind: "screenplay", format: "fountain", text: TEXT });
  b.ai.saveProvider(null, { name: "Local", kind: "ollama", baseUrl: "", model: "m", ownNetwork: false, apiKey: null });
  const start = TEXT.indexOf(FIRST);
  const vary = (takes: number) =>
    b.suggestions.vary({ documentId: d.id, start, end: start + FIRST.length, instruction: "tighten", preset: null, takes, providerId: null }, () => {});
  return { b, doc: d.id as DocumentId, vary };
}

describe("mock suggestions", () => {
  it("numbers word-diff hunks and applies only those chosen", () => {
    const hs = hunks("a b c d e", "a x c d y");
    expect(hs.map((h) => [h.n, h.removed, h.inserted])).toEqual([
      [1, "b", "x"],
      [2, "e", "y"],
    ]);
    expect(applyHunks("a b c d e", hs, [2])).toBe("a b c d y");
  });

  it("accepts chosen hunks, edits, rejects with a reason, and counts AI-touched words", async () => {
    const { b, doc, vary } = setup();
    const out = await vary(3);
    expect(out.suggestions).toHaveLength(3);
    const [one, two, three] = out.suggestions;
    expect(b.suggestions.reject(three.id, "too-long", null).state).toBe("rejected");
    expect(() => b.suggestions.reject(one.id, "other", null)).toThrow();
    expect(two.text).toContain("strides");
    const edited = two.text.replace("doorway", "back doorway");
    const applied = b.suggestions.accept(two.id, null, edited);
    expect(applied.suggestion.state).toBe("accepted_with_edits");
    expect(applied.suggestion.decision?.edited).toBe(true);
    expect(b.revision(applied.revision.id).text).toContain("back door");
    // The other take's passage changed: stale, refused.
    expect(b.suggestions.get(one.id).state).toBe("stale");
    expect(() => b.suggestions.accept(one.id, null, null)).toThrow(/cannot be applied/);
    const report = b.suggestions.attribution(doc, null);
    expect(report.aiWords).toBeGreaterThan(0);
    expect(report.aiWords).toBeLessThan(report.totalWords);
    expect(report.spans.some((s) => s.origin === "ai" && s.edited)).toBe(true);
    // "back " was typed by the writer: human.
    const text = b.revision(report.revisionId).text;
    const at = Array.from(text).indexOf("b", text.indexOf("back doorway"));
    expect(report.spans.find((s) => s.start <= at && at < s.end)?.origin).toBe("human");
    // Undo is one action and brings the text back.
    const undone = b.suggestions.undo(two.id);
    expect(b.revision(undone.revision.id).text).toBe(TEXT);
    expect(b.suggestions.attribution(doc, null).aiWords).toBe(0);
    // Reopening the rejected take: its passage is back, so pending again.
    expect(b.suggestions.reopen(three.id).state).toBe("pending");
  });

  it("accepts some hunks as partly accepted", async () => {
    const { b, vary } = setup();
    const out = await vary(2);
    const two = out.suggestions[1];
    expect(two.hunks.length).toBeGreaterThan(1);
    const r = b.suggestions.accept(two.id, [1], null);
    expect(r.suggestion.state).toBe("partly_accepted");
    expect(r.suggestion.decision?.hunksAccepted).toEqual([1]);
  });

  it("says plainly that the offline engine cannot write variations", async () => {
    const b = new MockBackend({ now: () => NOW, aiTiming: { wordMs: 0, retryScale: 0 } });
    const p = b.createProject({ title: "P", logline: "", kind: "short" });
    const d = b.createDocument({ projectId: p.id, title: "S", kind: "screenplay", format: "fountain", text: TEXT });
    await expect(b.suggestions.vary({ documentId: d.id, start: 0, end: 5, instruction: "x", preset: null, takes: 1, providerId: null }, () => {})).rejects.toMatchObject({
      code: "ai_failed",
    });
  });
});
