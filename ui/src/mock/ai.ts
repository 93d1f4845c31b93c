// The AI half of the mock backend: providers (keys kept in a pretend keyring that no command
// returns), project AI policies, and runs streamed event by event through a callback that
// stands in for the Tauri Channel. Deterministic, so screenshots and tests are stable.
import type {
  AiPolicy,
  AiRunEvent,
  AiRunRecord,
  AiRunRequest,
  ConnectionReport,
  IpcError,
  ProviderInfo,
  ProviderInput,
  ProviderKindName,
} from "$lib/bindings";

function fail(code: IpcError["code"], message: string): never {
  throw { code, message } satisfies IpcError;
}

export type AiHost = {
  now(): number;
  /** Text of the document's newest revision; throws not_found. */
  documentText(documentId: string): string;
  projectExists(projectId: string): void;
  log(kind: string, summary: string, projectId: string | null, documentId: string | null): void;
};

export type RunTiming = {
  /** Milliseconds between words. */
  wordMs: number;
  /** Scales retry waits (1 = as announced). */
  retryScale: number;
};

const OFFLINE: ProviderInfo = {
  id: "offline",
  name: "Greenlight offline",
  kind: "offline",
  baseUrl: "",
  model: "extractive-1",
  keySet: false,
  local: true,
  builtIn: true,
};

const KINDS: ProviderKindName[] = ["openai_compatible", "anthropic", "ollama"];
const DEFAULT_URL: Record<string, string> = {
  openai_compatible: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
  ollama: "http://127.0.0.1:11434",
};

