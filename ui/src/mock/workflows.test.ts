import { describe, expect, it } from "vitest";
import type { IpcError, WorkflowTemplate } from "$lib/bindings";
import { MockBackend } from "./backend";
import { DEFAULT_WORKFLOW } from "./reviews";
import { seed } from "./seed";
import { mockService } from "./service";

const NOW = 1_700_000_000_000;
const [DRAFT, PRODUCER, LEGAL] = DEFAULT_WORKFLOW.stages;
const PARALLEL: WorkflowTemplate = {
  name: "fast track",
  stages: [DRAFT, { ...PRODUCER, after: ["draft"] }, { ...LEGAL, after: ["draft"] }],
};

function setup() {
  const b = new MockBackend({ now: () => NOW });
  seed(b, NOW);
  const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
  return { svc: mockService(b), script, projectId: script.projectId };
}

describe("workflow templates in the mock", () => {
  it("replace the default once the project has its own, and fall back to it when the last is removed", async () => {
    const { svc, projectId } = setup();
    expect((await svc.workflow_list({ projectId })).map((w) => w.name)).toEqual(["default"]);
    expect((await svc.workflow_save({ projectId, template: PARALLEL })).map((w) => w.name)).toEqual(["fast track"]);
    expect((await svc.workflow_remove({ projectId, name: "fast track" })).map((w) => w.name)).toEqual(["default"]);
  });

  it("refuse a circle with the stages that wait for each other, and keep what was there", async () => {
    const { svc, projectId } = setup();
    const circle = { name: "loop", stages: [{ ...DRAFT, after: ["legal"] }, PRODUCER, LEGAL] };
    const e = (await svc.workflow_save({ projectId, template: circle }).catch((x: unknown) => x)) as IpcError;
    expect(e.code).toBe("invalid_input");
    expect(e.message).toBe("Stages wait for each other in a circle (draft waits for legal waits for producer waits for draft), so none of them would ever open");
    expect((await svc.workflow_list({ projectId })).map((w) => w.name)).toEqual(["default"]);
  });

  it("open both parallel stages of a review once the draft is approved", async () => {
    const { svc, projectId, script } = setup();
    await svc.workflow_save({ projectId, template: PARALLEL });
    const r = await svc.review_request({ documentId: script.id, assetId: null, workflow: "fast track", dueAt: null, scenes: null });
    expect(r.state.stages.map((s) => s.status.kind)).toEqual(["open", "waiting", "waiting"]);
    const after = await svc.review_decide({ reviewId: r.id, stage: "draft", subjectId: null, verdict: "approve", comment: null });
    expect(after.state.stages.map((s) => s.status.kind)).toEqual(["approved", "open", "open"]);
  });
});
