import { describe, expect, it } from "vitest";
import { DEFAULT_WORKFLOW } from "../mock/reviews";
import { addStage, blankForm, chainLabel, formOf, moveStage, removeStage, rolesLabel, templateOf, type WorkflowForm } from "./workflows";

function built(form: WorkflowForm) {
  const b = templateOf(form);
  if (!b.ok) throw new Error(b.error);
  return b.template;
}

describe("workflow forms", () => {
  it("turn a template into rows and back unchanged", () => {
    const t = { ...DEFAULT_WORKFLOW, stages: DEFAULT_WORKFLOW.stages.map((s, i) => ({ ...s, dueAfterMs: i === 1 ? 48 * 3_600_000 : null })) };
    const form = formOf(t);
    expect(form.stages[1].dueHours).toBe("48");
    expect(form.stages[2].after).toEqual([form.stages[1].key]);
    expect(built(form)).toEqual(t);
  });

  it("keep what a stage waits for when it is renamed or moved", () => {
    let form = formOf(DEFAULT_WORKFLOW);
    form.stages[0].name = "  writer's draft ";
    form = moveStage(form, form.stages[2].key, -1);
    const t = built(form);
    expect(t.stages.map((s) => s.name)).toEqual(["writer's draft", "legal", "producer"]);
    expect(t.stages[2].after).toEqual(["writer's draft"]);
    expect(t.stages[1].after).toEqual(["producer"]);
  });

  it("add a stage after the last one, and removing a stage passes its waits on", () => {
    let form = addStage(blankForm());
    expect(form.stages).toHaveLength(2);
    expect(form.stages[1].after).toEqual([form.stages[0].key]);
    form.stages[1].name = "producer";
    form = addStage(form);
    form.stages[2].name = "legal";
    form = removeStage(form, form.stages[1].key);
    expect(built(form).stages.map((s) => [s.name, s.after])).toEqual([
      ["draft", []],
      ["legal", ["draft"]],
    ]);
  });

  it("turn hours into milliseconds and refuse a due time that is not a positive number", () => {
    const form = blankForm();
    form.stages[0].dueHours = "1,5";
    expect(built(form).stages[0].dueAfterMs).toBe(5_400_000);
    form.stages[0].dueHours = "soon";
    const b = templateOf(form);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error).toContain("“draft”");
    form.stages[0].dueHours = "0";
    expect(templateOf(form).ok).toBe(false);
  });

  it("leave moving past either end as it is", () => {
    const form = formOf(DEFAULT_WORKFLOW);
    expect(moveStage(form, form.stages[0].key, -1)).toBe(form);
    expect(moveStage(form, form.stages[2].key, 1)).toBe(form);
  });
});

describe("chainLabel", () => {
  it("joins steps with arrows and parallel stages with +", () => {
    expect(chainLabel(DEFAULT_WORKFLOW)).toBe("draft → producer → legal");
    const parallel = {
      name: "p",
      stages: [
        { ...DEFAULT_WORKFLOW.stages[0] },
        { ...DEFAULT_WORKFLOW.stages[1], after: ["draft"] },
        { ...DEFAULT_WORKFLOW.stages[2], after: ["Draft"] },
        { ...DEFAULT_WORKFLOW.stages[2], name: "final", after: ["producer", "legal"] },
      ],
    };
    expect(chainLabel(parallel)).toBe("draft → producer + legal → final");
  });

  it("does not loop on a circle", () => {
    const t = { name: "c", stages: [{ ...DEFAULT_WORKFLOW.stages[0], after: ["producer"] }, { ...DEFAULT_WORKFLOW.stages[1] }] };
    expect(chainLabel(t)).toContain("draft");
  });

  it("says who decides", () => {
    expect(rolesLabel(["producer"], "any")).toBe("producer");
    expect(rolesLabel(["producer", "legal_reviewer"], "all")).toBe("all of producer, legal reviewer");
    expect(rolesLabel(["producer", "legal_reviewer"], "any")).toBe("any one of producer, legal reviewer");
  });
});
