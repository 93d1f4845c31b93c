// The mock implementation of the generated `Backend`: one method per Rust command, over the
// in-memory MockBackend. Typed against `Commands` (generated from Rust), so a command added,
// renamed or changed in Rust fails to compile here until the mock follows.
import type { Backend, CommandName } from "$lib/backend/service";
import { COMMAND_NAMES } from "$lib/bindings";
import type { MockBackend } from "./backend";
import { wordDiff } from "./wordDiff";

const DEFAULT_TIMING = { wordMs: 40, retryScale: 1 };

/** Commands that do not need the database (they answer while a team server is offline). */
const WITHOUT_DATABASE = new Set<CommandName>([
  "app_info",
  "ui_ready",
  "ai_cancel",
  "database_status",
  "database_test",
  "database_set_up_state",
  "database_set_up",
  "database_pick_ca",
  "database_switch",
  "database_use_local",
  "database_reconnect",
]);

/**
 * Each method runs asynchronously, so a refusal rejects the promise as `invoke` would. While
 * the mock team server is offline, every command that needs it fails with `offline`.
 */
export function mockService(b: MockBackend): Backend {
  const service = commands(b);
  const guarded = COMMAND_NAMES.map((name) => {
    const method = service[name] as (args?: object) => Promise<unknown>;
    if (WITHOUT_DATABASE.has(name)) return [name, method];
    return [name, async (args?: object) => (b.db.online ? method(args) : b.db.unreachable())];
  });
  return Object.fromEntries(guarded) as Backend;
}

