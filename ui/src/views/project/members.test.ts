import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { useBackend } from "$lib/api";
import { session } from "$lib/session.svelte";
import { MockBackend } from "../../mock/backend";
import { mockService } from "../../mock/service";
import MembersPanel from "./MembersPanel.svelte";

afterEach(() => {
  cleanup();
  session.info = null;
  useBackend(null);
});

describe("the members panel", () => {
  it("lists the members, adds someone from the team, and keeps the last member", async () => {
    const b = new MockBackend();
    b.setProfileName("Maya Okafor");
    const p = b.createProject({ title: "Writers Room", logline: "", kind: "feature" });
    useBackend(mockService(b));
    session.info = b.appInfo();
    const r = render(MembersPanel, { projectId: p.id, projectTitle: p.title, version: 0 });
    await waitFor(() => expect(screen.getAllByTestId("member-row")).toHaveLength(1));
    expect(screen.getByTestId("member-row").textContent).toContain("Maya Okafor (you)");
    // The only member cannot leave.
    expect((screen.getByRole("button", { name: "Leave the project" }) as HTMLButtonElement).disabled).toBe(true);

    const select = screen.getByTestId("member-select") as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: "usr_abel" } });
    await fireEvent.click(screen.getByTestId("member-add"));
    await waitFor(() => expect(screen.getAllByTestId("member-row")).toHaveLength(2));
    expect(b.members.list(p.id).map((m) => m.person.name)).toEqual(["Maya Okafor", "Abel Ortiz"]);
    expect(b.events.at(-1)?.kind).toBe("member.added");

    // Someone else changed the members: the page's refresh (a new version) shows it.
    b.members.add(p.id, "priya");
    await r.rerender({ projectId: p.id, projectTitle: p.title, version: 1 });
    await waitFor(() => expect(screen.getAllByTestId("member-row")).toHaveLength(3));
  });

  it("shows each member's roles; an admin gives and takes them, and the last admin keeps the role", async () => {
    const b = new MockBackend();
    b.setProfileName("Maya Okafor");
    const p = b.createProject({ title: "Writers Room", logline: "", kind: "feature" });
    b.members.add(p.id, "abel");
    useBackend(mockService(b));
    session.info = b.appInfo();
    render(MembersPanel, { projectId: p.id, projectTitle: p.title, version: 0 });
    await waitFor(() => expect(screen.getAllByTestId("member-row")).toHaveLength(2));
    const held = (row: number) =>
      [...screen.getAllByTestId("member-row")[row].querySelectorAll<HTMLButtonElement>("[data-testid=member-role]")]
        .filter((b) => b.getAttribute("aria-pressed") === "true")
        .map((b) => b.dataset.role);
    expect(held(0)).toEqual(["writer", "producer", "legal_reviewer", "admin"]);
    expect(held(1)).toEqual(["writer"]);
    const abelLegal = screen.getAllByTestId("member-row")[1].querySelector<HTMLButtonElement>("[data-role=legal_reviewer]")!;
    await fireEvent.click(abelLegal);
    await waitFor(() => expect(held(1)).toEqual(["writer", "legal_reviewer"]));
    expect(b.events.at(-1)?.kind).toBe("member.roles_set");
    // The last admin keeps the role.
    await fireEvent.click(screen.getAllByTestId("member-row")[0].querySelector<HTMLButtonElement>("[data-role=admin]")!);
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("last admin"));
    expect(held(0)).toContain("admin");
  });
});
