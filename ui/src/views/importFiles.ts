// Importing files picked in the file dialog or dropped on the project page: one after another,
// each reported in a toast (imported, imported with warnings, or why not).
import { api, asIpcError, type ErrorCode, type ProjectId } from "$lib/api";
import { fileName, importMessage, refusedMessage, splitImportable } from "$lib/imports";
import { toasts } from "$lib/toasts.svelte";

/** Refusals about the file itself, whose messages name it (core words them "<file> cannot be imported: ..."). */
const FILE_CODES: ErrorCode[] = ["unsupported_file", "too_large", "io"];

/** Imports `paths` into the project in order; resolves to how many were imported. */
export async function importFiles(projectId: ProjectId, paths: readonly string[]): Promise<number> {
  const { accepted, refused } = splitImportable(paths);
  if (refused.length > 0) toasts.push("error", refusedMessage(refused));
  let imported = 0;
  for (const path of accepted) {
    try {
      const { document, warnings } = await api.document_import({ projectId, path, kind: null });
      imported++;
      toasts.push("info", importMessage(document.title, warnings), warnings.length > 0 ? 15_000 : 4_000);
    } catch (e) {
      const err = asIpcError(e);
      toasts.push("error", FILE_CODES.includes(err.code) ? err.message : `“${fileName(path)}”: ${err.message}`);
    }
  }
  return imported;
}
