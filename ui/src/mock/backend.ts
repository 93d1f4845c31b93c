// An in-memory stand-in for the Rust backend: the state and rules behind the mock `Backend`
// (./service.ts). It refuses what core refuses, with the same error code and field, and the
// same limits (generated from Rust). For UI development and fast UI tests only.
import {
  LIMITS,
  type ActivityItem,
  type AppInfo,
  type AssetImportBatch,
  type Document,
  type DocumentFormat,
  type DocumentId,
  type DocumentKind,
  type DocumentSummary,
  type DroppedFile,
  type ExportFormat,
  type ImportBatch,
  type ImportOutcome,
  type IpcError,
  type NewDocument,
  type NewProject,
  type PersonInfo,
  type Profile,
  type Project,
  type ProjectId,
  type ProjectKind,
  type ProjectPatch,
  type ProjectSummary,
  type Revision,
  type RevisionId,
  type RevisionMerge,
  type RevisionMeta,
  type ScriptStructure,
  type TextChange,
  type VerifyReport,
  type KeysInfo,
  type SigningKeyRecord,
} from "$lib/bindings";
import { idOf } from "$lib/ids";
import { countWords } from "$lib/words";
import { MockAi, type RunTiming } from "./ai";
import { MockAssets } from "./assets";
import { MockComments } from "./comments";
import { MockProvenance } from "./provenance";
import { MockReviews } from "./reviews";
import { MockWorkflows } from "./workflows";
import { MockSuggestions } from "./suggestions";
import { MockSummaries } from "./summaries";
import { MockDatabase } from "./database";
import { MockMembers, TEAM } from "./members";
import { mergeTexts } from "./merge";
import { scriptStructure } from "./structure";
import { checkSize, cleanLabel, cleanParagraph, fail, unknownValue } from "./validate";
import { wordDiff } from "./wordDiff";

const PROJECT_KINDS: ProjectKind[] = ["feature", "series", "episode", "short", "other"];
const DOC_KINDS: DocumentKind[] = ["screenplay", "treatment", "outline", "synopsis", "bible", "notes"];
const FORMATS: DocumentFormat[] = ["fountain", "markdown", "plain"];
/** Core's cap on one activity request. */
const MAX_ACTIVITY = 500;

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
  /** The person's key is not in this computer's keyring (lost, or made elsewhere). */
  keyMissing?: boolean;
  /** How fast AI runs stream (default: 40 ms a word, retry waits as announced). */
  aiTiming?: RunTiming;
};

const projectTitle = (t: string) => cleanLabel("Project title", "title", t, LIMITS.maxTitleChars);
const documentTitle = (t: string) => cleanLabel("Document title", "title", t, LIMITS.maxTitleChars);
const logline = (l: string) => cleanParagraph("Logline", "logline", l, LIMITS.maxLoglineChars);

export class MockBackend {
  profile: Profile | null = null;
  projects = new Map<ProjectId, Project>();
  documents = new Map<DocumentId, Document>();
  revisions = new Map<RevisionId, Revision>();
  events: ActivityItem[] = [];
  exports: { id: RevisionId; path: string; format: ExportFormat }[] = [];
  /** What the "native dialogs" answer: the files picked to import, and the name to save as
   * (undefined: accept the suggested name; null: cancel). */
  picker: { open: string[]; saveAs?: string | null } = { open: ["/home/maya/Scripts/Cold Open.fountain"] };
  /** Dropped files by token, as the shell keeps them. */
  private dropped = new Map<string, string>();
  readonly ai: MockAi;
  readonly suggestions: MockSuggestions;
  readonly reviews: MockReviews;
  readonly workflows: MockWorkflows;
  readonly comments: MockComments;
  readonly assets: MockAssets;
  readonly summaries: MockSummaries;
  readonly provenance: MockProvenance;
  /** This computer or a team server, and what a team server announces. */
  readonly db: MockDatabase;
  readonly members: MockMembers;
  readonly opts: MockOptions;
  private nextId = 1;
  private readonly now: () => number;

