import { describe, expect, it } from "vitest";
import type { ProviderInfo } from "$lib/bindings";
import { changeKind, kindInfo, kindLabel, newProviderForm, providerForm, showsKeyState, toProviderInput, validateProvider } from "./providers";

const info = (over: Partial<ProviderInfo> = {}): ProviderInfo => ({
  id: "prov_1",
  name: "OpenAI",
  kind: "openai_compatible",
  baseUrl: "",
  model: "gpt-4o-mini",
  keySet: true,
  local: false,
  ownNetwork: false,
  builtIn: false,
  ...over,
});

describe("provider form", () => {
  it("has sensible defaults per kind", () => {
    expect(kindInfo("openai_compatible")).toMatchObject({ baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini" });
    expect(kindInfo("anthropic")).toMatchObject({ baseUrl: "https://api.anthropic.com", model: "claude-sonnet-4-5" });
    expect(kindInfo("ollama")).toMatchObject({ baseUrl: "http://127.0.0.1:11434", model: "llama3.1" });
    expect(kindInfo("openai_compatible").hint).toMatch(/LM Studio/);
    expect(newProviderForm().model).toBe("gpt-4o-mini");
    expect(kindLabel("offline")).toBe("Built-in, offline");
  });

  it("swaps the default model with the kind unless one was typed", () => {
    const f = changeKind(newProviderForm(), "anthropic");
    expect(f.model).toBe("claude-sonnet-4-5");
    expect(changeKind({ ...f, model: "my-finetune" }, "ollama").model).toBe("my-finetune");
  });

  it("validates name, URL, model and keys", () => {
    const base = { ...newProviderForm(), name: "Studio" };
    expect(validateProvider(base, false)).toEqual({});
    expect(validateProvider({ ...base, name: " " }, false).name).toBeTruthy();
    expect(validateProvider(base, false, [info({ name: "studio" })]).name).toMatch(/already/);
    expect(validateProvider({ ...base, baseUrl: "localhost:1234" }, false).baseUrl).toBeTruthy();
    expect(validateProvider({ ...base, baseUrl: "http://127.0.0.1:1234/v1" }, false).baseUrl).toBeUndefined();
    expect(validateProvider({ ...base, model: "" }, false).model).toBeTruthy();
    const claude = { ...changeKind(base, "anthropic") };
    expect(validateProvider(claude, false).apiKey).toMatch(/needs an API key/);
    expect(validateProvider(claude, true).apiKey).toBeUndefined();
    expect(validateProvider({ ...claude, removeKey: true }, true).apiKey).toBeTruthy();
    expect(validateProvider({ ...base, apiKey: "sk a" }, false).apiKey).toMatch(/spaces/);
  });

  it("maps the key field to keep / remove / replace", () => {
    const f = providerForm(info({ baseUrl: "https://api.openai.com/v1/" }));
    expect(f.apiKey).toBe("");
    expect(toProviderInput(f)).toEqual({ name: "OpenAI", kind: "openai_compatible", baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini", ownNetwork: false, apiKey: null });
    expect(toProviderInput({ ...f, removeKey: true }).apiKey).toBe("");
    expect(toProviderInput({ ...f, apiKey: " sk-new " }).apiKey).toBe("sk-new");
  });

  it("needs https for a remote address, and the mark for a studio server over http", () => {
    const f = { ...newProviderForm(), name: "Studio vLLM", apiKey: "sk-x" };
    expect(validateProvider({ ...f, baseUrl: "http://api.example.com/v1" }, false).baseUrl).toMatch(/unencrypted/);
    expect(validateProvider({ ...f, baseUrl: "http://192.168.1.20:8000/v1" }, false).baseUrl).toMatch(/own network/);
    expect(validateProvider({ ...f, baseUrl: "http://192.168.1.20:8000/v1", ownNetwork: true }, false).baseUrl).toBeUndefined();
    expect(validateProvider({ ...f, baseUrl: "" }, false).baseUrl).toBeUndefined();
    expect(toProviderInput({ ...f, ownNetwork: true }).ownNetwork).toBe(true);
  });

  it("shows key state only for remote providers", () => {
    expect(showsKeyState(info())).toBe(true);
    expect(showsKeyState(info({ local: true, kind: "ollama" }))).toBe(false);
    expect(showsKeyState(info({ kind: "offline", local: true, ownNetwork: false, builtIn: true }))).toBe(false);
  });
});
