import { describe, expect, it } from "vitest";
import type { AiRunEvent, AiRunRecord, ConnectionReport, ProviderInfo } from "$lib/bindings";
import { MockBackend } from "./backend";
import { seed } from "./seed";
import { summarize } from "./ai";

const fast = { wordMs: 0, retryScale: 0 };

function setup() {
  const b = new MockBackend({ now: () => 1_700_000_000_000, aiTiming: fast });
  seed(b, 1_700_000_000_000);
  const night = [...b.projects.values()].find((p) => p.title === "The Night Shoot")!;
  const salt = [...b.projects.values()].find((p) => p.title === "Salt & Iron")!;
  const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
  const providers = b.handle("provider_list") as ProviderInfo[];
  const byName = (n: string) => providers.find((p) => p.name.startsWith(n))!;
  return { b, night, salt, script, byName };
}

function collect(b: MockBackend, request: Record<string, unknown>) {
  const events: AiRunEvent[] = [];
  const r = b.ai.run(
    { projectId: "", documentId: null, providerId: "offline", task: "summarize", instruction: "", text: null, ...request },
    (e) => events.push(e),
    fast,
  );
  return { events, ...r };
}

describe("mock AI", () => {
  it("lists the offline engine first and never returns a key", () => {
    const { b, byName } = setup();
    const list = b.handle("provider_list") as ProviderInfo[];
    expect(list[0]).toMatchObject({ id: "offline", builtIn: true, local: true });
    expect(byName("Anthropic").keySet).toBe(true);
    expect(JSON.stringify(list)).not.toContain("sk-ant-mock");
    const saved = b.handle("provider_save", { id: byName("Anthropic").id, input: { ...byName("Anthropic"), apiKey: null } }) as ProviderInfo;
    expect(saved.keySet).toBe(true);
    expect((b.handle("provider_save", { id: saved.id, input: { ...saved, apiKey: "" } }) as ProviderInfo).keySet).toBe(false);
    expect(() => b.handle("provider_remove", { id: "offline" })).toThrow(expect.objectContaining({ code: "invalid_input" }));
    expect(byName("Ollama").local).toBe(true);
    expect((b.handle("provider_test", { id: saved.id }) as ConnectionReport).ok).toBe(false);
    expect((b.handle("provider_test", { id: byName("Ollama").id }) as ConnectionReport).models).toContain("llama3.1");
  });

  it("streams a summary: started, deltas, usage, exactly one finished last", async () => {
    const { b, night, script } = setup();
    const { events, done } = collect(b, { projectId: night.id, documentId: script.id });
    await done;
    expect(events[0].type).toBe("started");
    expect(events.filter((e) => e.type === "finished")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "finished", outcome: "done" });
    const text = events.map((e) => (e.type === "delta" ? e.text : "")).join("");
    expect(text).toContain("EXT. MULTI-STOREY CAR PARK - ROOF - NIGHT");
    const runs = b.handle("ai_runs", { projectId: night.id, limit: 10 }) as AiRunRecord[];
    expect(runs[0]).toMatchObject({ outcome: "done", output: text, local: true });
  });

  it("cancels mid-stream and keeps the partial text", async () => {
    const { b, night, script } = setup();
    const events: AiRunEvent[] = [];
    const { runId, done } = b.ai.run(
      { projectId: night.id, documentId: script.id, providerId: "offline", task: "summarize", instruction: "", text: null },
      (e) => {
        events.push(e);
        if (events.filter((x) => x.type === "delta").length === 3) b.handle("ai_cancel", { runId });
      },
      fast,
    );
    await done;
    expect(events.at(-1)).toMatchObject({ type: "finished", outcome: "cancelled", partial: true });
  });

  it("fails a Flaky provider midway, and blocks remote providers on a local-only project", async () => {
    const { b, night, salt, script, byName } = setup();
    const flaky = b.handle("provider_save", { id: null, input: { name: "Flaky", kind: "openai_compatible", baseUrl: "", model: "m", apiKey: null } }) as ProviderInfo;
    const f = collect(b, { projectId: night.id, documentId: script.id, providerId: flaky.id });
    await f.done;
    expect(f.events.at(-1)).toMatchObject({ type: "finished", outcome: "failed", partial: true });

    const bible = [...b.documents.values()].find((d) => d.projectId === salt.id)!;
    const blocked = collect(b, { projectId: salt.id, documentId: bible.id, providerId: byName("Anthropic").id });
    await blocked.done;
    expect(blocked.events).toEqual([{ type: "finished", outcome: "blocked", partial: false, message: expect.stringMatching(/local models only/) }]);
    const local = collect(b, { projectId: salt.id, documentId: bible.id, providerId: byName("Ollama").id });
    await local.done;
    expect(local.events.at(-1)).toMatchObject({ outcome: "done" });
  });

  it("announces a retry for Anthropic before text, and drafts variations of the selection", async () => {
    const { b, night, script, byName } = setup();
    const r = collect(b, { projectId: night.id, documentId: script.id, providerId: byName("Anthropic").id, task: "variation", instruction: "Tighten", text: "She very slowly turns." });
    await r.done;
    expect(r.events.map((e) => e.type).slice(0, 2)).toEqual(["started", "retrying"]);
    expect(r.events.map((e) => (e.type === "delta" ? e.text : "")).join("")).toBe("She turns.");
    expect(() => b.ai.run({ projectId: night.id, documentId: script.id, providerId: "offline", task: "variation", instruction: "x", text: "" }, () => {}, fast)).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
  });

  it("stores and validates policies", () => {
    const { b, night } = setup();
    const p = { aiEnabled: false, allowedProviders: ["offline"], localOnly: false, protectedNames: [" Lena ", ""], maxRequestChars: 0 };
    expect(b.handle("policy_set", { projectId: night.id, policy: p })).toMatchObject({ protectedNames: ["Lena"] });
    expect(() => b.handle("policy_set", { projectId: night.id, policy: { ...p, allowedProviders: ["nope"] } })).toThrow();
    expect(() => b.handle("policy_get", { projectId: "prj_missing" })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(summarize("Just prose. Two sentences.")).toBe("Just prose. Two sentences.");
  });
});
