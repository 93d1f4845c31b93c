// The open document's text when the team server is not there: unsaved text is kept on this
// computer (a draft, by document, with the revision it started from) on every change, so a
// lost connection, a closed window or a crash loses nothing. Reopening a document with a draft
// offers it back (the editor waits read-only until the person restores or discards it); a save
// that could not reach the server runs again when it is back (or meets the conflict flow if
// the document moved on meanwhile).
import { api, type DocumentId, type Revision, type RevisionId } from "$lib/api";
import { DraftKeeper, drafts, type Draft, type DraftStore } from "$lib/drafts";
import { live, type LiveBus } from "$lib/live";
import { toasts } from "$lib/toasts.svelte";

export type LocalDraftHost = {
  /** The revision the editor's text started from. */
  baseId(): RevisionId | null;
  /** Makes `rev` the revision the editor's text starts from (the editor is left alone). */
  rebase(rev: Revision): void;
  /** Puts `text` in the editor as one undoable change. */
  replace(text: string): void;
  /** Saves the editor's text (the save that waited for the server). */
  save(): void;
  /** Someone may have saved meanwhile: look. */
  check(): void;
};

export class LocalDraft {
  /** Text kept from an earlier session, waiting for the person to restore or discard it. */
  offer = $state<Draft | null>(null);
  /** A save that could not reach the team server; it runs again when the server is back. */
  #pendingSave = false;
  readonly #keeper: DraftKeeper;

  constructor(
    private readonly documentId: DocumentId,
    private readonly host: LocalDraftHost,
    private readonly store: DraftStore = drafts,
    private readonly bus: LiveBus = live,
  ) {
    this.#keeper = new DraftKeeper(store, documentId, () =>
      toasts.push("error", "Your unsaved text could not be kept on this computer (its storage is full). Save it as a revision soon."),
    );
  }

  /** The document opened with `body` as its newest text: is there a draft to offer? */
  opened(body: string): void {
    const kept = this.store.load(this.documentId);
    if (kept && kept.text !== body) this.offer = kept;
    else if (kept) this.store.clear(this.documentId);
  }

  /** The editor's text changed (or was saved): keep the draft in step, unless one is on offer. */
  track(text: string, dirty: boolean): void {
    if (!this.offer) this.#keeper.update(text, this.host.baseId(), dirty);
  }

  /** Follows the connection: a draft is written at once when it drops, a waiting save runs when it is back. */
  start(): () => void {
    const off = this.bus.subscribe((u) => {
      if (u.kind === "offline") this.#keeper.flush();
      else if (u.kind === "online" && this.#pendingSave) {
        this.#pendingSave = false;
        this.host.save();
      }
    });
    const flush = () => this.#keeper.flush();
    window.addEventListener("pagehide", flush);
    return () => {
      off();
      window.removeEventListener("pagehide", flush);
      this.#keeper.flush();
    };
  }

  /** Puts the offered draft back in the editor, on the revision it was typed on. */
  async restore(): Promise<void> {
    const d = this.offer;
    if (!d) return;
    if (d.baseId && d.baseId !== this.host.baseId()) {
      try {
        const base = await api.revision_get({ id: d.baseId });
        if (base.meta.documentId === this.documentId) this.host.rebase(base);
      } catch {
        toasts.info("The revision your text was typed on is gone, so it is restored on top of the newest revision.");
      }
    }
    this.offer = null;
    this.host.replace(d.text);
    // Someone may have saved since: the banner says so, and saving merges.
    this.host.check();
  }

  /** The person does not want the offered draft, or left the document without saving. */
  discard(): void {
    this.offer = null;
    this.#keeper.discard();
  }

  /** A save could not reach the server: it waits; the text stays here and on this computer. */
  waitForServer(): void {
    this.#pendingSave = true;
    this.#keeper.flush();
    toasts.push("error", "Not saved yet: the team server cannot be reached. Your text is kept, and it is saved when the server is back.");
  }

  saved(): void {
    this.#pendingSave = false;
  }
}
