import { afterEach, describe, expect, it } from "vitest";
import type { Document, ImportBatch } from "$lib/api";
import { toasts } from "$lib/toasts.svelte";
import { reportImports } from "./importFiles";

afterEach(() => {
  for (const t of toasts.items) toasts.dismiss(t.id);
});

const doc = (title: string) => ({ title }) as Document;

describe("reportImports", () => {
  it("reports each file in order: imported with warnings, refused with why", () => {
    const batch: ImportBatch = {
      imported: [{ document: doc("One"), warnings: ["Shot kept as action."] }],
      refused: [
        { fileName: "bad.fdx", error: { code: "unsupported_file", message: "bad.fdx cannot be imported: the XML is cut off (line 3)", field: null } },
        { fileName: "gone.md", error: { code: "not_found", message: "Project not found (it may have been removed)", field: null } },
        { fileName: "", error: { code: "not_found", message: "That file is no longer waiting to be imported. Drop it on the window again.", field: null } },
      ],
    };
    expect(reportImports(batch)).toBe(1);
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([
      ["info", "Imported “One”. One thing could not be carried over exactly:\n• Shot kept as action."],
      // A file's own refusal names the file already; anything else gets the name in front.
      ["error", "bad.fdx cannot be imported: the XML is cut off (line 3)"],
      ["error", "“gone.md”: Project not found (it may have been removed)"],
      ["error", "That file is no longer waiting to be imported. Drop it on the window again."],
    ]);
  });
});
