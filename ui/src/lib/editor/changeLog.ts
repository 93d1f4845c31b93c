// What the person did in the editor since the revision its text started from, as the list of
// changes a save sends (`TextChange`: Unicode scalar offsets, applied in sequence), so the
// backend carries attribution exactly instead of guessing it from a diff.
//
// Text that is deleted (cut, or plainly deleted) is remembered as a clip when it is still
// exactly the base revision's text at its place; pasting it back (or undo, redo, drag and
// drop) sends the insertion as moved from there, and the backend checks the claim.
import { ChangeSet, type Text, type Transaction } from "@codemirror/state";
import { LIMITS, type MovedFrom, type RevisionId, type TextChange } from "$lib/bindings";

/** Deleted text that was the base revision's at `start` (scalar offset). */
interface Clip {
  revision: RevisionId;
  start: number;
  text: string;
}

/** How many clips are kept (the newest). */
const MAX_CLIPS = 20;
/** Longest clip kept, in UTF-16 units (a bigger cut is pasted as typing). */
const MAX_CLIP_UNITS = 1_000_000;
/** Longest insertion typing is merged into (past it, a new change starts). */
const MAX_MERGED_UNITS = 1_000;

/** The changes up to a moment, as a save sends them; hand it back to `saved` once saved. */
export interface LogSnapshot {
  /** The revision the changes start from (null: not known, the save is diffed). */
  readonly base: RevisionId | null;
  /** The changes; null when they cannot be sent (no base, or more than a save may carry). */
  readonly changes: TextChange[] | null;
  readonly count: number;
  readonly doc: Text;
  readonly generation: number;
}

/** Whether `s` holds a surrogate (a character beyond the Basic Multilingual Plane). */
export function hasAstral(s: string): boolean {
  return /[\uD800-\uDFFF]/.test(s);
}

