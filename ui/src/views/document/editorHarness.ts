// The document view over the mock backend, for tests that type in the real editor.
import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { EditorView } from "@codemirror/view";
import { useBackend } from "$lib/api";
import type { DocumentId, RevisionId } from "$lib/bindings";
import { MockBackend } from "../../mock/backend";
import { mockService } from "../../mock/service";
import DocumentView from "../DocumentView.svelte";

export const NOW = 1_700_000_000_000;

/** jsdom has no layout; CodeMirror measures through these (call in `beforeAll`). */
export function stubLayout(): void {
  const rect = { x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) };
  Range.prototype.getClientRects = () => Object.assign([rect], { item: () => rect }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => rect as DOMRect;
  Element.prototype.scrollTo ??= () => {};
}

/**
 * A screenplay holding `text` opened in the document view, with its editor; `prepare` runs
 * on the backend before the view opens.
 */
export async function openDocument(
  text: string,
  prepare?: (b: MockBackend, doc: DocumentId) => Promise<void>,
  b = new MockBackend({ now: () => NOW }),
): Promise<{ b: MockBackend; doc: DocumentId; base: RevisionId; view: EditorView }> {
  b.setProfileName("Maya");
  const p = b.createProject({ title: "Merge", logline: "", kind: "feature" });
  const d = b.createDocument({ projectId: p.id, title: "Pilot", kind: "screenplay", format: "fountain", text });
  await prepare?.(b, d.id);
  useBackend(mockService(b));
  render(DocumentView, { documentId: d.id });
  const content = await waitFor(() => {
    const el = document.querySelector(".cm-content");
    if (!el) throw new Error("no editor yet");
    return el as HTMLElement;
  });
  const view = EditorView.findFromDOM(content)!;
  return { b, doc: d.id, base: b.document(d.id).headRevisionId!, view };
}

export const pressSave = () => fireEvent.keyDown(window, { key: "s", ctrlKey: true });
