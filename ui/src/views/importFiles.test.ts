import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { idOf } from "$lib/ids";
import { toasts } from "$lib/toasts.svelte";
import { importFiles } from "./importFiles";

afterEach(() => {
  clearMocks();
  for (const t of toasts.items) toasts.dismiss(t.id);
});

describe("importFiles", () => {
  it("imports in order, reports warnings and failures, and refuses unknown files unsent", async () => {
    const sent: string[] = [];
    mockIPC((cmd, args) => {
      const path = (args as { path: string }).path;
      sent.push(path);
      if (path.endsWith("bad.fdx")) throw { code: "unsupported_file", message: "bad.fdx cannot be imported: the XML is cut off (line 3)", field: null };
      if (path.endsWith("gone.md")) throw { code: "not_found", message: "Project not found (it may have been removed)", field: null };
      return { document: { title: path.split("/").pop()!.split(".")[0] }, warnings: path.endsWith(".fdx") ? ["Shot kept as action."] : [] };
    });
    const n = await importFiles(idOf("project", "prj_1"), ["/a/One.fdx", "/a/pic.png", "/a/bad.fdx", "/a/gone.md"]);
    expect(n).toBe(1);
    expect(sent).toEqual(["/a/One.fdx", "/a/bad.fdx", "/a/gone.md"]);
    const messages = toasts.items.map((t) => [t.kind, t.message]);
    expect(messages).toEqual([
      ["error", expect.stringContaining("“pic.png” is not a file")],
      ["info", "Imported “One”. One thing could not be carried over exactly:\n• Shot kept as action."],
      // A file's own refusal names the file already; anything else gets the name in front.
      ["error", "bad.fdx cannot be imported: the XML is cut off (line 3)"],
      ["error", "“gone.md”: Project not found (it may have been removed)"],
    ]);
  });
});
