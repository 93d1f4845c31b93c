// Telling the person what an import did: each file imported (with what could not be carried
// over) or refused (with why), one toast each.
import type { AssetImportBatch, ImportBatch, RefusedFile } from "$lib/api";
import { credentialBadge } from "$lib/assets";
import { importMessage } from "$lib/imports";
import { toasts } from "$lib/toasts.svelte";

/** Toasts the outcome of an import; resolves to how many documents were imported. */
export function reportImports(batch: ImportBatch): number {
  for (const { document, warnings } of batch.imported) {
    toasts.push("info", importMessage(document.title, warnings), warnings.length > 0 ? 15_000 : 4_000);
  }
  reportRefused(batch.refused);
  return batch.imported.length;
}

/** Toasts the outcome of an asset import; resolves to how many versions were stored. */
export function reportAssetImports(batch: AssetImportBatch): number {
  for (const { asset, version } of batch.imported) {
    const badge = credentialBadge(version.credentials);
    const v = version.version > 1 ? ` as version ${version.version}` : "";
    toasts.push("info", `Imported “${asset.name}”${v}.${badge ? ` ${badge.label}.` : ""}`, 4_000);
  }
  reportRefused(batch.refused);
  return batch.imported.length;
}

function reportRefused(refused: RefusedFile[]) {
  for (const { fileName, error } of refused) {
    // Refusals about the file itself name it already (core words them "<file> cannot be imported: ...").
    const named = fileName === "" || error.message.includes(fileName);
    toasts.push("error", named ? error.message : `“${fileName}”: ${error.message}`);
  }
}
