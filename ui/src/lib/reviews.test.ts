import { describe, expect, it } from "vitest";
import type { ReviewInfo } from "./bindings";
import { idOf } from "./ids";
import { DEFAULT_WORKFLOW } from "../mock/reviews";
import { currentReview, decidedSentence, dueLabel, dueOf, isActive, stageLabel } from "./reviews";

function review(status: ReviewInfo["state"]["status"], updatedAt: number, dueAt: number | null = null): ReviewInfo {
  return {
    id: idOf("review", `r${updatedAt}`),
    projectId: idOf("project", "p"),
    subject: { kind: "revision", documentId: idOf("document", "d"), revisionId: idOf("revision", "v") },
    title: "Pilot",
    workflow: { ...DEFAULT_WORKFLOW, stages: DEFAULT_WORKFLOW.stages.map((s, i) => ({ ...s, dueAfterMs: i === 1 ? 3_600_000 : null })) },
    state: {
      round: 1,
      status,
      stages: [
        { name: "draft", status: { kind: "approved", at: 0 }, decisions: [] },
        { name: "producer", status: { kind: "open", since: 1_000 }, decisions: [] },
        { name: "legal", status: { kind: "waiting" }, decisions: [] },
      ],
    },
    requestedBy: idOf("user", "u"),
    requestedByName: "Maya",
    requestedAt: 0,
    dueAt,
    updatedAt,
    approvedSubjectId: null,
    waitingForMe: [],
    overdue: [],
  };
}

describe("reviews", () => {
  it("shows the review under way before newer finished ones", () => {
    const locked = review("locked", 5);
    const active = review("changes_requested", 3);
    expect(currentReview([locked, active])).toBe(active);
    expect(currentReview([locked])).toBe(locked);
    expect(currentReview([])).toBeNull();
    expect(isActive(locked)).toBe(false);
  });
  it("takes the earliest due time of the review and its open stages", () => {
    expect(dueOf(review("in_review", 1))).toBe(3_601_000);
    expect(dueOf(review("in_review", 1, 500))).toBe(500);
  });
  it("says how long until or since a due time", () => {
    expect(dueLabel(3 * 86_400_000, 0)).toBe("due in 3 days");
    expect(dueLabel(0, 2 * 3_600_000)).toBe("overdue by 2 hours");
    expect(dueLabel(60_000, 0)).toBe("due in 1 minute");
    expect(stageLabel({ kind: "changes_requested", at: 1 })).toBe("Changes requested");
    expect(decidedSentence("request_changes", "Pilot")).toBe("You requested changes to “Pilot”.");
  });
});
