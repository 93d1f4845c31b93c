import type { DocumentFormat, DocumentKind, ProjectKind } from "./bindings";

export const projectKinds: { value: ProjectKind; label: string }[] = [
  { value: "feature", label: "Feature film" },
  { value: "series", label: "Series" },
  { value: "episode", label: "Episode" },
  { value: "short", label: "Short" },
  { value: "other", label: "Other" },
];

export const documentKinds: { value: DocumentKind; label: string }[] = [
  { value: "screenplay", label: "Screenplay" },
  { value: "treatment", label: "Treatment" },
  { value: "outline", label: "Outline" },
  { value: "synopsis", label: "Synopsis" },
  { value: "bible", label: "Series bible" },
  { value: "notes", label: "Notes" },
];

export const documentFormats: { value: DocumentFormat; label: string; ext: string }[] = [
  { value: "fountain", label: "Fountain", ext: "fountain" },
  { value: "markdown", label: "Markdown", ext: "md" },
  { value: "plain", label: "Plain text", ext: "txt" },
];

export function projectKindLabel(k: ProjectKind): string {
  return projectKinds.find((x) => x.value === k)?.label ?? k;
}
export function documentKindLabel(k: DocumentKind): string {
  return documentKinds.find((x) => x.value === k)?.label ?? k;
}
export function formatLabel(f: DocumentFormat): string {
  return documentFormats.find((x) => x.value === f)?.label ?? f;
}
export function formatExtension(f: DocumentFormat): string {
  return documentFormats.find((x) => x.value === f)?.ext ?? "txt";
}
/** The usual format for a new document of this kind. */
export function defaultFormat(k: DocumentKind): DocumentFormat {
  return k === "screenplay" ? "fountain" : "markdown";
}
