// Comments in the mock: threads on documents (passages carried by position only: the mock
// does not diff) and assets; resolved and reopened as a thread, as core does.
import type { AssetId, CommentAnchor, CommentId, CommentInfo, DocumentId, ProjectId, Revision, RevisionId, ReviewId, UserId } from "$lib/bindings";
import { fail } from "./validate";

interface Deps {
  now: () => number;
  actor: () => { id: UserId; name: string };
  document: (id: DocumentId) => { projectId: ProjectId; headRevisionId: RevisionId | null };
  revision: (id: RevisionId) => Revision;
}

export class MockComments {
  #all: CommentInfo[] = [];
  #next = 1;

  constructor(private readonly deps: Deps) {}

  add(documentId: DocumentId | null, assetId: AssetId | null, anchor: CommentAnchor, body: string, replyTo: CommentId | null, reviewId: ReviewId | null): CommentInfo {
    if ((documentId === null) === (assetId === null)) fail("invalid_input", "a comment is on a document or on an asset");
    const text = body.trim();
    if (!text) fail("invalid_input", "the comment is empty");
    const parent = replyTo ? (this.#all.find((c) => c.id === replyTo) ?? fail("not_found", "Comment not found (it may have been removed)")) : null;
    let quote: string | null = parent?.quote ?? null;
    if (!parent && anchor.kind === "span") {
      if (anchor.start >= anchor.end) fail("invalid_input", "the passage is empty: select the words the comment is about");
      quote = [...this.deps.revision(anchor.revisionId).text].slice(anchor.start, anchor.end).join("");
    }
    const me = this.deps.actor();
    const id = `cmt_${(this.#next++).toString().padStart(4, "0")}` as CommentId;
    const c: CommentInfo = {
      id,
      projectId: documentId ? this.deps.document(documentId).projectId : ("prj_assets" as ProjectId),
      documentId,
      assetId,
      reviewId,
      round: reviewId ? 1 : null,
      threadId: parent?.threadId ?? id,
      replyTo,
      anchor: parent?.anchor ?? anchor,
      quote,
      spanNow: null,
      outdated: false,
      body: text,
      authorId: me.id,
      authorName: me.name,
      createdAt: this.deps.now(),
      resolved: null,
    };
    this.#all.push(c);
    return structuredClone(c);
  }

  ofDocument(documentId: DocumentId): CommentInfo[] {
    this.deps.document(documentId);
    return this.#all
      .filter((c) => c.documentId === documentId)
      .map((c) => ({ ...structuredClone(c), spanNow: c.anchor.kind === "span" ? ([c.anchor.start, c.anchor.end] as [number, number]) : null }));
  }

  ofAsset(assetId: AssetId): CommentInfo[] {
    return structuredClone(this.#all.filter((c) => c.assetId === assetId));
  }

  resolve(id: CommentId, resolved: boolean): CommentInfo {
    const c = this.#all.find((x) => x.id === id) ?? fail("not_found", "Comment not found (it may have been removed)");
    const root = this.#all.find((x) => x.id === c.threadId)!;
    if ((root.resolved !== null) === resolved) fail("conflict", `this thread is already ${resolved ? "resolved" : "open"}`);
    const me = this.deps.actor();
    root.resolved = resolved ? { by: me.id, byName: me.name, at: this.deps.now() } : null;
    return structuredClone(root);
  }
}
