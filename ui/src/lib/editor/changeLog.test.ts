import { EditorState, Transaction } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import type { RevisionId, TextChange } from "$lib/bindings";
import { ChangeLog, applyChanges, merge } from "./changeLog";

const R1 = "rev_1" as RevisionId;
const R2 = "rev_2" as RevisionId;

/** An editor state and its log, changed the way the editor changes it. */
function session(text: string, base: RevisionId | null = R1) {
  let state = EditorState.create({ doc: text });
  const log = new ChangeLog(state.doc, base);
  const run = (changes: { from: number; to?: number; insert?: string }[], userEvent = "input.type") => {
    const tr = state.update({ changes, annotations: Transaction.userEvent.of(userEvent) });
    log.record(tr);
    state = tr.state;
  };
  return {
    log,
    text: () => state.doc.toString(),
    type: (from: number, to: number, insert: string) => run([{ from, to, insert }]),
    run,
    /** Cuts `[from, to)` (UTF-16) and pastes it at `at` (UTF-16, in the text after the cut). */
    cutPaste(from: number, to: number, at: number) {
      const clip = state.sliceDoc(from, to);
      run([{ from, to }], "delete.cut");
      run([{ from: at, insert: clip }], "input.paste");
    },
  };
}

describe("ChangeLog", () => {
  it("records typing as few changes that give the text from the base", () => {
    const s = session("Maya waits.");
    for (const [i, c] of Array.from(" alone").entries()) s.type(10 + i, 10 + i, c);
    s.type(15, 16, ""); // backspace
    s.type(0, 4, "Odile");
    const snap = s.log.snapshot();
    expect(s.text()).toBe("Odile waits alon.");
    expect(snap.base).toBe(R1);
    expect(snap.changes).toHaveLength(2);
    expect(applyChanges("Maya waits.", snap.changes ?? [])).toBe(s.text());
  });

  it("sends a cut pasted elsewhere as moved from the base, and text typed since as typing", () => {
    const s = session("Maya waits. Rain falls.");
    s.cutPaste(5, 11, 10); // "waits." after "Rain"
    const changes = s.log.snapshot().changes ?? [];
    expect(s.text()).toBe("Maya  Rainwaits. falls.");
    expect(changes.at(-1)).toEqual({ from: 10, to: 10, insert: "waits.", movedFrom: { revision: R1, start: 5 } });
    expect(applyChanges("Maya waits. Rain falls.", changes)).toBe(s.text());

    const t = session("Maya waits.");
    t.type(11, 11, " Then runs.");
    t.cutPaste(11, 22, 0);
    expect((t.log.snapshot().changes ?? []).every((c) => c.movedFrom === null)).toBe(true);
  });

  it("undo of a cut restores the text as moved", () => {
    const s = session("abc def ghi");
    s.run([{ from: 4, to: 8 }], "delete.backward");
    s.run([{ from: 4, insert: "def " }], "undo");
    expect(s.log.snapshot().changes?.at(-1)?.movedFrom).toEqual({ revision: R1, start: 4 });
  });

  it("counts offsets in Unicode scalars past astral characters", () => {
    const s = session("😀 ab");
    s.type(2, 2, "c"); // UTF-16 2 is scalar 1
    s.cutPaste(4, 6, 0);
    const changes = s.log.snapshot().changes ?? [];
    expect(s.text()).toBe("ab😀c ");
    expect(changes[0]).toEqual({ from: 1, to: 1, insert: "c", movedFrom: null });
    expect(changes[1]).toEqual({ from: 3, to: 5, insert: "", movedFrom: null });
    expect(changes.at(-1)).toEqual({ from: 0, to: 0, insert: "ab", movedFrom: { revision: R1, start: 2 } });
    expect(applyChanges("😀 ab", changes)).toBe(s.text());
  });

  it("after a save, later changes start from the saved revision", () => {
    const s = session("one");
    s.type(3, 3, " two");
    const snap = s.log.snapshot();
    s.type(7, 7, " three"); // typed while the save is on its way: not merged into it
    s.log.saved(snap, R2);
    const next = s.log.snapshot();
    expect(next.base).toBe(R2);
    expect(applyChanges("one two", next.changes ?? [])).toBe("one two three");
  });

  it("sends nothing without a known base, or past the limit", () => {
    const s = session("text", null);
    s.type(0, 0, "x");
    expect(s.log.snapshot().changes).toBeNull();
    const t = session("a");
    for (let i = 0; i < 10_001; i++) t.type(0, 1, i % 2 ? "a" : "b");
    t.run([{ from: 0, insert: "c" }], "input.paste");
    expect(t.log.snapshot().changes).not.toBeNull();
    const u = session("ab");
    for (let i = 0; i < 10_002; i++) u.type(i % 2 ? 0 : u.text().length, i % 2 ? 0 : u.text().length, "x");
    expect(u.log.snapshot().changes).toBeNull();
  });

  it("keeps the text and every claim exact under random edits", () => {
    let seed = 7;
    // mulberry32: a small seeded generator, so a failure replays.
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    const base = "INT. ROOM 😀 — DAY\nMaya waits by the door.\n".repeat(4);
    let moved = 0;
    for (let round = 0; round < 50; round++) {
      const s = session(base);
      for (let i = 0; i < 30; i++) {
        const len = s.text().length;
        const a = rand(len + 1);
        const b = Math.min(len, a + rand(8));
        // Never between the two halves of an astral character.
        const safe = (p: number) => (/[\uDC00-\uDFFF]/.test(s.text()[p] ?? "") ? p - 1 : p);
        const [from, to] = [safe(a), safe(b)];
        if (rand(3) === 0 && to > from) {
          const clip = s.text().slice(from, to);
          s.run([{ from, to }], "delete.cut");
          const at = safe(rand(s.text().length + 1));
          s.run([{ from: at, insert: clip }], "input.paste");
        } else s.type(from, to, ["", "x", "yé", "🎬"][rand(4)]);
      }
      const changes = s.log.snapshot().changes ?? [];
      expect(applyChanges(base, changes)).toBe(s.text());
      const chars = Array.from(base);
      for (const c of changes)
        if (c.movedFrom && ++moved) expect(chars.slice(c.movedFrom.start, c.movedFrom.start + Array.from(c.insert).length).join("")).toBe(c.insert);
    }
    expect(moved).toBeGreaterThan(10);
  });
});

describe("merge", () => {
  const plain = (from: number, to: number, insert: string): TextChange => ({ from, to, insert, movedFrom: null });

  it("folds touching changes into one and leaves others apart", () => {
    expect(merge(plain(2, 4, "ab"), plain(4, 4, "c"))).toEqual(plain(2, 4, "abc"));
    expect(merge(plain(2, 4, "abc"), plain(1, 3, ""))).toEqual(plain(1, 4, "bc"));
    expect(merge(plain(2, 4, "ab"), plain(3, 6, "Z"))).toEqual(plain(2, 6, "aZ"));
    expect(merge(plain(2, 4, "ab"), plain(5, 5, "c"))).toBeNull();
    expect(merge({ ...plain(2, 2, "ab"), movedFrom: { revision: R1, start: 0 } }, plain(4, 4, "c"))).toBeNull();
  });
});