function isLoopback(url: string): boolean {
  try {
    const h = new URL(url).hostname;
    return h === "localhost" || h === "127.0.0.1" || h === "[::1]" || h === "::1";
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class MockAi {
  private providers: ProviderInfo[] = [OFFLINE];
  /** The pretend OS keyring: never serialized into a response. */
  private readonly keyring = new Map<string, string>();
  private readonly policies = new Map<string, AiPolicy>();
  readonly runs: AiRunRecord[] = [];
  private readonly cancelled = new Set<string>();
  private nextId = 1;

  constructor(private readonly host: AiHost) {}

  listProviders(): ProviderInfo[] {
    return this.providers.map((p) => ({ ...p, keySet: this.keyring.has(p.id) }));
  }

  provider(id: string): ProviderInfo {
    return this.listProviders().find((p) => p.id === id) ?? fail("not_found", "That provider is no longer configured. Choose another one.");
  }

  saveProvider(id: string | null, input: ProviderInput): ProviderInfo {
    if (id === "offline") fail("invalid_input", "The built-in offline engine cannot be changed.");
    const name = (input?.name ?? "").trim();
    if (!name) fail("invalid_input", "Give the provider a name.");
    if (!KINDS.includes(input.kind)) fail("invalid_input", "Choose what kind of provider this is.");
    if (this.providers.some((p) => p.id !== id && p.name.toLowerCase() === name.toLowerCase()))
      fail("conflict", `There is already a provider called “${name}”.`);
    const baseUrl = input.baseUrl.trim();
    if (baseUrl && !/^https?:\/\/[^\s/]+/.test(baseUrl)) fail("invalid_input", "The base URL must start with http:// or https://.");
    const model = input.model.trim();
    if (!model) fail("invalid_input", "Name the model to use.");
    const existing = id ? this.provider(id) : null;
    const pid = existing?.id ?? `prov_${(this.nextId++).toString().padStart(3, "0")}`;
    const info: ProviderInfo = {
      id: pid,
      name,
      kind: input.kind,
      baseUrl,
      model,
      keySet: false,
      local: isLoopback(baseUrl || DEFAULT_URL[input.kind]),
      builtIn: false,
    };
    if (input.apiKey === "") this.keyring.delete(pid);
    else if (input.apiKey !== null) this.keyring.set(pid, input.apiKey);
    if (existing) this.providers = this.providers.map((p) => (p.id === pid ? info : p));
    else this.providers.push(info);
    this.host.log(existing ? "provider.updated" : "provider.added", `${existing ? "Changed" : "Added"} the AI provider “${name}”`, null, null);
    return this.provider(pid);
  }

  removeProvider(id: string): null {
    const p = this.provider(id);
    if (p.builtIn) fail("invalid_input", "The built-in offline engine cannot be removed.");
    this.providers = this.providers.filter((x) => x.id !== id);
    this.keyring.delete(id);
    this.host.log("provider.removed", `Removed the AI provider “${p.name}”`, null, null);
    return null;
  }

  testProvider(id: string): ConnectionReport {
    const p = this.provider(id);
    if (p.builtIn) return { ok: true, models: [p.model], message: "The built-in engine is ready. It works without a network." };
    if (/flaky|down/i.test(p.name))
      return { ok: false, models: [], message: `Could not connect to ${p.baseUrl || DEFAULT_URL[p.kind]}: the connection was refused. Check the address and that the server is running.` };
    if (p.kind === "anthropic" && !p.keySet)
      return { ok: false, models: [], message: "Anthropic refused the request: no API key is set. Add your key and try again." };
    const models =
      p.kind === "anthropic"
        ? ["claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5"]
        : p.kind === "ollama"
          ? ["llama3.1", "llama3.1:70b", "mistral-nemo", "qwen2.5:14b"]
          : p.local
            ? ["qwen2.5-7b-instruct", "llama-3.2-3b-instruct"]
            : ["gpt-4o-mini", "gpt-4o", "gpt-4.1", "gpt-4.1-mini"];
    const found = models.includes(p.model);
    return {
      ok: true,
      models,
      message: found
        ? `Connected to ${p.name}. ${models.length} models available, including ${p.model}.`
        : `Connected to ${p.name}, but it does not offer “${p.model}”. Pick one of its ${models.length} models.`,
    };
  }

  getPolicy(projectId: string): AiPolicy {
    this.host.projectExists(projectId);
    return structuredClone(
      this.policies.get(projectId) ?? { aiEnabled: true, allowedProviders: [], localOnly: false, protectedNames: [], maxRequestChars: 0 },
    );
  }

  setPolicy(projectId: string, policy: AiPolicy): AiPolicy {
    this.host.projectExists(projectId);
    const known = new Set(this.providers.map((p) => p.id));
    const unknown = policy.allowedProviders.find((id) => !known.has(id));
    if (unknown) fail("invalid_input", "One of the allowed providers is no longer configured. Reload and try again.");
    if (!Number.isInteger(policy.maxRequestChars) || policy.maxRequestChars < 0)
      fail("invalid_input", "The request size limit must be a whole number of characters (0 for no limit).");
    const clean: AiPolicy = {
      ...policy,
      protectedNames: [...new Set(policy.protectedNames.map((n) => n.trim()).filter(Boolean))],
    };
    this.policies.set(projectId, clean);
    this.host.log("policy.changed", "Changed the project's AI policy", projectId, null);
    return this.getPolicy(projectId);
  }

  aiRuns(projectId: string, limit: number): AiRunRecord[] {
    return this.runs
      .filter((r) => r.projectId === projectId)
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, Math.max(0, limit))
      .map((r) => ({ ...r }));
  }

  cancel(runId: string): null {
    this.cancelled.add(runId);
    return null;
  }

  /**
   * Starts a run and returns its id at once; events follow through `emit`. `done` settles
   * after the `finished` event, for tests.
   */
  run(req: AiRunRequest, emit: (e: AiRunEvent) => void, timing: RunTiming): { runId: string; done: Promise<void> } {
    this.host.projectExists(req.projectId);
    const provider = this.provider(req.providerId);
    const source = req.text ?? (req.documentId ? this.host.documentText(req.documentId) : "");
    if (req.task === "variation" && !(req.text ?? "").trim()) fail("invalid_input", "Select the passage to draft a variation of.");
    const runId = `run_${(this.nextId++).toString().padStart(4, "0")}`;
    const startedAt = this.host.now();
    const record: AiRunRecord = {
      id: runId,
      projectId: req.projectId,
      documentId: req.documentId,
      task: req.task,
      providerId: provider.id,
      providerName: provider.name,
      model: provider.model,
      local: provider.local,
      templateId: req.task === "summarize" ? "summarize.scene" : "variation.rewrite",
      templateVersion: req.task === "summarize" ? 3 : 2,
      params: req.task === "variation" ? JSON.stringify({ instruction: req.instruction }) : "{}",
      promptHash: hashHex(`${provider.id}|${provider.model}|${req.task}|${req.instruction}|${source}`),
      inputTokens: null,
      outputTokens: null,
      latencyMs: null,
      outcome: null,
      partial: false,
      message: null,
      output: "",
      startedAt,
      finishedAt: null,
    };
    this.runs.push(record);
    const finish = (outcome: AiRunRecord["outcome"] & string, message: string | null) => {
      record.outcome = outcome;
      record.partial = outcome !== "done" && record.output.length > 0;
      record.message = message;
      record.finishedAt = this.host.now();
      record.latencyMs = record.finishedAt - startedAt;
      emit({ type: "finished", outcome, partial: record.partial, message });
    };

    const done = (async () => {
      await sleep(0);
      const refusal = this.refusal(req.projectId, provider, source.length);
      if (refusal) {
        finish("blocked", refusal);
        return;
      }
      emit({ type: "started", runId, providerName: provider.name, model: provider.model, local: provider.local, template: `${record.templateId}@${record.templateVersion}` });
      if (provider.kind === "anthropic") {
        emit({ type: "retrying", message: "Anthropic is overloaded; retrying in 4 s", waitMs: 4000 });
        await sleep(4000 * timing.retryScale);
      }
      const answer = req.task === "summarize" ? summarize(source) : vary(req.text ?? "", req.instruction);
      const words = answer.match(/\S+\s*/g) ?? [];
      const flaky = /flaky/i.test(provider.name);
      for (let i = 0; i < words.length; i++) {
        if (this.cancelled.has(runId)) {
          finish("cancelled", null);
          return;
        }
        if (flaky && i === Math.floor(words.length * 0.4)) {
          finish("failed", `The connection to ${provider.name} dropped in the middle of the answer. Try again, or choose another provider.`);
          return;
        }
        record.output += words[i];
        emit({ type: "delta", text: words[i] });
        await sleep(timing.wordMs);
      }
      if (this.cancelled.has(runId)) {
        finish("cancelled", null);
        return;
      }
      record.inputTokens = Math.ceil((source.length + 400) / 4);
      record.outputTokens = Math.ceil(words.length * 1.3);
      emit({ type: "usage", inputTokens: record.inputTokens, outputTokens: record.outputTokens });
      finish("done", null);
    })();
    return { runId, done };
  }

  private refusal(projectId: string, p: ProviderInfo, chars: number): string | null {
    const pol = this.getPolicy(projectId);
    if (!pol.aiEnabled) return "AI is turned off for this project. An admin can turn it on in the project's AI policy.";
    if (pol.allowedProviders.length && !pol.allowedProviders.includes(p.id))
      return `“${p.name}” is not one of this project's allowed providers. Choose an allowed one.`;
    if (pol.localOnly && !p.local)
      return `this project allows local models only, and “${p.name}” is a remote provider. Choose the offline engine or a model on this computer.`;
    if (pol.maxRequestChars && chars > pol.maxRequestChars)
      return `the request is ${chars.toLocaleString("en-US")} characters; this project allows at most ${pol.maxRequestChars.toLocaleString("en-US")}. Select a shorter passage.`;
    return null;
  }
}

function hashHex(text: string): string {
  let out = "";
  for (let seed = 0; seed < 8; seed++) {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

const HEADING = /^(?:INT|EXT|EST|INT\.\/EXT|INT\/EXT|I\/E)[. ]/i;

/** An extractive summary: each scene's heading and its first line of action. */
export function summarize(text: string): string {
  const lines = text.split("\n");
  const scenes: { heading: string; body: string[] }[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (HEADING.test(t) || (t.startsWith(".") && !t.startsWith(".."))) scenes.push({ heading: t.replace(/^\./, ""), body: [] });
    else if (t && scenes.length) scenes[scenes.length - 1].body.push(t);
  }
  if (scenes.length === 0) {
    const sentences = text.replace(/\s+/g, " ").match(/[^.!?]+[.!?]/g) ?? [text.trim()];
    return sentences.slice(0, 4).map((x) => x.trim()).join(" ") || "There is no text to summarize yet.";
  }
  const out = scenes.map((s, i) => {
    const action = s.body.find((b) => !/^[A-Z][A-Z .'()-]+$/.test(b) && !b.startsWith("(")) ?? "";
    const first = (action.match(/[^.!?]+[.!?]/) ?? [action])[0].trim();
    return `${i + 1}. ${s.heading.toUpperCase()}: ${first || "A short scene."}`;
  });
  return `${scenes.length} scene${scenes.length === 1 ? "" : "s"}.\n\n${out.join("\n")}`;
}

/** A stand-in rewrite that visibly follows the instruction. */
export function vary(text: string, instruction: string): string {
  const ins = instruction.toLowerCase();
  if (ins.includes("spanish"))
    return text
      .replace(/\bthe\b/gi, "el")
      .replace(/\band\b/gi, "y")
      .replace(/\bnight\b/gi, "noche")
      .replace(/\brain\b/gi, "lluvia");
  if (ins.includes("colder")) return text.replace(/!/g, ".").replace(/\b(please|sorry|just|really)\b ?/gi, "");
  if (ins.includes("punch")) return text.replace(/\.\s*$/gm, "!").replace(/\b(I think|maybe|perhaps) /gi, "");
  return text
    .replace(/\b(very|really|just|slowly|quietly|then|suddenly|almost)\b ?/gi, "")
    .replace(/ {2,}/g, " ");
}
