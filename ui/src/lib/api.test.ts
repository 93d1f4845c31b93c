import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { api, asIpcError } from "./api";

afterEach(() => clearMocks());

describe("asIpcError", () => {
  it("passes an IpcError through", () => {
    expect(asIpcError({ code: "conflict", message: "Newer revision." })).toEqual({
      code: "conflict",
      message: "Newer revision.",
    });
  });
  it("turns anything else into an internal error with readable text", () => {
    expect(asIpcError("boom")).toEqual({ code: "internal", message: "boom" });
    expect(asIpcError(new Error("bad"))).toEqual({ code: "internal", message: "Error: bad" });
    expect(asIpcError(null)).toEqual({ code: "internal", message: "null" });
  });
});

describe("api", () => {
  it("sends camelCase arguments under the command's name", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { id: "rev_1" };
    });
    await api.saveRevision("doc_1", null, "text");
    await api.activity("prj_1", 50);
    expect(calls).toEqual([
      ["revision_save", { documentId: "doc_1", parentId: null, text: "text" }],
      ["activity_list", { projectId: "prj_1", limit: 50 }],
    ]);
  });
  it("rejects with an IpcError whatever the backend throws", async () => {
    mockIPC(() => {
      throw { code: "not_found", message: "This project no longer exists." };
    });
    await expect(api.getProject("x")).rejects.toEqual({ code: "not_found", message: "This project no longer exists." });
    mockIPC(() => {
      throw "plain string";
    });
    await expect(api.getProject("x")).rejects.toEqual({ code: "internal", message: "plain string" });
  });
});
