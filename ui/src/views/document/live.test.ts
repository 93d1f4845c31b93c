// The editor while others work on the same document (team mode), over the mock backend and
// its simulated team server: a newer revision announced live, "Show changes", "Load it" (which
// never replaces unsaved text), the local draft that survives a restart, and a save that waits
// for the server to come back. The real app's path is the end-to-end suite's.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { EditorView } from "@codemirror/view";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useBackend } from "$lib/api";
import { drafts } from "$lib/drafts";
import { live } from "$lib/live";
import { MockBackend } from "../../mock/backend";
import { mockService } from "../../mock/service";
import DocumentView from "../DocumentView.svelte";
import { pressSave, stubLayout } from "./editorHarness";

const BASE = "INT. DINER - NIGHT\n\nThe coffee is cold.\n\nMAYA\nWe should go.\n";

beforeAll(stubLayout);

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  useBackend(null);
});

function team() {
  const b = new MockBackend();
  b.setProfileName("Maya");
  const p = b.createProject({ title: "Live", logline: "", kind: "feature" });
  const d = b.createDocument({ projectId: p.id, title: "Pilot", kind: "screenplay", format: "fountain", text: BASE });
  b.db.mode = "team";
  b.db.onLive = (u) => live.dispatch(u);
  useBackend(mockService(b));
  return { b, doc: d.id };
}

async function mount(documentId: ReturnType<typeof team>["doc"]) {
  const r = render(DocumentView, { documentId });
  const content = await waitFor(() => {
    const el = document.querySelector(".cm-content");
    if (!el) throw new Error("no editor yet");
    return el as HTMLElement;
  });
  return { view: EditorView.findFromDOM(content)!, unmount: r.unmount };
}

function type(view: EditorView, find: string, replace: string) {
  const from = view.state.doc.toString().indexOf(find);
  view.dispatch({ changes: { from, to: from + find.length, insert: replace } });
}

describe("a newer revision saved by someone else", () => {
  it("is announced with who saved it; Show changes shows the word diff; Load it loads it", async () => {
    const { b, doc } = team();
    const { view } = await mount(doc);
    b.saveAs("Abel Ortiz", doc, BASE.replace("cold", "lukewarm"));
    const banner = await screen.findByTestId("newer-banner");
    expect(banner.textContent).toContain("Abel Ortiz saved a newer revision");

    await fireEvent.click(screen.getByTestId("newer-show-changes"));
    const pane = await screen.findByTestId("newer-pane");
    await waitFor(() => expect(pane.querySelector("[data-testid=diff-insert]")?.textContent).toContain("lukewarm"));

    await fireEvent.click(screen.getByTestId("newer-load"));
    await waitFor(() => expect(screen.queryByTestId("newer-banner")).toBeNull());
    expect(view.state.doc.toString()).toContain("lukewarm");
    expect(screen.queryByTestId("newer-pane")).toBeNull();
    expect(screen.getByTestId("save-status").textContent).toContain("Saved");
  });

  it("with unsaved text, Load it opens the merge flow and keeps what was typed", async () => {
    const { b, doc } = team();
    const { view } = await mount(doc);
    type(view, "We should go.", "We should go. Now.");
    b.saveAs("Abel Ortiz", doc, BASE.replace("INT. DINER", "INT. LATE DINER"));
    await screen.findByTestId("newer-banner");
    expect(screen.getByTestId("newer-banner").textContent).toContain("Your unsaved text is kept");
    await fireEvent.click(screen.getByTestId("newer-load"));
    await screen.findByTestId("conflict-panel");
    expect(view.state.doc.toString()).toContain("We should go. Now.");
    await fireEvent.click(screen.getByTestId("conflict-merge"));
    await waitFor(() => expect(screen.queryByTestId("conflict-panel")).toBeNull());
    expect(view.state.doc.toString()).toContain("INT. LATE DINER");
    expect(view.state.doc.toString()).toContain("We should go. Now.");
  });

  it("is not announced for this window's own save", async () => {
    const { doc } = team();
    const { view } = await mount(doc);
    type(view, "cold.", "cold. Again.");
    await pressSave();
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toContain("Saved"));
    await new Promise((r) => setTimeout(r, 250));
    expect(screen.queryByTestId("newer-banner")).toBeNull();
  });
});

