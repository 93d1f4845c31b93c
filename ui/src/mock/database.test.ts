import { describe, expect, it } from "vitest";
import type { LiveUpdate } from "$lib/bindings";
import { MockBackend } from "./backend";
import { mockService } from "./service";

const form = { host: "db.studio.lan", port: 5432, database: "greenlight", user: "maya", tls: "verify-full", useCaFile: true, password: null } as const;

describe("the mock database choice", () => {
  it("tests, switches, and comes back to this computer as the shell does", async () => {
    const b = new MockBackend();
    const svc = mockService(b);
    expect(await svc.database_status()).toMatchObject({ mode: "local", firstRun: false, online: true });
    expect(await svc.database_test({ form })).toEqual({ server: "maya@db.studio.lan:5432/greenlight", login: "maya", person: "Maya Okafor" });
    expect(await svc.database_pick_ca()).toBe("studio-ca.pem");
    const s = await svc.database_switch({ form });
    expect(s).toMatchObject({ mode: "team", label: "maya@db.studio.lan:5432/greenlight", source: "saved", caFileName: "studio-ca.pem" });
    expect((await svc.database_use_local()).mode).toBe("local");
  });

  it("refuses with the shell's codes and fields", async () => {
    const svc = mockService(new MockBackend());
    await expect(svc.database_test({ form: { ...form, host: "db/x" } })).rejects.toMatchObject({ code: "invalid_input", field: "host" });
    await expect(svc.database_test({ form: { ...form, host: "unreachable.studio.lan" } })).rejects.toMatchObject({ code: "offline" });
    await expect(svc.database_test({ form: { ...form, password: "wrong" } })).rejects.toMatchObject({ code: "storage_unavailable" });
    await expect(svc.database_switch({ form: { ...form, user: "stranger" } })).rejects.toMatchObject({ code: "storage_unavailable" });
  });

  it("offers the set-up of a server without Greenlight only to a login that may run it", async () => {
    const svc = mockService(new MockBackend());
    const bare = { ...form, database: "fresh" };
    await expect(svc.database_test({ form: bare })).rejects.toMatchObject({ code: "storage_unavailable" });
    expect(await svc.database_set_up_state({ form: bare })).toEqual({ schemaPresent: false, maySetUp: false });
    await expect(svc.database_set_up({ form: bare })).rejects.toMatchObject({ code: "forbidden" });
    const admin = { ...bare, user: "admin" };
    expect(await svc.database_set_up_state({ form: admin })).toEqual({ schemaPresent: false, maySetUp: true });
    expect(await svc.database_set_up({ form: admin })).toMatchObject({ login: "admin" });
    expect(await svc.database_set_up_state({ form: bare })).toEqual({ schemaPresent: true, maySetUp: false });
    expect(await svc.database_test({ form: bare })).toMatchObject({ login: "maya" });
  });

  it("on a team server, announces changes, and refuses commands while offline", async () => {
    const b = new MockBackend();
    const heard: LiveUpdate[] = [];
    b.db.onLive = (u) => heard.push(u);
    b.createProject({ title: "Quiet", logline: "", kind: "feature" });
    expect(heard).toEqual([]);
    b.db.mode = "team";
    const p = b.createProject({ title: "Loud", logline: "", kind: "feature" });
    expect(heard).toEqual([{ kind: "changed", chain: p.id, seq: 1 }]);
    b.db.goOffline("server closed the connection");
    const svc = mockService(b);
    await expect(svc.project_list({ includeArchived: false })).rejects.toMatchObject({ code: "offline" });
    expect(await svc.database_status()).toMatchObject({ online: false });
    b.db.goOnline();
    expect(heard.map((u) => u.kind)).toEqual(["changed", "offline", "online"]);
    await expect(svc.project_list({ includeArchived: false })).resolves.toHaveLength(2);
  });
});
