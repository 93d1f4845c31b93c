import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
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
      if (path.endsWith("bad.fdx")) throw { code: "unsupported_file", message: "The XML is cut off (line 3)." };
      return { document: { title: path.split("/").pop()!.split(".")[0] }, warnings: path.endsWith(".fdx") ? ["Shot kept as action."] : [] };
    });
    const n = await importFiles("prj_1", ["/a/One.fdx", "/a/pic.png", "/a/bad.fdx", "/a/Two.md"]);
    expect(n).toBe(2);
    expect(sent).toEqual(["/a/One.fdx", "/a/bad.fdx", "/a/Two.md"]);
    const messages = toasts.items.map((t) => [t.kind, t.message]);
    expect(messages).toEqual([
      ["error", expect.stringContaining("“pic.png” is not a file")],
      ["info", "Imported “One”. One thing could not be carried over exactly:\n• Shot kept as action."],
      ["error", "“bad.fdx”: The XML is cut off (line 3)."],
      ["info", "Imported “Two”."],
    ]);
  });
});
