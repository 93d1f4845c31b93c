// Local drafts: what the person typed and has not saved as a revision, kept in the web view's
// own storage (localStorage), keyed by document id, with the revision the text started from.
// Written on every change (debounced) while the text differs from its revision, so it
// survives a team server going away, the window closing and the app crashing; removed once
// the text is saved, replaced by a loaded revision, or discarded by the person.
import type { DocumentId, RevisionId } from "./bindings";
import { debounce } from "./live";

export type Draft = {
  text: string;
  /** The revision the text was edited from (the parent its save should have). */
  baseId: RevisionId | null;
  /** When it was last written (ms since the epoch). */
  at: number;
};

type Storage = Pick<globalThis.Storage, "getItem" | "setItem" | "removeItem">;

const PREFIX = "greenlight.draft.";

/** How long typing pauses before the draft is written. */
export const DRAFT_DEBOUNCE_MS = 400;

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

function isDraft(v: unknown): v is Draft {
  if (!v || typeof v !== "object") return false;
  const d = v as Record<string, unknown>;
  return typeof d.text === "string" && (d.baseId === null || typeof d.baseId === "string") && typeof d.at === "number";
}

export class DraftStore {
  constructor(
    private readonly storage: Storage | null = browserStorage(),
    private readonly now: () => number = Date.now,
  ) {}

  /** The draft of `id`, or null (none, or unreadable). */
  load(id: DocumentId): Draft | null {
    try {
      const raw = this.storage?.getItem(PREFIX + id);
      if (!raw) return null;
      const v: unknown = JSON.parse(raw);
      return isDraft(v) ? v : null;
    } catch {
      return null;
    }
  }

  /** Keeps `text` as the draft of `id`; false when storage refused (full, or unavailable). */
  save(id: DocumentId, text: string, baseId: RevisionId | null): boolean {
    if (!this.storage) return false;
    try {
      this.storage.setItem(PREFIX + id, JSON.stringify({ text, baseId, at: this.now() } satisfies Draft));
      return true;
    } catch {
      return false;
    }
  }

  clear(id: DocumentId): void {
    try {
      this.storage?.removeItem(PREFIX + id);
    } catch {
      // Nothing to do: an unreadable draft is ignored anyway.
    }
  }
}

export const drafts = new DraftStore();

/**
 * Keeps one document's draft in step with its editor: written (debounced) while the text is
 * unsaved, removed as soon as it is not.
 */
export class DraftKeeper {
  #pending: { text: string; baseId: RevisionId | null } | null = null;
  #write: ReturnType<typeof debounce>;
  #warned = false;

  constructor(
    private readonly store: DraftStore,
    private readonly documentId: DocumentId,
    /** Told once when storage refuses a draft. */
    private readonly onfail: () => void = () => {},
    ms = DRAFT_DEBOUNCE_MS,
  ) {
    this.#write = debounce(() => this.#flushPending(), ms);
  }

  /** The editor's text changed (or was saved): `dirty` says whether it differs from its revision. */
  update(text: string, baseId: RevisionId | null, dirty: boolean): void {
    if (!dirty) {
      this.#pending = null;
      this.#write.cancel();
      this.store.clear(this.documentId);
      return;
    }
    this.#pending = { text, baseId };
    this.#write.call();
  }

  /** Writes a pending draft now (before the window goes away, or when the server drops). */
  flush(): void {
    this.#write.flush();
  }

  /** Forgets the draft: the person discarded their text. */
  discard(): void {
    this.#pending = null;
    this.#write.cancel();
    this.store.clear(this.documentId);
  }

  #flushPending(): void {
    const p = this.#pending;
    if (!p) return;
    this.#pending = null;
    if (!this.store.save(this.documentId, p.text, p.baseId) && !this.#warned) {
      this.#warned = true;
      this.onfail();
    }
  }
}
