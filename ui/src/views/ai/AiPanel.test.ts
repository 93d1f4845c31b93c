import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { MockBackend } from "../../mock/backend";
import { channelEmitter } from "../../mock/channel";
import { seed } from "../../mock/seed";
import AiPanel from "./AiPanel.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

function backend(wordMs = 0) {
  const b = new MockBackend({ aiTiming: { wordMs, retryScale: 0 } });
  seed(b, Date.now());
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    return b.handle(cmd, cmd === "ai_run" ? { ...a, onEvent: channelEmitter(a.onEvent) } : a);
  });
  return b;
}

describe("AiPanel", () => {
  it("summarizes with the offline engine and says who answered", async () => {
    const b = backend();
    const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
    render(AiPanel, { projectId: script.projectId, documentId: script.id, selection: "", dirty: false, onclose: () => {} });
    expect((screen.getByTestId("ai-variation") as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect((screen.getByTestId("ai-summarize") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId("ai-summarize"));
    await waitFor(() => expect(screen.getByTestId("ai-status").textContent).toContain("Done"));
    expect(screen.getByTestId("ai-output").textContent).toContain("MULTI-STOREY CAR PARK");
    expect(screen.getByTestId("ai-source").textContent).toBe("Greenlight offline · extractive-1 · Local");
    expect(screen.queryByTestId("ai-cancel")).toBeNull();
    expect(screen.getByTestId("ai-copy")).toBeTruthy();
  });

  it("cancels a variation with Esc and keeps the partial text", async () => {
    const b = backend(30);
    const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
    const selection = "Rain hammers the concrete. Priya checks the sky, then her watch, then the sky again. ".repeat(4);
    render(AiPanel, { projectId: script.projectId, documentId: script.id, selection, dirty: false, onclose: () => {} });
    await waitFor(() => expect((screen.getByTestId("ai-summarize") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByText("Tighten"));
    await fireEvent.click(screen.getByTestId("ai-variation"));
    await waitFor(() => expect(screen.getByTestId("ai-status").textContent).toContain("Streaming from Greenlight offline"));
    await waitFor(() => expect(screen.getByTestId("ai-output").textContent!.length).toBeGreaterThan(10));
    await fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(screen.getByTestId("ai-status").textContent).toContain("Cancelled — partial text kept"));
  });
});
