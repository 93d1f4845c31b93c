// Importing files picked in the file dialog or dropped on the project page: one after another,
// each reported in a toast (imported, imported with warnings, or why not).
import { api, asIpcError } from "$lib/api";
import { fileName, importMessage, refusedMessage, splitImportable } from "$lib/imports";
import { toasts } from "$lib/toasts.svelte";

/** Imports `paths` into the project in order; resolves to how many were imported. */
export async function importFiles(projectId: string, paths: readonly string[]): Promise<number> {
  const { accepted, refused } = splitImportable(paths);
  if (refused.length > 0) toasts.push("error", refusedMessage(refused));
  let imported = 0;
  for (const path of accepted) {
    try {
      const { document, warnings } = await api.importDocument(projectId, path, null);
      imported++;
      toasts.push("info", importMessage(document.title, warnings), warnings.length > 0 ? 15_000 : 4_000);
    } catch (e) {
      const err = asIpcError(e);
      // The backend's message usually names the file; add the name when it does not.
      const name = fileName(path);
      toasts.push("error", err.message.includes(name) ? err.message : `“${name}”: ${err.message}`);
    }
  }
  return imported;
}
