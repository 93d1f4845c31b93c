// Telling the person what an import did: each file imported (with what could not be carried
// over) or refused (with why), one toast each.
import type { ImportBatch } from "$lib/api";
import { importMessage } from "$lib/imports";
import { toasts } from "$lib/toasts.svelte";

/** Toasts the outcome of an import; resolves to how many documents were imported. */
export function reportImports(batch: ImportBatch): number {
  for (const { document, warnings } of batch.imported) {
    toasts.push("info", importMessage(document.title, warnings), warnings.length > 0 ? 15_000 : 4_000);
  }
  for (const { fileName, error } of batch.refused) {
    // Refusals about the file itself name it already (core words them "<file> cannot be imported: ...").
    const named = fileName === "" || error.message.includes(fileName);
    toasts.push("error", named ? error.message : `“${fileName}”: ${error.message}`);
  }
  return batch.imported.length;
}
