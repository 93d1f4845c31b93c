import { describe, expect, it } from "vitest";
import type { SummaryNode, SummaryReport } from "./bindings";
import { idOf } from "./ids";
import { isOutOfDate, progressLabel, reduceProgress, rootOf, sceneNodes, scopeLabel, scopeOf, startProgress, statsLabel } from "./summaries";

function node(scope: string, over: Partial<SummaryNode> = {}): SummaryNode {
  return { scope, scenes: [], text: "t", citations: [], flags: [], sentences: [], reused: false, missing: false, ...over };
}

function report(nodes: SummaryNode[], over: Partial<SummaryReport> = {}): SummaryReport {
  return { revisionId: idOf("revision", "r1"), nodes, callsMade: 1, nodesReused: 2, cancelled: false, ...over };
}

describe("summaries", () => {
  it("counts finished parts as events arrive", () => {
    let p = startProgress();
    expect(progressLabel(p)).toBe("Starting…");
    p = reduceProgress(p, { type: "started", summaryId: "s1", scopes: ["scene:1", "scene:2", "all"] });
    p = reduceProgress(p, { type: "node", scope: "scene:1", reused: true, done: 1, total: 3 });
    p = reduceProgress(p, { type: "node", scope: "scene:2", reused: false, done: 2, total: 3 });
    expect(p.summaryId).toBe("s1");
    expect(p.finished).toEqual({ "scene:1": "reused", "scene:2": "called" });
    expect(progressLabel(p)).toBe("2 of 3 parts summarized");
  });

  it("names scopes for people", () => {
    expect(scopeLabel("all")).toBe("The whole script");
    expect(scopeLabel("scene:3")).toBe("Scene 3");
    expect(scopeLabel("scenes:1-8")).toBe("Scenes 1–8");
    expect(scopeLabel("logline")).toBe("Logline");
    expect(scopeLabel("selection")).toBe("The selection");
  });

  it("turns the panel's choice into a scope, refusing impossible ranges", () => {
    expect(scopeOf("all", null, 1, 1, 5)).toEqual({ scope: "all" });
    expect(scopeOf("scene", 4, 1, 1, 5)).toEqual({ scope: "scene:4" });
    expect(scopeOf("scene", null, 1, 1, 5)).toHaveProperty("problem");
    expect(scopeOf("range", null, 2, 4, 5)).toEqual({ scope: "scenes:2-4" });
    expect(scopeOf("range", null, 3, 3, 5)).toEqual({ scope: "scene:3" });
    expect(scopeOf("range", null, 4, 2, 5)).toHaveProperty("problem");
    expect(scopeOf("range", null, 1, 9, 5)).toHaveProperty("problem");
    expect(scopeOf("range", null, 0, 2, 5)).toHaveProperty("problem");
    expect(scopeOf("selection", null, 1, 1, 5, { start: 10, end: 250 })).toEqual({ scope: "chars:10-250" });
    expect(scopeOf("selection", null, 1, 1, 5, null)).toHaveProperty("problem");
  });

  it("is out of date when the document moved on", () => {
    const r = report([node("all")]);
    expect(isOutOfDate(r, idOf("revision", "r1"))).toBe(false);
    expect(isOutOfDate(r, idOf("revision", "r2"))).toBe(true);
    expect(isOutOfDate(r, null)).toBe(false);
  });

  it("labels what was recomputed, reused and left out", () => {
    expect(statsLabel(report([node("scene:1"), node("scene:2"), node("all")]))).toBe("3 parts: 1 recomputed, 2 reused");
    const cut = report([node("scene:1"), node("scene:2", { missing: true }), node("all", { missing: true })], { cancelled: true });
    expect(statsLabel(cut)).toBe("3 parts: 1 recomputed, 2 reused, 2 not summarized (cancelled)");
    expect(rootOf(cut)).toBeNull();
    expect(sceneNodes(cut).map((n) => n.scope)).toEqual(["scene:1"]);
    expect(rootOf(report([node("all")]))?.scope).toBe("all");
  });
});
