// What the summary panel shows, as pure functions: progress while the tree is computed, the
// scope asked for, and whether a summary still matches the document.
import type { RevisionId, SummaryEvent, SummaryKind, SummaryNode, SummaryReport } from "./bindings";

/** A summary being computed: the parts in plan order, and those finished. */
export type SummaryProgress = {
  summaryId: string | null;
  scopes: string[];
  finished: Record<string, "called" | "reused">;
  cancelling: boolean;
};

export function startProgress(): SummaryProgress {
  return { summaryId: null, scopes: [], finished: {}, cancelling: false };
}

export function reduceProgress(p: SummaryProgress, e: SummaryEvent): SummaryProgress {
  if (e.type === "started") return { ...p, summaryId: e.summaryId, scopes: e.scopes };
  return { ...p, finished: { ...p.finished, [e.scope]: e.reused ? "reused" : "called" } };
}

export function progressLabel(p: SummaryProgress): string {
  if (p.scopes.length === 0) return "Starting…";
  const done = Object.keys(p.finished).length;
  return `${done} of ${p.scopes.length} part${p.scopes.length === 1 ? "" : "s"} summarized`;
}

/** The kinds of summary, as the panel offers them. */
export const KINDS: { id: SummaryKind; label: string }[] = [
  { id: "summary", label: "Summary" },
  { id: "logline", label: "Logline" },
  { id: "synopsis", label: "Synopsis" },
];

/** How a part is named to a person: "Scene 3", "Scenes 1–8", "The whole script", "Logline". */
export function scopeLabel(scope: string): string {
  if (scope === "all") return "The whole script";
  if (scope === "selection") return "The selection";
  const kind = KINDS.find((k) => k.id === scope);
  if (kind) return kind.label;
  const one = /^scene:(\d+)$/.exec(scope);
  if (one) return `Scene ${one[1]}`;
  const range = /^scenes:(\d+)-(\d+)$/.exec(scope);
  if (range) return `Scenes ${range[1]}–${range[2]}`;
  return scope;
}

/** What to summarize, from the panel's choice; null with a reason when the range is not valid. */
export function scopeOf(
  part: "all" | "scene" | "range" | "selection",
  scene: number | null,
  from: number,
  to: number,
  sceneCount: number,
  selection: { start: number; end: number } | null = null,
): { scope: string } | { problem: string } {
  if (part === "all") return { scope: "all" };
  if (part === "selection") return selection && selection.end > selection.start ? { scope: `chars:${selection.start}-${selection.end}` } : { problem: "Select some text of the script first." };
  if (part === "scene") return scene === null ? { problem: "Put the cursor in a scene first." } : { scope: `scene:${scene}` };
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from || to > sceneCount)
    return { problem: `Choose scenes between 1 and ${sceneCount}, the first no later than the last.` };
  return { scope: from === to ? `scene:${from}` : `scenes:${from}-${to}` };
}

/** The summary was made from another revision than the document's newest. */
export function isOutOfDate(report: SummaryReport, head: RevisionId | null): boolean {
  return head !== null && report.revisionId !== head;
}

/** "12 parts: 2 recomputed, 10 reused" (and what a cancel left out). */
export function statsLabel(r: SummaryReport): string {
  const parts = r.nodes.length;
  const missing = r.nodes.filter((n) => n.missing).length;
  const head = `${parts} part${parts === 1 ? "" : "s"}: ${r.callsMade} recomputed, ${r.nodesReused} reused`;
  return missing ? `${head}, ${missing} not summarized (cancelled)` : head;
}

/** The scene-level nodes that were computed, in script order. */
export function sceneNodes(r: SummaryReport): SummaryNode[] {
  return r.nodes.filter((n) => n.scope.startsWith("scene:") && !n.missing);
}

/** The root when it was computed; else null (the summary was cancelled first). */
export function rootOf(r: SummaryReport): SummaryNode | null {
  const last = r.nodes[r.nodes.length - 1];
  return last && !last.missing ? last : null;
}
