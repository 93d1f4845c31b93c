import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ScriptStructure } from "$lib/bindings";
import { scriptStructure } from "../mock/structure";
import ScenePanel from "./ScenePanel.svelte";

afterEach(cleanup);

const structure: ScriptStructure = scriptStructure(
  "INT. KITCHEN - DAY\n\nANA\nHi.\n\nEXT. YARD - NIGHT\n\nBEN\nHey.\n\nANA\nBye now.\n\nINT. ATTIC - NIGHT\n\nDust.\n",
);

describe("ScenePanel", () => {
  it("lists scenes with their tag and length, marks the current one and jumps on click", async () => {
    const onjump = vi.fn();
    render(ScenePanel, { structure, error: null, stale: false, current: 2, onjump, onvary: () => {}, onclose: () => {} });
    const items = screen.getAllByTestId("scene-item");
    expect(items).toHaveLength(3);
    expect(screen.getByTestId("scene-count").textContent).toBe("3");
    expect(items[1].textContent).toContain("YARD");
    expect(items[1].textContent).toContain("EXT · NIGHT");
    expect(items[1].textContent).toContain("/8 pg");
    expect(items[1].getAttribute("aria-current")).toBe("location");
    expect(screen.queryByTestId("scenes-stale")).toBeNull();
    await fireEvent.click(items[2]);
    expect(onjump).toHaveBeenCalledWith(expect.objectContaining({ ordinal: 3, heading: "INT. ATTIC - NIGHT" }));
  });

  it("filters the scenes to the character picked in the characters tab", async () => {
    render(ScenePanel, { structure, error: null, stale: true, current: null, onjump: () => {}, onvary: () => {}, onclose: () => {} });
    expect(screen.getByTestId("scenes-stale")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("characters-tab"));
    const people = screen.getAllByTestId("character-item");
    expect(people.map((p) => p.querySelector(".name")?.textContent)).toEqual(["ANA", "BEN"]);
    expect(people[0].textContent).toContain("2 speeches");
    await fireEvent.click(people[1]);
    const items = screen.getAllByTestId("scene-item");
    expect(items).toHaveLength(1);
    expect(items[0].textContent).toContain("YARD");
    await fireEvent.click(screen.getByRole("button", { name: "Show all scenes" }));
    expect(screen.getAllByTestId("scene-item")).toHaveLength(3);
  });
});
