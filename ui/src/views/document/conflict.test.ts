// The document editor's answer to a save refused as a conflict, over the mock backend (which
// merges as core does): Merge, Save mine, Discard mine, and resolving marked conflicts. The
// real app's path (Rust merge, a second client) is the end-to-end suite's.
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/svelte";
import { undo } from "@codemirror/commands";
import { EditorView } from "@codemirror/view";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useBackend } from "$lib/api";
import type { DocumentId, RevisionId } from "$lib/bindings";
import { idOf } from "$lib/ids";
import type { MockBackend } from "../../mock/backend";
import { NOW, openDocument, pressSave, stubLayout } from "./editorHarness";

const BASE = "INT. DINER - NIGHT\n\nThe coffee is cold.\n\nMAYA\nWe should go.\n";

beforeAll(stubLayout);

afterEach(() => {
  cleanup();
  useBackend(null);
});

const open = () => openDocument(BASE);

/** Replaces `find` with `replace` in the editor, as typing would. */
function edit(view: EditorView, find: string, replace: string) {
  const from = view.state.doc.toString().indexOf(find);
  view.dispatch({ changes: { from, to: from + find.length, insert: replace } });
}

/** Another person saves a revision on top of `parent` (as a second client would). */
function theirSave(b: MockBackend, doc: DocumentId, parent: RevisionId, text: string) {
  const me = b.profile;
  b.profile = { id: idOf("user", "usr_abel"), name: "Abel", createdAt: NOW };
  const rev = b.saveRevision(doc, parent, text);
  b.profile = me;
  return rev;
}

const head = (b: MockBackend, doc: DocumentId) => b.revision(b.document(doc).headRevisionId!).text;

describe("a save refused as a conflict", () => {
  it("shows who saved, and Merge combines non-overlapping changes so the next save succeeds", async () => {
    const { b, doc, base, view } = await open();
    edit(view, "cold.", "ice cold.");
    theirSave(b, doc, base, BASE.replace("We should go.", "We should go. Now."));
    await pressSave();
    const panel = await screen.findByTestId("conflict-panel");
    await waitFor(() => expect(panel.textContent).toContain("Abel saved a newer revision"));
    expect(screen.getByTestId("conflict-summary").textContent).toContain("touch different lines");
    expect(screen.getByTestId("theirs-pane").textContent).toContain("Abel");

    await fireEvent.click(screen.getByTestId("conflict-merge"));
    await waitFor(() => expect(screen.queryByTestId("conflict-panel")).toBeNull());
    const merged = "INT. DINER - NIGHT\n\nThe coffee is ice cold.\n\nMAYA\nWe should go. Now.\n";
    expect(view.state.doc.toString()).toBe(merged);
    // Undo brings the person's own text back.
    undo(view);
    expect(view.state.doc.toString()).toBe(BASE.replace("cold.", "ice cold."));
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: merged } });

    await pressSave();
    await waitFor(() => expect(head(b, doc)).toBe(merged));
    expect(b.listRevisions(doc)).toHaveLength(3);
  });

  it("marks overlapping changes, refuses to save them marked, and saves once each is resolved", async () => {
    const { b, doc, base, view } = await open();
    edit(view, "We should go.", "We should run.");
    theirSave(b, doc, base, BASE.replace("We should go.", "We should stay."));
    await pressSave();
    await waitFor(() => expect(screen.getByTestId("conflict-summary").textContent).toContain("one place"));
    await fireEvent.click(screen.getByTestId("conflict-merge"));
    const bar = await screen.findByTestId("resolve-bar");
    expect(screen.getByTestId("resolve-count").textContent).toContain("One conflict");
    expect(view.state.doc.toString()).toContain("<<<<<<< your text\nWe should run.\n=======\nWe should stay.\n>>>>>>> saved by Abel\n");
    expect(document.querySelectorAll(".cm-conflict-marker")).toHaveLength(3);

    const revisions = b.listRevisions(doc).length;
    await pressSave();
    expect(b.listRevisions(doc)).toHaveLength(revisions);

    await fireEvent.click(screen.getByTestId("resolve-both"));
    expect(view.state.doc.toString()).toBe(BASE.replace("We should go.\n", "We should run.\nWe should stay.\n"));
    await waitFor(() => expect(bar.textContent).toContain("No conflicts left"));
    await fireEvent.click(screen.getByTestId("resolve-save"));
    await waitFor(() => expect(head(b, doc)).toBe(BASE.replace("We should go.\n", "We should run.\nWe should stay.\n")));
    await waitFor(() => expect(screen.queryByTestId("resolve-bar")).toBeNull());
  });

  it("saves mine on top of theirs, or discards mine with undo to bring it back", async () => {
    const { b, doc, base, view } = await open();
    edit(view, "We should go.", "We should run.");
    const theirs = theirSave(b, doc, base, BASE.replace("We should go.", "We should stay."));
    await pressSave();
    await waitFor(() => expect(screen.getByTestId("conflict-discard")).not.toHaveProperty("disabled", true));
    await fireEvent.click(screen.getByTestId("conflict-discard"));
    await waitFor(() => expect(view.state.doc.toString()).toBe(theirs.text));
    undo(view);
    expect(view.state.doc.toString()).toBe(BASE.replace("We should go.", "We should run."));
    // Mine is now an edit of theirs: it saves on top.
    await pressSave();
    await waitFor(() => expect(head(b, doc)).toBe(BASE.replace("We should go.", "We should run.")));

    const second = theirSave(b, doc, b.document(doc).headRevisionId!, BASE);
    edit(view, "We should run.", "We should fly.");
    await pressSave();
    await waitFor(() => expect(screen.getByTestId("conflict-save-mine")).not.toHaveProperty("disabled", true));
    await fireEvent.click(screen.getByTestId("conflict-save-mine"));
    await waitFor(() => expect(head(b, doc)).toBe(BASE.replace("We should go.", "We should fly.")));
    expect(b.revision(b.document(doc).headRevisionId!).meta.parentId).toBe(second.meta.id);
    expect(screen.queryByTestId("conflict-panel")).toBeNull();
  });
});
