// Lists refresh in place when the team server announces a change (debounced), over the mock
// backend's simulated server.
import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useBackend } from "$lib/api";
import { live } from "$lib/live";
import { MockBackend } from "../mock/backend";
import { mockService } from "../mock/service";
import ProjectsView from "./ProjectsView.svelte";
import ProjectView from "./ProjectView.svelte";

beforeEach(() => {
  // The project page listens for files dropped on the window.
  mockWindows("main");
  mockIPC(() => null, { shouldMockEvents: true });
});

afterEach(() => {
  cleanup();
  clearMocks();
  useBackend(null);
});

function team() {
  const b = new MockBackend();
  b.setProfileName("Maya");
  const p = b.createProject({ title: "Live", logline: "", kind: "feature" });
  b.db.mode = "team";
  b.db.onLive = (u) => live.dispatch(u);
  useBackend(mockService(b));
  return { b, project: p.id };
}

describe("live lists", () => {
  it("a project created elsewhere appears in the project list without a reload", async () => {
    const { b } = team();
    render(ProjectsView);
    await screen.findByText("Live");
    b.as("Abel Ortiz", () => b.createProject({ title: "Made at another desk", logline: "", kind: "short" }));
    await screen.findByText("Made at another desk");
    expect(screen.getAllByTestId("project-card")).toHaveLength(2);
  });

  it("a document created and a title changed elsewhere show on the project page, with the activity", async () => {
    const { b, project } = team();
    render(ProjectView, { projectId: project });
    await screen.findByTestId("project-page-title");
    const d = b.as("Abel Ortiz", () =>
      b.createDocument({ projectId: project, title: "Cold open", kind: "screenplay", format: "fountain", text: "INT. ROOF - NIGHT\n" }),
    );
    await waitFor(() => expect(screen.getAllByTestId("document-row").map((r) => r.getAttribute("data-title"))).toContain("Cold open"));
    b.as("Abel Ortiz", () => b.renameDocument(d.id, "Cold open (v2)"));
    b.as("Abel Ortiz", () => b.updateProject(project, { title: "Live, renamed", logline: null, kind: null }));
    await waitFor(() => expect(screen.getByTestId("project-page-title").textContent).toContain("Live, renamed"));
    await waitFor(() => expect(screen.getAllByTestId("document-row").map((r) => r.getAttribute("data-title"))).toContain("Cold open (v2)"));
    await waitFor(() => expect(screen.getAllByTestId("activity-item")[0].textContent).toContain("Abel Ortiz"));
  });

  it("changes on another project's chain do not reload this one", async () => {
    const { b, project } = team();
    let lists = 0;
    const svc = mockService(b);
    useBackend({ ...svc, document_list: (a) => (lists++, svc.document_list(a)) });
    render(ProjectView, { projectId: project });
    await screen.findByTestId("project-page-title");
    await waitFor(() => expect(lists).toBe(1));
    b.as("Abel Ortiz", () => b.createProject({ title: "Elsewhere", logline: "", kind: "short" }));
    await new Promise((r) => setTimeout(r, 250));
    expect(lists).toBe(1);
  });
});
