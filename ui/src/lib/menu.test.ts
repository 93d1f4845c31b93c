import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listenToMenu, MenuRouter, parseMenuAction, routeMenu } from "./menu";

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("parseMenuAction", () => {
  it("accepts the shell's action names only", () => {
    expect(parseMenuAction("save")).toBe("save");
    expect(parseMenuAction("new-project")).toBe("new-project");
    expect(parseMenuAction("Save")).toBeNull();
    expect(parseMenuAction({ action: "save" })).toBeNull();
    expect(parseMenuAction(undefined)).toBeNull();
  });
});

describe("routeMenu", () => {
  it("prefers the newest registration that handles the action", () => {
    const app = { settings: () => {}, save: () => {} };
    const view = { save: () => {} };
    expect(routeMenu("save", [app, view])).toBe(view.save);
    expect(routeMenu("settings", [app, view])).toBe(app.settings);
    expect(routeMenu("export", [app, view])).toBeNull();
  });
});

describe("MenuRouter", () => {
  it("routes to the current view and ignores what nobody handles", () => {
    const r = new MenuRouter();
    const save = vi.fn();
    const off = r.register({ save });
    expect(r.dispatch("save")).toBe(true);
    expect(r.dispatch("export")).toBe(false);
    expect(r.dispatch("bogus")).toBe(false);
    off();
    expect(r.dispatch("save")).toBe(false);
    expect(save).toHaveBeenCalledTimes(1);
  });
  it("waits while a modal dialog is open", () => {
    const r = new MenuRouter();
    const save = vi.fn();
    r.register({ save });
    document.body.innerHTML = "<dialog open></dialog>";
    expect(r.dispatch("save")).toBe(false);
    expect(save).not.toHaveBeenCalled();
  });
  it("runs a deferred action when a view that handles it registers", async () => {
    const r = new MenuRouter();
    r.defer("new-project");
    const other = vi.fn();
    r.register({ save: other });
    const create = vi.fn();
    r.register({ "new-project": create });
    await Promise.resolve();
    expect(create).toHaveBeenCalledTimes(1);
    r.register({ "new-project": create });
    await Promise.resolve();
    expect(create).toHaveBeenCalledTimes(1);
  });
  it("hears the shell's `menu` event", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const r = new MenuRouter();
    const history = vi.fn();
    r.register({ history });
    const unlisten = await listenToMenu(r);
    await emit("menu", "history");
    expect(history).toHaveBeenCalledTimes(1);
    unlisten();
  });
});
