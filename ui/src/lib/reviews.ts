// Words and small rules for reviews as the app shows them: stage and review states, verdicts,
// due times. Pure (tested in reviews.test.ts); the store is reviews.svelte.ts.
import type { ReviewInfo, ReviewStatus, Role, StageStatus, Verdict } from "./bindings";

export const VERDICTS: { verdict: Verdict; label: string; tone: "ok" | "warn" | "bad" }[] = [
  { verdict: "approve", label: "Approve", tone: "ok" },
  { verdict: "approve_with_changes", label: "Approve with changes", tone: "ok" },
  { verdict: "request_changes", label: "Request changes", tone: "warn" },
  { verdict: "reject", label: "Reject", tone: "bad" },
];

export function verdictLabel(v: Verdict): string {
  return { approve: "approved", approve_with_changes: "approved with changes", request_changes: "requested changes", reject: "rejected" }[v];
}

/** "You approved “Pilot”." and the like, after a decision. */
export function decidedSentence(v: Verdict, title: string): string {
  const t = `“${title}”`;
  return { approve: `You approved ${t}.`, approve_with_changes: `You approved ${t} with changes.`, request_changes: `You requested changes to ${t}.`, reject: `You rejected ${t}.` }[v];
}

export function roleLabel(r: Role): string {
  return { writer: "writer", producer: "producer", legal_reviewer: "legal reviewer", admin: "admin" }[r];
}

export function stageLabel(s: StageStatus): string {
  return { waiting: "Waiting", open: "Open", approved: "Approved", changes_requested: "Changes requested", rejected: "Rejected" }[s.kind];
}

export function statusLabel(s: ReviewStatus): string {
  return { in_review: "In review", changes_requested: "Changes requested", rejected: "Rejected", locked: "Locked" }[s];
}

/** A review still under way (in review, or waiting for a new revision). */
export function isActive(r: ReviewInfo): boolean {
  return r.state.status === "in_review" || r.state.status === "changes_requested";
}

/** The review a document's panel shows: the one under way, else the newest. */
export function currentReview(list: ReviewInfo[]): ReviewInfo | null {
  return list.find(isActive) ?? list[0] ?? null;
}

/** When a stage opened with `dueAfterMs` is due, or the review's own due time. */
export function dueOf(r: ReviewInfo): number | null {
  const dues: number[] = [];
  if (r.dueAt !== null) dues.push(r.dueAt);
  r.state.stages.forEach((s, i) => {
    const after = r.workflow.stages[i]?.dueAfterMs;
    if (s.status.kind === "open" && after != null) dues.push(s.status.since + after);
  });
  return dues.length ? Math.min(...dues) : null;
}

/** "due in 3 days", "overdue by 2 hours". */
export function dueLabel(due: number, now: number): string {
  const ms = due - now;
  const abs = Math.abs(ms);
  const [n, unit] =
    abs >= 86_400_000 ? [Math.round(abs / 86_400_000), "day"] : abs >= 3_600_000 ? [Math.round(abs / 3_600_000), "hour"] : [Math.max(1, Math.round(abs / 60_000)), "minute"];
  const span = `${n} ${unit}${n === 1 ? "" : "s"}`;
  return ms >= 0 ? `due in ${span}` : `overdue by ${span}`;
}
