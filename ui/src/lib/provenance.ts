// The legal view's pure helpers: the text cut into runs at the AI-touched spans, and the
// words people read about a span's history.
import type { AiSpan, DocumentProvenance, PolicyTerms, SpanHistory } from "./bindings";

/** A run of the text: human, or one AI span (with its index among the spans). */
export type Run = { text: string; start: number; span: AiSpan | null; index: number };

/** The text cut at every span's edges (offsets are in characters, not UTF-16 units). */
export function runs(text: string, spans: AiSpan[]): Run[] {
  const chars = Array.from(text);
  const out: Run[] = [];
  let at = 0;
  spans.forEach((s, index) => {
    const start = Math.max(at, Math.min(s.start, chars.length));
    const end = Math.max(start, Math.min(s.end, chars.length));
    if (start > at) out.push({ text: chars.slice(at, start).join(""), start: at, span: null, index: -1 });
    if (end > start) out.push({ text: chars.slice(start, end).join(""), start, span: s, index });
    at = end;
  });
  if (at < chars.length) out.push({ text: chars.slice(at).join(""), start: at, span: null, index: -1 });
  return out;
}

/** The share of AI-touched words, as people read it ("12.5 %"). */
export function share(p: Pick<DocumentProvenance, "aiWords" | "totalWords">): string {
  if (p.totalWords === 0) return "0 %";
  return `${((p.aiWords / p.totalWords) * 100).toFixed(1)} %`;
}

/** What a policy allowed, in a few words. */
export function policyWords(p: PolicyTerms): string {
  const parts = [p.aiEnabled ? "AI on" : "AI off"];
  if (p.localOnly) parts.push("local models only");
  if (p.allowedProviders.length > 0) parts.push(`providers: ${p.allowedProviders.join(", ")}`);
  parts.push(`${p.protectedNameCount} protected ${p.protectedNameCount === 1 ? "name" : "names"}`);
  return parts.join(" · ");
}

/** How much of a suggestion's accepted text people changed or cut afterwards. */
export function laterEdits(h: SpanHistory): string {
  const gone = h.charsAccepted - h.charsNow;
  if (gone <= 0) return `All ${h.charsAccepted} characters are as accepted.`;
  return `${gone} of ${h.charsAccepted} characters were changed or cut by people afterwards.`;
}

/** How the take was accepted. */
export function acceptance(h: SpanHistory): string {
  if (!h.acceptedByName || h.acceptedAt === null) return "Not accepted.";
  const how = h.editedBeforeAccepting
    ? `edited before accepting${h.editDistance !== null ? ` (${Math.round(h.editDistance * 100)} % changed)` : ""}`
    : "as the model wrote it";
  return `By ${h.acceptedByName}, ${how}.`;
}
