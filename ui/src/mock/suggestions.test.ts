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

  it("carries attribution through the editor's changes: AI words cut and pasted stay AI", async () => {
    const { b, doc, vary } = setup();
    const two = (await vary(3)).suggestions[1];
    const rev = b.suggestions.accept(two.id, null, null).revision;
    const ai = b.suggestions.attribution(doc, null).spans.find((s) => s.origin === "ai");
    if (!ai) throw new Error("no AI span");
    const chars = Array.from(b.revision(rev.id).text);
    const words = chars.slice(ai.start, ai.end).join("");
    const cut = [...chars.slice(0, ai.start), ...chars.slice(ai.end)];
    const at = cut.length - 2;
    const text = [...cut.slice(0, at), ...Array.from(words), ...cut.slice(at)].join("");
    const moved = (start: number) => [
      { from: ai.start, to: ai.end, insert: "", movedFrom: null },
      { from: at, to: at, insert: words, movedFrom: { revision: rev.id, start } },
    ];
    const before = b.suggestions.attribution(doc, rev.id).aiChars;
    const saved = b.saveRevision(doc, rev.id, text, moved(ai.start));
    const after = b.suggestions.attribution(doc, saved.meta.id);
    expect(after.aiChars).toBe(before);
    const span = after.spans.find((s) => s.start === at);
    expect([span?.end, span?.origin, span?.suggestionId]).toEqual([at + ai.end - ai.start, "ai", two.id]);
    // A copy from the earlier revision keeps its origins; a claim it does not back is typing.
    const copy = (start: number) => [{ from: 0, to: 0, insert: words, movedFrom: { revision: rev.id, start } }];
    const copied = b.saveRevision(doc, saved.meta.id, words + text, copy(ai.start));
    expect(b.suggestions.attribution(doc, copied.meta.id).aiChars).toBe(before + ai.end - ai.start);
    const forged = b.saveRevision(doc, copied.meta.id, words + words + text, copy(ai.start + 1));
    expect(b.suggestions.attribution(doc, forged.meta.id).aiChars).toBe(before + ai.end - ai.start);
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
