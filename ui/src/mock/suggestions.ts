// The suggestions half of the mock backend: takes on a passage (each its own mock AI run),
// decisions on them, and the attribution of every revision. Follows core
// (crates/core/src/suggestions): offsets are Unicode scalar values, hunks are the word diff's
// changes numbered from 1, a pending take moves with its passage or goes stale when the
// passage changed, and acceptance and undo each save one revision.
import type {
  AppliedSuggestion,
  AttributionReport,
  AttributedSpan,
  DocumentId,
  Hunk,
  ProjectId,
  RejectReason,
  Revision,
  RevisionId,
  Suggestion,
  SuggestionId,
  TakeEvent,
  TextChange,
  UserId,
  VaryOutcome,
  VaryRequest,
} from "$lib/bindings";
import { idOf } from "$lib/ids";
import type { MockAi, RunTiming } from "./ai";
import { hashHex } from "./aiText";
import { fail } from "./validate";
import { tokenize, wordDiff } from "./wordDiff";

/** Core's caps (crates/domain/src/take.rs, crates/core/src/suggestions). */
export const MAX_TAKES = 5;
export const MAX_PASSAGE_CHARS = 20_000;
const MAX_INSTRUCTION_CHARS = 2_000;
const MAX_NOTE_CHARS = 2_000;
const REASONS: RejectReason[] = ["off-tone", "inaccurate", "too-long", "not-my-voice", "other"];

export const PRESET_INSTRUCTIONS = {
  tighten: "Tighten this passage: same events and meaning, fewer words.",
  "punch-up-dialogue": "Punch up the dialogue: sharper, more alive, same beats.",
  "change-tone": "Change the tone of this passage",
  longer: "Make this passage longer, with more texture, same events.",
  shorter: "Make this passage shorter, keeping what matters.",
  "in-characters-voice": "Rewrite the dialogue in this character's voice",
  translate: "Translate or adapt this passage to another language",
} as const;

/** Who made a character: a person (`null`) or a suggestion. */
type Origin = { suggestionId: SuggestionId; edited: boolean } | null;

export type SuggestionHost = {
  now(): number;
  actor(): { id: UserId; name: string };
  document(id: DocumentId): { projectId: ProjectId; title: string; headRevisionId: RevisionId | null };
  revision(id: RevisionId): Revision;
  /** Saves as a person's save does (which calls back `afterSave`). */
  save(documentId: DocumentId, parentId: RevisionId | null, text: string): Revision;
  log(kind: string, summary: string, projectId: ProjectId, documentId: DocumentId): void;
};

const chars = (s: string) => Array.from(s);

/** The word diff's changes of `take` against `passage`, numbered from 1, in scalar offsets. */
export function hunks(passage: string, take: string): Hunk[] {
  const ops = wordDiff(idOf("revision", "a"), idOf("revision", "b"), passage, take).ops;
  const out: Hunk[] = [];
  let open: Hunk | null = null;
  let pos = 0;
  for (const op of ops) {
    const len = chars(op.text).length;
    if (op.kind === "equal") {
      if (open) out.push(open);
      open = null;
      pos += len;
      continue;
    }
    open ??= { n: out.length + 1, start: pos, end: pos, removed: "", inserted: "" };
    if (op.kind === "delete") {
      open.removed += op.text;
      open.end += len;
      pos += len;
    } else open.inserted += op.text;
  }
  if (open) out.push(open);
  return out;
}

/** `passage` with only the `chosen` hunks applied. */
export function applyHunks(passage: string, all: Hunk[], chosen: number[]): string {
  const c = chars(passage);
  let out = "";
  let pos = 0;
  for (const h of all.filter((h) => chosen.includes(h.n))) {
    out += c.slice(pos, h.start).join("") + h.inserted;
    pos = h.end;
  }
  return out + c.slice(pos).join("");
}

/** For each character of `to`: whether the word diff from `from` kept it (`true`) or inserted it. */
function kept(from: string, to: string): boolean[] {
  const out: boolean[] = [];
  for (const op of wordDiff(idOf("revision", "a"), idOf("revision", "b"), from, to).ops) {
    if (op.kind === "delete") continue;
    for (let i = 0; i < chars(op.text).length; i++) out.push(op.kind === "equal");
  }
  return out;
}

/** Normalized word edit distance between two texts, 0..1. */
function editDistance(a: string, b: string): number {
  const d = wordDiff(idOf("revision", "a"), idOf("revision", "b"), a, b);
  const words = Math.max(tokenize(a).filter((t) => t.trim()).length, tokenize(b).filter((t) => t.trim()).length, 1);
  return Math.min(1, Math.max(d.wordsInserted, d.wordsDeleted) / words);
}

