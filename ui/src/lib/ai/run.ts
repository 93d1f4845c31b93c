// The state of one AI run as the panel shows it, folded from the run's events. Pure, so the
// rules (exactly one `finished`, always last; a failed call that never started still ends
// the run) are tested without a backend.
import type { AiErrorCode, AiOutcome, AiRunEvent } from "$lib/bindings";

export type RunPhase = "idle" | "starting" | "streaming" | AiOutcome;

/** Who answered: from the `started` event, or the provider the writer picked until then. */
export type RunSource = { providerName: string; model: string; local: boolean };

export type Usage = { inputTokens: number | null; outputTokens: number | null };

export type RunState = {
  phase: RunPhase;
  runId: string | null;
  source: RunSource | null;
  template: string | null;
  text: string;
  /** The newest retry notice, cleared once text arrives. */
  retry: { message: string; waitMs: number } | null;
  /** Either count may be unknown: some providers report only one. */
  usage: Usage | null;
  partial: boolean;
  message: string | null;
  /** Why a failed run failed, when the provider layer classified it (see `failureAdvice`). */
  code: AiErrorCode | null;
  /** The writer asked to cancel; the run is still going until its `finished` arrives. */
  cancelling: boolean;
};

export function idleRun(): RunState {
  return {
    phase: "idle",
    runId: null,
    source: null,
    template: null,
    text: "",
    retry: null,
    usage: null,
    partial: false,
    message: null,
    code: null,
    cancelling: false,
  };
}

/** A run just asked for, before the backend has said anything. */
export function startingRun(requested: RunSource | null): RunState {
  return { ...idleRun(), phase: "starting", source: requested };
}

export function isRunning(s: RunState): boolean {
  return s.phase === "starting" || s.phase === "streaming";
}

export function isFinished(s: RunState): boolean {
  return s.phase === "done" || s.phase === "failed" || s.phase === "cancelled" || s.phase === "blocked" || s.phase === "interrupted";
}

/**
 * Applies one event. After the run has finished every further event is ignored: the first
 * `finished` wins, and stray deltas cannot change a result the writer is already reading.
 */
export function reduceRun(s: RunState, e: AiRunEvent): RunState {
  if (isFinished(s)) return s;
  switch (e.type) {
    case "started":
      return {
        ...s,
        phase: "streaming",
        runId: e.runId,
        source: { providerName: e.providerName, model: e.model, local: e.local },
        template: e.template,
      };
    case "retrying":
      return { ...s, phase: s.phase === "idle" ? "starting" : s.phase, retry: { message: e.message, waitMs: e.waitMs } };
    case "delta":
      return { ...s, phase: "streaming", text: s.text + e.text, retry: null };
    case "usage":
      return { ...s, usage: { inputTokens: e.inputTokens, outputTokens: e.outputTokens } };
    case "finished":
      return {
        ...s,
        phase: e.outcome,
        partial: e.partial || (e.outcome !== "done" && s.text.length > 0),
        message: e.message,
        code: e.code,
        retry: null,
        cancelling: false,
      };
  }
}

/** What the run became when the call itself failed (the backend never streamed a `finished`). */
export function failRun(s: RunState, message: string): RunState {
  return reduceRun(s, { type: "finished", outcome: "failed", partial: s.text.length > 0, message, code: null });
}

export function localLabel(local: boolean): string {
  return local ? "Local" : "Remote";
}

/** "Anthropic · claude-sonnet-4-5 · Remote" */
export function sourceLabel(src: RunSource): string {
  return `${src.providerName} · ${src.model || "default model"} · ${localLabel(src.local)}`;
}

/** The one-line status the panel shows (it always contains Streaming/Done/Cancelled/Failed/Blocked once known). */
export function statusLabel(s: RunState): string {
  const msg = (s.message ?? "").trim();
  switch (s.phase) {
    case "idle":
      return "";
    case "starting":
      if (s.cancelling) return "Cancelling…";
      return s.source ? `Connecting to ${s.source.providerName}…` : "Starting…";
    case "streaming":
      if (s.cancelling) return "Cancelling…";
      return s.source ? `Streaming from ${sourceLabel(s.source)}` : "Streaming…";
    case "done":
      return "Done";
    case "cancelled":
      return s.partial ? "Cancelled — partial text kept" : "Cancelled before any text arrived";
    case "failed":
      if (s.partial) return `Failed — partial text kept${msg ? `: ${msg}` : ""}`;
      return `Failed${msg ? `: ${msg}` : ""}`;
    case "blocked":
      return `Blocked by the project's AI policy${msg ? `: ${msg}` : ""}`;
    case "interrupted":
      return "Interrupted: Greenlight stopped before the answer was complete";
  }
}

/** "1,204 tokens in · 312 out"; a count the provider did not report is left out. */
export function usageLabel(u: Usage): string {
  const f = (n: number) => n.toLocaleString("en-US");
  if (u.inputTokens !== null && u.outputTokens !== null) return `${f(u.inputTokens)} tokens in · ${f(u.outputTokens)} out`;
  if (u.inputTokens !== null) return `${f(u.inputTokens)} tokens in`;
  if (u.outputTokens !== null) return `${f(u.outputTokens)} tokens out`;
  return "";
}