describe("the local draft", () => {
  it("keeps unsaved text across a restart and offers it back; the editor waits until the person chooses", async () => {
    const { doc } = team();
    const first = await mount(doc);
    type(first.view, "We should go.", "We should go before dawn.");
    await waitFor(() => expect(drafts.load(doc)?.text).toContain("before dawn"), { timeout: 2000 });
    first.unmount();

    const { view } = await mount(doc);
    const banner = await screen.findByTestId("draft-banner");
    expect(banner.textContent).toContain("unsaved text");
    expect(view.state.readOnly).toBe(true);
    await fireEvent.click(screen.getByTestId("draft-restore"));
    await waitFor(() => expect(view.state.doc.toString()).toContain("before dawn"));
    expect(view.state.readOnly).toBe(false);
    expect(screen.getByTestId("save-status").textContent).toContain("Unsaved");
    await pressSave();
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toContain("Saved"));
    await waitFor(() => expect(drafts.load(doc)).toBeNull());
  });

  it("restored on the revision it was typed on: a newer one is announced and the save goes through the merge", async () => {
    const { b, doc } = team();
    const first = await mount(doc);
    type(first.view, "We should go.", "We should go before dawn.");
    await waitFor(() => expect(drafts.load(doc)).not.toBeNull(), { timeout: 2000 });
    first.unmount();
    b.saveAs("Abel Ortiz", doc, BASE.replace("cold", "lukewarm"));

    const { view } = await mount(doc);
    await fireEvent.click(await screen.findByTestId("draft-restore"));
    await screen.findByTestId("newer-banner");
    await pressSave();
    await screen.findByTestId("conflict-panel");
    await fireEvent.click(screen.getByTestId("conflict-merge"));
    await waitFor(() => expect(view.state.doc.toString()).toContain("lukewarm"));
    expect(view.state.doc.toString()).toContain("before dawn");
  });

  it("discarded, is gone", async () => {
    const { doc } = team();
    drafts.save(doc, "Something typed last week.", null);
    const { view } = await mount(doc);
    await fireEvent.click(await screen.findByTestId("draft-discard"));
    expect(drafts.load(doc)).toBeNull();
    expect(view.state.readOnly).toBe(false);
    expect(view.state.doc.toString()).toBe(BASE);
  });
});

describe("a save while the team server is unreachable", () => {
  it("keeps the text (and its draft) and saves it when the server is back", async () => {
    const { b, doc } = team();
    const { view } = await mount(doc);
    type(view, "cold.", "cold. She waits.");
    b.db.goOffline();
    await pressSave();
    await waitFor(() => expect(drafts.load(doc)?.text).toContain("She waits"));
    expect(screen.getByTestId("save-status").textContent).toContain("Unsaved");
    expect(b.revision(b.document(doc).headRevisionId!).text).toBe(BASE);

    b.db.goOnline();
    await waitFor(() => expect(b.revision(b.document(doc).headRevisionId!).text).toContain("She waits"));
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toContain("Saved"));
    expect(drafts.load(doc)).toBeNull();
  });

  it("shows the conflict panel when the document moved on meanwhile", async () => {
    const { b, doc } = team();
    const { view } = await mount(doc);
    type(view, "cold.", "cold. She waits.");
    b.db.goOffline();
    await pressSave();
    await waitFor(() => expect(drafts.load(doc)).not.toBeNull());
    b.db.online = true;
    b.saveAs("Abel Ortiz", doc, BASE.replace("MAYA", "ABEL"));
    b.db.goOnline();
    await screen.findByTestId("conflict-panel");
    expect(view.state.doc.toString()).toContain("She waits");
  });
});