function wordsTouched(text: string, origins: Origin[]): [number, number] {
  const c = chars(text);
  let words = 0;
  let touched = 0;
  let i = 0;
  while (i < c.length) {
    if (/\s/.test(c[i])) {
      i++;
      continue;
    }
    let ai = false;
    while (i < c.length && !/\s/.test(c[i])) {
      if (origins[i] !== null) ai = true;
      i++;
    }
    words++;
    if (ai) touched++;
  }
  return [words, touched];
}

export class MockSuggestions {
  readonly all = new Map<SuggestionId, Suggestion>();
  /** Each revision's origins, one per character; a revision not here is a person's. */
  private readonly origins = new Map<RevisionId, Origin[]>();
  /** Where each acceptance put its text, to undo it. */
  private readonly applied = new Map<SuggestionId, { revisionId: RevisionId; start: number; length: number; before: Origin[] }>();
  private applying: SuggestionId | null = null;
  private nextId = 1;

  constructor(
    private readonly host: SuggestionHost,
    private readonly ai: MockAi,
    private readonly timing: () => RunTiming,
  ) {}

  private originsOf(rev: Revision): Origin[] {
    return this.origins.get(rev.meta.id) ?? chars(rev.text).map(() => null);
  }

  /**
   * As core: the origins of `rev` from its parent's through `changes`; moved text keeps its
   * origins when the revision it names (of the same document) holds exactly it there. Null
   * when the changes do not give `rev`'s text.
   */
  private carryByChanges(parent: Revision, rev: Revision, changes: TextChange[]): Origin[] | null {
    let text = chars(parent.text);
    let origins = this.originsOf(parent);
    for (const c of changes) {
      if (c.from > c.to || c.to > text.length) return null;
      const inserted = chars(c.insert);
      const added = this.movedOrigins(rev.meta.documentId, c) ?? inserted.map((): Origin => null);
      text = text.slice(0, c.from).concat(inserted, text.slice(c.to));
      origins = origins.slice(0, c.from).concat(added, origins.slice(c.to));
    }
    return text.join("") === rev.text ? origins : null;
  }

  private movedOrigins(documentId: DocumentId, c: TextChange): Origin[] | null {
    const m = c.movedFrom;
    if (!m) return null;
    let source: Revision;
    try {
      source = this.host.revision(m.revision);
    } catch {
      return null;
    }
    const n = chars(c.insert).length;
    if (source.meta.documentId !== documentId || chars(source.text).slice(m.start, m.start + n).join("") !== c.insert) return null;
    return this.originsOf(source).slice(m.start, m.start + n);
  }

  /**
   * A revision was saved: carry its parent's attribution through the editor's `changes` (by a
   * character diff without them, or when they do not give its text), and move or stale
   * pending takes.
   */
  afterSave(parent: Revision | null, rev: Revision, changes: TextChange[] | null = null): void {
    if (!parent) return;
    const a = chars(parent.text);
    const b = chars(rev.text);
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let s = 0;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    const old = this.originsOf(parent);
    const carried = (changes && this.carryByChanges(parent, rev, changes)) ?? [
      ...old.slice(0, p),
      ...b.slice(p, b.length - s).map(() => null),
      ...old.slice(a.length - s),
    ];
    if (carried.some((o) => o !== null)) this.origins.set(rev.meta.id, carried);
    const [changeStart, changeEnd, delta] = [p, a.length - s, b.length - a.length];
    for (const sg of this.all.values()) {
      if (sg.documentId !== rev.meta.documentId || sg.state !== "pending" || sg.id === this.applying) continue;
      if (sg.anchorRevisionId !== parent.meta.id) continue;
      if (changeEnd <= sg.anchorStart && changeStart < sg.anchorStart) {
        this.all.set(sg.id, { ...sg, anchorRevisionId: rev.meta.id, anchorStart: sg.anchorStart + delta, anchorEnd: sg.anchorEnd + delta });
      } else if (changeStart >= sg.anchorEnd && changeEnd > sg.anchorEnd) {
        this.all.set(sg.id, { ...sg, anchorRevisionId: rev.meta.id });
      } else if (changeStart === changeEnd && delta === 0) {
        this.all.set(sg.id, { ...sg, anchorRevisionId: rev.meta.id });
      } else {
        this.all.set(sg.id, { ...sg, state: "stale", anchorRevisionId: rev.meta.id });
      }
    }
  }

