// The AI half of the mock backend: providers (keys kept in a pretend keyring that no command
// returns), project AI policies, and runs streamed event by event through a callback that
// stands in for the Tauri Channel. Deterministic, so screenshots and tests are stable. Its
// refusals follow core (crates/core/src/ai): same codes, same fields.
import type {
  AiErrorCode,
  AiOutcome,
  AiPolicy,
  AiRunEvent,
  AiRunRecord,
  AiRunRequest,
  ConnectionReport,
  DocumentId,
  ProjectId,
  ProviderInfo,
  ProviderInput,
  ProviderKindName,
} from "$lib/bindings";
import { addressProblem, hostOf, isLocalAddress } from "$lib/ai/address";
import { hashHex, OFFLINE, policyRefusal, summarize, vary } from "./aiText";
import { cleanLabel, fail } from "./validate";

export { summarize, vary } from "./aiText";

export type AiHost = {
  now(): number;
  /** The document's project and newest text; throws not_found. */
  document(documentId: DocumentId): { projectId: ProjectId; text: string };
  projectExists(projectId: ProjectId): void;
  log(kind: string, summary: string, projectId: ProjectId | null, documentId: DocumentId | null): void;
};

export type RunTiming = {
  /** Milliseconds between words. */
  wordMs: number;
  /** Scales retry waits (1 = as announced). */
  retryScale: number;
};