  constructor(opts: MockOptions = {}) {
    this.opts = opts;
    this.now = opts.now ?? (() => Date.now());
    this.db = new MockDatabase(opts.dataDir ?? "/home/maya/.local/share/app.greenlight");
    this.db.openError = opts.startupError ?? null;
    this.members = new MockMembers(
      () => this.people(),
      () => this.now(),
      (projectId, summary, kind) => this.log(kind, summary, projectId, null),
    );
    this.ai = new MockAi({
      now: () => this.now(),
      document: (id) => {
        const d = this.document(id);
        return { projectId: d.projectId, text: d.headRevisionId ? this.revision(d.headRevisionId).text : "" };
      },
      projectExists: (id) => void this.project(id),
      log: (kind, summary, projectId, documentId) => this.log(kind, summary, projectId, documentId),
    });
    this.summaries = new MockSummaries((id) => {
      const d = this.document(id);
      return { revisionId: d.headRevisionId, text: d.headRevisionId ? this.revision(d.headRevisionId).text : "" };
    });
    this.workflows = new MockWorkflows((projectId, kind, summary) => this.log(kind, summary, projectId, null));
    this.reviews = new MockReviews({
      workflow: (projectId, name) => this.workflows.get(projectId, name),
      now: () => this.now(),
      actor: () => ({ id: this.profile?.id ?? idOf("user", "usr_local"), name: this.actor() }),
      document: (id) => this.document(id),
      revision: (id) => this.revision(id),
      diff: (from, to) => wordDiff(from, to, this.revision(from).text, this.revision(to).text),
      log: (kind, summary, projectId, documentId) => this.log(kind, summary, projectId, documentId),
    });
    this.comments = new MockComments({
      now: () => this.now(),
      actor: () => ({ id: this.profile?.id ?? idOf("user", "usr_local"), name: this.actor() }),
      document: (id) => this.document(id),
      revision: (id) => this.revision(id),
    });
    this.assets = new MockAssets({
      now: () => this.now(),
      actor: () => ({ id: this.profile?.id ?? idOf("user", "usr_local"), name: this.actor() }),
      project: (id) => void this.project(id),
      log: (kind, summary, projectId) => this.log(kind, summary, projectId, null),
    });
    this.suggestions = new MockSuggestions(
      {
        now: () => this.now(),
        actor: () => ({ id: this.profile?.id ?? idOf("user", "usr_local"), name: this.actor() }),
        document: (id) => this.document(id),
        revision: (id) => this.revision(id),
        save: (documentId, parentId, text) => this.saveRevision(documentId, parentId, text),
        log: (kind, summary, projectId, documentId) => this.log(kind, summary, projectId, documentId),
      },
      this.ai,
      () => this.opts.aiTiming ?? { wordMs: 40, retryScale: 1 },
    );
    this.provenance = new MockProvenance(
      {
        now: () => this.now(),
        actor: () => ({ id: this.profile?.id ?? idOf("user", "usr_local"), name: this.actor() }),
        document: (id) => this.document(id),
        project: (id) => this.project(id),
        revisionText: (id) => {
          const r = this.revision(id as RevisionId);
          return { text: r.text, createdAt: r.meta.createdAt };
        },
        memberName: (projectId, id) => this.members.list(projectId).find((m) => m.person.id === id)?.person.name ?? this.actor(),
        log: (kind, summary, projectId, documentId) => this.log(kind, summary, projectId, documentId),
      },
      this.suggestions,
    );
  }

  private serial(prefix: string): string {
    return `${prefix}_${(this.nextId++).toString().padStart(4, "0")}`;
  }

  private actor(): string {
    return this.profile?.name ?? "You";
  }

  log(kind: string, summary: string, projectId: ProjectId | null, documentId: DocumentId | null, at = this.now()): void {
    const seq = this.events.length + 1;
    this.events.push({ id: idOf("event", `evt_${seq}`), seq, at, actorName: this.actor(), kind, summary, projectId, documentId });
    this.db.announce(projectId ?? "workspace");
  }

