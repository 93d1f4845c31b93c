import { describe, expect, it } from "vitest";
import type { AiRunEvent, AiRunRequest } from "$lib/bindings";
import { idOf } from "$lib/ids";
import { MockBackend } from "./backend";
import { seed } from "./seed";
import { summarize } from "./ai";
import { mockService } from "./service";

const fast = { wordMs: 0, retryScale: 0 };

function setup() {
  const b = new MockBackend({ now: () => 1_700_000_000_000, aiTiming: fast });
  seed(b, 1_700_000_000_000);
  const svc = mockService(b);
  const night = [...b.projects.values()].find((p) => p.title === "The Night Shoot")!;
  const salt = [...b.projects.values()].find((p) => p.title === "Salt & Iron")!;
  const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
  const byName = (n: string) => b.ai.listProviders().find((p) => p.name.startsWith(n))!;
  const request = (r: Partial<AiRunRequest>): AiRunRequest => ({
    projectId: night.id,
    documentId: script.id,
    providerId: "offline",
    task: "summarize",
    instruction: "",
    text: null,
    ...r,
  });
  return { b, svc, night, salt, script, byName, request };
}

function collect(b: MockBackend, request: AiRunRequest) {
  const events: AiRunEvent[] = [];
  const r = b.ai.run(request, (e) => events.push(e), fast);
  return { events, ...r };
}

