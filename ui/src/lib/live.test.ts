import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { debounce, LiveBus, REFRESH_DEBOUNCE_MS } from "./live";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("debounce", () => {
  it("runs once after the last call of a burst; flush runs a pending call now", () => {
    const fn = vi.fn();
    const d = debounce(fn, 100);
    d.call();
    vi.advanceTimersByTime(60);
    d.call();
    vi.advanceTimersByTime(60);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(40);
    expect(fn).toHaveBeenCalledTimes(1);
    d.call();
    d.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    d.flush();
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe("LiveBus.onChange", () => {
  it("refreshes once per burst of changes on the chains it follows, ~100 ms after the last", () => {
    const bus = new LiveBus();
    const refresh = vi.fn();
    bus.onChange((c) => c === "prj_1", refresh);
    for (let seq = 1; seq <= 10; seq++) bus.dispatch({ kind: "changed", chain: "prj_1", seq });
    bus.dispatch({ kind: "changed", chain: "prj_2", seq: 1 });
    expect(refresh).not.toHaveBeenCalled();
    vi.advanceTimersByTime(REFRESH_DEBOUNCE_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
    bus.dispatch({ kind: "changed", chain: "prj_2", seq: 2 });
    vi.advanceTimersByTime(REFRESH_DEBOUNCE_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("refreshes when the server is back (updates may have been missed), not when it drops", () => {
    const bus = new LiveBus();
    const refresh = vi.fn();
    bus.onChange(() => false, refresh);
    bus.dispatch({ kind: "offline", message: "gone" });
    vi.advanceTimersByTime(REFRESH_DEBOUNCE_MS);
    expect(refresh).not.toHaveBeenCalled();
    bus.dispatch({ kind: "online" });
    vi.advanceTimersByTime(REFRESH_DEBOUNCE_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("stops, pending refresh included, when unsubscribed; one failing listener does not stop the others", () => {
    const bus = new LiveBus();
    const refresh = vi.fn();
    const off = bus.onChange(() => true, refresh);
    const other = vi.fn();
    vi.spyOn(console, "error").mockImplementation(() => {});
    bus.subscribe(() => {
      throw new Error("broken view");
    });
    bus.subscribe(other);
    bus.dispatch({ kind: "changed", chain: "workspace", seq: 1 });
    off();
    vi.advanceTimersByTime(REFRESH_DEBOUNCE_MS);
    expect(refresh).not.toHaveBeenCalled();
    expect(other).toHaveBeenCalledTimes(1);
  });
});