  private head(documentId: DocumentId): Revision {
    const d = this.host.document(documentId);
    if (!d.headRevisionId) fail("not_found", "Newest revision not found (it may have been removed)");
    return this.host.revision(d.headRevisionId);
  }

  list(documentId: DocumentId): Suggestion[] {
    this.host.document(documentId);
    return [...this.all.values()].filter((s) => s.documentId === documentId).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  get(id: SuggestionId): Suggestion {
    return this.all.get(id) ?? fail("not_found", "That suggestion no longer exists.");
  }

  async vary(req: VaryRequest, emit: (e: TakeEvent) => void): Promise<VaryOutcome> {
    const doc = this.host.document(req.documentId);
    const head = this.head(req.documentId);
    const text = chars(head.text);
    if (req.start >= req.end) fail("invalid_input", "the selection is empty; select the passage to vary", "passage");
    if (req.end > text.length)
      fail("invalid_input", `characters ${req.start}..${req.end} are outside “${doc.title}”, which has ${text.length}`, "passage");
    const passage = text.slice(req.start, req.end).join("");
    if (!passage.trim()) fail("invalid_input", "the selection holds only white space; select some text", "passage");
    if (req.end - req.start > MAX_PASSAGE_CHARS)
      fail("invalid_input", `the selection is too long for a variation (${req.end - req.start} characters; the limit is ${MAX_PASSAGE_CHARS}): select a scene or a few`, "passage");
    if (!Number.isInteger(req.takes) || req.takes < 1 || req.takes > MAX_TAKES) fail("invalid_input", `ask for 1 to ${MAX_TAKES} takes`, "takes");
    const typed = req.instruction.trim();
    if (chars(typed).length > MAX_INSTRUCTION_CHARS) fail("invalid_input", `The instruction is too long (at most ${MAX_INSTRUCTION_CHARS} characters)`, "instruction");
    let instruction = typed;
    if (req.preset) {
      const p: string = PRESET_INSTRUCTIONS[req.preset];
      instruction = typed ? `${p.replace(/\.$/, "")}: ${typed}` : p;
    }
    if (!instruction) fail("invalid_input", "The instruction cannot be empty", "instruction");
    const configured = this.ai.listProviders().filter((p) => !p.builtIn && p.id !== "offline");
    const providerId = req.providerId && req.providerId !== "offline" ? req.providerId : req.providerId === null ? configured[0]?.id : undefined;
    if (!providerId)
      fail(
        "ai_failed",
        "The offline engine cannot write variations: it only picks sentences from your text. Add a model provider (Settings → AI providers, or `greenlight providers add`): a model server on this computer such as Ollama, LM Studio or llama.cpp, or a remote API",
      );
    const runs = Array.from({ length: req.takes }, (_, i) =>
      this.ai.run(
        { projectId: doc.projectId, documentId: req.documentId, providerId, task: "variation", instruction, text: passage },
        (event) => emit({ take: i + 1, event }),
        this.timing(),
        i + 1,
      ),
    );
    await Promise.all(runs.map((r) => r.done));
    const outcome: VaryOutcome = { suggestions: [], failed: [] };
    runs.forEach((r, i) => {
      const record = this.ai.runs.find((x) => x.id === r.runId);
      if (!record) return;
      const failed = (message: string) =>
        outcome.failed.push({ take: i + 1, runId: record.id, providerName: record.providerName, model: record.model, message });
      if (record.outcome !== "done") return failed(record.message ?? (record.outcome === "cancelled" ? "cancelled" : "the run failed"));
      const take = record.output.trim();
      if (!take) return failed(`${record.providerName}: the model returned an empty take`);
      if (take === passage.trim()) return failed(`${record.providerName}: the model returned the passage unchanged`);
      const me = this.host.actor();
      const s: Suggestion = {
        id: idOf("suggestion", `sug_${(this.nextId++).toString().padStart(4, "0")}`),
        projectId: doc.projectId,
        documentId: req.documentId,
        baseRevisionId: head.meta.id,
        anchorRevisionId: head.meta.id,
        anchorStart: req.start,
        anchorEnd: req.end,
        passage,
        passageHash: hashHex(passage),
        instruction,
        preset: req.preset,
        providerId: record.providerId,
        providerName: record.providerName,
        model: record.model,
        local: record.local,
        runId: record.id,
        text: take,
        hunks: hunks(passage, take),
        state: "pending",
        createdBy: me.id,
        createdAt: this.host.now(),
        decision: null,
      };
      this.all.set(s.id, s);
      // The document may have moved on while the model wrote.
      const now = this.head(req.documentId);
      if (now.meta.id !== head.meta.id) this.afterSave(head, now);
      outcome.suggestions.push(this.get(s.id));
      this.host.log("suggestion.created", `A take on “${doc.title}” from ${record.providerName}`, doc.projectId, req.documentId);
    });
    if (outcome.suggestions.length === 0)
      fail("ai_failed", `No take could be kept: ${outcome.failed.map((f) => `take ${f.take}: ${f.message}`).join("; ")}`);
    return outcome;
  }

  private pending(id: SuggestionId): Suggestion {
    const s = this.get(id);
    if (s.state === "stale")
      fail("conflict", "The passage changed since this take was written, so it cannot be applied. Ask for a fresh take from the new text.");
    if (s.state !== "pending") fail("conflict", `This suggestion is already ${s.state.replace(/_/g, " ")}.`);
    return s;
  }

  accept(id: SuggestionId, chosen: number[] | null, editedText: string | null): AppliedSuggestion {
    const s = this.pending(id);
    const head = this.head(s.documentId);
    if (s.anchorRevisionId !== head.meta.id) this.afterSave(this.host.revision(s.anchorRevisionId), head);
    const now = this.pending(id);
    if (chosen) {
      if (chosen.length === 0) fail("invalid_input", "Choose at least one change to accept", "hunks");
      for (const n of chosen) if (!now.hunks.some((h) => h.n === n)) fail("invalid_input", `This take has no change ${n}`, "hunks");
    }
    let accepted = now.text;
    let edited = false;
    if (editedText !== null) {
      accepted = editedText.replace(/\r\n?/g, "\n");
      if (!accepted.trim()) fail("invalid_input", "The edited take cannot be empty", "editedText");
      edited = accepted !== now.text;
    } else if (chosen) accepted = applyHunks(now.passage, now.hunks, [...chosen].sort((a, b) => a - b));
    const text = chars(head.text);
    const before = this.originsOf(head);
    const passageOrigins = before.slice(now.anchorStart, now.anchorEnd);
    const fromPassage = kept(now.passage, accepted);
    const fromTake = kept(now.text, accepted);
    const pIndex: number[] = [];
    {
      // Which passage character each kept character of `accepted` is.
      let pos = 0;
      for (const op of wordDiff(idOf("revision", "a"), idOf("revision", "b"), now.passage, accepted).ops) {
        const len = chars(op.text).length;
        if (op.kind === "equal") for (let i = 0; i < len; i++) pIndex.push(pos + i);
        else if (op.kind === "insert") for (let i = 0; i < len; i++) pIndex.push(-1);
        if (op.kind !== "insert") pos += len;
      }
    }
    const inserted: Origin[] = chars(accepted).map((_, i) => {
      if (fromPassage[i]) return passageOrigins[pIndex[i]] ?? null;
      if (editedText !== null && !fromTake[i]) return null;
      return { suggestionId: now.id, edited };
    });
    const newText = [...text.slice(0, now.anchorStart), ...chars(accepted), ...text.slice(now.anchorEnd)].join("");
    this.applying = id;
    let rev: Revision;
    try {
      rev = this.host.save(now.documentId, head.meta.id, newText);
    } finally {
      this.applying = null;
    }
    this.origins.set(rev.meta.id, [...before.slice(0, now.anchorStart), ...inserted, ...before.slice(now.anchorEnd)]);
    this.applied.set(id, { revisionId: rev.meta.id, start: now.anchorStart, length: chars(accepted).length, before: passageOrigins });
    const me = this.host.actor();
    const at = this.host.now();
    const state = edited ? "accepted_with_edits" : chosen && chosen.length < now.hunks.length ? "partly_accepted" : "accepted";
    const done: Suggestion = {
      ...now,
      state,
      decision: {
        by: me.id,
        byName: me.name,
        at,
        msToDecide: Math.max(0, at - now.createdAt),
        reason: null,
        note: null,
        edited,
        editDistance: edited ? editDistance(now.text, accepted) : 0,
        acceptedRevisionId: rev.meta.id,
        acceptedText: accepted,
        hunksAccepted: chosen ? [...chosen].sort((a, b) => a - b) : null,
      },
    };
    this.all.set(id, done);
    const d = this.host.document(now.documentId);
    this.host.log("suggestion.accepted", `Accepted a take on “${d.title}”`, now.projectId, now.documentId);
    return { suggestion: done, revision: rev.meta };
  }

  reject(id: SuggestionId, reason: RejectReason, note: string | null): Suggestion {
    const s = this.pending(id);
    if (!REASONS.includes(reason)) fail("invalid_input", `'${reason}' is not a known reason`, "reason");
    const clean = note?.trim() ? note.trim() : null;
    if (clean && chars(clean).length > MAX_NOTE_CHARS) fail("invalid_input", `The note is too long (at most ${MAX_NOTE_CHARS} characters)`, "note");
    if (reason === "other" && !clean) fail("invalid_input", "Say why in a note when the reason is “other”", "note");
    const me = this.host.actor();
    const at = this.host.now();
    const done: Suggestion = {
      ...s,
      state: "rejected",
      decision: { by: me.id, byName: me.name, at, msToDecide: Math.max(0, at - s.createdAt), reason, note: clean, edited: false, editDistance: null, acceptedRevisionId: null, acceptedText: null, hunksAccepted: null },
    };
    this.all.set(id, done);
    this.host.log("suggestion.rejected", `Rejected a take (${reason})`, s.projectId, s.documentId);
    return done;
  }

  undo(id: SuggestionId): AppliedSuggestion {
    const s = this.get(id);
    const at = this.applied.get(id);
    if (!at || !["accepted", "accepted_with_edits", "partly_accepted"].includes(s.state)) fail("conflict", "only an accepted suggestion can be undone");
    const head = this.head(s.documentId);
    const text = chars(head.text);
    const placed = text.slice(at.start, at.start + at.length).join("");
    if (head.meta.id !== at.revisionId && placed !== (s.decision?.acceptedText ?? ""))
      fail("conflict", "The accepted text was edited since, so the acceptance cannot be undone as one step.");
    const origins = this.originsOf(head);
    const newText = [...text.slice(0, at.start), ...chars(s.passage), ...text.slice(at.start + at.length)].join("");
    this.applying = id;
    let rev: Revision;
    try {
      rev = this.host.save(s.documentId, head.meta.id, newText);
    } finally {
      this.applying = null;
    }
    this.origins.set(rev.meta.id, [...origins.slice(0, at.start), ...at.before, ...origins.slice(at.start + at.length)]);
    this.applied.delete(id);
    const back: Suggestion = { ...s, state: "pending", decision: null, anchorRevisionId: rev.meta.id, anchorStart: at.start, anchorEnd: at.start + chars(s.passage).length };
    this.all.set(id, back);
    this.host.log("suggestion.undone", "Undid the acceptance of a take", s.projectId, s.documentId);
    return { suggestion: back, revision: rev.meta };
  }

  reopen(id: SuggestionId): Suggestion {
    const s = this.get(id);
    if (s.state !== "rejected") fail("conflict", "only a rejected suggestion can be reopened");
    const head = this.head(s.documentId);
    let next: Suggestion = { ...s, state: "pending", decision: null };
    this.all.set(id, next);
    if (s.anchorRevisionId !== head.meta.id) this.afterSave(this.host.revision(s.anchorRevisionId), head);
    next = this.get(id);
    const still = chars(head.text).slice(next.anchorStart, next.anchorEnd).join("") === s.passage;
    if (!still) next = { ...next, state: "stale" };
    this.all.set(id, next);
    this.host.log("suggestion.reopened", "Reopened a rejected take", s.projectId, s.documentId);
    return next;
  }

  attribution(documentId: DocumentId, revisionId: RevisionId | null): AttributionReport {
    const rev = revisionId ? this.host.revision(revisionId) : this.head(documentId);
    if (rev.meta.documentId !== documentId) fail("not_found", "That revision belongs to another document.");
    const origins = this.originsOf(rev);
    const spans: AttributedSpan[] = [];
    origins.forEach((o, i) => {
      const last = spans[spans.length - 1];
      const same = last && (o === null ? last.origin === "human" : last.suggestionId === o.suggestionId && last.edited === o.edited);
      if (same) last.end = i + 1;
      else spans.push({ start: i, end: i + 1, origin: o ? "ai" : "human", suggestionId: o?.suggestionId ?? null, edited: o?.edited ?? false });
    });
    const [totalWords, aiWords] = wordsTouched(rev.text, origins);
    return { documentId, revisionId: rev.meta.id, totalWords, aiWords, totalChars: origins.length, aiChars: origins.filter((o) => o).length, spans };
  }
}
