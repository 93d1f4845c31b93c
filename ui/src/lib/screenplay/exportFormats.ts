// Which export formats a document offers, and the file each one writes. Only screenplays
// (Fountain format) can become PDF, Final Draft or Fountain; every document can become
// plain text, and keeps its own format ("original").
import type { Document, ExportFormat } from "../bindings";
import { formatExtension, formatLabel } from "../labels";

export type ExportChoice = {
  format: ExportFormat;
  label: string;
  /** File extension without the dot. */
  ext: string;
  /** One line under the picker saying what the file is for. */
  hint: string;
};

const SCREENPLAY: ExportChoice[] = [
  { format: "pdf", label: "PDF", ext: "pdf", hint: "Industry-standard screenplay pages, ready to read or print." },
  { format: "fdx", label: "Final Draft (.fdx)", ext: "fdx", hint: "Opens in Final Draft with scene headings, characters and dialogue." },
  { format: "fountain", label: "Fountain", ext: "fountain", hint: "Plain-text screenplay markup that any Fountain app can open." },
  { format: "text", label: "Plain text", ext: "txt", hint: "The words only, without screenplay markup." },
];

/** Whether the document is a screenplay for export and the scene navigator. */
export function isScreenplay(doc: Pick<Document, "kind" | "format">): boolean {
  return doc.format === "fountain";
}

/** The choices for `doc`, the default first. */
export function exportChoices(doc: Pick<Document, "kind" | "format">): ExportChoice[] {
  if (isScreenplay(doc)) return SCREENPLAY;
  const original: ExportChoice = {
    format: "original",
    label: formatLabel(doc.format),
    ext: formatExtension(doc.format),
    hint: doc.format === "markdown" ? "The document exactly as written, with its Markdown." : "The document exactly as written.",
  };
  if (doc.format === "plain") return [original];
  return [original, { format: "text", label: "Plain text", ext: "txt", hint: "The words only, without Markdown marks." }];
}
