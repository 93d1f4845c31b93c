import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { api, useBackend, type Backend } from "./api";
import { COMMAND_NAMES } from "./bindings";

afterEach(() => {
  clearMocks();
  useBackend(null);
});

describe("api", () => {
  it("has one method per generated command", () => {
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it("goes over Tauri's IPC unless another backend is in use", async () => {
    mockIPC((cmd) => (cmd === "ledger_verify" ? { eventsChecked: 3, ok: true, firstBroken: null } : null));
    expect(await api.ledger_verify()).toEqual({ eventsChecked: 3, ok: true, firstBroken: null });

    const other = { ledger_verify: async () => ({ eventsChecked: 9, ok: false, firstBroken: null }) } as unknown as Backend;
    useBackend(other);
    expect((await api.ledger_verify()).eventsChecked).toBe(9);
    useBackend(null);
    expect((await api.ledger_verify()).eventsChecked).toBe(3);
  });
});
