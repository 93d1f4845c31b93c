import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DraftKeeper, DraftStore, DRAFT_DEBOUNCE_MS } from "./drafts";
import { idOf } from "./ids";

/** An in-memory Storage that can be told to refuse writes (a full quota). */
function memory() {
  const items = new Map<string, string>();
  return {
    items,
    full: false,
    getItem: (k: string) => items.get(k) ?? null,
    setItem(k: string, v: string) {
      if (this.full) throw new DOMException("quota", "QuotaExceededError");
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
  };
}

const DOC = idOf("document", "doc_1");
const REV = idOf("revision", "rev_1");

describe("DraftStore", () => {
  it("keeps a draft per document with the revision it started from, and forgets it", () => {
    const store = new DraftStore(memory(), () => 42);
    expect(store.load(DOC)).toBeNull();
    expect(store.save(DOC, "INT. DINER - NIGHT", REV)).toBe(true);
    expect(store.load(DOC)).toEqual({ text: "INT. DINER - NIGHT", baseId: REV, at: 42 });
    expect(store.load(idOf("document", "doc_2"))).toBeNull();
    store.clear(DOC);
    expect(store.load(DOC)).toBeNull();
  });

  it("ignores what it cannot read, and says when storage refuses", () => {
    const m = memory();
    const store = new DraftStore(m);
    m.items.set("greenlight.draft.doc_1", "{not json");
    expect(store.load(DOC)).toBeNull();
    m.items.set("greenlight.draft.doc_1", JSON.stringify({ text: 3 }));
    expect(store.load(DOC)).toBeNull();
    m.full = true;
    expect(store.save(DOC, "x", null)).toBe(false);
    expect(new DraftStore(null).save(DOC, "x", null)).toBe(false);
  });
});

describe("DraftKeeper", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes unsaved text once typing pauses, and removes it once saved", () => {
    const m = memory();
    const keeper = new DraftKeeper(new DraftStore(m), DOC);
    keeper.update("a", REV, true);
    keeper.update("ab", REV, true);
    expect(m.items.size).toBe(0);
    vi.advanceTimersByTime(DRAFT_DEBOUNCE_MS);
    expect(JSON.parse(m.items.get("greenlight.draft.doc_1")!)).toMatchObject({ text: "ab", baseId: REV });
    keeper.update("ab", REV, false);
    expect(m.items.size).toBe(0);
  });

  it("flushes a pending draft at once (the server dropped, the window closes)", () => {
    const m = memory();
    const keeper = new DraftKeeper(new DraftStore(m), DOC);
    keeper.update("typed just now", REV, true);
    keeper.flush();
    expect(m.items.size).toBe(1);
    keeper.discard();
    expect(m.items.size).toBe(0);
    vi.advanceTimersByTime(DRAFT_DEBOUNCE_MS);
    expect(m.items.size).toBe(0);
  });

  it("tells once when storage is full", () => {
    const m = memory();
    m.full = true;
    const onfail = vi.fn();
    const keeper = new DraftKeeper(new DraftStore(m), DOC, onfail);
    keeper.update("a", REV, true);
    keeper.flush();
    keeper.update("ab", REV, true);
    keeper.flush();
    expect(onfail).toHaveBeenCalledTimes(1);
  });
});
