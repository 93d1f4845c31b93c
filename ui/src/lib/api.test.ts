import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { api, useBackend, type Backend } from "./api";
import { COMMAND_NAMES, type VerifyReport } from "./bindings";

afterEach(() => {
  clearMocks();
  useBackend(null);
});

describe("api", () => {
  it("has one method per generated command", () => {
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it("goes over Tauri's IPC unless another backend is in use", async () => {
    const report = (n: number, ok: boolean): VerifyReport => ({
      ok,
      chainsChecked: 1,
      eventsChecked: n,
      revisionsChecked: 0,
      signaturesChecked: n + 1,
      unsignedEvents: 0,
      heads: [],
      againstChecked: null,
      problems: [],
    });
    mockIPC((cmd) => (cmd === "ledger_verify" ? report(3, true) : null));
    expect(await api.ledger_verify()).toEqual(report(3, true));

    const other = { ledger_verify: async () => report(9, false) } as unknown as Backend;
    useBackend(other);
    expect((await api.ledger_verify()).eventsChecked).toBe(9);
    useBackend(null);
    expect((await api.ledger_verify()).eventsChecked).toBe(3);
  });
});
