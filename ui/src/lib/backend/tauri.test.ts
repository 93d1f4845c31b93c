import { Channel } from "@tauri-apps/api/core";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { AiRunEvent } from "../bindings";
import { idOf } from "../ids";
import { tauriBackend, toInvokeArgs } from "./tauri";

afterEach(() => clearMocks());

type Internals = { runCallback: (id: number, data: unknown) => void };

/** Sends `messages` to the channel `invoke` received, as the Rust side does: indexed, then an end marker. */
function sendThrough(channel: unknown, messages: unknown[]): void {
  const internals = (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;
  const id = (channel as Channel<unknown>).id;
  messages.forEach((message, index) => internals.runCallback(id, { index, message }));
  internals.runCallback(id, { index: messages.length, end: true });
}

describe("the Tauri backend", () => {
  it("invokes each command under its name with camelCase arguments", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === "ai_cancel" ? true : null;
    });
    const b = tauriBackend();
    await b.revision_save({ documentId: idOf("document", "doc_1"), parentId: null, text: "text", changes: null });
    await b.activity_list({ projectId: idOf("project", "prj_1"), limit: 50 });
    expect(await b.ai_cancel({ runId: "run_1" })).toBe(true);
    await b.ui_ready();
    expect(calls).toEqual([
      ["revision_save", { documentId: "doc_1", parentId: null, text: "text", changes: null }],
      ["activity_list", { projectId: "prj_1", limit: 50 }],
      ["ai_cancel", { runId: "run_1" }],
      ["ui_ready", {}],
    ]);
  });

  it("rejects with an IpcError whatever the backend throws", async () => {
    const b = tauriBackend();
    mockIPC(() => {
      throw { code: "not_found", message: "This project no longer exists.", field: null };
    });
    await expect(b.project_get({ id: idOf("project", "x") })).rejects.toEqual({
      code: "not_found",
      message: "This project no longer exists.",
      field: null,
    });
    mockIPC(() => {
      throw "plain string";
    });
    await expect(b.project_get({ id: idOf("project", "x") })).rejects.toEqual({ code: "internal", message: "plain string", field: null });
  });

  it("turns a callback into a Channel that delivers every event, in order", async () => {
    const events: AiRunEvent[] = [];
    const sent: AiRunEvent[] = [
      { type: "started", runId: "run_1", providerName: "P", model: "m", local: true, template: "t v1" },
      { type: "delta", text: "Hi" },
      { type: "finished", outcome: "done", partial: false, message: null, code: null },
    ];
    mockIPC((_cmd, args) => {
      sendThrough((args as { onEvent: unknown }).onEvent, sent);
      return "run_1";
    });
    const request = { projectId: idOf("project", "p"), documentId: null, providerId: "offline", task: "summarize", instruction: "", text: "x" } as const;
    expect(await tauriBackend().ai_run({ request, onEvent: (e) => events.push(e) })).toBe("run_1");
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual(sent);
  });

  it("leaves every other argument as it is", () => {
    mockIPC(() => null);
    const out = toInvokeArgs({ a: 1, b: null, c: { d: [1] }, f: () => {} });
    expect(out.a).toBe(1);
    expect(out.b).toBeNull();
    expect(out.c).toEqual({ d: [1] });
    expect(out.f).toBeInstanceOf(Channel);
    expect(toInvokeArgs(undefined)).toEqual({});
  });
});
