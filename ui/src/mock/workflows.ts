// A project's workflow templates in the mock, as core keeps them (crates/core/src/workflows.rs):
// the default until the project saves one of its own; saving validates with the domain's
// messages (crates/domain/src/workflow/template.rs) and replaces the template of that name.
// The one person of the mock is an admin, so nothing is forbidden here.
import type { ProjectId, WorkflowTemplate } from "$lib/bindings";
import { DEFAULT_WORKFLOW } from "./reviews";
import { fail } from "./validate";

const MAX_STAGES = 20;

export class MockWorkflows {
  #byProject = new Map<ProjectId, WorkflowTemplate[]>();

  constructor(private readonly log: (projectId: ProjectId, kind: string, summary: string) => void) {}

  list(projectId: ProjectId): WorkflowTemplate[] {
    const own = this.#byProject.get(projectId) ?? [];
    return structuredClone(own.length ? [...own].sort((a, b) => a.name.localeCompare(b.name)) : [DEFAULT_WORKFLOW]);
  }

  /** The template `name` (the only or first one when null), as a review is requested with it. */
  get(projectId: ProjectId, name: string | null): WorkflowTemplate {
    const all = this.list(projectId);
    if (name === null) return all[0];
    return all.find((w) => w.name === name) ?? fail("invalid_input", `the project has no workflow “${name}” (it has: ${all.map((w) => w.name).join(", ")})`, "workflow");
  }

  save(projectId: ProjectId, t: WorkflowTemplate): WorkflowTemplate[] {
    const problem = problemOf(t);
    if (problem) fail("invalid_input", problem.charAt(0).toUpperCase() + problem.slice(1), "workflow");
    const own = (this.#byProject.get(projectId) ?? []).filter((w) => w.name !== t.name);
    this.#byProject.set(projectId, [...own, structuredClone(t)]);
    this.log(projectId, "workflow.saved", `saved the workflow “${t.name}” (${t.stages.map((s) => s.name).join(", ")})`);
    return this.list(projectId);
  }

  remove(projectId: ProjectId, name: string): WorkflowTemplate[] {
    const own = this.#byProject.get(projectId) ?? [];
    if (!own.some((w) => w.name === name)) fail("not_found", `Workflow not found: ${name}`);
    this.#byProject.set(projectId, own.filter((w) => w.name !== name));
    this.log(projectId, "workflow.removed", `removed the workflow “${name}”`);
    return this.list(projectId);
  }
}

/** What `WorkflowTemplate::validate` says about `t`, or null. */
export function problemOf(t: WorkflowTemplate): string | null {
  if (!t.name.trim()) return "the workflow has no name";
  if (t.stages.length === 0) return "the workflow has no stages; add at least one";
  if (t.stages.length > MAX_STAGES) return `the workflow has ${t.stages.length} stages; the limit is ${MAX_STAGES}`;
  const keys: string[] = [];
  for (const [i, s] of t.stages.entries()) {
    const name = s.name.trim();
    if (!name) return `stage ${i + 1} has no name`;
    if (keys.includes(name.toLowerCase())) return `two stages are named '${name}'; stage names must differ`;
    keys.push(name.toLowerCase());
    if (s.roles.length === 0) return `stage '${name}' names no role; say who decides it`;
    if (s.dueAfterMs !== null && s.dueAfterMs <= 0) return `the due time of stage '${name}' must be a positive number of milliseconds`;
  }
  const after = t.stages.map((s) => s.after.map((a) => keys.indexOf(a.trim().toLowerCase())));
  for (const [i, s] of t.stages.entries()) {
    const j = after[i].indexOf(-1);
    if (j >= 0) return `stage '${s.name.trim()}' waits for '${s.after[j]}', which is not a stage of this workflow`;
  }
  // A circle: follow "waits for" from each stage until a stage repeats (`clear`: no circle beyond it).
  const clear = new Set<number>();
  for (let start = 0; start < t.stages.length; start++) {
    const path: number[] = [];
    const walk = (i: number): number[] | null => {
      const at = path.indexOf(i);
      if (at >= 0) return [...path.slice(at), i];
      if (clear.has(i)) return null;
      path.push(i);
      for (const next of after[i]) {
        const found = walk(next);
        if (found) return found;
      }
      path.pop();
      clear.add(i);
      return null;
    };
    const circle = walk(start);
    if (circle) return `stages wait for each other in a circle (${circle.map((i) => t.stages[i].name.trim()).join(" waits for ")}), so none of them would ever open`;
  }
  return null;
}