/** The number of Unicode scalar values of `s`. */
export function scalarLength(s: string): number {
  if (!hasAstral(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * `next` folded into `prev` when it touches what `prev` inserted (typing a word, deleting
 * back over it), so a session of typing is a few changes, not one per key. Both are plain
 * (neither moved); offsets are scalars.
 */
export function merge(prev: TextChange, next: TextChange): TextChange | null {
  if (prev.movedFrom || next.movedFrom) return null;
  const inserted = Array.from(prev.insert);
  const end = prev.from + inserted.length;
  if (next.from > end || next.to < prev.from) return null;
  const head = next.from > prev.from ? inserted.slice(0, next.from - prev.from).join("") : "";
  const tail = next.to < end ? inserted.slice(next.to - prev.from).join("") : "";
  return {
    from: Math.min(prev.from, next.from),
    to: prev.to + Math.max(0, next.to - end),
    insert: head + next.insert + tail,
    movedFrom: null,
  };
}

/** Applies `changes` to `text` in sequence (offsets are scalars): what the backend does. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let chars = Array.from(text);
  for (const c of changes) {
    if (c.from > c.to || c.to > chars.length) throw new RangeError(`change [${c.from}, ${c.to}) out of range`);
    chars = [...chars.slice(0, c.from), ...Array.from(c.insert), ...chars.slice(c.to)];
  }
  return chars.join("");
}

export class ChangeLog {
  private base: RevisionId | null = null;
  private baseDoc: Text;
  private doc: Text;
  /** From the base to the current text. */
  private composed: ChangeSet;
  /** Each transaction's changes, with how many changes the list held after it. */
  private steps: { set: ChangeSet; end: number }[] = [];
  private list: TextChange[] = [];
  /** Changes already handed to a save: never merged into. */
  private frozen = 0;
  /** Upper bound of the UTF-8 bytes the list inserts. */
  private bytes = 0;
  /** More than a save may carry: recording stopped until the next base. */
  private overflow = false;
  /** Whether offsets need counting (the texts hold astral characters). */
  private astral = false;
  private clips: Clip[] = [];
  private generation = 0;

  constructor(doc: Text, base: RevisionId | null) {
    this.baseDoc = doc;
    this.doc = doc;
    this.composed = ChangeSet.empty(doc.length);
    this.reset(doc, base);
  }

  /** From now on, `doc` is the text of revision `base` (null: of no known revision). */
  reset(doc: Text, base: RevisionId | null): void {
    this.base = base;
    this.baseDoc = doc;
    this.doc = doc;
    this.composed = ChangeSet.empty(doc.length);
    this.steps = [];
    this.list = [];
    this.frozen = 0;
    this.bytes = 0;
    this.overflow = false;
    this.astral = hasAstral(doc.toString());
    this.generation++;
  }

  /** Records a transaction's changes (call for every transaction, in order). */
  record(tr: Transaction): void {
    if (!tr.docChanged) return;
    const before = this.composed;
    this.doc = tr.newDoc;
    this.composed = before.compose(tr.changes);
    if (this.overflow) return;
    if (this.base !== null) {
      tr.changes.iterChanges((fromA, toA) => {
        if (toA > fromA && toA - fromA <= MAX_CLIP_UNITS) this.clip(tr.startState.doc, fromA, toA, before);
      });
    }
    const pasting = ["input.paste", "input.drop", "move.drop", "undo", "redo"].some((e) => tr.isUserEvent(e));
    const old = tr.startState.doc;
    tr.changes.iterChanges((fromA, toA, fromB, _toB, inserted) => {
      const insert = inserted.toString();
      if (!this.astral && (hasAstral(insert) || hasAstral(old.sliceString(fromA, toA)))) this.astral = true;
      const from = this.scalar(tr.newDoc, fromB);
      const to = from + (this.astral ? scalarLength(old.sliceString(fromA, toA)) : toA - fromA);
      const movedFrom = pasting && insert ? this.movedFrom(insert) : null;
      this.push({ from, to, insert, movedFrom });
    });
    this.steps.push({ set: tr.changes, end: this.list.length });
    if (this.list.length > LIMITS.maxTextChanges || this.bytes > LIMITS.maxTextChangesBytes) {
      this.overflow = true;
      this.list = [];
      this.steps = [];
    }
  }

  /** The changes so far, for a save; later typing is not merged into them. */
  snapshot(): LogSnapshot {
    this.frozen = this.list.length;
    const sendable = this.base !== null && !this.overflow;
    return {
      base: this.base,
      changes: sendable ? [...this.list] : null,
      count: this.list.length,
      doc: this.doc,
      generation: this.generation,
    };
  }

  /** `s`'s text was saved as `revision`: the changes made since `s` now start from it. */
  saved(s: LogSnapshot, revision: RevisionId): void {
    if (s.generation !== this.generation) return;
    if (this.overflow) {
      // What happened after the snapshot was not recorded: known only if nothing did.
      this.reset(this.doc, this.doc === s.doc ? revision : null);
      return;
    }
    const rest = this.steps.filter((st) => st.end > s.count);
    this.list = this.list.slice(s.count);
    this.steps = rest.map((st) => ({ set: st.set, end: st.end - s.count }));
    this.composed = rest.reduce((c, st) => c.compose(st.set), ChangeSet.empty(s.doc.length));
    this.base = revision;
    this.baseDoc = s.doc;
    this.frozen = 0;
    this.bytes = this.list.reduce((n, c) => n + c.insert.length * 3, 0);
  }

  private push(c: TextChange): void {
    this.bytes += c.insert.length * 3;
    const prev = this.list.length > this.frozen ? this.list[this.list.length - 1] : undefined;
    const merged = prev && prev.insert.length <= MAX_MERGED_UNITS ? merge(prev, c) : null;
    if (merged) this.list[this.list.length - 1] = merged;
    else this.list.push(c);
  }

  /** The scalar offset of UTF-16 offset `pos` of `doc`. */
  private scalar(doc: Text, pos: number): number {
    return this.astral ? scalarLength(doc.sliceString(0, pos)) : pos;
  }

  /** Remembers `[fromA, toA)` of `doc` (the text before `before`'s successor) if it is still the base's. */
  private clip(doc: Text, fromA: number, toA: number, before: ChangeSet): void {
    if (this.base === null) return;
    const back = before.invertedDesc;
    const start = back.mapPos(fromA, 1);
    const end = back.mapPos(toA, -1);
    if (end - start !== toA - fromA) return;
    if (before.mapPos(start, 1) !== fromA || before.mapPos(end, -1) !== toA) return;
    const text = doc.sliceString(fromA, toA);
    if (this.baseDoc.sliceString(start, end) !== text) return;
    this.clips.push({ revision: this.base, start: this.scalar(this.baseDoc, start), text });
    if (this.clips.length > MAX_CLIPS) this.clips.shift();
  }

  private movedFrom(insert: string): MovedFrom | null {
    for (let i = this.clips.length - 1; i >= 0; i--) {
      const c = this.clips[i];
      if (c.text === insert) return { revision: c.revision, start: c.start };
    }
    return null;
  }
}
