import { describe, expect, it } from "vitest";
import type { Document, ImportOutcome, Project, Revision, RevisionMeta, ScriptStructure, WordDiff } from "$lib/bindings";
import { MockBackend } from "./backend";
import { seed } from "./seed";
import { scriptStructure } from "./structure";
import { tokenize, wordDiff } from "./wordDiff";

describe("wordDiff (mock)", () => {
  it("reassembles both texts and counts words, not whitespace", () => {
    const a = "She tears one page out.\nFolds it.";
    const b = "She tears one page out.\nReads it once more. Folds it.";
    const d = wordDiff("a", "b", a, b);
    expect(d.ops.filter((o) => o.kind !== "insert").map((o) => o.text).join("")).toBe(a);
    expect(d.ops.filter((o) => o.kind !== "delete").map((o) => o.text).join("")).toBe(b);
    expect(d.wordsInserted).toBe(4);
    expect(d.wordsDeleted).toBe(0);
  });
  it("tokenizes words and whitespace runs", () => {
    expect(tokenize("a  b\nc")).toEqual(["a", "  ", "b", "\n", "c"]);
  });
});

describe("MockBackend", () => {
  const make = () => {
    const b = new MockBackend({ now: () => 1_700_000_000_000 });
    b.setProfileName("Tester");
    return b;
  };

  it("rejects invalid input with a user-facing message", () => {
    const b = make();
    expect(() => b.handle("project_create", { input: { title: "  ", logline: "", kind: "feature" } })).toThrow();
    try {
      b.handle("project_create", { input: { title: "", logline: "", kind: "feature" } });
    } catch (e) {
      expect(e).toEqual({ code: "invalid_input", message: "Give the project a title." });
    }
  });

  it("saves revisions on the head and refuses a stale parent with conflict", () => {
    const b = make();
    const p = b.handle("project_create", { input: { title: "P", logline: "", kind: "short" } }) as Project;
    const d = b.handle("document_create", {
      input: { projectId: p.id, title: "D", kind: "screenplay", format: "fountain", text: "one" },
    }) as Document;
    const first = d.headRevisionId;
    const r = b.handle("revision_save", { documentId: d.id, parentId: first, text: "one two" }) as Revision;
    expect(r.meta.parentId).toBe(first);
    expect(r.meta.wordCount).toBe(2);
    expect(() => b.handle("revision_save", { documentId: d.id, parentId: first, text: "x" })).toThrow(
      expect.objectContaining({ code: "conflict" }),
    );
    const list = b.handle("revision_list", { documentId: d.id }) as RevisionMeta[];
    expect(list).toHaveLength(2);
    const diff = b.handle("revision_diff", { fromId: first, toId: r.meta.id }) as WordDiff;
    expect([diff.wordsInserted, diff.wordsDeleted]).toEqual([1, 0]);
  });

  it("answers every command api.ts uses", () => {
    const b = make();
    seed(b, 1_700_000_000_000);
    const [summary] = b.handle("project_list", { includeArchived: true }) as { project: Project }[];
    const id = summary.project.id;
    const commands: [string, Record<string, unknown>][] = [
      ["app_info", {}],
      ["project_get", { id }],
      ["project_update", { id, patch: { title: "New", logline: null, kind: null } }],
      ["project_archive", { id, archived: false }],
      ["document_list", { projectId: id }],
      ["activity_list", { projectId: null, limit: 5 }],
      ["ledger_verify", {}],
      ["document_import", { projectId: id, path: "/x/Cold Open.fountain", kind: null }],
    ];
    for (const [cmd, args] of commands) expect(() => b.handle(cmd, args), cmd).not.toThrow();
    expect(() => b.handle("document_import", { projectId: id, path: "/x/a.pdf", kind: null })).toThrow(
      expect.objectContaining({ code: "unsupported_file" }),
    );
  });

  it("seeds The Night Shoot with a two-revision screenplay", () => {
    const b = new MockBackend();
    seed(b, Date.now());
    const night = [...b.projects.values()].find((p) => p.title === "The Night Shoot")!;
    const script = [...b.documents.values()].find((d) => d.projectId === night.id && d.kind === "screenplay")!;
    expect(b.listRevisions(script.id)).toHaveLength(2);
  });
});

describe("MockBackend screenplay formats", () => {
  const setup = () => {
    const b = new MockBackend({ now: () => 1_700_000_000_000 });
    seed(b, 1_700_000_000_000);
    const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
    const treatment = [...b.documents.values()].find((d) => d.title === "Treatment")!;
    return { b, script, treatment };
  };

  it("reports scenes and speaking characters of the saved revision", () => {
    const { b, script } = setup();
    const s = b.handle("document_structure", { id: script.id }) as ScriptStructure;
    expect(s.scenes.length).toBeGreaterThanOrEqual(3);
    const [first, second] = s.scenes;
    expect(first).toMatchObject({
      ordinal: 1,
      heading: "EXT. MULTI-STOREY CAR PARK - ROOF - NIGHT",
      location: "MULTI-STOREY CAR PARK - ROOF",
      setting: "EXT",
      timeOfDay: "NIGHT",
      characters: ["PRIYA", "TOMMY"],
    });
    expect(second).toMatchObject({ setting: "INT", location: "STAIRWELL", timeOfDay: "CONTINUOUS", characters: ["LENA"] });
    const text = b.revision(script.headRevisionId!).text.split("\n");
    for (const scene of s.scenes) expect(text[scene.line]).toBe(scene.heading);
    const lena = s.characters.find((c) => c.name === "LENA")!;
    expect(lena.scenes).toContain(2);
    expect(lena.dialogueBlocks).toBeGreaterThanOrEqual(3);
    expect(s.pages).toBeGreaterThanOrEqual(1);
  });

  it("reads forced headings, scene numbers and INT/EXT", () => {
    const s = scriptStructure(".FLASHBACK #7A#\n\nA memory.\n\nI/E. VAN - MOVING - DAY\n\nMAYA (V.O.)\nHello.\n");
    expect(s.scenes.map((x) => [x.number, x.heading, x.setting, x.timeOfDay])).toEqual([
      ["7A", "FLASHBACK", "OTHER", null],
      [null, "I/E. VAN - MOVING - DAY", "INT/EXT", "DAY"],
    ]);
    expect(s.characters).toEqual([{ name: "MAYA", dialogueBlocks: 1, words: 1, scenes: [2] }]);
  });

  it("returns import warnings and refuses screenplay formats for other documents", () => {
    const { b, script, treatment } = setup();
    const out = b.handle("document_import", { projectId: script.projectId, path: "/x/Pilot.fdx", kind: null }) as ImportOutcome;
    expect(out.document.title).toBe("Pilot");
    expect(out.warnings.length).toBeGreaterThan(0);
    const md = b.handle("document_import", { projectId: script.projectId, path: "/x/notes.md", kind: null }) as ImportOutcome;
    expect(md.warnings).toEqual([]);
    expect(b.handle("revision_export", { id: script.headRevisionId, path: "/o/a.pdf", format: "pdf" })).toBeNull();
    expect(() => b.handle("revision_export", { id: treatment.headRevisionId, path: "/o/a.fdx", format: "fdx" })).toThrow(
      expect.objectContaining({ code: "unsupported_file" }),
    );
    expect(b.handle("revision_export", { id: treatment.headRevisionId, path: "/o/a.txt", format: "text" })).toBeNull();
    expect(b.exports.map((e) => e.format)).toEqual(["pdf", "text"]);
  });
});
