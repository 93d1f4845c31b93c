// An in-memory stand-in for the Rust backend, implementing every command in api.ts with
// the same argument names, result shapes and error codes. For UI development only.
import type {
  ActivityItem,
  AiPolicy,
  AiRunEvent,
  AiRunRequest,
  ProviderInput,
  AppInfo,
  Document,
  DocumentFormat,
  DocumentKind,
  DocumentSummary,
  ExportFormat,
  ImportOutcome,
  IpcError,
  NewDocument,
  NewProject,
  Profile,
  Project,
  ProjectKind,
  ProjectPatch,
  ProjectSummary,
  Revision,
  RevisionMeta,
  ScriptStructure,
  VerifyReport,
} from "$lib/bindings";
import { countWords } from "$lib/words";
import { MockAi, type RunTiming } from "./ai";
import { scriptStructure } from "./structure";
import { wordDiff } from "./wordDiff";

type Args = Record<string, unknown>;

const PROJECT_KINDS: ProjectKind[] = ["feature", "series", "episode", "short", "other"];
const DOC_KINDS: DocumentKind[] = ["screenplay", "treatment", "outline", "synopsis", "bible", "notes"];
const FORMATS: DocumentFormat[] = ["fountain", "markdown", "plain"];
const MAX_TEXT_BYTES = 5 * 1024 * 1024;

function fail(code: IpcError["code"], message: string): never {
  throw { code, message } satisfies IpcError;
}

