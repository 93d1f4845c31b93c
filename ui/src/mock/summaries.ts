// The summaries half of the mock backend, following core (crates/core/src/summaries.rs): the
// scenes of the newest revision summarized as a tree (scene → groups of 8 → whole), every node
// cached under its input so an update recomputes only the nodes above a changed scene, and
// every sentence citing its scenes; a logline or synopsis is one more node above the whole.
// The text of a node is extractive, like the offline engine.
import type { DocumentId, RevisionId, Sentence, SummaryEvent, SummaryKind, SummaryNode, SummaryReport } from "$lib/bindings";
import { scriptStructure } from "./structure";
import { fail } from "./validate";

const FANOUT = 8;

type Plan = { scope: string; scenes: number[]; children: number[] };

export class MockSummaries {
  private readonly cache = new Map<string, string>();
  private readonly running = new Set<string>();
  private readonly cancelled = new Set<string>();
  private seq = 0;

  constructor(private readonly head: (id: DocumentId) => { revisionId: RevisionId | null; text: string }) {}

  /** Cancels a summary in flight; false when there is none by that id. */
  cancel(id: string): boolean {
    if (!this.running.has(id)) return false;
    this.cancelled.add(id);
    return true;
  }

  async run(documentId: DocumentId, scope: string, kind: SummaryKind, onEvent: (e: SummaryEvent) => void, delayMs = 0): Promise<SummaryReport> {
    const { revisionId, text } = this.head(documentId);
    if (!revisionId) fail("conflict", "This document has no text yet");
    const lines = text.split("\n");
    const chars = Array.from(text);
    const lineStart = (l: number) => lines.slice(0, l).reduce((n, x) => n + Array.from(x).length + 1, 0);
    let scenes = scriptStructure(text).scenes.map((s, i, all) => ({
      ordinal: s.ordinal,
      at: lineStart(s.line),
      text: lines.slice(s.line, all[i + 1]?.line ?? lines.length).join("\n"),
    }));
    // A selection: the parts of the scenes it overlaps (as core does).
    const sel = /^chars:(\d+)-(\d+)$/.exec(scope);
    if (sel) {
      const [a, b] = [Number(sel[1]), Number(sel[2])];
      if (a >= b || b > chars.length) fail("invalid_input", `The selection ${a}..${b} is not inside the text`, "scope");
      scenes = scenes
        .map((s, i) => ({ ...s, end: scenes[i + 1]?.at ?? chars.length }))
        .filter((s) => Math.max(a, s.at) < Math.min(b, s.end))
        .map((s) => ({ ...s, text: chars.slice(Math.max(a, s.at), Math.min(b, s.end)).join("") }));
    }
    const plan = planOf(scenes.map((s) => s.ordinal), sel ? "selection" : scope);
    // A logline or synopsis is one more node, written from the whole's summary.
    if (kind !== "summary") plan.push({ scope: kind, scenes: plan[plan.length - 1].scenes, children: [plan.length - 1] });
    const id = `summary-${++this.seq}`;
    this.running.add(id);
    onEvent({ type: "started", summaryId: id, scopes: plan.map((p) => p.scope) });
    const texts: (string | null)[] = plan.map(() => null);
    const reused: boolean[] = plan.map(() => false);
    let calls = 0;
    try {
      for (let i = 0; i < plan.length; i++) {
        if (this.cancelled.has(id)) break;
        const p = plan[i];
        const input = p.children.length ? p.children.map((c) => texts[c] ?? "").join("\n") : (scenes.find((s) => s.ordinal === p.scenes[0])?.text ?? "");
        const key = `${p.scope}\u0000${input}`;
        const hit = this.cache.get(key);
        if (hit !== undefined) {
          texts[i] = hit;
          reused[i] = true;
        } else {
          if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
          if (this.cancelled.has(id)) break;
          calls++;
          texts[i] = p.scope === "logline" ? (input.split("\n")[0] ?? "") : p.children.length ? combine(input) : `${firstSentence(input)} [S${p.scenes[0]}]`;
          this.cache.set(key, texts[i] ?? "");
        }
        onEvent({ type: "node", scope: p.scope, reused: reused[i], done: texts.filter((t) => t !== null).length, total: plan.length });
      }
    } finally {
      this.running.delete(id);
    }
    const cancelled = this.cancelled.delete(id);
    const nodes: SummaryNode[] = plan.map((p, i) => {
      const t = texts[i];
      const sentences = t === null ? [] : sentencesOf(t, p.scenes);
      return {
        scope: p.scope,
        scenes: p.scenes,
        text: t ?? "",
        citations: [...new Set(sentences.flatMap((s) => s.citations))].sort((a, b) => a - b),
        flags: [],
        sentences,
        reused: reused[i],
        missing: t === null,
      };
    });
    return { revisionId, nodes, callsMade: calls, nodesReused: reused.filter(Boolean).length, cancelled };
  }
}

function planOf(ordinals: number[], scope: string): Plan[] {
  if (ordinals.length === 0) fail("invalid_input", "There are no scenes to summarize: add a scene heading (INT. or EXT.)", "scope");
  let chosen = ordinals;
  const one = /^scene:(\d+)$/.exec(scope);
  const range = /^scenes:(\d+)-(\d+)$/.exec(scope);
  const selection = scope === "selection";
  if (one) chosen = ordinals.filter((o) => o === Number(one[1]));
  else if (range) chosen = ordinals.filter((o) => o >= Number(range[1]) && o <= Number(range[2]));
  else if (scope !== "all" && !selection) fail("invalid_input", `“${scope}” is not a part of the script; use all, scene:N or scenes:A-B`, "scope");
  if (chosen.length === 0) fail("invalid_input", `The script has no scene ${scope.replace(/^scenes?:/, "")}`, "scope");
  const plan: Plan[] = chosen.map((o) => ({ scope: `scene:${o}`, scenes: [o], children: [] }));
  if (chosen.length === 1) return selection ? [{ ...plan[0], scope }] : plan;
  let level = plan.map((_, i) => i);
  while (level.length > FANOUT) {
    const next: number[] = [];
    for (let i = 0; i < level.length; i += FANOUT) {
      const group = level.slice(i, i + FANOUT);
      const scenes = group.flatMap((g) => plan[g].scenes);
      plan.push({ scope: `scenes:${scenes[0]}-${scenes[scenes.length - 1]}`, scenes, children: group });
      next.push(plan.length - 1);
    }
    level = next;
  }
  plan.push({ scope, scenes: chosen, children: level });
  return plan;
}

function firstSentence(sceneText: string): string {
  const body = sceneText.split("\n").slice(1).map((l) => l.trim()).filter((l) => l && !/^[A-Z][A-Z .'()-]+$/.test(l));
  const first = (body[0] ?? "A short scene.").match(/[^.!?]+[.!?]?/)?.[0] ?? "A short scene.";
  return first.trim();
}

function combine(input: string): string {
  return input.split("\n").filter((l) => l.trim()).slice(0, 8).join("\n");
}

function sentencesOf(text: string, fallback: number[]): Sentence[] {
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const cited = [...l.matchAll(/\[S(\d+)\]/g)].map((m) => Number(m[1]));
      return { text: l.replace(/\s*\[S\d+\]/g, "").trim(), citations: cited.length ? cited : fallback, flags: [] };
    });
}
