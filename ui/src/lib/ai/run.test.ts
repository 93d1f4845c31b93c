import { describe, expect, it } from "vitest";
import type { AiRunEvent } from "$lib/bindings";
import { failureAdvice } from "./failure";
import { failRun, idleRun, isFinished, isRunning, reduceRun, sourceLabel, startingRun, statusLabel, usageLabel, type RunState } from "./run";

const started: AiRunEvent = { type: "started", runId: "run_1", providerName: "Anthropic", model: "claude-sonnet-4-5", local: false, template: "summarize.scene@3" };
const fold = (events: AiRunEvent[], from: RunState = startingRun(null)) => events.reduce(reduceRun, from);

describe("AI run reducer", () => {
  it("streams deltas and ends done with usage", () => {
    const s = fold([
      started,
      { type: "delta", text: "Rain " },
      { type: "delta", text: "falls." },
      { type: "usage", inputTokens: 1204, outputTokens: 12 },
      { type: "finished", outcome: "done", partial: false, message: null, code: null },
    ]);
    expect(s.phase).toBe("done");
    expect(s.text).toBe("Rain falls.");
    expect(s.runId).toBe("run_1");
    expect(s.usage).toEqual({ inputTokens: 1204, outputTokens: 12 });
    expect(statusLabel(s)).toBe("Done");
    expect(sourceLabel(s.source!)).toBe("Anthropic · claude-sonnet-4-5 · Remote");
    expect(usageLabel(s.usage!)).toBe("1,204 tokens in · 12 out");
    expect(usageLabel({ inputTokens: null, outputTokens: 7 })).toBe("7 tokens out");
    expect(usageLabel({ inputTokens: null, outputTokens: null })).toBe("");
    expect(isFinished(s) && !isRunning(s)).toBe(true);
  });

  it("shows streaming with provider, model and locality", () => {
    const s = fold([started, { type: "delta", text: "x" }]);
    expect(isRunning(s)).toBe(true);
    expect(statusLabel(s)).toBe("Streaming from Anthropic · claude-sonnet-4-5 · Remote");
    expect(statusLabel({ ...s, cancelling: true })).toBe("Cancelling…");
  });

  it("shows a retry notice until text arrives", () => {
    let s = fold([started, { type: "retrying", message: "Anthropic is overloaded; retrying in 4 s", waitMs: 4000 }]);
    expect(s.retry?.message).toBe("Anthropic is overloaded; retrying in 4 s");
    expect(s.phase).toBe("streaming");
    s = reduceRun(s, { type: "delta", text: "Hi" });
    expect(s.retry).toBeNull();
  });

  it("ignores every event after the first finished", () => {
    const s = fold([
      started,
      { type: "delta", text: "Half" },
      { type: "finished", outcome: "cancelled", partial: true, message: null, code: null },
      { type: "delta", text: " more" },
      { type: "usage", inputTokens: 1, outputTokens: 1 },
      { type: "finished", outcome: "done", partial: false, message: null, code: null },
    ]);
    expect(s.phase).toBe("cancelled");
    expect(s.text).toBe("Half");
    expect(s.usage).toBeNull();
    expect(statusLabel(s)).toBe("Cancelled — partial text kept");
  });

  it("labels failures and blocks with their message", () => {
    const failed = fold([started, { type: "delta", text: "Some" }, { type: "finished", outcome: "failed", partial: true, message: "The connection dropped.", code: null }]);
    expect(statusLabel(failed)).toBe("Failed — partial text kept: The connection dropped.");
    const early = fold([started, { type: "finished", outcome: "failed", partial: false, message: "Bad key.", code: null }]);
    expect(statusLabel(early)).toBe("Failed: Bad key.");
    const requested = { providerName: "OpenAI", model: "gpt-4o-mini", local: false };
    const blocked = fold([{ type: "finished", outcome: "blocked", partial: false, message: "local models only.", code: null }], startingRun(requested));
    expect(blocked.phase).toBe("blocked");
    expect(blocked.runId).toBeNull();
    expect(blocked.source).toEqual(requested);
    expect(statusLabel(blocked)).toBe("Blocked by the project's AI policy: local models only.");
  });

  it("marks text kept from an unfinished run as partial even if the event says otherwise", () => {
    const s = fold([started, { type: "delta", text: "a" }, { type: "finished", outcome: "cancelled", partial: false, message: null, code: null }]);
    expect(s.partial).toBe(true);
  });

  it("ends a run whose call failed, once", () => {
    let s = fold([started, { type: "delta", text: "a" }]);
    s = failRun(s, "The app lost its connection to the backend.");
    expect(s.phase).toBe("failed");
    expect(failRun(s, "other").message).toBe("The app lost its connection to the backend.");
    expect(idleRun().phase).toBe("idle");
    expect(statusLabel(idleRun())).toBe("");
    expect(statusLabel(startingRun({ providerName: "Ollama", model: "llama3.1", local: true }))).toBe("Connecting to Ollama…");
  });

  it("keeps a failure's code, and advice follows the code, not the message", () => {
    const s = fold([started, { type: "finished", outcome: "failed", partial: false, message: "HTTP 401 from upstream", code: "auth_rejected" }]);
    expect(s.code).toBe("auth_rejected");
    expect(failureAdvice(s.code)).toEqual({ text: expect.stringContaining("Open Settings to fix the key"), settings: true });
    const unclassified = fold([started, { type: "finished", outcome: "failed", partial: false, message: "invalid api key", code: null }]);
    expect(failureAdvice(unclassified.code)).toBeNull();
    expect(failureAdvice("rate_limited")?.settings).toBe(false);
    expect(failRun(startingRun(null), "lost").code).toBeNull();
  });
});
