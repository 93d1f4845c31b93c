// Turns a backend WordDiff into segments the diff view renders, folding long unchanged
// stretches so a one-word change in a 120-page script is easy to find.
import type { DiffOp, WordDiff } from "./bindings";

export type Segment =
  | { kind: "equal" | "insert" | "delete"; text: string }
  /** Unchanged lines hidden from view; `text` is what they contain, for expanding. */
  | { kind: "fold"; text: string; lines: number };

/**
 * Merges adjacent ops of the same kind, drops empty ones, and puts a deletion before the
 * insertion that replaces it, so a change reads "old → new".
 */
export function normalizeOps(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (const op of ops) {
    if (op.text === "") continue;
    const last = out[out.length - 1];
    if (last && last.kind === op.kind) {
      last.text += op.text;
    } else if (op.kind === "delete" && last?.kind === "insert") {
      const before = out[out.length - 2];
      if (before?.kind === "delete") {
        // delete, insert, delete → one deletion, then the insertion.
        before.text += op.text;
      } else {
        out.splice(out.length - 1, 0, { kind: "delete", text: op.text });
      }
    } else {
      out.push({ kind: op.kind, text: op.text });
    }
  }
  return out;
}

/**
 * Segments for display. An unchanged run keeps `context` lines next to each change and
 * folds the rest when that hides at least `minFold` lines. Concatenating every segment's
 * text except deletions gives back the "to" text; except insertions, the "from" text.
 */
export function diffSegments(ops: DiffOp[], context = 3, minFold = 4): Segment[] {
  const merged = normalizeOps(ops);
  const out: Segment[] = [];
  merged.forEach((op, i) => {
    if (op.kind !== "equal") {
      out.push({ kind: op.kind, text: op.text });
      return;
    }
    const first = i === 0;
    const last = i === merged.length - 1;
    if (first && last) {
      out.push({ kind: "equal", text: op.text });
      return;
    }
    const lines = splitLinesKeepEnds(op.text);
    // The head also keeps the partial line that continues a change; the tail, the one
    // that leads into the next change.
    const headCount = first ? 0 : context + 1;
    const tailCount = last ? 0 : context + 1;
    if (lines.length - headCount - tailCount < minFold) {
      out.push({ kind: "equal", text: op.text });
      return;
    }
    const head = lines.slice(0, headCount).join("");
    const middle = lines.slice(headCount, lines.length - tailCount);
    const tail = lines.slice(lines.length - tailCount).join("");
    if (head) out.push({ kind: "equal", text: head });
    out.push({ kind: "fold", text: middle.join(""), lines: middle.length });
    if (tail) out.push({ kind: "equal", text: tail });
  });
  return out;
}

/** "a\nb\n" → ["a\n", "b\n"]; "a\nb" → ["a\n", "b"]. */
export function splitLinesKeepEnds(text: string): string[] {
  const parts = text.match(/[^\n]*\n|[^\n]+$/g);
  return parts ?? [];
}

/** "+12 −3 words" (with a real minus sign). */
export function diffStats(diff: Pick<WordDiff, "wordsInserted" | "wordsDeleted">): string {
  const unit = diff.wordsInserted + diff.wordsDeleted === 1 ? "word" : "words";
  return `+${diff.wordsInserted} −${diff.wordsDeleted} ${unit}`;
}

/** True when the two revisions have the same text. */
export function isUnchanged(diff: WordDiff): boolean {
  return diff.ops.every((op) => op.kind === "equal" || op.text === "");
}