function commands(b: MockBackend): Backend {
  return {
    app_info: async () => b.appInfo(),
    profile_set_name: async ({ name }) => b.setProfileName(name),
    activity_list: async ({ projectId, limit }) => b.activity(projectId, limit),
    ledger_verify: async () => b.verify(),
    keys_show: async () => b.keysInfo(),
    keys_rotate: async () => b.rotateKey(),
    provenance_document: async ({ documentId }) => b.provenance.document(documentId),
    disclosure_record: async ({ projectId, input }) => b.provenance.record(projectId, input),
    disclosure_list_project: async ({ projectId }) => b.provenance.ofProject(projectId),
    disclosure_list_mine: async () => b.provenance.mine(),
    report_export: async ({ target, format }) => (b.picker.saveAs === null ? null : `${target.kind === "document" ? b.document(target.documentId).title : b.project(target.projectId).title} provenance.${format}`),
    ui_ready: async () => null,
    database_status: async () => b.db.status(),
    database_test: async ({ form }) => b.db.test(form),
    database_set_up_state: async ({ form }) => b.db.setUpState(form),
    database_set_up: async ({ form }) => b.db.setUp(form),
    database_pick_ca: async () => b.db.pickCa(),
    database_switch: async ({ form }) => b.db.switchTo(form),
    database_use_local: async () => b.db.useLocal(),
    database_reconnect: async () => {
      if (b.db.openError) throw b.db.openError;
      return b.db.status();
    },
    project_list: async ({ includeArchived }) => b.listProjects(includeArchived),
    project_create: async ({ input }) => b.createProject(input),
    project_get: async ({ id }) => b.project(id),
    project_update: async ({ id, patch }) => b.updateProject(id, patch),
    project_archive: async ({ id, archived }) => b.archiveProject(id, archived),
    member_list: async ({ projectId }) => (b.project(projectId), b.members.list(projectId)),
    member_add: async ({ projectId, person }) => (b.project(projectId), b.members.add(projectId, person)),
    member_remove: async ({ projectId, personId }) => b.members.remove(projectId, personId, b.project(projectId).title),
    member_set_roles: async ({ projectId, personId, roles }) => b.members.setRoles(projectId, personId, roles, b.project(projectId).title),
    people_list: async () => b.people(),
    document_list: async ({ projectId }) => b.listDocuments(projectId),
    document_create: async ({ input }) => b.createDocument(input),
    document_get: async ({ id }) => b.document(id),
    document_rename: async ({ id, title }) => b.renameDocument(id, title),
    document_import_pick: async ({ projectId, kind }) => b.importPicked(projectId, kind),
    document_import_dropped: async ({ projectId, tokens, kind }) => b.importDropped(projectId, tokens, kind),
    document_structure: async ({ id }) => b.structure(id),
    revision_save: async ({ documentId, parentId, text, changes }) => b.saveRevision(documentId, parentId, text, changes),
    revision_merge: async ({ documentId, baseId, text }) => b.mergeRevision(documentId, baseId, text),
    revision_list: async ({ documentId }) => b.listRevisions(documentId),
    revision_get: async ({ id }) => b.revision(id),
    revision_diff: async ({ fromId, toId }) => {
      const [from, to] = [b.revision(fromId), b.revision(toId)];
      return wordDiff(from.meta.id, to.meta.id, from.text, to.text);
    },
    revision_export: async ({ id, format }) => b.exportRevision(id, format),
    provider_list: async () => b.ai.listProviders(),
    provider_save: async ({ id, input }) => b.ai.saveProvider(id, input),
    provider_remove: async ({ id }) => b.ai.removeProvider(id),
    provider_test: async ({ id }) => b.ai.testProvider(id),
    policy_get: async ({ projectId }) => b.ai.getPolicy(projectId),
    policy_set: async ({ projectId, policy }) => b.ai.setPolicy(projectId, policy),
    ai_run: async ({ request, onEvent }) => b.ai.run(request, onEvent, b.opts.aiTiming ?? DEFAULT_TIMING).runId,
    ai_cancel: async ({ runId }) => b.ai.cancel(runId) || b.summaries.cancel(runId),
    ai_runs: async ({ projectId, limit }) => b.ai.aiRuns(projectId, limit),
    suggestion_vary: async ({ request, onEvent }) => b.suggestions.vary(request, onEvent),
    suggestion_list: async ({ documentId }) => b.suggestions.list(documentId),
    suggestion_accept: async ({ id, hunks, editedText }) => b.suggestions.accept(id, hunks, editedText),
    suggestion_reject: async ({ id, reason, note }) => b.suggestions.reject(id, reason, note),
    suggestion_undo: async ({ id }) => b.suggestions.undo(id),
    suggestion_reopen: async ({ id }) => b.suggestions.reopen(id),
    suggestion_local_servers: async () => [],
    attribution_get: async ({ documentId, revisionId }) => b.suggestions.attribution(documentId, revisionId),
    review_request: async ({ documentId, assetId, workflow, dueAt }) => {
      if (!documentId || assetId) throw { code: "invalid_input", message: "the mock reviews documents only", field: "documentId" };
      return b.reviews.request(documentId, workflow, dueAt);
    },
    review_decide: async ({ reviewId, stage, subjectId, verdict, comment }) => b.reviews.decide(reviewId, stage, subjectId, verdict, comment),
    review_inbox: async () => b.reviews.inbox(),
    review_list_document: async ({ documentId }) => b.reviews.ofDocument(documentId),
    review_list_asset: async () => [],
    review_list_project: async ({ projectId }) => (b.project(projectId), b.reviews.ofProject(projectId)),
    review_detail: async ({ reviewId }) => b.reviews.detail(reviewId),
    workflow_list: async ({ projectId }) => (b.project(projectId), b.workflows.list(projectId)),
    workflow_save: async ({ projectId, template }) => (b.project(projectId), b.workflows.save(projectId, template)),
    workflow_remove: async ({ projectId, name }) => (b.project(projectId), b.workflows.remove(projectId, name)),
    comment_add: async ({ documentId, assetId, anchor, body, replyTo, reviewId }) => b.comments.add(documentId, assetId, anchor, body, replyTo, reviewId),
    comment_list_document: async ({ documentId }) => b.comments.ofDocument(documentId),
    comment_list_asset: async ({ assetId }) => b.comments.ofAsset(assetId),
    comment_resolve: async ({ commentId, resolved }) => b.comments.resolve(commentId, resolved),
    asset_list: async ({ projectId }) => b.assets.list(projectId),
    asset_get: async ({ assetId }) => b.assets.get(assetId),
    asset_versions: async ({ assetId }) => b.assets.versions(assetId),
    asset_import_pick: async ({ projectId }) => b.importAssets(projectId, null),
    asset_import_dropped: async ({ projectId, tokens }) => b.importAssets(projectId, tokens),
    asset_media_base: async () => null,
    summary_run: async ({ documentId, scope, kind, onEvent }) => b.summaries.run(documentId, scope, kind, onEvent, (b.opts.aiTiming ?? DEFAULT_TIMING).wordMs * 5),
  };
}

/** `service` with every call answered after `ms(name)` milliseconds, like a real round trip. */
export function withLatency(service: Backend, ms: (name: CommandName) => number): Backend {
  const delayed = COMMAND_NAMES.map((name) => {
    const method = service[name] as (args?: object) => Promise<unknown>;
    return [name, async (args?: object) => {
      await new Promise((r) => setTimeout(r, ms(name)));
      return method(args);
    }];
  });
  return Object.fromEntries(delayed) as Backend;
}
