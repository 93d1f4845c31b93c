// Conflicts left in the editor after a merge (see `RevisionMerge`): finding them by their exact
// marker lines, and resolving one by keeping a side. Markers are unambiguous by construction
// (crates/domain/src/merge.rs): a line equal to a marker is never script text.
import type { ConflictMarkers } from "./bindings";

export type Conflict = {
  /** Character offsets of the whole block, marker lines included (`to` after its line break). */
  from: number;
  to: number;
  /** 0-based lines of the opening and the closing marker. */
  line: number;
  lastLine: number;
  mine: string;
  theirs: string;
};

export type Side = "mine" | "theirs" | "both";

/** Lines with their line breaks, so offsets add up to the text. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const bare = (line: string) => line.replace(/\r?\n$/, "");

/** Every complete marked conflict in `text`, in order. A half-deleted block is not one. */
export function findConflicts(text: string, markers: ConflictMarkers): Conflict[] {
  const out: Conflict[] = [];
  let offset = 0;
  let open: { from: number; line: number; mine: string; theirs: string; inTheirs: boolean } | null = null;
  linesOf(text).forEach((line, i) => {
    const l = bare(line);
    if (l === markers.mine) {
      open = { from: offset, line: i, mine: "", theirs: "", inTheirs: false };
    } else if (open && !open.inTheirs && l === markers.separator) {
      open.inTheirs = true;
    } else if (open && open.inTheirs && l === markers.theirs) {
      out.push({ from: open.from, to: offset + line.length, line: open.line, lastLine: i, mine: open.mine, theirs: open.theirs });
      open = null;
    } else if (open) {
      if (open.inTheirs) open.theirs += line;
      else open.mine += line;
    }
    offset += line.length;
  });
  return out;
}

/** What replaces a conflict's block when `side` is kept. */
export function resolution(conflict: Conflict, side: Side): string {
  if (side === "mine") return conflict.mine;
  if (side === "theirs") return conflict.theirs;
  return conflict.mine + conflict.theirs;
}

/** The conflict around 0-based `line`, else the next one, else the first; null when none. */
export function conflictAt(conflicts: Conflict[], line: number): Conflict | null {
  return conflicts.find((c) => c.lastLine >= line) ?? conflicts[0] ?? null;
}

/** The conflict after the one around `line` (wrapping to the first); null when none. */
export function nextConflict(conflicts: Conflict[], line: number): Conflict | null {
  const inside = conflicts.find((c) => c.line <= line && line <= c.lastLine);
  const after = inside ? inside.lastLine : line - 1;
  return conflicts.find((c) => c.line > after) ?? conflicts[0] ?? null;
}