/** Not SHA-256: a stable 64-hex fingerprint, enough for display in mock mode. */
export function fakeHash(text: string): string {
  let out = "";
  for (let seed = 0; seed < 8; seed++) {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

export type MockOptions = {
  now?: () => number;
  dataDir?: string;
  startupError?: IpcError | null;
  tamperedSeq?: number | null;
  /** How fast AI runs stream (default: 40 ms a word, retry waits as announced). */
  aiTiming?: RunTiming;
};

export class MockBackend {
  profile: Profile | null = null;
  projects = new Map<string, Project>();
  documents = new Map<string, Document>();
  revisions = new Map<string, Revision>();
  events: ActivityItem[] = [];
  exports: { id: string; path: string; format: ExportFormat }[] = [];
  readonly ai: MockAi;
  private nextId = 1;
  private readonly now: () => number;
  private readonly opts: MockOptions;

  constructor(opts: MockOptions = {}) {
    this.opts = opts;
    this.now = opts.now ?? (() => Date.now());
    this.ai = new MockAi({
      now: () => this.now(),
      documentText: (id) => {
        const d = this.document(id);
        return d.headRevisionId ? this.revision(d.headRevisionId).text : "";
      },
      projectExists: (id) => void this.project(id),
      log: (kind, summary, projectId, documentId) => this.log(kind, summary, projectId, documentId),
    });
  }

  private id(prefix: string): string {
    return `${prefix}_${(this.nextId++).toString().padStart(4, "0")}`;
  }

  private actor(): string {
    return this.profile?.name ?? "You";
  }

  log(kind: string, summary: string, projectId: string | null, documentId: string | null, at = this.now()): void {
    this.events.push({
      id: `evt_${this.events.length + 1}`,
      seq: this.events.length + 1,
      at,
      actorName: this.actor(),
      kind,
      summary,
      projectId,
      documentId,
    });
  }

  // ---- commands -------------------------------------------------------------------------

  handle(cmd: string, args: Args = {}): unknown {
    switch (cmd) {
      case "app_info":
        return this.appInfo();
      case "profile_set_name":
        return this.setProfileName(str(args, "name"));
      case "project_list":
        return this.listProjects(Boolean(args.includeArchived));
      case "project_create":
        return this.createProject(args.input as NewProject);
      case "project_get":
        return this.project(str(args, "id"));
      case "project_update":
        return this.updateProject(str(args, "id"), args.patch as ProjectPatch);
      case "project_archive":
        return this.archiveProject(str(args, "id"), Boolean(args.archived));
      case "document_list":
        return this.listDocuments(str(args, "projectId"));
      case "document_create":
        return this.createDocument(args.input as NewDocument);
      case "document_get":
        return this.document(str(args, "id"));
      case "document_rename":
        return this.renameDocument(str(args, "id"), str(args, "title"));
      case "document_import":
        return this.importDocument(str(args, "projectId"), str(args, "path"), (args.kind as DocumentKind) ?? null);
      case "revision_save":
        return this.saveRevision(str(args, "documentId"), (args.parentId as string | null) ?? null, str(args, "text"));
      case "revision_list":
        return this.listRevisions(str(args, "documentId"));
      case "revision_get":
        return this.revision(str(args, "id"));
      case "revision_diff": {
        const a = this.revision(str(args, "fromId"));
        const b = this.revision(str(args, "toId"));
        return wordDiff(a.meta.id, b.meta.id, a.text, b.text);
      }
      case "document_structure":
        return this.structure(str(args, "id"));
      case "revision_export":
        return this.exportRevision(str(args, "id"), str(args, "path"), args.format as ExportFormat);
      case "activity_list":
        return this.activity((args.projectId as string | null) ?? null, Number(args.limit ?? 50));
      case "ui_ready":
        return null;
      case "ledger_verify":
        return this.verify();
      case "provider_list":
        return this.ai.listProviders();
      case "provider_save":
        return this.ai.saveProvider((args.id as string | null) ?? null, args.input as ProviderInput);
      case "provider_remove":
        return this.ai.removeProvider(str(args, "id"));
      case "provider_test":
        return this.ai.testProvider(str(args, "id"));
      case "policy_get":
        return this.ai.getPolicy(str(args, "projectId"));
      case "policy_set":
        return this.ai.setPolicy(str(args, "projectId"), args.policy as AiPolicy);
      case "ai_run": {
        const emit = args.onEvent;
        if (typeof emit !== "function") return fail("internal", "ai_run needs a channel for its events.");
        const timing = this.opts.aiTiming ?? { wordMs: 40, retryScale: 1 };
        return this.ai.run(args.request as AiRunRequest, emit as (e: AiRunEvent) => void, timing).runId;
      }
      case "ai_cancel":
        return this.ai.cancel(str(args, "runId"));
      case "ai_runs":
        return this.ai.aiRuns(str(args, "projectId"), Number(args.limit ?? 50));
      default:
        return fail("internal", `The mock backend does not implement “${cmd}”.`);
    }
  }

  appInfo(): AppInfo {
    return {
      version: "0.1.0-mock",
      dataDir: this.opts.dataDir ?? "/home/maya/.local/share/app.greenlight",
      profile: this.profile,
      startupError: this.opts.startupError ?? null,
    };
  }

  setProfileName(name: string): AppInfo {
    const clean = name.trim();
    if (!clean) fail("invalid_input", "Your name can’t be empty.");
    if (clean.length > 80) fail("invalid_input", "Your name is too long: keep it under 80 characters.");
    this.profile = this.profile
      ? { ...this.profile, name: clean }
      : { id: this.id("usr"), name: clean, createdAt: this.now() };
    return this.appInfo();
  }

  listProjects(includeArchived: boolean): ProjectSummary[] {
    return [...this.projects.values()]
      .filter((p) => includeArchived || !p.archived)
      .map((project) => {
        const docs = [...this.documents.values()].filter((d) => d.projectId === project.id);
        const last = this.events.filter((e) => e.projectId === project.id).reduce((m, e) => Math.max(m, e.at), 0);
        return { project, documentCount: docs.length, lastActivityAt: Math.max(last, project.updatedAt) };
      });
  }

  createProject(input: NewProject, at = this.now()): Project {
    const title = validTitle(input?.title, "project");
    if ((input.logline ?? "").length > 600) fail("invalid_input", "The logline is too long: keep it under 600 characters.");
    if (!PROJECT_KINDS.includes(input.kind)) fail("invalid_input", "Choose what kind of project this is.");
    const p: Project = {
      id: this.id("prj"),
      title,
      logline: (input.logline ?? "").trim(),
      kind: input.kind,
      archived: false,
      createdAt: at,
      updatedAt: at,
    };
    this.projects.set(p.id, p);
    this.log("project.created", `Created the project “${p.title}”`, p.id, null, at);
    return p;
  }

  project(id: string): Project {
    return this.projects.get(id) ?? fail("not_found", "This project no longer exists. It may have been deleted.");
  }

  updateProject(id: string, patch: ProjectPatch): Project {
    const p = this.project(id);
    const next = { ...p, updatedAt: this.now() };
    if (patch.title !== null) next.title = validTitle(patch.title, "project");
    if (patch.logline !== null) {
      if (patch.logline.length > 600) fail("invalid_input", "The logline is too long: keep it under 600 characters.");
      next.logline = patch.logline.trim();
    }
    if (patch.kind !== null) next.kind = patch.kind;
    this.projects.set(id, next);
    const what = patch.title !== null && patch.title !== p.title ? `Renamed the project to “${next.title}”` : "Updated the project details";
    this.log("project.updated", what, id, null);
    return next;
  }

  archiveProject(id: string, archived: boolean): Project {
    const p = { ...this.project(id), archived, updatedAt: this.now() };
    this.projects.set(id, p);
    this.log(archived ? "project.archived" : "project.unarchived", archived ? "Archived the project" : "Restored the project from the archive", id, null);
    return p;
  }

  listDocuments(projectId: string): DocumentSummary[] {
    this.project(projectId);
    return [...this.documents.values()]
      .filter((d) => d.projectId === projectId)
      .map((document) => {
        const revs = [...this.revisions.values()].filter((r) => r.meta.documentId === document.id);
        const head = document.headRevisionId ? this.revisions.get(document.headRevisionId) : undefined;
        return { document, revisionCount: revs.length, wordCount: head?.meta.wordCount ?? 0 };
      });
  }

  createDocument(input: NewDocument, at = this.now()): Document {
    this.project(input.projectId);
    const title = validTitle(input.title, "document");
    if (!DOC_KINDS.includes(input.kind)) fail("invalid_input", "Choose what kind of document this is.");
    if (!FORMATS.includes(input.format)) fail("invalid_input", "Choose a format: Fountain, Markdown or plain text.");
    const d: Document = {
      id: this.id("doc"),
      projectId: input.projectId,
      title,
      kind: input.kind,
      format: input.format,
      headRevisionId: null,
      createdAt: at,
      updatedAt: at,
    };
    this.documents.set(d.id, d);
    this.log("document.created", `Created “${title}”`, d.projectId, d.id, at);
    this.saveRevision(d.id, null, input.text ?? "", at, true);
    return this.document(d.id);
  }

  document(id: string): Document {
    return this.documents.get(id) ?? fail("not_found", "This document no longer exists. It may have been deleted.");
  }

  renameDocument(id: string, title: string): Document {
    const d = this.document(id);
    const next = { ...d, title: validTitle(title, "document"), updatedAt: this.now() };
    this.documents.set(id, next);
    this.log("document.renamed", `Renamed “${d.title}” to “${next.title}”`, d.projectId, id);
    return next;
  }

  importDocument(projectId: string, path: string, kind: DocumentKind | null): ImportOutcome {
    this.project(projectId);
    const file = path.split(/[\\/]/).pop() ?? path;
    const m = /^(.*?)(?:\.([^.]+))?$/.exec(file)!;
    const ext = (m[2] ?? "").toLowerCase();
    const format: DocumentFormat | null =
      ext === "fountain" || ext === "spmd" || ext === "fdx" ? "fountain" : ext === "md" || ext === "markdown" ? "markdown" : ext === "txt" ? "plain" : null;
    if (!format) fail("unsupported_file", `“${file}” is not a file Greenlight can import. Use Fountain, Final Draft (.fdx), Markdown or plain text.`);
    if (/broken/i.test(file)) fail("unsupported_file", `“${file}” is not a valid Final Draft file: the XML ends in the middle of a paragraph (line 212).`);
    const text = format === "fountain" ? IMPORTED_SCENE : `# ${m[1]}\n\nImported notes.\n`;
    const document = this.createDocument({ projectId, title: m[1], kind: kind ?? (format === "fountain" ? "screenplay" : "notes"), format, text });
    this.log("document.imported", `Imported “${file}”`, projectId, document.id);
    const warnings =
      ext === "fdx"
        ? [
            "Paragraph type “Shot” on page 3 is not part of Fountain; kept as action.",
            "Revision colours and page locks were not imported.",
          ]
        : [];
    return { document, warnings };
  }

  structure(documentId: string): ScriptStructure {
    const d = this.document(documentId);
    const head = d.headRevisionId ? this.revisions.get(d.headRevisionId) : undefined;
    return scriptStructure(head?.text ?? "");
  }

  exportRevision(id: string, path: string, format: ExportFormat): null {
    const rev = this.revision(id);
    const doc = this.document(rev.meta.documentId);
    if (!path) fail("invalid_input", "Choose where to save the file.");
    if (!["original", "fountain", "fdx", "text", "pdf"].includes(format)) fail("invalid_input", "Choose an export format.");
    if (doc.format !== "fountain" && (format === "fountain" || format === "fdx" || format === "pdf"))
      fail("unsupported_file", `“${doc.title}” is not a screenplay, so it can only be exported as ${doc.format === "markdown" ? "Markdown or " : ""}plain text.`);
    this.exports.push({ id, path, format });
    this.log("revision.exported", `Exported “${doc.title}” as ${format.toUpperCase()}`, doc.projectId, doc.id);
    return null;
  }

  saveRevision(documentId: string, parentId: string | null, text: string, at = this.now(), quiet = false): Revision {
    const d = this.document(documentId);
    if (d.headRevisionId !== parentId)
      fail("conflict", "Someone else saved a newer revision of this document. Reload it to see their changes.");
    if (new TextEncoder().encode(text).length > MAX_TEXT_BYTES)
      fail("too_large", "This document is larger than 5 MB. Split it into several documents.");
    const meta: RevisionMeta = {
      id: this.id("rev"),
      documentId,
      parentId,
      authorId: this.profile?.id ?? "usr_local",
      authorName: this.actor(),
      contentHash: fakeHash(text),
      wordCount: countWords(text),
      createdAt: at,
    };
    const rev: Revision = { meta, text };
    this.revisions.set(meta.id, rev);
    this.documents.set(documentId, { ...d, headRevisionId: meta.id, updatedAt: at });
    if (!quiet) {
      const prev = parentId ? this.revisions.get(parentId) : undefined;
      const diff = prev ? wordDiff(prev.meta.id, meta.id, prev.text, text) : null;
      const delta = diff ? ` (+${diff.wordsInserted} −${diff.wordsDeleted} words)` : "";
      this.log("revision.saved", `Saved a revision of “${d.title}”${delta}`, d.projectId, documentId, at);
    }
    return rev;
  }

  listRevisions(documentId: string): RevisionMeta[] {
    this.document(documentId);
    return [...this.revisions.values()]
      .filter((r) => r.meta.documentId === documentId)
      .map((r) => r.meta)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  revision(id: string): Revision {
    return this.revisions.get(id) ?? fail("not_found", "That revision could not be found.");
  }

  activity(projectId: string | null, limit: number): ActivityItem[] {
    return this.events
      .filter((e) => projectId === null || e.projectId === projectId)
      .sort((a, b) => b.at - a.at || b.seq - a.seq)
      .slice(0, Math.max(0, limit));
  }

  verify(): VerifyReport {
    const t = this.opts.tamperedSeq ?? null;
    if (t !== null && t <= this.events.length) {
      const e = this.events[t - 1];
      const chain = e.projectId ?? "workspace";
      return {
        ok: false,
        chainsChecked: this.chains(),
        eventsChecked: this.events.length,
        revisionsChecked: this.revisions.size,
        problems: [
          {
            chain,
            chainName: e.projectId ? `project “${this.projects.get(e.projectId)?.title ?? e.projectId}”` : "the workspace record",
            seq: t,
            eventId: e.id,
            revisionId: null,
            reason: "its contents do not match its hash: this event was changed after it was written",
          },
        ],
      };
    }
    return {
      ok: true,
      chainsChecked: this.chains(),
      eventsChecked: this.events.length,
      revisionsChecked: this.revisions.size,
      problems: [],
    };
  }

  /** One chain per project with events, plus the workspace's. */
  private chains(): number {
    return new Set(this.events.map((e) => e.projectId ?? "workspace")).size;
  }
}

function str(args: Args, key: string): string {
  const v = args[key];
  return typeof v === "string" ? v : "";
}

function validTitle(title: unknown, what: string): string {
  const t = typeof title === "string" ? title.trim() : "";
  if (!t) fail("invalid_input", `Give the ${what} a title.`);
  if (t.length > 200) fail("invalid_input", `The title is too long: keep it under 200 characters.`);
  return t;
}

const IMPORTED_SCENE = `INT. DINER - NIGHT

A waitress refills a cup nobody is drinking from.
`;
