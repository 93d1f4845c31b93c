import { describe, expect, it } from "vitest";
import type { CommandArgs, CommandName } from "$lib/api";
import { COMMAND_NAMES, LIMITS, type AiRunEvent, type SuggestionId, type TakeEvent, type VaryOutcome } from "$lib/bindings";
import { idOf } from "$lib/ids";
import { MockBackend } from "./backend";
import { DEFAULT_WORKFLOW } from "./reviews";
import { seed } from "./seed";
import { mockService } from "./service";
import { tokenize, wordDiff } from "./wordDiff";

const NOW = 1_700_000_000_000;
const PASSAGE = "INT. NEW - DAY\n\nMaya walks slowly to the door, and looks back.\n\nShe really sits.\n";
const FIRST = "Maya walks slowly to the door, and looks back.";
const SECOND = "She really sits.";

function setup() {
  const b = new MockBackend({ now: () => NOW, aiTiming: { wordMs: 0, retryScale: 0 } });
  seed(b, NOW);
  const svc = mockService(b);
  const script = [...b.documents.values()].find((d) => d.title === "The Night Shoot")!;
  return { b, svc, script };
}

describe("wordDiff (mock)", () => {
  it("reassembles both texts and counts words, not whitespace", () => {
    const a = "She tears one page out.\nFolds it.";
    const b = "She tears one page out.\nReads it once more. Folds it.";
    const d = wordDiff(idOf("revision", "a"), idOf("revision", "b"), a, b);
    expect(d.ops.filter((o) => o.kind !== "insert").map((o) => o.text).join("")).toBe(a);
    expect(d.ops.filter((o) => o.kind !== "delete").map((o) => o.text).join("")).toBe(b);
    expect(d.wordsInserted).toBe(4);
    expect(d.wordsDeleted).toBe(0);
  });
  it("tokenizes words and whitespace runs", () => {
    expect(tokenize("a  b\nc")).toEqual(["a", "  ", "b", "\n", "c"]);
  });
});

