// The open document while others work on it. When the team server announces a change on the
// document's project, the newest revision is looked up; one that is not the revision the
// editor's text started from (and not one this window saved) is offered in a banner: who saved
// it and when, its word diff, and "Load it". Loading never loses what the person typed:
// unsaved text goes through the conflict flow (merge, save mine, discard mine) instead.
import { api, type Document, type DocumentId, type ProjectId, type Revision, type RevisionId, type RevisionMeta } from "$lib/api";
import { live, type LiveBus } from "$lib/live";
import { toasts } from "$lib/toasts.svelte";

export type LiveDocumentHost = {
  documentId(): DocumentId | null;
  projectId(): ProjectId | null;
  /** The revision the editor's text started from. */
  baseId(): RevisionId | null;
  dirty(): boolean;
  saving(): boolean;
  /** Makes `rev` the editor's text and the revision it starts from (one undoable change). */
  load(rev: Revision): void;
  /** Unsaved text meets a newer revision: the conflict flow decides. */
  resolve(): void;
  /** The document as read now (its title may have changed). */
  seen(doc: Document): void;
};

export class LiveDocument {
  /** The newest revision, when it is newer than the editor's and saved elsewhere. */
  newer = $state<RevisionMeta | null>(null);
  /** The revision the editor's text started from, for "Show changes". */
  base = $state<RevisionMeta | null>(null);
  /** Whether the word diff of the newer revision is shown beside the editor. */
  changesShown = $state(false);
  busy = $state(false);
  /** The newer revision the person waved away (shown again only for a newer one still). */
  #dismissed = $state<RevisionId | null>(null);
  /** Revisions this window saved (read only by `check`, so a plain list: not reactive state). */
  readonly #own: RevisionId[] = [];
  #deferred = false;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(
    private readonly host: LiveDocumentHost,
    private readonly bus: LiveBus = live,
  ) {}

  /** The revision the banner offers, or null. */
  get offered(): RevisionMeta | null {
    const n = this.newer;
    return n && n.id !== this.host.baseId() && n.id !== this.#dismissed ? n : null;
  }

  /** Follows the project's announcements (and reconnections); returns the function that stops. */
  start(): () => void {
    return this.bus.onChange(
      (chain) => chain === this.host.projectId(),
      () => void this.check(),
    );
  }

  /** A revision this window saved: never offered back as someone else's. */
  saved(id: RevisionId): void {
    this.#own.push(id);
    if (this.#own.length > 100) this.#own.shift();
  }

  /** A save finished (or failed): a check that waited for it runs now. */
  settled(): void {
    if (!this.#deferred) return;
    this.#deferred = false;
    void this.check();
  }

  /** Looks up the newest revision (one lookup at a time; a request meanwhile runs after). */
  check(): Promise<void> {
    if (this.host.saving()) {
      // The head may be this window's own save, not yet acknowledged.
      this.#deferred = true;
      return Promise.resolve();
    }
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#check().finally(() => {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        void this.check();
      }
    });
    return this.#running;
  }

  async #check(): Promise<void> {
    const id = this.host.documentId();
    if (!id) return;
    let doc: Document;
    try {
      doc = await api.document_get({ id });
    } catch {
      // Offline or gone: the connection banner (or the next check) says so.
      return;
    }
    this.host.seen(doc);
    const head = doc.headRevisionId;
    const base = this.host.baseId();
    if (!head || head === base || this.#own.includes(head)) {
      this.newer = null;
      this.changesShown = false;
      return;
    }
    if (this.newer?.id === head) return;
    try {
      const [rev, baseRev] = await Promise.all([
        api.revision_get({ id: head }),
        base ? api.revision_get({ id: base }) : Promise.resolve(null),
      ]);
      this.base = baseRev?.meta ?? null;
      this.newer = rev.meta;
    } catch {
      // Try again on the next announcement.
    }
  }

  toggleChanges(): void {
    this.changesShown = !this.changesShown && this.offered !== null;
  }

  /** Loads the newer revision, or (with unsaved text) hands over to the conflict flow. */
  async loadIt(): Promise<void> {
    const n = this.offered;
    if (!n || this.busy) return;
    if (this.host.dirty()) {
      this.changesShown = false;
      this.host.resolve();
      return;
    }
    this.busy = true;
    try {
      const rev = await api.revision_get({ id: n.id });
      this.host.load(rev);
      this.newer = null;
      this.changesShown = false;
    } catch (e) {
      toasts.error(e);
    } finally {
      this.busy = false;
    }
  }

  /** Hides the banner until an even newer revision arrives. */
  dismiss(): void {
    this.#dismissed = this.newer?.id ?? null;
    this.changesShown = false;
  }
}
