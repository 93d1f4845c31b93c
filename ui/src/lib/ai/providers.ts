// Provider settings: labels, per-kind defaults, and the add/edit form's validation.
// The API key is write-only: the form holds it only until the save call, and the UI only
// ever learns whether one is stored (`keySet`).
import type { ProviderInfo, ProviderInput, ProviderKindName } from "$lib/bindings";
import { addressProblem } from "./address";

export type EditableKind = Exclude<ProviderKindName, "offline">;

export const KINDS: { value: EditableKind; label: string; baseUrl: string; model: string; keyRequired: boolean; hint: string }[] = [
  {
    value: "openai_compatible",
    label: "OpenAI-compatible",
    baseUrl: "https://api.openai.com/v1",
    model: "gpt-4o-mini",
    keyRequired: false,
    hint: "OpenAI, and local servers that speak the same API: LM Studio (http://127.0.0.1:1234/v1), llama.cpp server (http://127.0.0.1:8080/v1), vLLM (http://127.0.0.1:8000/v1).",
  },
  {
    value: "anthropic",
    label: "Anthropic",
    baseUrl: "https://api.anthropic.com",
    model: "claude-sonnet-4-5",
    keyRequired: true,
    hint: "Claude models through Anthropic's Messages API. Needs an API key.",
  },
  {
    value: "ollama",
    label: "Ollama",
    baseUrl: "http://127.0.0.1:11434",
    model: "llama3.1",
    keyRequired: false,
    hint: "Models running in Ollama on this computer (or on a server you name). Pull the model first: ollama pull llama3.1.",
  },
];

export function kindInfo(kind: EditableKind) {
  return KINDS.find((k) => k.value === kind) ?? KINDS[0];
}

export function kindLabel(kind: ProviderKindName): string {
  return kind === "offline" ? "Built-in, offline" : kindInfo(kind).label;
}

export type ProviderForm = {
  name: string;
  kind: EditableKind;
  baseUrl: string;
  model: string;
  /** Typed by the person; empty means "keep what is stored" (or none, for a new provider). */
  apiKey: string;
  /** Remove the stored key on save. */
  removeKey: boolean;
  /** The server is on the studio's own network (plain http allowed; counts as local). */
  ownNetwork: boolean;
};

export function newProviderForm(kind: EditableKind = "openai_compatible"): ProviderForm {
  return { name: "", kind, baseUrl: "", model: kindInfo(kind).model, apiKey: "", removeKey: false, ownNetwork: false };
}

export function providerForm(p: ProviderInfo): ProviderForm {
  const kind: EditableKind = p.kind === "offline" ? "openai_compatible" : p.kind;
  return { name: p.name, kind, baseUrl: p.baseUrl, model: p.model, apiKey: "", removeKey: false, ownNetwork: p.ownNetwork };
}

/** Switching kind swaps the model for the new kind's default unless the person typed their own. */
export function changeKind(f: ProviderForm, kind: EditableKind): ProviderForm {
  const untouched = !f.model.trim() || KINDS.some((k) => k.model === f.model.trim());
  return { ...f, kind, model: untouched ? kindInfo(kind).model : f.model };
}

export type FormErrors = Partial<Record<"name" | "baseUrl" | "model" | "apiKey", string>>;

export function validateProvider(f: ProviderForm, keySet: boolean, others: ProviderInfo[] = []): FormErrors {
  const errors: FormErrors = {};
  const name = f.name.trim();
  if (!name) errors.name = "Give the provider a name, such as “OpenAI” or “Studio Ollama”.";
  else if (name.length > 80) errors.name = "Keep the name under 80 characters.";
  else if (others.some((o) => o.name.trim().toLowerCase() === name.toLowerCase()))
    errors.name = `There is already a provider called “${name}”.`;
  const url = f.baseUrl.trim() || kindInfo(f.kind).baseUrl;
  const problem = addressProblem(url, f.ownNetwork);
  if (problem) errors.baseUrl = problem.charAt(0).toUpperCase() + problem.slice(1) + ".";
  if (!f.model.trim()) errors.model = "Name the model to use, e.g. " + kindInfo(f.kind).model + ".";
  const willHaveKey = f.removeKey ? false : Boolean(f.apiKey.trim()) || keySet;
  if (kindInfo(f.kind).keyRequired && !willHaveKey) errors.apiKey = `${kindInfo(f.kind).label} needs an API key.`;
  if (/\s/.test(f.apiKey.trim())) errors.apiKey = "An API key has no spaces in it. Paste it again.";
  return errors;
}

/** The save call's input. `apiKey`: null keeps the stored key, "" removes it, anything else replaces it. */
export function toProviderInput(f: ProviderForm): ProviderInput {
  const key = f.apiKey.trim();
  return {
    name: f.name.trim(),
    kind: f.kind,
    baseUrl: f.baseUrl.trim().replace(/\/+$/, ""),
    model: f.model.trim(),
    ownNetwork: f.ownNetwork,
    apiKey: key ? key : f.removeKey ? "" : null,
  };
}

/** Whether a provider is remote and so can hold a key worth showing ("Key set" / "No key"). */
export function showsKeyState(p: ProviderInfo): boolean {
  return p.kind !== "offline" && !p.local;
}
