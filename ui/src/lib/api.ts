// Typed wrappers over the Tauri commands. Types come from `./bindings`, generated from Rust
// (`cargo test -p greenlight-app bindings` regenerates them and fails when they drift).
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  ActivityItem,
  AiPolicy,
  AiRunEvent,
  AiRunRecord,
  AiRunRequest,
  ConnectionReport,
  ProviderInfo,
  ProviderInput,
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
  listProviders: () => call<ProviderInfo[]>("provider_list"),
  /** Adds (`id` null) or changes a provider; the key goes to the OS keyring, never back here. */
  saveProvider: (id: string | null, input: ProviderInput) =>
    call<ProviderInfo>("provider_save", { id, input }),
  removeProvider: (id: string) => call<null>("provider_remove", { id }),
  testProvider: (id: string) => call<ConnectionReport>("provider_test", { id }),
  getPolicy: (projectId: string) => call<AiPolicy>("policy_get", { projectId }),
  setPolicy: (projectId: string, policy: AiPolicy) =>
    call<AiPolicy>("policy_set", { projectId, policy }),
  /**
   * Starts an AI run; its events stream to `onEvent` (started, retrying, delta, usage, and
   * exactly one finished). Resolves with the run id as soon as the run starts.
   */
  runAi: (request: AiRunRequest, onEvent: (e: AiRunEvent) => void) => {
    const channel = new Channel<AiRunEvent>();
    channel.onmessage = onEvent;
    return call<string>("ai_run", { request, onEvent: channel });
  },
  cancelAi: (runId: string) => call<null>("ai_cancel", { runId }),
  aiRuns: (projectId: string, limit: number) =>
    call<AiRunRecord[]>("ai_runs", { projectId, limit }),

  /** Tells the shell the first screen has painted (startup benchmark; a no-op otherwise). */
  uiReady: () => call<null>("ui_ready"),
};