describe("mock AI", () => {
  it("lists the offline engine first, as core names it, and never returns a key", async () => {
    const { svc, byName } = setup();
    const list = await svc.provider_list();
    expect(list[0]).toEqual({
      id: "offline",
      name: "Offline engine (extractive)",
      kind: "offline",
      baseUrl: "",
      model: "greenlight-extractive-v1",
      keySet: false,
      local: true,
      ownNetwork: false,
      builtIn: true,
    });
    expect(byName("Anthropic").keySet).toBe(true);
    expect(JSON.stringify(list)).not.toContain("sk-ant-mock");
    const anthropic = byName("Anthropic");
    const saved = await svc.provider_save({ id: anthropic.id, input: { ...anthropic, apiKey: null } });
    expect(saved.keySet).toBe(true);
    expect((await svc.provider_save({ id: saved.id, input: { ...saved, apiKey: "" } })).keySet).toBe(false);
    expect(byName("Ollama").local).toBe(true);
    expect((await svc.provider_test({ id: saved.id })).ok).toBe(false);
    expect((await svc.provider_test({ id: byName("Ollama").id })).models).toContain("llama3.1");
  });

  it("refuses to change or remove the built-in engine with conflict, as core does", async () => {
    const { svc } = setup();
    await expect(svc.provider_remove({ id: "offline" })).rejects.toMatchObject({ code: "conflict", field: null });
    const input = { name: "Mine", kind: "ollama", baseUrl: "", model: "m", ownNetwork: false, apiKey: null } as const;
    await expect(svc.provider_save({ id: "offline", input })).rejects.toMatchObject({ code: "conflict" });
    await expect(svc.provider_remove({ id: "p-missing" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("names the provider field that was wrong", async () => {
    const { svc } = setup();
    const input = { name: "Mine", kind: "ollama", baseUrl: "", model: "m", ownNetwork: false, apiKey: null } as const;
    await expect(svc.provider_save({ id: null, input: { ...input, name: " " } })).rejects.toMatchObject({ field: "name" });
    await expect(svc.provider_save({ id: null, input: { ...input, model: "" } })).rejects.toMatchObject({ field: "model" });
    await expect(svc.provider_save({ id: null, input: { ...input, baseUrl: "ftp://x" } })).rejects.toMatchObject({ field: "baseUrl" });
    await expect(svc.provider_save({ id: null, input: { ...input, kind: "offline" } })).rejects.toMatchObject({ field: "kind" });
    await expect(svc.provider_save({ id: null, input: { ...input, name: "Anthropic" } })).rejects.toMatchObject({ code: "conflict" });
  });

  it("streams a summary: started, deltas, usage, exactly one finished last", async () => {
    const { b, svc, night, request } = setup();
    const { events, done } = collect(b, request({}));
    await done;
    expect(events[0]).toMatchObject({ type: "started", template: "summarize.document v1" });
    expect(events.filter((e) => e.type === "finished")).toHaveLength(1);
    expect(events.at(-1)).toEqual({ type: "finished", outcome: "done", partial: false, message: null, code: null });
    const text = events.map((e) => (e.type === "delta" ? e.text : "")).join("");
    expect(text).toContain("EXT. MULTI-STOREY CAR PARK - ROOF - NIGHT");
    const runs = await svc.ai_runs({ projectId: night.id, limit: 10 });
    expect(runs[0]).toMatchObject({ outcome: "done", output: text, local: true });
  });

  it("cancels mid-stream and keeps the partial text; cancelling no run answers false", async () => {
    const { b, svc, request } = setup();
    const events: AiRunEvent[] = [];
    const cancels: Promise<boolean>[] = [];
    const { runId, done } = b.ai.run(
      request({}),
      (e) => {
        events.push(e);
        if (e.type === "delta" && events.filter((x) => x.type === "delta").length === 3) cancels.push(svc.ai_cancel({ runId }));
      },
      fast,
    );
    await done;
    expect(await Promise.all(cancels)).toEqual([true]);
    expect(events.at(-1)).toMatchObject({ type: "finished", outcome: "cancelled", partial: true });
    expect(await svc.ai_cancel({ runId })).toBe(false);
    expect(await svc.ai_cancel({ runId: "run_unknown" })).toBe(false);
  });

  it("fails with a code the UI can act on: a dropped stream, a missing key", async () => {
    const { b, byName, request } = setup();
    const flaky = b.ai.saveProvider(null, { name: "Flaky", kind: "openai_compatible", baseUrl: "http://127.0.0.1:9/v1", model: "m", ownNetwork: false, apiKey: null });
    const f = collect(b, request({ providerId: flaky.id }));
    await f.done;
    expect(f.events.at(-1)).toMatchObject({ type: "finished", outcome: "failed", partial: true, code: "truncated_stream" });
    const openai = collect(b, request({ providerId: byName("OpenAI").id }));
    await openai.done;
    expect(openai.events.at(-1)).toMatchObject({ type: "finished", outcome: "failed", partial: false, code: "auth_rejected" });
  });

  it("blocks remote providers on a local-only project, in core's words", async () => {
    const { b, salt, byName, request } = setup();
    const bible = [...b.documents.values()].find((d) => d.projectId === salt.id)!;
    const blocked = collect(b, request({ projectId: salt.id, documentId: bible.id, providerId: byName("Anthropic").id }));
    await blocked.done;
    expect(blocked.events).toEqual([
      { type: "finished", outcome: "blocked", partial: false, message: "This project allows local models only; 'Anthropic' is remote.", code: null },
    ]);
    const local = collect(b, request({ projectId: salt.id, documentId: bible.id, providerId: byName("Ollama").id }));
    await local.done;
    expect(local.events.at(-1)).toMatchObject({ outcome: "done" });
  });

  it("announces a retry for Anthropic before text, and drafts variations of the selection", async () => {
    const { b, byName, request } = setup();
    const r = collect(b, request({ providerId: byName("Anthropic").id, task: "variation", instruction: "Tighten", text: "She very slowly turns." }));
    await r.done;
    expect(r.events.map((e) => e.type).slice(0, 2)).toEqual(["started", "retrying"]);
    expect(r.events.map((e) => (e.type === "delta" ? e.text : "")).join("")).toBe("She turns.");
  });

  it("refuses a run as core's prepare_ai_run does", async () => {
    const { b, svc, salt, request } = setup();
    const onEvent = () => {};
    await expect(svc.ai_run({ request: request({ task: "variation", instruction: " ", text: "x" }), onEvent })).rejects.toMatchObject({
      code: "invalid_input",
      field: "instruction",
    });
    await expect(svc.ai_run({ request: request({ text: "  " }), onEvent })).rejects.toMatchObject({ code: "invalid_input", field: "text" });
    await expect(svc.ai_run({ request: request({ providerId: "p-missing" }), onEvent })).rejects.toMatchObject({ code: "not_found" });
    await expect(svc.ai_run({ request: request({ projectId: salt.id }), onEvent })).rejects.toMatchObject({ code: "conflict" });
    expect(b.ai.runs).toHaveLength(2);
  });

  it("stores policies as core does: names trimmed, checked and de-duplicated, nothing else refused", async () => {
    const { svc, night } = setup();
    const p = { aiEnabled: false, allowedProviders: ["offline", "p-gone"], localOnly: false, protectedNames: [" Lena ", "", "lena", "Priya"], maxRequestChars: 0 };
    expect(await svc.policy_set({ projectId: night.id, policy: p })).toMatchObject({ protectedNames: ["Lena", "Priya"], allowedProviders: ["offline", "p-gone"] });
    await expect(svc.policy_set({ projectId: night.id, policy: { ...p, protectedNames: ["x".repeat(101)] } })).rejects.toMatchObject({
      code: "invalid_input",
      field: "protectedNames",
    });
    await expect(svc.policy_get({ projectId: idOf("project", "prj_missing") })).rejects.toMatchObject({ code: "not_found" });
    expect(summarize("Just prose. Two sentences.")).toBe("Just prose. Two sentences.");
  });
});
