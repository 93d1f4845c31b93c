// Reviews in the mock, as core runs them on one computer: the one person holds every role, a
// review follows the project's workflow (the default: draft → producer → legal), each stage
// opening when the stages it waits for are approved (one approval decides a stage),
// "request changes" ends the round until a new revision starts the next, every stage
// approved locks it. The Rust machine (domain::workflow) is the reference; this follows it
// for the paths the UI shows.
import type {
  DocumentId,
  Inbox,
  ProjectId,
  ReviewDecisionRecord,
  ReviewDetail,
  ReviewId,
  ReviewInfo,
  Revision,
  RevisionId,
  StageState,
  UserId,
  Verdict,
  WordDiff,
  WorkflowTemplate,
} from "$lib/bindings";
import { idOf } from "$lib/ids";
import { fail } from "./validate";

export const DEFAULT_WORKFLOW: WorkflowTemplate = {
  name: "default",
  stages: [
    { name: "draft", roles: ["writer"], rule: "any", dueAfterMs: null, selfApproval: true, sceneScoped: false, after: [] },
    { name: "producer", roles: ["producer"], rule: "any", dueAfterMs: null, selfApproval: false, sceneScoped: false, after: ["draft"] },
    { name: "legal", roles: ["legal_reviewer"], rule: "any", dueAfterMs: null, selfApproval: false, sceneScoped: false, after: ["producer"] },
  ],
};

interface Deps {
  now: () => number;
  actor: () => { id: UserId; name: string };
  document: (id: DocumentId) => { id: DocumentId; projectId: ProjectId; title: string; headRevisionId: RevisionId | null };
  revision: (id: RevisionId) => Revision;
  diff: (from: RevisionId, to: RevisionId) => WordDiff;
  log: (kind: string, summary: string, projectId: ProjectId, documentId: DocumentId | null) => void;
  /** The project's template `name` (its first when null); refuses an unknown name. */
  workflow: (projectId: ProjectId, name: string | null) => WorkflowTemplate;
}

export class MockReviews {
  #reviews = new Map<ReviewId, ReviewInfo>();
  #decisions = new Map<ReviewId, ReviewDecisionRecord[]>();
  #next = 1;

  constructor(private readonly deps: Deps) {}