const KINDS: ProviderKindName[] = ["openai_compatible", "anthropic", "ollama"];
const DEFAULT_URL: Record<ProviderKindName, string> = {
  openai_compatible: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
  ollama: "http://127.0.0.1:11434",
  offline: "",
};
/** Core's caps (crates/core/src/ai): provider name, model, protected name; runs per request. */
const MAX_PROVIDER_NAME = 80;
const MAX_MODEL = 200;
const MAX_PROTECTED_NAME = 100;
const MAX_RUNS = 500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class MockAi {
  private providers: ProviderInfo[] = [OFFLINE];
  /** The pretend OS keyring: never serialized into a response. */
  private readonly keyring = new Map<string, string>();
  private readonly policies = new Map<ProjectId, AiPolicy>();
  readonly runs: AiRunRecord[] = [];
  private readonly inFlight = new Set<string>();
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
    if (id === OFFLINE.id) fail("conflict", "The offline engine is built in and cannot be changed.");
    const name = cleanLabel("Provider name", "name", input.name, MAX_PROVIDER_NAME);
    if (!KINDS.includes(input.kind))
      fail("invalid_input", `'${input.kind} (the offline engine is built in)' is not a known provider kind for a new provider`, "kind");
    const baseUrl = input.baseUrl.trim();
    const problem = addressProblem(baseUrl || DEFAULT_URL[input.kind], input.ownNetwork);
    if (problem) fail("invalid_input", `Base URL: ${problem}`, "baseUrl");
    const model = cleanLabel("Model", "model", input.model, MAX_MODEL);
    const existing = id !== null ? this.provider(id) : null;
    if (this.providers.some((p) => p.id !== id && p.name === name)) fail("conflict", `A provider named “${name}” already exists.`);
    const pid = existing?.id ?? `p-${(this.nextId++).toString().padStart(3, "0")}`;
    const info: ProviderInfo = {
      id: pid,
      name,
      kind: input.kind,
      baseUrl,
      model,
      keySet: false,
      local: isLocalAddress(baseUrl || DEFAULT_URL[input.kind], input.ownNetwork),
      ownNetwork: input.ownNetwork,
      builtIn: false,
    };
    // As core: a key never follows the provider to another host unless entered again.
    const hostOfInfo = (p: { baseUrl: string; kind: ProviderInput["kind"] }) => hostOf(p.baseUrl || DEFAULT_URL[p.kind])?.host ?? null;
    const moved = existing !== null && hostOfInfo(existing) !== hostOfInfo(info);
    if (input.apiKey === "" || (input.apiKey === null && moved)) this.keyring.delete(pid);
    else if (input.apiKey !== null) this.keyring.set(pid, input.apiKey.trim());
    if (existing) this.providers = this.providers.map((p) => (p.id === pid ? info : p));
    else this.providers.push(info);
    this.host.log(existing ? "provider.updated" : "provider.added", `${existing ? "Changed" : "Added"} the AI provider “${name}”`, null, null);
    return this.provider(pid);
  }

  removeProvider(id: string): null {
    if (id === OFFLINE.id) fail("conflict", "The offline engine is built in and cannot be removed.");
    const p = this.provider(id);
    this.providers = this.providers.filter((x) => x.id !== id);
    this.keyring.delete(id);
    this.host.log("provider.removed", `Removed the AI provider “${p.name}”`, null, null);
    return null;
  }

  testProvider(id: string): ConnectionReport {
    const p = this.provider(id);
    if (p.builtIn) return { ok: true, models: [p.model], message: `Connected to '${p.name}': 1 models available.` };
    if (/flaky|down/i.test(p.name))
      return { ok: false, models: [], message: `Could not connect to ${p.baseUrl || DEFAULT_URL[p.kind]}: the connection was refused. Check the address and that the server is running.` };
    if (needsKey(p))
      return { ok: false, models: [], message: `${p.name} refused the request: no API key is set. Add your key and try again.` };
    const models =
      p.kind === "anthropic"
        ? ["claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5"]
        : p.kind === "ollama"
          ? ["llama3.1", "llama3.1:70b", "mistral-nemo", "qwen2.5:14b"]
          : p.local
            ? ["qwen2.5-7b-instruct", "llama-3.2-3b-instruct"]
            : ["gpt-4o-mini", "gpt-4o", "gpt-4.1", "gpt-4.1-mini"];
    return { ok: true, models, message: `Connected to '${p.name}': ${models.length} models available.` };
  }

  getPolicy(projectId: ProjectId): AiPolicy {
    this.host.projectExists(projectId);
    return structuredClone(
      this.policies.get(projectId) ?? { aiEnabled: true, allowedProviders: [], localOnly: false, protectedNames: [], maxRequestChars: 0 },
    );
  }

  /** As core: protected names are trimmed, checked and de-duplicated; nothing else is refused. */
  setPolicy(projectId: ProjectId, policy: AiPolicy): AiPolicy {
    const names: string[] = [];
    for (const n of policy.protectedNames) {
      if (!n.trim()) continue;
      const clean = cleanLabel("Protected name", "protectedNames", n, MAX_PROTECTED_NAME);
      if (!names.some((x) => x.toLowerCase() === clean.toLowerCase())) names.push(clean);
    }
    this.host.projectExists(projectId);
    this.policies.set(projectId, { ...policy, protectedNames: names });
    this.host.log("policy.changed", "Changed the project's AI policy", projectId, null);
    return this.getPolicy(projectId);
  }

  aiRuns(projectId: ProjectId, limit: number): AiRunRecord[] {
    return this.runs
      .filter((r) => r.projectId === projectId)
      .sort((a, b) => b.startedAt - a.startedAt)
      .slice(0, Math.min(Math.max(limit, 1), MAX_RUNS))
      .map((r) => ({ ...r }));
  }

  /** Cancels a run in flight; `false` when no such run is running. */
  cancel(runId: string): boolean {
    if (!this.inFlight.has(runId)) return false;
    this.cancelled.add(runId);
    return true;
  }

  /**
   * Starts a run and returns its id at once; events follow through `emit`. Refuses what core's
   * `prepare_ai_run` refuses, in its order. `done` settles after the `finished` event, for tests.
   */
  run(req: AiRunRequest, emit: (e: AiRunEvent) => void, timing: RunTiming, take = 1): { runId: string; done: Promise<void> } {
    this.host.projectExists(req.projectId);
    let source = req.text ?? "";
    if (req.documentId !== null) {
      const doc = this.host.document(req.documentId);
      if (doc.projectId !== req.projectId) fail("conflict", "That document belongs to another project.");
      source = req.text ?? doc.text;
    }
    if (!source.trim()) fail("invalid_input", "The text to send cannot be empty", "text");
    const provider = this.provider(req.providerId);
    if (req.task === "variation" && !req.instruction.trim()) fail("invalid_input", "The instruction cannot be empty", "instruction");
    const runId = `run_${(this.nextId++).toString().padStart(4, "0")}`;
    const startedAt = this.host.now();
    const templateId = req.task === "summarize" ? "summarize.document" : "rewrite.variation";
    const record: AiRunRecord = {
      id: runId,
      projectId: req.projectId,
      documentId: req.documentId,
      task: req.task,
      providerId: provider.id,
      providerName: provider.name,
      model: provider.model,
      local: provider.local,
      templateId,
      templateVersion: 1,
      params: req.task === "variation" ? JSON.stringify({ instruction: req.instruction.trim() }) : "{}",
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
    this.inFlight.add(runId);
    const finish = (outcome: AiOutcome, message: string | null, code: AiErrorCode | null = null) => {
      this.inFlight.delete(runId);
      record.outcome = outcome;
      record.partial = outcome !== "done" && record.output.length > 0;
      record.message = message;
      record.finishedAt = this.host.now();
      record.latencyMs = record.finishedAt - startedAt;
      emit({ type: "finished", outcome, partial: record.partial, message, code });
    };

    const done = (async () => {
      await sleep(0);
      const refusal = policyRefusal(this.getPolicy(req.projectId), provider, source.length);
      if (refusal) return finish("blocked", refusal);
      emit({ type: "started", runId, providerName: provider.name, model: provider.model, local: provider.local, template: `${templateId} v1` });
      if (needsKey(provider))
        return finish("failed", `${provider.name} refused the API key (401 Unauthorized).`, "auth_rejected");
      if (provider.kind === "anthropic") {
        emit({ type: "retrying", message: "Anthropic is overloaded; retrying in 4 s", waitMs: 4000 });
        await sleep(4000 * timing.retryScale);
      }
      const answer = req.task === "summarize" ? summarize(source) : vary(source, req.instruction, take);
      const words = answer.match(/\S+\s*/g) ?? [];
      const flaky = /flaky/i.test(provider.name);
      for (let i = 0; i < words.length; i++) {
        if (this.cancelled.has(runId)) return finish("cancelled", null);
        if (flaky && i === Math.floor(words.length * 0.4))
          return finish("failed", `The connection to ${provider.name} dropped in the middle of the answer.`, "truncated_stream");
        record.output += words[i];
        emit({ type: "delta", text: words[i] });
        await sleep(timing.wordMs);
      }
      if (this.cancelled.has(runId)) return finish("cancelled", null);
      record.inputTokens = Math.ceil((source.length + 400) / 4);
      record.outputTokens = Math.ceil(words.length * 1.3);
      emit({ type: "usage", inputTokens: record.inputTokens, outputTokens: record.outputTokens });
      finish("done", null);
    })();
    return { runId, done };
  }
}

/** A remote provider that speaks a keyed API and has no key: the mock's stand-in for a 401. */
function needsKey(p: ProviderInfo): boolean {
  return !p.local && !p.keySet && p.kind !== "ollama" && p.kind !== "offline";
}
