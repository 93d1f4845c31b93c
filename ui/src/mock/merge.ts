// The mock's three-way merge: node-diff3 (a diff3 library) producing what Rust's
// `merge_texts` (crates/domain/src/merge.rs, diffy) produces: line-based, identical changes
// kept once, overlaps kept both between markers longer than any marker-like line in the texts,
// markers always on their own lines. For UI development and fast UI tests only.
import { diff3Merge } from "node-diff3";
import type { ConflictMarkers } from "$lib/bindings";

const MIN_MARKER_LEN = 7;

export type MergedText = { text: string; conflicts: number; markers: ConflictMarkers };

function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function markerLen(texts: string[]): number {
  let longest = 0;
  for (const t of texts)
    for (const line of t.split("\n"))
      for (const c of ["<", "=", ">"]) {
        let n = 0;
        while (line[n] === c) n++;
        longest = Math.max(longest, n);
      }
  return Math.max(longest + 1, MIN_MARKER_LEN);
}

/** As Rust's `char::is_control`: C0 and C1 controls. */
const controls = /[\u0000-\u001f\u007f-\u009f]/g; // eslint-disable-line no-control-regex

export function conflictMarkers(len: number, theirsLabel: string): ConflictMarkers {
  const label = theirsLabel.replace(controls, " ").trim();
  return {
    mine: `${"<".repeat(len)} your text`,
    separator: "=".repeat(len),
    theirs: label ? `${">".repeat(len)} ${label}` : ">".repeat(len),
  };
}

export function mergeTexts(base: string, mine: string, theirs: string, theirsLabel: string): MergedText {
  const markers = conflictMarkers(markerLen([base, mine, theirs]), theirsLabel);
  let text = "";
  let conflicts = 0;
  const marker = (line: string) => {
    if (text !== "" && !text.endsWith("\n")) text += "\n";
    text += `${line}\n`;
  };
  for (const region of diff3Merge(linesOf(mine), linesOf(base), linesOf(theirs), { excludeFalseConflicts: true })) {
    if (region.ok) {
      text += region.ok.join("");
    } else if (region.conflict) {
      conflicts++;
      marker(markers.mine);
      text += region.conflict.a.join("");
      marker(markers.separator);
      text += region.conflict.b.join("");
      marker(markers.theirs);
    }
  }
  return { text, conflicts, markers };
}
