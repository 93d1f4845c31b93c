// Highlights the conflicts a merge left in the editor (see $lib/conflicts): the person's lines,
// the other revision's lines and the marker lines between them, each with its own class and a
// screen-reader label on the markers. Recomputed on each change while conflicts are shown.
import type { Extension } from "@codemirror/state";
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import type { ConflictMarkers } from "$lib/bindings";
import { findConflicts } from "$lib/conflicts";

const marker = Decoration.line({ class: "cm-conflict-marker" });
const mine = Decoration.line({ class: "cm-conflict-mine" });
const theirs = Decoration.line({ class: "cm-conflict-theirs" });

function decorate(view: EditorView, markers: ConflictMarkers): DecorationSet {
  const doc = view.state.doc;
  const ranges = [];
  for (const c of findConflicts(doc.toString(), markers)) {
    let side = mine;
    for (let n = c.line + 1; n <= c.lastLine + 1; n++) {
      const line = doc.line(n);
      const text = line.text;
      const isMarker = n === c.line + 1 || n === c.lastLine + 1 || (side === mine && text === markers.separator);
      ranges.push((isMarker ? marker : side).range(line.from));
      if (isMarker && text === markers.separator) side = theirs;
    }
  }
  return Decoration.set(ranges);
}

export function conflictMarks(markers: ConflictMarkers): Extension {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorate(view, markers);
      }
      update(u: ViewUpdate) {
        if (u.docChanged) this.decorations = decorate(u.view, markers);
      }
    },
    { decorations: (p) => p.decorations },
  );
}
