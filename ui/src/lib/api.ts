// Typed wrappers over the Tauri commands. Types come from `./bindings`, generated from Rust
// (`cargo test -p greenlight-app bindings` regenerates them and fails when they drift).
import { invoke } from "@tauri-apps/api/core";
import type {
  ActivityItem,
  AppInfo,
  Document,
  DocumentKind,
  DocumentSummary,
  ExportFormat,
  ImportOutcome,
  IpcError,
  NewDocument,
  NewProject,
  Project,
  ProjectPatch,
  ProjectSummary,
  Revision,
  RevisionMeta,
  ScriptStructure,
  VerifyReport,
  WordDiff,
} from "./bindings";

export type * from "./bindings";

/** Every command rejects with an `IpcError`; this narrows an unknown rejection to one. */
export function asIpcError(e: unknown): IpcError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    return e as IpcError;
  }
  return { code: "internal", message: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asIpcError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  setProfileName: (name: string) => call<AppInfo>("profile_set_name", { name }),

  listProjects: (includeArchived: boolean) =>
    call<ProjectSummary[]>("project_list", { includeArchived }),
  createProject: (input: NewProject) => call<Project>("project_create", { input }),
  getProject: (id: string) => call<Project>("project_get", { id }),
  updateProject: (id: string, patch: ProjectPatch) =>
    call<Project>("project_update", { id, patch }),
  archiveProject: (id: string, archived: boolean) =>
    call<Project>("project_archive", { id, archived }),

  listDocuments: (projectId: string) => call<DocumentSummary[]>("document_list", { projectId }),
  createDocument: (input: NewDocument) => call<Document>("document_create", { input }),
  getDocument: (id: string) => call<Document>("document_get", { id }),
  renameDocument: (id: string, title: string) => call<Document>("document_rename", { id, title }),
  importDocument: (projectId: string, path: string, kind: DocumentKind | null) =>
    call<ImportOutcome>("document_import", { projectId, path, kind }),
  documentStructure: (id: string) => call<ScriptStructure>("document_structure", { id }),

  saveRevision: (documentId: string, parentId: string | null, text: string) =>
    call<Revision>("revision_save", { documentId, parentId, text }),
  listRevisions: (documentId: string) => call<RevisionMeta[]>("revision_list", { documentId }),
  getRevision: (id: string) => call<Revision>("revision_get", { id }),
  diffRevisions: (fromId: string, toId: string) =>
    call<WordDiff>("revision_diff", { fromId, toId }),
  exportRevision: (id: string, path: string, format: ExportFormat) =>
    call<null>("revision_export", { id, path, format }),

  activity: (projectId: string | null, limit: number) =>
    call<ActivityItem[]>("activity_list", { projectId, limit }),
  verifyLedger: () => call<VerifyReport>("ledger_verify"),
  /** Tells the shell the first screen has painted (startup benchmark; a no-op otherwise). */
  uiReady: () => call<null>("ui_ready"),
};
