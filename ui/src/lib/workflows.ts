// Workflow templates as the project page shows and edits them. Pure (tested in
// workflows.test.ts): the editor's rows refer to each other by a key that survives renaming
// and reordering, and become stage names only when the template is built. Core validates what
// is saved (names, roles, circles); this only turns the form into a template and back.
import type { ApprovalRule, Role, WorkflowTemplate } from "./bindings";

const HOUR_MS = 3_600_000;

export const ROLE_OPTIONS: { id: Role; label: string }[] = [
  { id: "writer", label: "Writer" },
  { id: "producer", label: "Producer" },
  { id: "legal_reviewer", label: "Legal reviewer" },
  { id: "admin", label: "Admin" },
];

/** One stage as the editor holds it. `after` lists the keys of the rows it waits for. */
export interface StageRow {
  key: number;
  name: string;
  roles: Role[];
  rule: ApprovalRule;
  /** Hours after the stage opens, as typed; empty for no due time. */
  dueHours: string;
  selfApproval: boolean;
  sceneScoped: boolean;
  after: number[];
}

export interface WorkflowForm {
  name: string;
  stages: StageRow[];
}

export type Built = { ok: true; template: WorkflowTemplate } | { ok: false; error: string };

/** The form for `t` (a template read from the project), each stage waiting for the rows named in its `after`. */
export function formOf(t: WorkflowTemplate): WorkflowForm {
  const stages: StageRow[] = t.stages.map((s, i) => ({
    key: i + 1,
    name: s.name,
    roles: [...s.roles],
    rule: s.rule,
    dueHours: s.dueAfterMs == null ? "" : String(Math.round((s.dueAfterMs / HOUR_MS) * 100) / 100),
    selfApproval: s.selfApproval,
    sceneScoped: s.sceneScoped,
    after: [],
  }));
  const keyOf = (name: string) => stages.find((r) => same(r.name, name))?.key;
  t.stages.forEach((s, i) => {
    stages[i].after = s.after.map(keyOf).filter((k): k is number => k !== undefined);
  });
  return { name: t.name, stages };
}

/** A new template's form: one stage a writer hands in. */
export function blankForm(): WorkflowForm {
  return { name: "", stages: [{ ...newRow([]), name: "draft", roles: ["writer"], selfApproval: true }] };
}

/** The template the form says, or what is wrong with a due time (core checks the rest). */
export function templateOf(form: WorkflowForm): Built {
  const stages = [];
  for (const r of form.stages) {
    const name = r.name.trim();
    let dueAfterMs: number | null = null;
    if (r.dueHours.trim() !== "") {
      const hours = Number(r.dueHours.trim().replace(",", "."));
      if (!Number.isFinite(hours) || hours <= 0) {
        return { ok: false, error: `The due time of stage “${name || "(unnamed)"}” must be a positive number of hours, or empty for none.` };
      }
      dueAfterMs = Math.round(hours * HOUR_MS);
    }
    const after = r.after.map((k) => form.stages.find((x) => x.key === k)?.name.trim()).filter((n): n is string => n !== undefined);
    stages.push({ name, roles: [...r.roles], rule: r.rule, dueAfterMs, selfApproval: r.selfApproval, sceneScoped: r.sceneScoped, after });
  }
  return { ok: true, template: { name: form.name.trim(), stages } };
}

function newRow(stages: StageRow[]): StageRow {
  const key = stages.reduce((m, r) => Math.max(m, r.key), 0) + 1;
  return { key, name: "", roles: [], rule: "any", dueHours: "", selfApproval: false, sceneScoped: false, after: [] };
}

/** Adds a stage at the end, waiting for the last one (a sequence unless changed). */
export function addStage(form: WorkflowForm): WorkflowForm {
  const last = form.stages.at(-1);
  const row = { ...newRow(form.stages), roles: ["producer"] as Role[], after: last ? [last.key] : [] };
  return { ...form, stages: [...form.stages, row] };
}

/** Removes the stage `key`; whatever waited for it waits for what it waited for. */
export function removeStage(form: WorkflowForm, key: number): WorkflowForm {
  const gone = form.stages.find((r) => r.key === key);
  if (!gone) return form;
  const stages = form.stages
    .filter((r) => r.key !== key)
    .map((r) => (r.after.includes(key) ? { ...r, after: [...new Set([...r.after.filter((k) => k !== key), ...gone.after])] } : r));
  return { ...form, stages };
}

/** Moves the stage `key` up (-1) or down (+1) in the list; what it waits for is unchanged. */
export function moveStage(form: WorkflowForm, key: number, by: -1 | 1): WorkflowForm {
  const i = form.stages.findIndex((r) => r.key === key);
  const j = i + by;
  if (i < 0 || j < 0 || j >= form.stages.length) return form;
  const stages = [...form.stages];
  [stages[i], stages[j]] = [stages[j], stages[i]];
  return { ...form, stages };
}

/**
 * The template as a chain: "draft → producer + legal", stages that open at the same step
 * joined by "+". A step is one more than the latest step a stage waits for.
 */
export function chainLabel(t: WorkflowTemplate): string {
  const step = new Map<string, number>();
  const stepOf = (name: string, seen: Set<string>): number => {
    const key = name.trim().toLowerCase();
    const known = step.get(key);
    if (known !== undefined) return known;
    const s = t.stages.find((x) => same(x.name, name));
    if (!s || seen.has(key)) return 0;
    seen.add(key);
    const n = s.after.length === 0 ? 0 : 1 + Math.max(...s.after.map((a) => stepOf(a, seen)));
    step.set(key, n);
    return n;
  };
  const steps: string[][] = [];
  for (const s of t.stages) (steps[stepOf(s.name, new Set())] ??= []).push(s.name);
  return steps.filter(Boolean).map((names) => names.join(" + ")).join(" → ");
}

/** "any one producer", "all of: producer, legal reviewer". */
export function rolesLabel(roles: Role[], rule: ApprovalRule): string {
  const names = roles.map((r) => ROLE_OPTIONS.find((o) => o.id === r)?.label.toLowerCase() ?? r);
  if (names.length <= 1) return names[0] ?? "nobody";
  return rule === "all" ? `all of ${names.join(", ")}` : `any one of ${names.join(", ")}`;
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