  /** Runs `change` as another person (a second desk on the team server). */
  as<T>(name: string, change: () => T): T {
    const me = this.profile;
    this.profile = { id: idOf("user", `usr_${name.toLowerCase().replace(/\W+/g, "_")}`), name, createdAt: this.now() };
    try {
      return change();
    } finally {
      this.profile = me;
    }
  }

  /** Another person saves `text` as the newest revision of `documentId`. */
  saveAs(name: string, documentId: DocumentId, text: string): Revision {
    return this.as(name, () => this.saveRevision(documentId, this.document(documentId).headRevisionId, text));
  }

  /** Everyone this database knows: the person using it and, on a team server, the team. */
  people(): PersonInfo[] {
    const me: PersonInfo[] = this.profile ? [{ id: this.profile.id, name: this.profile.name, email: "", login: null }] : [];
    return [...me, ...TEAM.filter((p) => p.name !== this.profile?.name)];
  }

  appInfo(): AppInfo {
    return {
      version: "0.1.0-mock",
      dataDir: this.opts.dataDir ?? "/home/maya/.local/share/app.greenlight",
      profile: this.profile,
      startupError: this.db.openError,
    };
  }

  setProfileName(name: string): AppInfo {
    const clean = cleanLabel("Name", "name", name, LIMITS.maxNameChars);
    this.profile = this.profile
      ? { ...this.profile, name: clean }
      : { id: idOf("user", this.serial("usr")), name: clean, createdAt: this.now() };
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
    const title = projectTitle(input.title);
    const line = logline(input.logline);
    if (!PROJECT_KINDS.includes(input.kind)) unknownValue("project kind", "kind", input.kind);
    const p: Project = {
      id: idOf("project", this.serial("prj")),
      title,
      logline: line,
      kind: input.kind,
      archived: false,
      createdAt: at,
      updatedAt: at,
    };
    this.projects.set(p.id, p);
    this.members.created(p.id, { id: this.profile?.id ?? idOf("user", "usr_local"), name: this.actor(), email: "", login: null });
    this.log("project.created", `Created the project “${p.title}”`, p.id, null, at);
    return p;
  }

  project(id: ProjectId): Project {
    return this.projects.get(id) ?? fail("not_found", "This project no longer exists. It may have been deleted.");
  }

  updateProject(id: ProjectId, patch: ProjectPatch): Project {
    const p = this.project(id);
    const next = { ...p };
    if (patch.title !== null) next.title = projectTitle(patch.title);
    if (patch.logline !== null) next.logline = logline(patch.logline);
    if (patch.kind !== null) next.kind = patch.kind;
    if (next.title === p.title && next.logline === p.logline && next.kind === p.kind) return p;
    next.updatedAt = this.now();
    this.projects.set(id, next);
    const what = next.title !== p.title ? `Renamed the project to “${next.title}”` : "Updated the project details";
    this.log("project.updated", what, id, null);
    return next;
  }

  archiveProject(id: ProjectId, archived: boolean): Project {
    const current = this.project(id);
    if (current.archived === archived) return current;
    const p = { ...current, archived, updatedAt: this.now() };
    this.projects.set(id, p);
    this.log(archived ? "project.archived" : "project.unarchived", archived ? "Archived the project" : "Restored the project from the archive", id, null);
    return p;
  }

