// CodeMirror decorations that lay a Fountain script out like a screenplay page: scene
// headings bold, character cues and dialogue indented, transitions to the right.
import { RangeSetBuilder, type Extension } from "@codemirror/state";
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import { classifyLines, type LineKind } from "./fountain";

const lineDeco = new Map<LineKind, Decoration>();
function decoFor(kind: LineKind): Decoration {
  let d = lineDeco.get(kind);
  if (!d) {
    d = Decoration.line({ class: `cm-ftn-${kind}` });
    lineDeco.set(kind, d);
  }
  return d;
}

function build(view: EditorView): DecorationSet {
  const doc = view.state.doc;
  const lines: string[] = [];
  for (let i = 1; i <= doc.lines; i++) lines.push(doc.line(i).text);
  const kinds = classifyLines(lines);
  const builder = new RangeSetBuilder<Decoration>();
  for (const { from, to } of view.visibleRanges) {
    const first = doc.lineAt(from).number;
    const last = doc.lineAt(to).number;
    for (let n = first; n <= last; n++) {
      const kind = kinds[n - 1];
      if (kind !== "action" && kind !== "blank") builder.add(doc.line(n).from, doc.line(n).from, decoFor(kind));
    }
  }
  return builder.finish();
}

const plugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = build(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || u.viewportChanged) this.decorations = build(u.view);
    }
  },
  { decorations: (v) => v.decorations },
);

const theme = EditorView.baseTheme({
  ".cm-ftn-scene": { fontWeight: "700", textTransform: "uppercase", paddingTop: "0.4em" },
  ".cm-ftn-character": { paddingLeft: "22ch !important", textTransform: "uppercase" },
  ".cm-ftn-parenthetical": { paddingLeft: "16ch !important", paddingRight: "18ch !important" },
  ".cm-ftn-dialogue": { paddingLeft: "10ch !important", paddingRight: "14ch !important" },
  ".cm-ftn-transition": { textAlign: "right", textTransform: "uppercase" },
  ".cm-ftn-centered": { textAlign: "center" },
  ".cm-ftn-section": { fontWeight: "700", opacity: "0.75" },
  ".cm-ftn-synopsis": { fontStyle: "italic", opacity: "0.7" },
  ".cm-ftn-note": { opacity: "0.6", fontStyle: "italic" },
  ".cm-ftn-title": { textAlign: "center" },
});

export function fountainLayout(): Extension {
  return [plugin, theme];
}
