// What the mock's AI answers, and when the project's policy refuses: pure functions over text,
// deterministic so screenshots and tests are stable.
import type { AiPolicy, ProviderInfo } from "$lib/bindings";

/** The built-in offline engine, as core describes it (crates/core/src/ai/mod.rs). */
export const OFFLINE: ProviderInfo = {
  id: "offline",
  name: "Offline engine (extractive)",
  kind: "offline",
  baseUrl: "",
  model: "greenlight-extractive-v1",
  keySet: false,
  local: true,
  ownNetwork: false,
  builtIn: true,
};

/** Why the policy refuses sending `chars` characters to `p` (core's words); `null` when it allows it. */
export function policyRefusal(pol: AiPolicy, p: ProviderInfo, chars: number): string | null {
  if (!pol.aiEnabled) return "AI is turned off for this project.";
  if (pol.allowedProviders.length && !pol.allowedProviders.includes(p.id))
    return `This project does not allow the provider '${p.name}'.`;
  if (pol.localOnly && !p.local) return `This project allows local models only; '${p.name}' is remote.`;
  if (pol.maxRequestChars > 0 && chars > pol.maxRequestChars)
    return `The request has ${chars} characters; this project allows at most ${pol.maxRequestChars}.`;
  return null;
}

export function hashHex(text: string): string {
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
export function vary(text: string, instruction: string, take = 1): string {
  const base = varyOnce(text, instruction);
  const swap: Record<string, string> = { looks: "stares", says: "mutters", walks: "strides", runs: "bolts", big: "huge", small: "tiny", door: "doorway", opens: "yanks open", sits: "drops", takes: "grabs" };
  switch (take) {
    case 2:
      return base.replace(/\b(looks|says|walks|runs|big|small|door|opens|sits|takes)\b/g, (w) => swap[w] ?? w);
    case 3:
      return base.replace(/\. ([A-Z])/, ". Beat. $1");
    case 4:
      return `${base.trimEnd()} A long silence.`;
    case 5:
      return base.replace(/,/g, " —");
    default:
      return base;
  }
}

function varyOnce(text: string, instruction: string): string {
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
