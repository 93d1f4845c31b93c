// Hand-written first draft; replaced by the generated files (see api.ts).
export type ProjectKind = "feature" | "series" | "episode" | "short" | "other";
export type DocumentKind = "screenplay" | "treatment" | "outline" | "synopsis" | "bible" | "notes";
export type DocumentFormat = "fountain" | "markdown" | "plain";

export type Project = {
  id: string;
  title: string;
  logline: string;
  kind: ProjectKind;
  archived: boolean;
  /** Unix milliseconds. */
  createdAt: number;
  updatedAt: number;
};
export type ProjectSummary = { project: Project; documentCount: number; lastActivityAt: number };
export type NewProject = { title: string; logline: string; kind: ProjectKind };
export type ProjectPatch = { title: string | null; logline: string | null; kind: ProjectKind | null };

export type Document = {
  id: string;
  projectId: string;
  title: string;
  kind: DocumentKind;
  format: DocumentFormat;
  /** The newest revision; null only for a document that has never been saved. */
  headRevisionId: string | null;
  createdAt: number;
  updatedAt: number;
};
export type DocumentSummary = { document: Document; revisionCount: number; wordCount: number };
export type NewDocument = {
  projectId: string;
  title: string;
  kind: DocumentKind;
  format: DocumentFormat;
  /** Initial text; an empty string still creates a first revision. */
  text: string;
};

export type RevisionMeta = {
  id: string;
  documentId: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  /** Hex SHA-256 of the text. */
  contentHash: string;
  wordCount: number;
  createdAt: number;
};
export type Revision = { meta: RevisionMeta; text: string };

export type DiffOpKind = "equal" | "insert" | "delete";
export type DiffOp = { kind: DiffOpKind; text: string };
export type WordDiff = {
  fromId: string;
  toId: string;
  ops: DiffOp[];
  wordsInserted: number;
  wordsDeleted: number;
};

export type ActivityItem = {
  seq: number;
  at: number;
  actorName: string;
  /** Machine kind, e.g. "project.created", "revision.saved". */
  kind: string;
  /** One human sentence, e.g. "Saved a revision of “Pilot” (+12 −3 words)". */
  summary: string;
  projectId: string | null;
  documentId: string | null;
};

export type VerifyReport = {
  eventsChecked: number;
  ok: boolean;
  /** The first event that fails verification, if any. */
  firstBroken: BrokenEvent | null;
};
export type BrokenEvent = { seq: number; eventId: string; reason: string };

export type Profile = { id: string; name: string; createdAt: number };
export type AppInfo = {
  version: string;
  dataDir: string;
  profile: Profile | null;
  /** Set when the database could not be opened; the UI shows it and what to do. */
  startupError: IpcError | null;
};

export type ErrorCode =
  | "invalid_input"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported_file"
  | "storage_unavailable"
  | "io"
  | "internal";
export type IpcError = { code: ErrorCode; message: string };
