import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useBackend } from "$lib/api";
import { MockBackend } from "../../mock/backend";
import { seed } from "../../mock/seed";
import { mockService } from "../../mock/service";
import AiPanel from "./AiPanel.svelte";

afterEach(() => {
  cleanup();
  useBackend(null);
  localStorage.clear();
});

function backend(wordMs = 0) {
  const b = new MockBackend({ aiTiming: { wordMs, retryScale: 0 } });
  seed(b, Date.now());
  useBackend(mockService(b));
  return b;
}

describe("AiPanel", () => {
  it("summarizes with the offline engine and says who answered", async () => {
    const b = backend();
    const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
    render(AiPanel, { projectId: script.projectId, documentId: script.id, selection: "", dirty: false, onvary: () => {}, onclose: () => {} });
    expect((screen.getByTestId("ai-variation") as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect((screen.getByTestId("ai-summarize") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId("ai-summarize"));
    await waitFor(() => expect(screen.getByTestId("ai-status").textContent).toContain("Done"));
    expect(screen.getByTestId("ai-output").textContent).toContain("MULTI-STOREY CAR PARK");
    expect(screen.getByTestId("ai-source").textContent).toBe("Offline engine (extractive) · greenlight-extractive-v1 · Local");
    expect(screen.queryByTestId("ai-cancel")).toBeNull();
    expect(screen.getByTestId("ai-copy")).toBeTruthy();
  });

  it("cancels a summary with Esc and keeps the partial text", async () => {
    const b = backend(30);
    const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
    render(AiPanel, { projectId: script.projectId, documentId: script.id, selection: "", dirty: false, onvary: () => {}, onclose: () => {} });
    await waitFor(() => expect((screen.getByTestId("ai-summarize") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId("ai-summarize"));
    await waitFor(() => expect(screen.getByTestId("ai-status").textContent).toContain("Streaming from Offline engine (extractive)"));
    await waitFor(() => expect(screen.getByTestId("ai-output").textContent!.length).toBeGreaterThan(10));
    await fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(screen.getByTestId("ai-status").textContent).toContain("Cancelled — partial text kept"));
  });

  it("hands a variation to the Variations panel, where takes are suggestions, instead of writing text to copy", async () => {
    const b = backend();
    const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
    const onvary = vi.fn();
    const runs = () => b.ai.aiRuns(script.projectId, 500).length;
    const before = runs();
    render(AiPanel, { projectId: script.projectId, documentId: script.id, selection: "Rain hammers the concrete.", dirty: false, onvary, onclose: () => {} });
    await fireEvent.click(screen.getByText("Tighten"));
    await fireEvent.click(screen.getByTestId("ai-variation"));
    expect(onvary).toHaveBeenCalledWith("Tighten");
    expect(screen.queryByTestId("ai-output")).toBeNull();
    expect(runs()).toBe(before);
  });

  it("says what to do when the provider refuses the key, from the failure's code", async () => {
    const b = backend();
    const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
    render(AiPanel, { projectId: script.projectId, documentId: script.id, selection: "", dirty: false, onvary: () => {}, onclose: () => {} });
    await waitFor(() => expect(screen.getByTestId("ai-provider-select").querySelectorAll("option").length).toBeGreaterThan(1));
    const openai = b.ai.listProviders().find((p) => p.name === "OpenAI")!;
    await fireEvent.change(screen.getByTestId("ai-provider-select"), { target: { value: openai.id } });
    await fireEvent.click(screen.getByTestId("ai-summarize"));
    await waitFor(() => expect(screen.getByTestId("ai-status").textContent).toContain("Failed"));
    expect(screen.getByTestId("ai-advice").textContent).toContain("Open Settings to fix the key");
    expect(screen.getByTestId("ai-open-settings")).toBeTruthy();
  });
});