describe("the mock Backend", () => {
  it("answers every command the Rust side registers", async () => {
    const { b, svc, script } = setup();
    const projectId = script.projectId;
    const head = script.headRevisionId!;
    const [newest, older] = b.listRevisions(script.id);
    const scratch = b.ai.saveProvider(null, { name: "Scratch", kind: "ollama", baseUrl: "", model: "m", ownNetwork: false, apiKey: null });
    let runId = "";
    const events: AiRunEvent[] = [];
    const takeEvents: TakeEvent[] = [];
    const takes: SuggestionId[] = [];
    const team = { host: "db.studio.lan", port: 5432, database: "greenlight", user: "maya", tls: "require", useCaFile: false, password: null } as const;
    // One call per command, typed by the generated `Commands`: a command added in Rust and not
    // here fails to type-check, and one missing from the mock fails below.
    const calls: { [K in CommandName]: () => CommandArgs<K> } = {
      app_info: () => ({}),
      profile_set_name: () => ({ name: "Tester" }),
      activity_list: () => ({ projectId: null, limit: 5 }),
      ledger_verify: () => ({}),
      keys_show: () => ({}),
      keys_rotate: () => ({}),
      provenance_document: () => ({ documentId: script.id }),
      disclosure_record: () => ({ projectId, input: { kind: "performer_consent", performer: "Ines", consentReference: "REL-1", describedUse: "Voice", assetId: null } }),
      disclosure_list_project: () => ({ projectId }),
      disclosure_list_mine: () => ({}),
      report_export: () => ({ target: { kind: "document", documentId: script.id }, format: "pdf" }),
      ui_ready: () => ({}),
      database_status: () => ({}),
      database_test: () => ({ form: team }),
      database_set_up_state: () => ({ form: team }),
      database_set_up: () => ({ form: { ...team, user: "admin" } }),
      database_pick_ca: () => ({}),
      database_switch: () => ({ form: team }),
      database_use_local: () => ({}),
      database_reconnect: () => ({}),
      project_list: () => ({ includeArchived: true }),
      project_create: () => ({ input: { title: "New", logline: "", kind: "short" } }),
      project_get: () => ({ id: projectId }),
      project_update: () => ({ id: projectId, patch: { title: "Renamed", logline: null, kind: null } }),
      project_archive: () => ({ id: projectId, archived: false }),
      member_list: () => ({ projectId }),
      member_add: () => ({ projectId, person: "abel" }),
      member_remove: () => ({ projectId, personId: idOf("user", "usr_abel") }),
      member_set_roles: () => ({ projectId, personId: b.members.list(projectId)[0].person.id, roles: ["writer", "producer", "legal_reviewer", "admin"] }),
      people_list: () => ({}),
      document_list: () => ({ projectId }),
      document_create: () => ({ input: { projectId, title: "D", kind: "notes", format: "plain", text: "x" } }),
      document_get: () => ({ id: script.id }),
      document_rename: () => ({ id: script.id, title: "The Night Shoot (2)" }),
      document_import_pick: () => ({ projectId, kind: null }),
      document_import_dropped: () => ({ projectId, tokens: ["not-a-token"], kind: null }),
      document_structure: () => ({ id: script.id }),
      revision_save: () => ({ documentId: script.id, parentId: head, text: PASSAGE, changes: null }),
      revision_merge: () => ({ documentId: script.id, baseId: older.id, text: "INT. MINE - DAY\n" }),
      revision_list: () => ({ documentId: script.id }),
      revision_get: () => ({ id: newest.id }),
      revision_diff: () => ({ fromId: older.id, toId: newest.id }),
      revision_export: () => ({ id: newest.id, format: "pdf" }),
      provider_list: () => ({}),
      provider_save: () => ({ id: null, input: { name: "Another", kind: "ollama", baseUrl: "", model: "m", ownNetwork: false, apiKey: null } }),
      provider_remove: () => ({ id: scratch.id }),
      provider_test: () => ({ id: "offline" }),
      policy_get: () => ({ projectId }),
      policy_set: () => ({ projectId, policy: { aiEnabled: true, allowedProviders: [], localOnly: false, protectedNames: [], maxRequestChars: 0 } }),
      ai_run: () => ({
        request: { projectId, documentId: script.id, providerId: "offline", task: "summarize", instruction: "", text: null },
        onEvent: (e) => events.push(e),
      }),
      ai_cancel: () => ({ runId }),
      ai_runs: () => ({ projectId, limit: 5 }),
      suggestion_vary: () => ({
        request: { documentId: script.id, start: PASSAGE.indexOf(FIRST), end: PASSAGE.indexOf(FIRST) + FIRST.length, instruction: "tighten", preset: null, takes: 2, providerId: null },
        onEvent: (e) => takeEvents.push(e),
      }),
      suggestion_list: () => ({ documentId: script.id }),
      suggestion_accept: () => ({ id: takes[0], hunks: null, editedText: null }),
      suggestion_reject: () => ({ id: takes[2], reason: "off-tone", note: null }),
      suggestion_undo: () => ({ id: takes[0] }),
      suggestion_reopen: () => ({ id: takes[2] }),
      suggestion_local_servers: () => ({}),
      attribution_get: () => ({ documentId: script.id, revisionId: null }),
      summary_run: () => ({ documentId: script.id, scope: "all", kind: "summary", providerId: "offline", onEvent: () => {} }),
      review_request: () => ({ documentId: script.id, assetId: null, workflow: null, dueAt: null, scenes: null }),
      review_decide: () => ({ reviewId: b.reviews.ofDocument(script.id)[0].id, stage: null, subjectId: null, verdict: "approve", comment: "Fine." }),
      review_inbox: () => ({}),
      review_list_document: () => ({ documentId: script.id }),
      review_list_asset: () => ({ assetId: idOf("asset", "ast_none") }),
      review_list_project: () => ({ projectId }),
      review_detail: () => ({ reviewId: b.reviews.ofDocument(script.id)[0].id }),
      workflow_list: () => ({ projectId }),
      workflow_save: () => ({ projectId, template: { ...DEFAULT_WORKFLOW, name: "quick" } }),
      workflow_remove: () => ({ projectId, name: "quick" }),
      comment_add: () => ({ documentId: script.id, assetId: null, anchor: { kind: "span", revisionId: head, start: 0, end: 4 }, body: "Why here?", replyTo: null, reviewId: null }),
      comment_list_document: () => ({ documentId: script.id, revisionId: null }),
      comment_list_asset: () => ({ assetId: idOf("asset", "ast_none") }),
      comment_resolve: () => ({ commentId: b.comments.ofDocument(script.id)[0].id, resolved: true }),
      asset_list: () => ({ projectId }),
      asset_get: () => ({ assetId: b.assets.importAll(projectId, ["/x/still.jpg"]).imported[0].asset.id }),
      asset_versions: () => ({ assetId: b.assets.importAll(projectId, ["/x/poster.png"]).imported[0].asset.id }),
      asset_import_pick: () => ({ projectId }),
      asset_import_dropped: () => ({ projectId, tokens: ["not-a-token"] }),
      asset_media_base: () => ({}),
    };
    expect(Object.keys(svc).sort()).toEqual([...COMMAND_NAMES].sort());
    for (const name of COMMAND_NAMES) {
      if (name === "suggestion_accept") {
        // A take on another passage, which the acceptance below moves (and does not stale).
        const start = PASSAGE.indexOf(SECOND);
        const other = await svc.suggestion_vary({
          request: { documentId: script.id, start, end: start + SECOND.length, instruction: "tighten", preset: null, takes: 1, providerId: null },
          onEvent: () => {},
        });
        takes.push(other.suggestions[0].id);
      }
      const call = svc[name] as (args: unknown) => Promise<unknown>;
      const result = await call(calls[name]()).catch((e: unknown) => {
        throw new Error(`${name} failed: ${JSON.stringify(e)}`);
      });
      if (name === "ai_run") runId = result as string;
      if (name === "suggestion_vary") takes.push(...(result as VaryOutcome).suggestions.map((t) => t.id));
    }
    expect(runId).toMatch(/^run_/);
    await new Promise((r) => setTimeout(r, 10));
    expect(events.filter((e) => e.type === "finished")).toHaveLength(1);
    expect(takes).toHaveLength(3);
    expect(new Set(takeEvents.map((e) => e.take))).toEqual(new Set([1, 2]));
    // Undone: pending again; the other take on its passage went stale when it was accepted.
    expect(b.suggestions.get(takes[0]).state).toBe("pending");
    expect(b.suggestions.get(takes[1]).state).toBe("stale");
    expect(b.suggestions.get(takes[2]).state).toBe("pending");
  });

  it("refuses a project title and logline at the Rust limits, naming the field", async () => {
    const { svc } = setup();
    const title = "t".repeat(LIMITS.maxTitleChars);
    const logline = "l".repeat(LIMITS.maxLoglineChars);
    await expect(svc.project_create({ input: { title, logline, kind: "feature" } })).resolves.toMatchObject({ title });
    await expect(svc.project_create({ input: { title: `${title}x`, logline: "", kind: "feature" } })).rejects.toEqual({
      code: "invalid_input",
      message: `Project title is too long (${LIMITS.maxTitleChars + 1} characters; the limit is ${LIMITS.maxTitleChars})`,
      field: "title",
    });
    await expect(svc.project_create({ input: { title: "T", logline: `${logline}x`, kind: "feature" } })).rejects.toMatchObject({ field: "logline" });
    await expect(svc.project_create({ input: { title: "  ", logline: "", kind: "feature" } })).rejects.toEqual({
      code: "invalid_input",
      message: "Project title cannot be empty",
      field: "title",
    });
  });

  it("counts characters as Rust does, and bounds the profile name", async () => {
    const { svc } = setup();
    const emoji = "🎬".repeat(LIMITS.maxNameChars);
    await expect(svc.profile_set_name({ name: emoji })).resolves.toMatchObject({ profile: { name: emoji } });
    await expect(svc.profile_set_name({ name: `${emoji}x` })).rejects.toMatchObject({ code: "invalid_input", field: "name" });
    await expect(svc.profile_set_name({ name: "a\u0007b" })).rejects.toMatchObject({ field: "name" });
  });

  it("saves revisions on the head, saves nothing for unchanged text, and refuses a stale parent", async () => {
    const { svc, script } = setup();
    const first = script.headRevisionId!;
    const r = await svc.revision_save({ documentId: script.id, parentId: first, text: "one two", changes: null });
    expect(r.meta.parentId).toBe(first);
    expect(r.meta.wordCount).toBe(2);
    await expect(svc.revision_save({ documentId: script.id, parentId: r.meta.id, text: "one two", changes: null })).resolves.toEqual(r);
    await expect(svc.revision_save({ documentId: script.id, parentId: first, text: "x", changes: null })).rejects.toMatchObject({ code: "conflict" });
    const big = "x".repeat(LIMITS.maxDocumentBytes + 1);
    await expect(svc.revision_save({ documentId: script.id, parentId: r.meta.id, text: big, changes: null })).rejects.toMatchObject({ code: "too_large" });
    const diff = await svc.revision_diff({ fromId: first, toId: r.meta.id });
    expect(diff.fromId).toBe(first);
  });

  it("merges a refused save with the newest revision as core does, writing nothing", async () => {
    const { b, svc, script } = setup();
    const base = await svc.revision_save({ documentId: script.id, parentId: script.headRevisionId, text: "A.\n\nB.\n", changes: null });
    b.profile = { id: idOf("user", "usr_abel"), name: "Abel", createdAt: NOW };
    const theirs = await svc.revision_save({ documentId: script.id, parentId: base.meta.id, text: "A.\n\nB, later.\n", changes: null });
    const count = b.revisions.size;
    await expect(svc.revision_save({ documentId: script.id, parentId: base.meta.id, text: "A, first.\n\nB.\n", changes: null })).rejects.toMatchObject({ code: "conflict" });
    const m = await svc.revision_merge({ documentId: script.id, baseId: base.meta.id, text: "A, first.\n\nB.\n" });
    expect(m).toMatchObject({ head: theirs.meta, theirsText: theirs.text, mergedText: "A, first.\n\nB, later.\n", clean: true, conflicts: 0 });
    const overlap = await svc.revision_merge({ documentId: script.id, baseId: base.meta.id, text: "A.\n\nB, mine.\n" });
    expect(overlap.conflicts).toBe(1);
    expect(overlap.markers.theirs).toBe(">>>>>>> saved by Abel");
    expect(b.revisions.size).toBe(count);
    const saved = await svc.revision_save({ documentId: script.id, parentId: m.head.id, text: m.mergedText, changes: null });
    expect(saved.meta.parentId).toBe(theirs.meta.id);
    await expect(svc.revision_merge({ documentId: script.id, baseId: idOf("revision", "nope"), text: "" })).rejects.toMatchObject({ code: "not_found" });
    const other = [...b.documents.values()].find((d) => d.id !== script.id)!;
    await expect(svc.revision_merge({ documentId: script.id, baseId: other.headRevisionId, text: "" })).rejects.toMatchObject({ code: "conflict" });
    const big = "x".repeat(LIMITS.maxDocumentBytes + 1);
    await expect(svc.revision_merge({ documentId: script.id, baseId: null, text: big })).rejects.toMatchObject({ code: "too_large" });
  });

  it("seeds The Night Shoot with a two-revision screenplay", () => {
    const { b, script } = setup();
    expect(b.listRevisions(script.id)).toHaveLength(2);
  });
});

