import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { useBackend } from "$lib/api";
import App from "../App.svelte";
import { installMockBackend } from "./install";

afterEach(() => {
  cleanup();
  clearMocks();
  useBackend(null);
});

describe("mock mode", () => {
  it("runs the whole app against the mock Backend", async () => {
    const backend = installMockBackend();
    render(App);
    await waitFor(() => expect(screen.getAllByTestId("project-card").length).toBeGreaterThan(0), { timeout: 3000 });
    const titles = screen.getAllByTestId("project-card").map((c) => c.textContent ?? "");
    expect(titles.some((t) => t.includes("The Night Shoot"))).toBe(true);
    expect(backend.profile?.name).toBeTruthy();
  });
});
