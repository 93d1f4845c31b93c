// What the variations panel shows, as pure functions: the takes as they stream, a take's diff
// against its passage with numbered hunks, and the words for presets, reasons and states.
import type { AiOutcome, AiRunEvent, Hunk, RejectReason, Suggestion, SuggestionState, VariationPreset } from "./bindings";

export const PRESETS: { id: VariationPreset; label: string }[] = [
  { id: "tighten", label: "Tighten" },
  { id: "punch-up-dialogue", label: "Punch up the dialogue" },
  { id: "change-tone", label: "Change the tone" },
  { id: "longer", label: "Longer" },
  { id: "shorter", label: "Shorter" },
  { id: "in-characters-voice", label: "In a character’s voice" },
  { id: "translate", label: "Translate" },
];

export const REASONS: { id: RejectReason; label: string }[] = [
  { id: "off-tone", label: "Off-tone" },
  { id: "inaccurate", label: "Inaccurate" },
  { id: "too-long", label: "Too long" },
  { id: "not-my-voice", label: "Not my voice" },
  { id: "other", label: "Other" },
];

export const STATE_LABELS: Record<SuggestionState, string> = {
  pending: "Pending",
  accepted: "Accepted",
  accepted_with_edits: "Accepted with edits",
  partly_accepted: "Partly accepted",
  rejected: "Rejected",
  stale: "Stale",
  withdrawn: "Withdrawn",
};

export const STALE_WHY = "The passage was edited after this take was written, so it cannot be applied. Ask for a fresh take from the new text.";

/** One take while it streams. */
export type StreamingTake = {
  take: number;
  runId: string | null;
  text: string;
  provider: string;
  model: string;
  local: boolean | null;
  status: "waiting" | "streaming" | AiOutcome;
  message: string | null;
};

export function startTakes(n: number): StreamingTake[] {
  return Array.from({ length: n }, (_, i) => ({ take: i + 1, runId: null, text: "", provider: "", model: "", local: null, status: "waiting", message: null }));
}

/** `takes` after one event of take `take` (a new array; other takes untouched). */
export function reduceTake(takes: StreamingTake[], take: number, e: AiRunEvent): StreamingTake[] {
  return takes.map((t) => {
    if (t.take !== take) return t;
    switch (e.type) {
      case "started":
        return { ...t, runId: e.runId, provider: e.providerName, model: e.model, local: e.local, status: "streaming" };
      case "delta":
        return { ...t, text: t.text + e.text, status: "streaming" };
      case "retrying":
        return { ...t, message: e.message };
      case "finished":
        return { ...t, status: e.outcome, message: e.message };
      default:
        return t;
    }
  });
}

export type Segment = { kind: "same"; text: string } | { kind: "hunk"; hunk: Hunk };

/** The passage cut into unchanged text and the take's hunks (offsets are Unicode scalars). */
export function segments(passage: string, hunks: Hunk[]): Segment[] {
  const c = Array.from(passage);
  const out: Segment[] = [];
  let pos = 0;
  for (const h of [...hunks].sort((a, b) => a.start - b.start || a.n - b.n)) {
    if (h.start > pos) out.push({ kind: "same", text: c.slice(pos, h.start).join("") });
    out.push({ kind: "hunk", hunk: h });
    pos = Math.max(pos, h.end);
  }
  if (pos < c.length) out.push({ kind: "same", text: c.slice(pos).join("") });
  return out;
}

export const isAccepted = (s: Suggestion) => s.state === "accepted" || s.state === "accepted_with_edits" || s.state === "partly_accepted";

/** "AI-touched: 120 words (3.2 %)". */
export function touchedLabel(aiWords: number, totalWords: number): string {
  const pct = totalWords === 0 ? 0 : (100 * aiWords) / totalWords;
  const shown = pct === 0 ? "0" : pct < 0.1 ? "<0.1" : pct.toFixed(1);
  return `AI-touched: ${aiWords} word${aiWords === 1 ? "" : "s"} (${shown} %)`;
}

/** The hover card of an AI-touched span: its suggestion, instruction, model, provider, where it ran, who accepted it, how edited. */
export function describeSpan(s: Suggestion | null, edited: boolean): string {
  if (!s) return edited ? "Written by a model, then edited." : "Written by a model.";
  const d = s.decision;
  const lines = [
    `Suggestion ${s.id}: “${s.instruction}”`,
    `${s.model} from ${s.providerName} (${s.local ? "local, on this computer" : "remote"})`,
    d ? `Accepted by ${d.byName}` : `Now ${STATE_LABELS[s.state].toLowerCase()}`,
    edited || d?.edited ? `Edited before accepting (${Math.round((d?.editDistance ?? 0) * 100)} % changed)` : "Accepted as the model wrote it",
  ];
  return lines.join("\n");
}
