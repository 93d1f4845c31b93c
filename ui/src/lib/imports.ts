// Pure helpers for importing files: which files being dragged over the window Greenlight can
// read (for the drop overlay), and how to tell the person what the importer could not carry over.

/** Extensions the backend's importer reads. */
export const IMPORT_EXTENSIONS = ["fountain", "spmd", "fdx", "txt", "md", "markdown"] as const;

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function extension(path: string): string {
  const name = fileName(path);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** Splits dragged paths into files Greenlight can import (in order) and files it cannot, by name. */
export function splitImportable(paths: readonly string[]): { accepted: string[]; refused: string[] } {
  const accepted: string[] = [];
  const refused: string[] = [];
  for (const p of paths) {
    if ((IMPORT_EXTENSIONS as readonly string[]).includes(extension(p))) accepted.push(p);
    else refused.push(p);
  }
  return { accepted, refused };
}

/** What an import toast says: the title, then each warning on its own line (at most `max`). */
export function importMessage(title: string, warnings: readonly string[], max = 5): string {
  if (warnings.length === 0) return `Imported “${title}”.`;
  const shown = warnings.slice(0, max).map((w) => `• ${w}`);
  if (warnings.length > max) shown.push(`• and ${warnings.length - max} more`);
  const n = warnings.length;
  return `Imported “${title}”. ${n === 1 ? "One thing" : `${n} things`} could not be carried over exactly:\n${shown.join("\n")}`;
}
