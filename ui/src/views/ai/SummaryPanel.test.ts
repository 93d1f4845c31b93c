import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useBackend } from "$lib/api";
import { MockBackend } from "../../mock/backend";
import { seed } from "../../mock/seed";
import { mockService } from "../../mock/service";
import SummaryPanel from "./SummaryPanel.svelte";

afterEach(() => {
  cleanup();
  useBackend(null);
});

function setup(wordMs = 0) {
  const b = new MockBackend({ aiTiming: { wordMs, retryScale: 0 } });
  seed(b, Date.now());
  useBackend(mockService(b));
  const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
  return { b, script };
}

describe("SummaryPanel", () => {
  it("summarizes the script with citations that jump, then reuses every part when nothing changed", async () => {
    const { script } = setup();
    const onjump = vi.fn();
    const props = { documentId: script.id, headId: script.headRevisionId, sceneCount: 3, currentScene: 1, hasSelection: false, selectionRange: () => null, dirty: false, onjump, onclose: () => {} };
    render(SummaryPanel, props);
    await fireEvent.click(screen.getByTestId("summary-run"));
    await waitFor(() => expect(screen.getByTestId("summary-stats").textContent).toMatch(/^\d+ parts: \d+ recomputed, 0 reused$/));
    const cites = screen.getAllByTestId("summary-cite");
    expect(cites.length).toBeGreaterThan(0);
    await fireEvent.click(cites[0]);
    expect(onjump).toHaveBeenCalledWith(Number(cites[0].textContent!.slice(1)));
    expect(screen.queryByTestId("summary-outdated")).toBeNull();

    await fireEvent.click(screen.getByTestId("summary-run"));
    await waitFor(() => expect(screen.getByTestId("summary-stats").textContent).toMatch(/^(\d+) parts: 0 recomputed, \1 reused$/));
  });

  it("writes a logline from the summary's cached parts", async () => {
    const { script } = setup();
    render(SummaryPanel, { documentId: script.id, headId: script.headRevisionId, sceneCount: 3, currentScene: null, hasSelection: false, selectionRange: () => null, dirty: false, onjump: () => {}, onclose: () => {} });
    await fireEvent.click(screen.getByTestId("summary-run"));
    const first = await waitFor(() => {
      const m = /^(\d+) parts/.exec(screen.getByTestId("summary-stats").textContent ?? "");
      if (!m) throw new Error("no stats yet");
      return Number(m[1]);
    });
    await fireEvent.change(screen.getByTestId("summary-kind"), { target: { value: "logline" } });
    await fireEvent.click(screen.getByTestId("summary-run"));
    await waitFor(() => expect(screen.getByTestId("summary-stats").textContent).toBe(`${first + 1} parts: 1 recomputed, ${first} reused`));
    expect(screen.getByRole("heading", { name: "Logline" })).toBeTruthy();
    expect(screen.getAllByTestId("summary-sentence").length).toBeGreaterThan(0);
  });

  it("summarizes the selection by the scenes it overlaps", async () => {
    const { b, script } = setup();
    const text = b.revision(script.headRevisionId!).text;
    const start = Array.from(text.slice(0, text.indexOf("INT. STAIRWELL"))).length + 20;
    render(SummaryPanel, { documentId: script.id, headId: script.headRevisionId, sceneCount: 3, currentScene: null, hasSelection: true, selectionRange: () => ({ start, end: start + 900 }), dirty: false, onjump: () => {}, onclose: () => {} });
    await fireEvent.change(screen.getByTestId("summary-part"), { target: { value: "selection" } });
    await fireEvent.click(screen.getByTestId("summary-run"));
    await waitFor(() => expect(screen.getByRole("heading", { name: "The selection" })).toBeTruthy());
    const cited = screen.getAllByTestId("summary-cite").map((c) => Number(c.textContent!.slice(1)));
    expect(Math.min(...cited)).toBeGreaterThanOrEqual(2);
  });

  it("shows a summary of an older revision as out of date, with Update", async () => {
    const { b, script } = setup();
    const head = script.headRevisionId!;
    const first = { documentId: script.id, headId: head, sceneCount: 3, currentScene: null, hasSelection: false, selectionRange: () => null, dirty: false, onjump: () => {}, onclose: () => {} };
    const view = render(SummaryPanel, first);
    await fireEvent.click(screen.getByTestId("summary-run"));
    await waitFor(() => expect(screen.getByTestId("summary-stats")).toBeTruthy());
    const text = b.revision(head).text.replace("Rain hammers", "Snow muffles");
    const rev = b.saveRevision(script.id, head, text);
    await view.rerender({ ...first, headId: rev.meta.id });
    expect(screen.getByTestId("summary-outdated")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("summary-update"));
    await waitFor(() => expect(screen.queryByTestId("summary-outdated")).toBeNull());
    expect(screen.getByTestId("summary-stats").textContent).toMatch(/: [1-9]\d* recomputed, [1-9]\d* reused$/);
  });

  it("cancels with Esc and keeps the parts that finished", async () => {
    const { script } = setup(20);
    render(SummaryPanel, { documentId: script.id, headId: script.headRevisionId, sceneCount: 3, currentScene: null, hasSelection: false, selectionRange: () => null, dirty: false, onjump: () => {}, onclose: () => {} });
    await fireEvent.click(screen.getByTestId("summary-run"));
    await waitFor(() => expect(screen.getByTestId("summary-progress").textContent).toMatch(/[1-9] of \d+ parts summarized/));
    await fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(screen.getByTestId("summary-stats").textContent).toContain("not summarized (cancelled)"));
  });
});
