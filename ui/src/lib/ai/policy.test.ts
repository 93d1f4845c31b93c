import { describe, expect, it } from "vitest";
import type { ProviderInfo } from "$lib/bindings";
import { addNames, defaultPolicy, policyForm, policyRefusal, policySummary, toPolicy } from "./policy";

const providers = [
  { id: "offline", name: "Greenlight offline", kind: "offline", baseUrl: "", model: "x", keySet: false, local: true, ownNetwork: false, builtIn: true },
  { id: "p2", name: "Anthropic", kind: "anthropic", baseUrl: "", model: "c", keySet: true, local: false, ownNetwork: false, builtIn: false },
] satisfies ProviderInfo[];

describe("policy form", () => {
  it("round-trips a policy", () => {
    const p = { aiEnabled: true, allowedProviders: ["offline"], localOnly: true, protectedNames: ["Lena"], maxRequestChars: 20000 };
    const f = policyForm(p);
    expect(f).toMatchObject({ allowAll: false, maxChars: "20000", names: ["Lena"] });
    expect(toPolicy(f, providers)).toEqual({ ok: true, policy: p });
    expect(policyForm(defaultPolicy())).toMatchObject({ allowAll: true, maxChars: "" });
  });

  it("maps an empty or zero limit to 0 and allow-all to an empty list", () => {
    const f = { ...policyForm(defaultPolicy()), maxChars: "0", allowed: ["p2"] };
    const r = toPolicy(f, providers);
    expect(r.ok && r.policy).toMatchObject({ maxRequestChars: 0, allowedProviders: [] });
    const r2 = toPolicy({ ...f, maxChars: "60,000" }, providers);
    expect(r2.ok && r2.policy.maxRequestChars).toBe(60000);
  });

  it("refuses bad limits and an empty allow list", () => {
    const f = policyForm(defaultPolicy());
    expect(toPolicy({ ...f, maxChars: "lots" }, providers)).toMatchObject({ ok: false, errors: { maxChars: expect.any(String) } });
    expect(toPolicy({ ...f, maxChars: "50" }, providers).ok).toBe(false);
    expect(toPolicy({ ...f, allowAll: false, allowed: [] }, providers)).toMatchObject({ ok: false, errors: { allowed: expect.any(String) } });
    expect(toPolicy({ ...f, allowAll: false, allowed: ["gone"] }, providers).ok).toBe(false);
  });

  it("adds names from pasted lists without duplicates", () => {
    expect(addNames(["Lena"], "priya,  Tommy ; lena\nSalt  & Iron")).toEqual(["Lena", "priya", "Tommy", "Salt & Iron"]);
    expect(addNames([], " , ")).toEqual([]);
  });

  it("explains why a provider would be refused", () => {
    const p = defaultPolicy();
    expect(policyRefusal(p, providers[1])).toBeNull();
    expect(policyRefusal({ ...p, localOnly: true }, providers[1])).toMatch(/local models only/);
    expect(policyRefusal({ ...p, localOnly: true }, providers[0])).toBeNull();
    expect(policyRefusal({ ...p, allowedProviders: ["offline"] }, providers[1])).toMatch(/allowed/);
    expect(policyRefusal({ ...p, aiEnabled: false }, providers[0])).toMatch(/turned off/);
    expect(policySummary({ ...p, localOnly: true, protectedNames: ["a", "b"] })).toEqual(["Local models only", "2 names protected"]);
    expect(policySummary({ ...p, aiEnabled: false })).toEqual(["AI off"]);
  });
});