describe("the mock Backend's screenplay formats", () => {
  it("reports scenes and speaking characters of the saved revision", async () => {
    const { b, svc, script } = setup();
    const s = await svc.document_structure({ id: script.id });
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

  it("imports what the dialog picks or what was dropped, never a path from the page", async () => {
    const { b, svc, script } = setup();
    const projectId = script.projectId;
    b.picker.open = ["/x/Pilot.fdx", "/x/notes.md", "/x/a.pdf"];
    const batch = await svc.document_import_pick({ projectId, kind: null });
    expect(batch.imported.map((o) => o.document.title)).toEqual(["Pilot", "notes"]);
    expect(batch.imported[0].warnings.length).toBeGreaterThan(0);
    expect(batch.refused).toMatchObject([{ fileName: "a.pdf", error: { code: "unsupported_file" } }]);
    const [dropped] = b.drop(["/y/Cold Open.fountain"]);
    expect(dropped.token).not.toContain("/y/");
    const once = await svc.document_import_dropped({ projectId, tokens: [dropped.token], kind: null });
    expect(once.imported.map((o) => o.document.title)).toEqual(["Cold Open"]);
    const twice = await svc.document_import_dropped({ projectId, tokens: [dropped.token, "/etc/passwd"], kind: null });
    expect(twice.imported).toEqual([]);
    expect(twice.refused.map((r) => r.error.code)).toEqual(["not_found", "not_found"]);
  });

  it("imports assets from the dialog or drops, as versions by name, with what their credentials say", async () => {
    const { b, svc, script } = setup();
    const projectId = script.projectId;
    b.picker.open = ["/x/poster-signed.png", "/x/cut.mp4", "/x/notes.zip"];
    const batch = await svc.asset_import_pick({ projectId });
    expect(batch.imported.map((i) => [i.asset.kind, i.version.version])).toEqual([["image", 1], ["video", 1]]);
    expect(batch.imported[0].version.credentials?.validity).toBe("valid");
    expect(batch.refused).toMatchObject([{ fileName: "notes.zip", error: { code: "unsupported_file" } }]);
    const [again] = b.drop(["/y/poster-signed.png"]);
    const second = await svc.asset_import_dropped({ projectId, tokens: [again.token, again.token] });
    expect(second.imported[0].version.version).toBe(2);
    expect(second.refused.map((r) => r.error.code)).toEqual(["not_found"]);
    const list = await svc.asset_list({ projectId });
    expect(list.map((a) => [a.asset.name, a.versionCount])).toEqual([["cut.mp4", 1], ["poster-signed.png", 2]]);
    const versions = await svc.asset_versions({ assetId: list[1].asset.id });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect((await svc.asset_get({ assetId: list[1].asset.id })).versionCount).toBe(2);
  });

  it("exports where the save dialog says, with the format's extension, or not at all", async () => {
    const { b, svc, script } = setup();
    const treatment = [...b.documents.values()].find((d) => d.title === "Treatment")!;
    await expect(svc.revision_export({ id: script.headRevisionId!, format: "pdf" })).resolves.toBe("The Night Shoot.pdf");
    await expect(svc.revision_export({ id: treatment.headRevisionId!, format: "fdx" })).rejects.toMatchObject({ code: "unsupported_file" });
    b.picker.saveAs = "Treatment.txt";
    await expect(svc.revision_export({ id: treatment.headRevisionId!, format: "text" })).resolves.toBe("Treatment.txt");
    b.picker.saveAs = "Treatment.pdf";
    await expect(svc.revision_export({ id: treatment.headRevisionId!, format: "text" })).rejects.toMatchObject({ code: "invalid_input" });
    b.picker.saveAs = null;
    await expect(svc.revision_export({ id: script.headRevisionId!, format: "pdf" })).resolves.toBeNull();
    expect(b.exports.map((e) => e.format)).toEqual(["pdf", "text"]);
  });

});
