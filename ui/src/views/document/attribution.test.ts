// The editor's changes reach the save: AI words cut and pasted in the real editor stay AI
// (over the mock backend, which carries attribution as core does).
import { cleanup, waitFor } from "@testing-library/svelte";
import { Transaction } from "@codemirror/state";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useBackend } from "$lib/api";
import type { SuggestionId } from "$lib/bindings";
import { MockBackend } from "../../mock/backend";
import { NOW, openDocument, pressSave, stubLayout } from "./editorHarness";

const TEXT = "INT. KITCHEN - NIGHT\n\nMaya walks slowly to the door, and looks back.\n\nShe really sits.\n";
const PASSAGE = "Maya walks slowly to the door, and looks back.";

beforeAll(stubLayout);

afterEach(() => {
  cleanup();
  useBackend(null);
});

describe("saving from the editor", () => {
  it("keeps AI words cut and pasted elsewhere AI, with their suggestion", async () => {
    let suggestion: SuggestionId | null = null;
    const { b, doc, view } = await openDocument(
      TEXT,
      async (b, doc) => {
        b.ai.saveProvider(null, { name: "Local", kind: "ollama", baseUrl: "", model: "m", ownNetwork: false, apiKey: null });
        const start = TEXT.indexOf(PASSAGE);
        const take = (await b.suggestions.vary({ documentId: doc, start, end: start + PASSAGE.length, instruction: "tighten", preset: null, takes: 2, providerId: null }, () => {}))
          .suggestions[1];
        b.suggestions.accept(take.id, null, null);
        suggestion = take.id;
      },
      new MockBackend({ now: () => NOW, aiTiming: { wordMs: 0, retryScale: 0 } }),
    );
    const before = b.suggestions.attribution(doc, null);
    const first = before.spans.find((s) => s.origin === "ai")!;
    const words = view.state.sliceDoc(first.start, first.end); // ASCII: UTF-16 offsets are scalars
    view.dispatch({ changes: { from: first.start, to: first.end }, annotations: Transaction.userEvent.of("delete.cut") });
    const at = view.state.doc.length - 2;
    view.dispatch({ changes: { from: at, insert: words }, annotations: Transaction.userEvent.of("input.paste") });
    const text = view.state.doc.toString();
    await pressSave();
    await waitFor(() => expect(b.revision(b.document(doc).headRevisionId!).text).toBe(text));
    const after = b.suggestions.attribution(doc, null);
    expect(after.aiChars).toBe(before.aiChars);
    const moved = after.spans.find((s) => s.start === at);
    expect([moved?.end, moved?.origin, moved?.suggestionId]).toEqual([at + words.length, "ai", suggestion]);
  });
});
