// A word diff for the fake backend (the real one is in Rust). Tokens are words and runs of
// whitespace; whitespace is kept so the result reassembles both texts exactly.
import type { DiffOp, RevisionId, WordDiff } from "$lib/bindings";

export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

const isWord = (t: string) => !/^\s+$/.test(t);

export function wordDiff(fromId: RevisionId, toId: RevisionId, a: string, b: string): WordDiff {
  const x = tokenize(a);
  const y = tokenize(b);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const ops: DiffOp[] = [];
  const push = (kind: DiffOp["kind"], text: string) => {
    const last = ops[ops.length - 1];
    if (last && last.kind === kind) last.text += text;
    else ops.push({ kind, text });
  };
  x.slice(0, start).forEach((t) => push("equal", t));

  const mx = x.slice(start, endX);
  const my = y.slice(start, endY);
  const n = mx.length;
  const m = my.length;
  let inserted = 0;
  let deleted = 0;
  if (n * m > 4_000_000) {
    mx.forEach((t) => push("delete", t));
    my.forEach((t) => push("insert", t));
  } else {
    // LCS lengths from the end, then walk forward.
    const w = m + 1;
    const L = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        L[i * w + j] = mx[i] === my[j] ? L[(i + 1) * w + j + 1] + 1 : Math.max(L[(i + 1) * w + j], L[i * w + j + 1]);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && mx[i] === my[j]) {
        push("equal", mx[i++]);
        j++;
      } else if (j < m && (i === n || L[i * w + j + 1] >= L[(i + 1) * w + j])) {
        push("insert", my[j++]);
      } else {
        push("delete", mx[i++]);
      }
    }
  }
  x.slice(endX).forEach((t) => push("equal", t));
  for (const op of ops) {
    const count = tokenize(op.text).filter(isWord).length;
    if (op.kind === "insert") inserted += count;
    if (op.kind === "delete") deleted += count;
  }
  return { fromId, toId, ops, wordsInserted: inserted, wordsDeleted: deleted };
}
