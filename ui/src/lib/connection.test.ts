import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, useBackend } from "./api";
import type { DatabaseStatus } from "./bindings";
import { Connection, probeDelay } from "./connection.svelte";
import { LiveBus } from "./live";
import { MockBackend } from "../mock/backend";
import { mockService } from "../mock/service";

const team = (online: boolean): DatabaseStatus => ({
  mode: "team",
  label: "maya@db:5432/studio",
  source: "saved",
  firstRun: false,
  server: { host: "db", port: 5432, database: "studio", user: "maya", tls: "require" },
  online,
  openError: null,
  caFileName: null,
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  useBackend(null);
});

describe("the connection", () => {
  it("backs off from 1 s to every 10 s", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(probeDelay)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it("goes offline on the shell's word and back online on it", () => {
    const bus = new LiveBus();
    const c = new Connection(bus, async () => team(false));
    const stop = c.start();
    bus.dispatch({ kind: "offline", message: "lost the connection to maya@db:5432/studio" });
    expect(c.online).toBe(false);
    expect(c.reason).toContain("lost the connection");
    bus.dispatch({ kind: "online" });
    expect(c.online).toBe(true);
    expect(c.reason).toBeNull();
    stop();
  });

  it("goes offline when a command fails with `offline`, asks again with backoff, and announces `online`", async () => {
    const b = new MockBackend();
    useBackend(mockService(b));
    const bus = new LiveBus();
    const probe = vi.fn(async () => team(b.db.online));
    const heard: string[] = [];
    bus.subscribe((u) => heard.push(u.kind));
    const c = new Connection(bus, probe);
    const stop = c.start();
    b.db.online = false;
    await expect(api.project_list({ includeArchived: false })).rejects.toMatchObject({ code: "offline" });
    expect(c.online).toBe(false);

    await vi.advanceTimersByTimeAsync(1000);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1999);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(2);

    b.db.online = true;
    await vi.advanceTimersByTimeAsync(4000);
    expect(c.online).toBe(true);
    expect(heard).toEqual(["online"]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probe).toHaveBeenCalledTimes(3);
    stop();
  });

  it("`Try now` asks at once; a status from the shell is taken as the truth", async () => {
    const bus = new LiveBus();
    const probe = vi.fn(async () => team(true));
    const c = new Connection(bus, probe);
    const stop = c.start();
    c.set(team(false));
    expect(c.online).toBe(false);
    c.probeNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(c.online).toBe(true);
    c.set(team(false));
    c.set(team(true));
    expect(c.online).toBe(true);
    const g = c.generation;
    c.switched({ ...team(true), mode: "local" });
    expect(c.generation).toBe(g + 1);
    stop();
  });
});