  listDocuments(projectId: ProjectId): DocumentSummary[] {
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
    const title = documentTitle(input.title);
    checkSize(title, input.text, LIMITS.maxDocumentBytes);
    this.project(input.projectId);
    if (!DOC_KINDS.includes(input.kind)) unknownValue("document kind", "kind", input.kind);
    if (!FORMATS.includes(input.format)) unknownValue("document format", "format", input.format);
    const d: Document = {
      id: idOf("document", this.serial("doc")),
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
    this.saveRevision(d.id, null, input.text, null, at, true);
    return this.document(d.id);
  }

  document(id: DocumentId): Document {
    return this.documents.get(id) ?? fail("not_found", "This document no longer exists. It may have been deleted.");
  }

  renameDocument(id: DocumentId, title: string): Document {
    const clean = documentTitle(title);
    const d = this.document(id);
    if (d.title === clean) return d;
    const next = { ...d, title: clean, updatedAt: this.now() };
    this.documents.set(id, next);
    this.log("document.renamed", `Renamed “${d.title}” to “${next.title}”`, d.projectId, id);
    return next;
  }

  private importDocument(projectId: ProjectId, path: string, kind: DocumentKind | null): ImportOutcome {
    this.project(projectId);
    const file = path.split(/[\\/]/).pop() ?? path;
    const dot = file.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [file.slice(0, dot), file.slice(dot + 1).toLowerCase()] : [file, ""];
    const format: DocumentFormat | null =
      ext === "fountain" || ext === "spmd" || ext === "fdx" ? "fountain" : ext === "md" || ext === "markdown" ? "markdown" : ext === "txt" ? "plain" : null;
    if (!format) fail("unsupported_file", `“${file}” is not a file Greenlight can import. Use Fountain, Final Draft (.fdx), Markdown or plain text.`);
    if (/broken/i.test(file)) fail("unsupported_file", `“${file}” is not a valid Final Draft file: the XML ends in the middle of a paragraph (line 212).`);
    const text = format === "fountain" ? IMPORTED_SCENE : `# ${stem}\n\nImported notes.\n`;
    const document = this.createDocument({ projectId, title: stem, kind: kind ?? (format === "fountain" ? "screenplay" : "notes"), format, text });
    this.log("document.imported", `Imported “${file}”`, projectId, document.id);
    const warnings =
      ext === "fdx"
        ? ["Paragraph type “Shot” on page 3 is not part of Fountain; kept as action.", "Revision colours and page locks were not imported."]
        : [];
    return { document, warnings };
  }

  structure(documentId: DocumentId): ScriptStructure {
    const d = this.document(documentId);
    const head = d.headRevisionId ? this.revisions.get(d.headRevisionId) : undefined;
    return scriptStructure(head?.text ?? "");
  }

  /**
   * As the shell: the "save dialog" answers with `picker.saveAs` (the default name when
   * undefined, nothing when null) and the file's name comes back, never a path.
   */
  exportRevision(id: RevisionId, format: ExportFormat): string | null {
    const rev = this.revision(id);
    const doc = this.document(rev.meta.documentId);
    if (doc.format !== "fountain" && (format === "fountain" || format === "fdx" || format === "pdf"))
      fail("unsupported_file", `“${doc.title}” is not a screenplay, so it can only be exported as ${doc.format === "markdown" ? "Markdown or " : ""}plain text.`);
    const ext = format === "original" ? { fountain: "fountain", markdown: "md", plain: "txt" }[doc.format] : format === "text" ? "txt" : format;
    const name = this.picker.saveAs === undefined ? `${doc.title}.${ext}` : this.picker.saveAs;
    if (name === null) return null;
    if (!name.toLowerCase().endsWith(`.${ext}`)) fail("invalid_input", `“${name}” ends in another extension, but this export is a .${ext} file. Choose a name ending in .${ext}`);
    this.exports.push({ id, path: `/home/maya/Exports/${name}`, format });
    this.log("revision.exported", `Exported “${doc.title}” as ${format.toUpperCase()}`, doc.projectId, doc.id);
    return name;
  }

  /** As the shell: imports the files the "open dialog" answers with (`picker.open`). */
  importPicked(projectId: ProjectId, kind: DocumentKind | null): ImportBatch {
    this.project(projectId);
    return this.importAll(projectId, this.picker.open, kind);
  }

  /** Files "dropped on the window": kept under tokens, as the shell keeps them. */
  drop(paths: string[]): DroppedFile[] {
    return paths.map((p) => {
      const token = `drop_${this.serial("tok")}`;
      this.dropped.set(token, p);
      return { token, name: p.split(/[\\/]/).pop() ?? p };
    });
  }

  /** As the shell: imports as assets what the "open dialog" answers with, or what was dropped. */
  importAssets(projectId: ProjectId, tokens: string[] | null): AssetImportBatch {
    if (tokens === null) return this.assets.importAll(projectId, this.picker.open);
    const paths = tokens.flatMap((t) => {
      const p = this.dropped.get(t);
      this.dropped.delete(t);
      return p === undefined ? [] : [p];
    });
    const batch = this.assets.importAll(projectId, paths);
    for (let i = paths.length; i < tokens.length; i++)
      batch.refused.push({
        fileName: "",
        error: { code: "not_found", message: "That file is no longer waiting to be imported. Drop it on the window again.", field: null },
      });
    return batch;
  }

  importDropped(projectId: ProjectId, tokens: string[], kind: DocumentKind | null): ImportBatch {
    this.project(projectId);
    const paths: string[] = [];
    let unknown = 0;
    for (const t of tokens) {
      const p = this.dropped.get(t);
      this.dropped.delete(t);
      if (p === undefined) unknown++;
      else paths.push(p);
    }
    const batch = this.importAll(projectId, paths, kind);
    for (let i = 0; i < unknown; i++)
      batch.refused.push({
        fileName: "",
        error: { code: "not_found", message: "That file is no longer waiting to be imported. Drop it on the window again.", field: null },
      });
    return batch;
  }

  private importAll(projectId: ProjectId, paths: string[], kind: DocumentKind | null): ImportBatch {
    const batch: ImportBatch = { imported: [], refused: [] };
    for (const p of paths) {
      try {
        batch.imported.push(this.importDocument(projectId, p, kind));
      } catch (e) {
        batch.refused.push({ fileName: p.split(/[\\/]/).pop() ?? p, error: e as IpcError });
      }
    }
    return batch;
  }

  /**
   * As core: the same text as the head saves nothing; a stale parent is a conflict; the
   * editor's `changes` carry attribution exactly (more than a save may carry are refused).
   */
  saveRevision(
    documentId: DocumentId,
    parentId: RevisionId | null,
    text: string,
    changes: TextChange[] | null = null,
    at = this.now(),
    quiet = false,
  ): Revision {
    const d = this.document(documentId);
    checkSize(d.title, text, LIMITS.maxDocumentBytes);
    if (changes && changes.length > LIMITS.maxTextChanges)
      fail("invalid_input", `The editor's changes: too many edits in one save (${changes.length}; the limit is ${LIMITS.maxTextChanges}); save again to record the text as it is`, "changes");
    const parent = parentId ? this.revision(parentId) : null;
    if (parent && parent.meta.documentId !== documentId)
      fail("conflict", "The revision this edit started from belongs to another document.");
    if (parent && parent.text === text && d.headRevisionId === parentId) return parent;
    if (d.headRevisionId !== parentId)
      fail("conflict", "Someone else saved a newer revision of this document. Reload it to see their changes.");
    const meta: RevisionMeta = {
      id: idOf("revision", this.serial("rev")),
      documentId,
      parentId,
      authorId: this.profile?.id ?? idOf("user", "usr_local"),
      authorName: this.actor(),
      contentHash: fakeHash(text),
      wordCount: countWords(text),
      createdAt: at,
    };
    const rev: Revision = { meta, text };
    this.revisions.set(meta.id, rev);
    this.documents.set(documentId, { ...d, headRevisionId: meta.id, updatedAt: at });
    this.suggestions.afterSave(parent, rev, changes);
    this.reviews.afterSave(rev);
    if (!quiet) {
      const diff = parent ? wordDiff(parent.meta.id, meta.id, parent.text, text) : null;
      const delta = diff ? ` (+${diff.wordsInserted} −${diff.wordsDeleted} words)` : "";
      this.log("revision.saved", `Saved a revision of “${d.title}”${delta}`, d.projectId, documentId, at);
    }
    return rev;
  }

  /** As core: merges `text` (edited from `baseId`) with the newest revision; writes nothing. */
  mergeRevision(documentId: DocumentId, baseId: RevisionId | null, text: string): RevisionMerge {
    const d = this.document(documentId);
    checkSize(d.title, text, LIMITS.maxDocumentBytes);
    if (!d.headRevisionId) fail("not_found", "Newest revision not found (it may have been removed)");
    const base = baseId ? this.revision(baseId) : null;
    if (base && base.meta.documentId !== documentId)
      fail("conflict", "The revision this edit started from belongs to another document. Reload to see the newest version, then apply your change again");
    const head = this.revision(d.headRevisionId);
    const merged = mergeTexts(base?.text ?? "", text, head.text, `saved by ${head.meta.authorName}`);
    return {
      head: head.meta,
      theirsText: head.text,
      mergedText: merged.text,
      clean: merged.conflicts === 0,
      conflicts: merged.conflicts,
      markers: merged.markers,
    };
  }

  listRevisions(documentId: DocumentId): RevisionMeta[] {
    this.document(documentId);
    return [...this.revisions.values()]
      .filter((r) => r.meta.documentId === documentId)
      .map((r) => r.meta)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  revision(id: RevisionId): Revision {
    return this.revisions.get(id) ?? fail("not_found", "That revision could not be found.");
  }

  activity(projectId: ProjectId | null, limit: number): ActivityItem[] {
    return this.events
      .filter((e) => projectId === null || e.projectId === projectId)
      .sort((a, b) => b.at - a.at || b.seq - a.seq)
      .slice(0, Math.min(Math.max(limit, 1), MAX_ACTIVITY));
  }

  verify(): VerifyReport {
    const t = this.opts.tamperedSeq ?? null;
    if (t !== null && t <= this.events.length) {
      const e = this.events[t - 1];
      const project = e.projectId ? this.projects.get(e.projectId) : undefined;
      return {
        ok: false,
        chainsChecked: this.chains(),
        eventsChecked: this.events.length,
        revisionsChecked: this.revisions.size,
        signaturesChecked: this.events.length,
        unsignedEvents: 0,
        heads: [],
        againstChecked: null,
        problems: [
          {
            chain: e.projectId ?? "workspace",
            chainName: e.projectId ? `project “${project?.title ?? e.projectId}”` : "the workspace record",
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
      signaturesChecked: this.events.length + this.chains(),
      unsignedEvents: 0,
      heads: [],
      againstChecked: null,
      problems: [],
    };
  }

  /** The person's signing keys, newest first (the mock makes ids from a counter). */
  private signingKeys: SigningKeyRecord[] = [];

  keysInfo(): KeysInfo {
    if (this.signingKeys.length === 0) this.signingKeys = [this.newKey(null)];
    const current = this.signingKeys.find((k) => k.retiredAt === null) ?? null;
    return {
      status: this.opts.keyMissing ? "missing" : "ready",
      keyId: this.opts.keyMissing ? null : (current?.keyId ?? null),
      keptIn: "the system keyring",
      history: [...this.signingKeys],
    };
  }

  rotateKey(): KeysInfo {
    const old = this.keysInfo().history.find((k) => k.retiredAt === null) ?? null;
    const at = this.now();
    if (old) old.retiredAt = at;
    this.signingKeys.unshift(this.newKey(old?.keyId ?? null));
    this.opts.keyMissing = false;
    this.log("key.registered", `registered a new signing key in place of ${old?.keyId.slice(0, 12) ?? "none"}…`, null, null, at);
    return this.keysInfo();
  }

  private newKey(replaces: string | null): SigningKeyRecord {
    const n = this.signingKeys.length + 1;
    return { keyId: n.toString(16).padStart(2, "0").repeat(32), userId: this.profile?.id ?? idOf("user", "usr_local"), createdAt: this.now(), replaces, retiredAt: null };
  }

  /** One chain per project with events, plus the workspace's (as core keeps them). */
  private chains(): number {
    return new Set(this.events.map((e) => e.projectId ?? "workspace")).size;
  }
}

const IMPORTED_SCENE = `INT. DINER - NIGHT

A waitress refills a cup nobody is drinking from.
`;
