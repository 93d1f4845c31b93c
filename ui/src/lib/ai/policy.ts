// The project AI policy form: mapping to and from `AiPolicy`, and the protected-names chips.
import type { AiPolicy, ProviderInfo } from "$lib/bindings";

export type PolicyForm = {
  aiEnabled: boolean;
  localOnly: boolean;
  /** True: every configured provider (`allowedProviders` empty). */
  allowAll: boolean;
  allowed: string[];
  names: string[];
  /** As typed; empty or 0 means no limit. */
  maxChars: string;
};

export function defaultPolicy(): AiPolicy {
  return { aiEnabled: true, allowedProviders: [], localOnly: false, protectedNames: [], maxRequestChars: 0 };
}

export function policyForm(p: AiPolicy): PolicyForm {
  return {
    aiEnabled: p.aiEnabled,
    localOnly: p.localOnly,
    allowAll: p.allowedProviders.length === 0,
    allowed: [...p.allowedProviders],
    names: [...p.protectedNames],
    maxChars: p.maxRequestChars > 0 ? String(p.maxRequestChars) : "",
  };
}

/** Adds names typed as "Lena, Priya; Tommy" (commas, semicolons or new lines), keeping the first spelling of each. */
export function addNames(current: string[], typed: string): string[] {
  const out = [...current];
  for (const raw of typed.split(/[,;\n]/)) {
    const n = raw.trim().replace(/\s+/g, " ");
    if (n && !out.some((o) => o.toLowerCase() === n.toLowerCase())) out.push(n);
  }
  return out;
}

export type PolicyResult = { ok: true; policy: AiPolicy } | { ok: false; errors: Partial<Record<"allowed" | "maxChars", string>> };

export function toPolicy(f: PolicyForm, providers: ProviderInfo[] = []): PolicyResult {
  const errors: Partial<Record<"allowed" | "maxChars", string>> = {};
  const raw = f.maxChars.replace(/[\s,_]/g, "");
  let max = 0;
  if (raw) {
    if (!/^\d+$/.test(raw)) errors.maxChars = "Enter a whole number of characters, or leave it empty for no limit.";
    else {
      max = Number(raw);
      if (max > 0 && max < 200) errors.maxChars = "That is too small for any request: use at least 200 characters, or 0 for no limit.";
      if (max > 10_000_000) errors.maxChars = "Use at most 10,000,000 characters, or 0 for no limit.";
    }
  }
  const known = new Set(providers.map((p) => p.id));
  const allowed = f.allowAll ? [] : f.allowed.filter((id) => providers.length === 0 || known.has(id));
  if (!f.allowAll && allowed.length === 0) errors.allowed = "Tick at least one provider, or allow all of them.";
  if (errors.allowed || errors.maxChars) return { ok: false, errors };
  return {
    ok: true,
    policy: { aiEnabled: f.aiEnabled, localOnly: f.localOnly, allowedProviders: allowed, protectedNames: [...f.names], maxRequestChars: max },
  };
}

/** Why this provider would be refused under `p`, in words; null when it may be used. */
export function policyRefusal(p: AiPolicy | null, provider: ProviderInfo | null | undefined): string | null {
  if (!p || !provider) return null;
  if (!p.aiEnabled) return "AI is turned off for this project.";
  if (p.allowedProviders.length > 0 && !p.allowedProviders.includes(provider.id))
    return `“${provider.name}” is not on this project's list of allowed providers.`;
  if (p.localOnly && !provider.local) return `This project allows local models only, and “${provider.name}” is remote.`;
  return null;
}

/** A few words for the project page: "AI off", "Local only", "2 names protected"… */
export function policySummary(p: AiPolicy): string[] {
  if (!p.aiEnabled) return ["AI off"];
  const out: string[] = [];
  if (p.localOnly) out.push("Local models only");
  if (p.allowedProviders.length) out.push(`${p.allowedProviders.length} provider${p.allowedProviders.length === 1 ? "" : "s"} allowed`);
  if (p.protectedNames.length) out.push(`${p.protectedNames.length} name${p.protectedNames.length === 1 ? "" : "s"} protected`);
  if (p.maxRequestChars) out.push(`≤ ${p.maxRequestChars.toLocaleString("en-US")} chars`);
  return out;
}
