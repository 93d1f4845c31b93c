import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { api } from "$lib/api";
import type { AiRunEvent } from "$lib/bindings";
import { MockBackend } from "./backend";
import { channelEmitter } from "./channel";
import { seed } from "./seed";

afterEach(() => clearMocks());

describe("mock ai_run through a real Channel", () => {
  it("delivers every event, in order, to api.runAi's callback", async () => {
    const b = new MockBackend({ aiTiming: { wordMs: 0, retryScale: 0 } });
    seed(b, Date.now());
    const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      return b.handle(cmd, cmd === "ai_run" ? { ...a, onEvent: channelEmitter(a.onEvent) } : a);
    });
    const events: AiRunEvent[] = [];
    const finished = new Promise<void>((resolve) => {
      void api
        .runAi(
          { projectId: script.projectId, documentId: script.id, providerId: "offline", task: "summarize", instruction: "", text: null },
          (e) => {
            events.push(e);
            if (e.type === "finished") resolve();
          },
        )
        .then((runId) => expect(runId).toMatch(/^run_/));
    });
    await finished;
    expect(events[0].type).toBe("started");
    expect(events.at(-1)).toMatchObject({ type: "finished", outcome: "done" });
    expect(events.filter((e) => e.type === "delta").length).toBeGreaterThan(5);
  });
});