  request(documentId: DocumentId, workflow: string | null, dueAt: number | null): ReviewInfo {
    const d = this.deps.document(documentId);
    if (!d.headRevisionId) fail("conflict", `“${d.title}” has no saved revision to review yet`);
    const template = this.deps.workflow(d.projectId, workflow);
    const active = [...this.#reviews.values()].find((r) => this.#docOf(r) === documentId && (r.state.status === "in_review" || r.state.status === "changes_requested"));
    if (active) fail("conflict", `“${d.title}” is already under review (review ${active.id}, round ${active.state.round}); decide or finish that one first`);
    const now = this.deps.now();
    const me = this.deps.actor();
    const r: ReviewInfo = {
      id: idOf("review", `rvw_${(this.#next++).toString().padStart(4, "0")}`),
      projectId: d.projectId,
      subject: { kind: "revision", documentId, revisionId: d.headRevisionId! },
      title: d.title,
      workflow: template,
      state: { round: 1, status: "in_review", stages: template.stages.map((s) => ({ name: s.name, status: { kind: "waiting" }, decisions: [] })) },
      requestedBy: me.id,
      requestedByName: me.name,
      requestedAt: now,
      dueAt,
      updatedAt: now,
      approvedSubjectId: null,
      waitingForMe: [],
      overdue: [],
    };
    openReady(r, now);
    this.#store(r);
    this.#decisions.set(r.id, []);
    this.deps.log("review.requested", `requested a review of “${d.title}” (${template.stages.map((s) => s.name).join(", ")})`, d.projectId, documentId);
    return this.get(r.id);
  }

  decide(id: ReviewId, stage: string | null, subjectId: string | null, verdict: Verdict, comment: string | null): ReviewInfo {
    const r = structuredClone(this.get(id));
    const subject = r.subject.kind === "revision" ? r.subject.revisionId : r.subject.versionId;
    if (r.state.status === "locked") fail("conflict", "this review is locked: the revision was approved and cannot change. Further work starts a new revision that needs a new review");
    if (r.state.status === "rejected") fail("conflict", "this review was rejected; further work needs a new review");
    if (r.state.status === "changes_requested") fail("conflict", "changes were requested in this round; decisions resume when a new revision starts the next round");
    if (subjectId && subjectId !== subject) fail("conflict", `this decision is about ${subjectId}, but a newer revision (${subject}) is under review now (round ${r.state.round}); look at it and decide again`);
    const name = stage ?? r.waitingForMe[0] ?? fail("conflict", "nothing in this review waits for a decision now");
    const s = r.state.stages.find((x) => x.name === name) ?? fail("invalid_input", `'${name}' is not a stage of this review's workflow`);
    if (s.status.kind !== "open") fail("conflict", `stage '${name}' is not open for decisions (${s.status.kind.replace("_", " ")})`);
    const me = this.deps.actor();
    const now = this.deps.now();
    const roles = r.workflow.stages.find((w) => w.name === name)?.roles ?? [];
    s.decisions.push({ by: me.id, asRoles: roles, verdict, isAuthor: false, at: now, round: r.state.round });
    if (verdict === "request_changes") {
      s.status = { kind: "changes_requested", at: now };
      r.state.status = "changes_requested";
    } else if (verdict === "reject") {
      s.status = { kind: "rejected", at: now };
      r.state.status = "rejected";
    } else {
      s.status = { kind: "approved", at: now };
      r.approvedSubjectId = subject;
      openReady(r, now);
      if (r.state.stages.every((x) => x.status.kind === "approved")) r.state.status = "locked";
    }
    r.updatedAt = now;
    this.#decisions.get(id)!.push({ round: r.state.round, stage: name, by: me.id, byName: me.name, verdict, comment: comment?.trim() || null, subjectId: subject, at: now });
    this.#store(r);
    const verb = { approve: "approved", approve_with_changes: "approved with changes", request_changes: "requested changes to", reject: "rejected" }[verdict];
    this.deps.log("review.decided", `${verb} “${r.title}” at stage ${name}${r.state.status === "locked" ? ": every stage approved, the revision is locked" : ""}`, r.projectId, this.#docOf(r));
    return this.get(id);
  }

  /** A new revision of a document under review starts the next round. */
  afterSave(rev: Revision): void {
    for (const r of this.#reviews.values()) {
      if (this.#docOf(r) !== rev.meta.documentId) continue;
      if (r.state.status !== "in_review" && r.state.status !== "changes_requested") continue;
      const next = structuredClone(r);
      next.subject = { kind: "revision", documentId: rev.meta.documentId, revisionId: rev.meta.id };
      next.state.round += 1;
      next.state.status = "in_review";
      for (const s of next.state.stages) {
        s.status = { kind: "waiting" };
        s.decisions = [];
      }
      openReady(next, rev.meta.createdAt);
      next.updatedAt = rev.meta.createdAt;
      this.#store(next);
      this.deps.log("review.round_started", `started round ${next.state.round} of the review of “${r.title}”`, r.projectId, rev.meta.documentId);
    }
  }

  get(id: ReviewId): ReviewInfo {
    const r = this.#reviews.get(id) ?? fail("not_found", "Review not found (it may have been removed)");
    const waitingForMe = r.state.status === "in_review" ? r.state.stages.filter((s) => s.status.kind === "open").map((s) => s.name) : [];
    const overdue = r.dueAt !== null && r.state.status === "in_review" && this.deps.now() > r.dueAt ? [{ stage: "review", openedAt: r.requestedAt, dueAt: r.dueAt }] : [];
    return structuredClone({ ...r, waitingForMe, overdue });
  }

  inbox(): Inbox {
    const all = [...this.#reviews.values()].map((r) => this.get(r.id)).sort((a, b) => b.updatedAt - a.updatedAt);
    const me = this.deps.actor().id;
    const waiting = all.filter((r) => r.waitingForMe.length > 0);
    return { waiting, requested: all.filter((r) => r.requestedBy === me), overdue: waiting.filter((r) => r.overdue.length > 0).length };
  }

  ofDocument(documentId: DocumentId): ReviewInfo[] {
    this.deps.document(documentId);
    return this.inboxAll().filter((r) => this.#docOf(r) === documentId);
  }

  ofProject(projectId: ProjectId): ReviewInfo[] {
    return this.inboxAll().filter((r) => r.projectId === projectId);
  }

  detail(id: ReviewId): ReviewDetail {
    const review = this.get(id);
    const current = review.subject.kind === "revision" ? review.subject.revisionId : null;
    const approved = review.approvedSubjectId as RevisionId | null;
    const changes = current && approved && approved !== current ? this.deps.diff(approved, current) : null;
    return { review, decisions: structuredClone(this.#decisions.get(id) ?? []), changesSinceApproval: changes };
  }

  private inboxAll(): ReviewInfo[] {
    return [...this.#reviews.values()].map((r) => this.get(r.id)).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  #store(r: ReviewInfo) {
    this.#reviews.set(r.id, structuredClone(r));
  }

  #docOf(r: ReviewInfo): DocumentId | null {
    return r.subject.kind === "revision" ? r.subject.documentId : null;
  }
}

/** Opens each waiting stage whose stages it waits for are all approved. */
function openReady(r: ReviewInfo, at: number) {
  const stages: StageState[] = r.state.stages;
  const named = (name: string) => stages.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
  for (const w of r.workflow.stages) {
    const s = named(w.name)!;
    const ready = w.after.every((a) => named(a)?.status.kind === "approved");
    if (s.status.kind === "waiting" && ready) s.status = { kind: "open", since: at };
  }
}
