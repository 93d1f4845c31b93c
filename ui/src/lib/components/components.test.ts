import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { toasts } from "$lib/toasts.svelte";
import NewProjectDialog from "../../views/NewProjectDialog.svelte";
import Toasts from "./Toasts.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  for (const t of toasts.items) toasts.dismiss(t.id);
});

describe("Toasts", () => {
  it("shows an error's message, never the raw object, and can be dismissed", async () => {
    render(Toasts);
    toasts.error({ code: "io", message: "The disk is full. Free some space and try again." });
    toasts.error(new Error("unexpected"));
    const items = await screen.findAllByTestId("toast");
    expect(items.map((t) => t.textContent?.trim())).toEqual([
      "The disk is full. Free some space and try again.",
      "Error: unexpected",
    ]);
    await fireEvent.click(screen.getAllByRole("button", { name: "Dismiss message" })[0]);
    await waitFor(() => expect(screen.getAllByTestId("toast")).toHaveLength(1));
  });
});

describe("NewProjectDialog", () => {
  it("shows the backend's validation message under the field it names", async () => {
    mockIPC((cmd) => {
      if (cmd === "project_create") throw { code: "invalid_input", message: "Logline is too long (1001 characters; the limit is 1000)", field: "logline" };
    });
    render(NewProjectDialog, { open: true, onclose: () => {}, oncreated: () => {} });
    await fireEvent.input(screen.getByTestId("project-title-input"), { target: { value: "Pilot" } });
    await fireEvent.click(screen.getByTestId("project-create-submit"));
    const msg = await screen.findByText("Logline is too long (1001 characters; the limit is 1000)");
    expect(msg.id).toBe("np-logline-err");
    expect(screen.getByTestId("project-logline-input").getAttribute("aria-invalid")).toBe("true");
  });

  it("passes the created project on", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "project_create") {
        const input = (args as { input: { title: string; kind: string } }).input;
        return { id: "prj_9", title: input.title, logline: "", kind: input.kind, archived: false, createdAt: 0, updatedAt: 0 };
      }
    });
    let created: { title: string; kind: string } | null = null;
    render(NewProjectDialog, { open: true, onclose: () => {}, oncreated: (p) => (created = p) });
    await fireEvent.input(screen.getByTestId("project-title-input"), { target: { value: "Salt & Iron" } });
    await fireEvent.change(screen.getByTestId("project-kind-select"), { target: { value: "series" } });
    await fireEvent.click(screen.getByTestId("project-create-submit"));
    await waitFor(() => expect(created).toMatchObject({ title: "Salt & Iron", kind: "series" }));
  });
});
