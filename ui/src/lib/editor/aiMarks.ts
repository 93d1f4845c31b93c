// Highlights the AI-touched text of a revision (its attribution spans) and, on hover, says
// where a span came from. Spans arrive in Unicode scalar offsets (as Rust counts) and are
// mapped through later edits in the editor, so they stay on the same words while one types.
import { StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, hoverTooltip, type DecorationSet } from "@codemirror/view";
import type { AttributedSpan, SuggestionId } from "$lib/bindings";

/** UTF-16 offsets of each scalar offset in `text` (length + 1 entries). */
export function utf16Offsets(text: string): number[] {
  const out = [0];
  let pos = 0;
  for (const ch of text) {
    pos += ch.length;
    out.push(pos);
  }
  return out;
}

/** The AI spans as UTF-16 ranges of `text`, with their suggestion. */
export function aiRanges(text: string, spans: AttributedSpan[]): { from: number; to: number; suggestionId: SuggestionId | null; edited: boolean }[] {
  const at = utf16Offsets(text);
  const last = at.length - 1;
  return spans
    .filter((s) => s.origin === "ai" && s.end > s.start)
    .map((s) => ({ from: at[Math.min(s.start, last)], to: at[Math.min(s.end, last)], suggestionId: s.suggestionId, edited: s.edited }))
    .filter((r) => r.to > r.from);
}

export function aiMarks(spans: AttributedSpan[], describe: (id: SuggestionId | null, edited: boolean) => string): Extension {
  const field = StateField.define<DecorationSet>({
    create(state) {
      const ranges = aiRanges(state.doc.toString(), spans).map((r) =>
        Decoration.mark({ class: r.edited ? "cm-ai cm-ai-edited" : "cm-ai", attributes: { "data-suggestion": r.suggestionId ?? "" }, suggestionId: r.suggestionId, edited: r.edited }).range(r.from, r.to),
      );
      return Decoration.set(ranges, true);
    },
    update(deco, tr) {
      return deco.map(tr.changes);
    },
    provide: (f) => EditorView.decorations.from(f),
  });
  const tooltip = hoverTooltip((view, pos) => {
    let found: { from: number; to: number; id: SuggestionId | null; edited: boolean } | null = null;
    view.state.field(field).between(pos, pos, (from, to, value) => {
      if (from <= pos && pos <= to) found = { from, to, id: (value.spec.suggestionId as SuggestionId | null) ?? null, edited: Boolean(value.spec.edited) };
    });
    const hit = found as { from: number; to: number; id: SuggestionId | null; edited: boolean } | null;
    if (!hit) return null;
    return {
      pos: hit.from,
      end: hit.to,
      above: true,
      create: () => {
        const dom = document.createElement("div");
        dom.className = "cm-ai-tip";
        dom.setAttribute("data-testid", "ai-tip");
        dom.textContent = describe(hit.id, hit.edited);
        return { dom };
      },
    };
  });
  return [field, tooltip];
}
