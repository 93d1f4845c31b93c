//! One payload type per ledger event kind. Field names are the stored JSON keys (camelCase);
//! they are part of the hashed record, so a field is never renamed: a new shape is a new
//! schema version with a reader for the old one (see [`super::decode`]).

use crate::ai::{AiOutcome, AiTask};
use crate::asset::{AssetKind, CredentialValidity};
use crate::document::{DocumentFormat, DocumentKind};
use crate::ids::{
    AssetId, AssetVersionId, CommentId, DocumentId, ReviewId, RevisionId, SuggestionId, UserId,
};
use crate::project::ProjectKind;
use crate::structure::ExportFormat;
use crate::suggestion::RejectReason;
use serde::{Deserialize, Serialize};

/// `profile.created`: a person joined this workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileCreated {
    pub name: String,
}

/// `profile.renamed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileRenamed {
    pub name: String,
    pub from: String,
}

/// The project as it stands after `project.created`, `.updated`, `.archived`, `.unarchived`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectState {
    pub title: String,
    pub logline: String,
    pub kind: ProjectKind,
    pub archived: bool,
}

/// `document.created` (typed or pasted in the app).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentCreated {
    pub document_id: DocumentId,
    pub title: String,
    pub kind: DocumentKind,
    pub format: DocumentFormat,
}

/// `document.imported` from a file; only the file's name is kept, never its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentImported {
    pub document_id: DocumentId,
    pub title: String,
    pub kind: DocumentKind,
    pub format: DocumentFormat,
    pub file_name: String,
}

/// `document.renamed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentRenamed {
    pub document_id: DocumentId,
    pub title: String,
    pub from: String,
}

/// `revision.saved`. The content hash makes the ledger alone prove which text each revision
/// had: `verify` recomputes it from the stored text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionSaved {
    pub document_id: DocumentId,
    pub title: String,
    pub revision_id: RevisionId,
    pub parent_id: Option<RevisionId>,
    pub content_hash: String,
    pub word_count: i64,
    pub word_delta: i64,
}

/// `revision.exported`, with the hash of the bytes written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionExported {
    pub document_id: DocumentId,
    pub title: String,
    pub revision_id: RevisionId,
    pub content_hash: String,
    pub file_name: String,
    pub format: ExportFormat,
    pub file_hash: String,
}

/// `provider.saved`: that a key is set is recorded, never the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderSaved {
    pub name: String,
    pub kind: crate::ai::ProviderKindName,
    pub base_url: String,
    pub model: String,
    pub key_set: bool,
    /// Added after schema 2 was first written: absent in older events (read as false).
    #[serde(default)]
    pub own_network: bool,
}

/// `provider.removed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderRemoved {
    pub name: String,
}

/// `policy.changed`: the rules, and how many names are protected (not the names, which may
/// be confidential).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyChanged {
    pub ai_enabled: bool,
    pub allowed_providers: Vec<String>,
    pub local_only: bool,
    pub protected_name_count: i64,
    pub max_request_chars: i64,
}

/// `ai.requested`, `ai.completed`, `ai.blocked`: who answered and how, the prompt's hash,
/// and the output's hash — never the text itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AiRun {
    pub run_id: String,
    pub document_id: Option<DocumentId>,
    pub task: AiTask,
    pub provider_id: String,
    pub provider_name: String,
    pub model: String,
    pub local: bool,
    pub template_id: String,
    pub template_version: i64,
    pub prompt_hash: String,
    pub input_tokens: Option<i64>,
    pub output_tokens: Option<i64>,
    pub latency_ms: Option<i64>,
    pub outcome: Option<AiOutcome>,
    pub partial: bool,
    pub message: Option<String>,
    pub output_hash: String,
}

/// `ledger.migrated`: the single global chain of schema 1 was re-linked into one chain per
/// project. Recorded on the workspace chain with the old chain's head, so the old log (kept
/// read-only beside the new one) stays checkable against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerMigrated {
    pub legacy_events: i64,
    pub legacy_head_seq: i64,
    pub legacy_head_hash: String,
    /// Whether the old chain verified when it was migrated.
    pub legacy_intact: bool,
    /// What was wrong with the old chain, when it did not verify.
    pub legacy_problem: Option<String>,
}

/// `member.added` / `member.removed`: a person joined or left a project (recorded on the
/// project's chain by the member who did it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    pub person_id: UserId,
    pub name: String,
}

/// `member.roles_set`: the roles a member holds in a project, as set by an admin (recorded on
/// the project's chain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberRoles {
    pub person_id: UserId,
    pub name: String,
    /// `writer`, `producer`, `legal_reviewer`, `admin`.
    pub roles: Vec<String>,
}

/// `workflow.saved` / `workflow.removed`: an admin changed a project's approval workflow
/// templates (recorded on the project's chain; `stages` lists the saved template's stages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowChanged {
    pub name: String,
    #[serde(default)]
    pub stages: Vec<String>,
}

/// `project.moved_in` / `project.moved_out`: a project was moved between databases with its
/// whole history. Recorded on its chain at both ends: at the destination after the copied
/// events (so the copied chain's head is vouched for by the mover), at the source as its last
/// event. `from` and `to` name the databases (never with a password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectMoved {
    pub from: String,
    pub to: String,
    /// The copied chain's head: its last event before this record.
    pub head_seq: i64,
    pub head_hash: String,
    pub documents: i64,
    pub revisions: i64,
}

/// `suggestion.created`: a model's take on a passage was kept as a pending suggestion.
/// Hashes of the passage and the take, never their text (as for AI runs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionCreated {
    pub suggestion_id: SuggestionId,
    pub document_id: DocumentId,
    pub title: String,
    pub base_revision_id: RevisionId,
    pub anchor_start: i64,
    pub anchor_end: i64,
    pub passage_hash: String,
    pub take_hash: String,
    pub hunk_count: i64,
    pub run_id: String,
    pub provider_id: String,
    pub provider_name: String,
    pub model: String,
    pub local: bool,
    pub preset: Option<String>,
}

/// `suggestion.accepted`: a person accepted a take (whole, edited, or some hunks), which
/// created `revision_id` (recorded by the `revision.saved` just before, same transaction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionAccepted {
    pub suggestion_id: SuggestionId,
    pub document_id: DocumentId,
    pub title: String,
    pub revision_id: RevisionId,
    /// `accepted`, `accepted_with_edits` or `partly_accepted`.
    pub state: String,
    pub edited: bool,
    /// Normalized edit distance between the suggested and the accepted text, in millionths.
    pub edit_distance_ppm: i64,
    pub hunks: Option<Vec<usize>>,
    pub accepted_hash: String,
    /// Characters of the new revision that came from this suggestion.
    pub ai_chars: i64,
    pub ms_to_decide: i64,
}

/// `suggestion.rejected`, with the writer's reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionRejected {
    pub suggestion_id: SuggestionId,
    pub document_id: DocumentId,
    pub title: String,
    pub reason: RejectReason,
    pub note: Option<String>,
    pub ms_to_decide: i64,
}

/// `suggestion.reopened`: a rejected suggestion is looked at again (`pending`, or `stale`
/// when its passage changed meanwhile).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionReopened {
    pub suggestion_id: SuggestionId,
    pub document_id: DocumentId,
    pub title: String,
    pub state: String,
}

/// `suggestion.undone`: an acceptance was undone by a new revision (`revision_id`) that
/// restores the passage the acceptance (`undone_revision_id`) replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionUndone {
    pub suggestion_id: SuggestionId,
    pub document_id: DocumentId,
    pub title: String,
    pub undone_revision_id: RevisionId,
    pub revision_id: RevisionId,
}

/// `suggestion.stale`: a new revision (`revision_id`) changed the suggestion's passage; it
/// can no longer be applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionStale {
    pub suggestion_id: SuggestionId,
    pub document_id: DocumentId,
    pub title: String,
    pub revision_id: RevisionId,
}

/// `review.requested`: someone asked for a review of a document revision or an asset version
/// (recorded on the project's chain). `stages` are the workflow's, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewRequested {
    pub review_id: ReviewId,
    /// `revision` or `asset`.
    pub subject_kind: String,
    pub document_id: Option<DocumentId>,
    /// The revision (or asset version) under review.
    pub subject_id: String,
    /// The document's title or the asset's name when requested.
    pub title: String,
    pub workflow: String,
    pub stages: Vec<String>,
    pub due_at: Option<i64>,
}

/// `review.decided`: a reviewer's decision on a stage, with what it decided: the stage's
/// outcome when this decision settled it, and where the review stands after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewDecided {
    pub review_id: ReviewId,
    pub document_id: Option<DocumentId>,
    pub title: String,
    pub round: u32,
    pub stage: String,
    /// `approve`, `approve_with_changes`, `request_changes`, `reject`.
    pub verdict: String,
    pub comment: Option<String>,
    /// The revision (or asset version) the decision is about.
    pub subject_id: String,
    /// `approved`, `changes_requested` or `rejected` when this decision settled the stage.
    pub stage_outcome: Option<String>,
    /// `in_review`, `changes_requested`, `rejected` or `locked`, after the decision.
    pub status: String,
}

/// `review.round_started`: a new revision of the subject started the next round; `kept`
/// names the stages whose approval carried over (scene-scoped, scope untouched).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewRoundStarted {
    pub review_id: ReviewId,
    pub document_id: Option<DocumentId>,
    pub title: String,
    pub round: u32,
    pub subject_id: String,
    pub kept: Vec<String>,
}

/// `asset.imported`: a file was imported into a project as a new asset or a new version of
/// one (recorded on the project's chain with the bytes' hash, so the record vouches for the
/// exact content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetImported {
    pub asset_id: AssetId,
    pub version_id: AssetVersionId,
    pub name: String,
    pub kind: AssetKind,
    pub version: i64,
    /// BLAKE3 hash of the bytes, lowercase hex.
    pub hash: String,
    pub size: i64,
    pub media_type: String,
    /// The validity of the file's Content Credentials, when it had any.
    pub credentials: Option<CredentialValidity>,
    /// What the credentials claim (only as believable as `credentials`).
    pub ai_generated: bool,
}

/// `comment.added`: a comment (or a reply) on a document or asset, with what it is anchored
/// to (`span`, `region`, `time`, `page`, `whole`) and the words it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentAdded {
    pub comment_id: CommentId,
    pub thread_id: CommentId,
    pub document_id: Option<DocumentId>,
    pub asset_id: Option<AssetId>,
    pub review_id: Option<ReviewId>,
    /// The document's title or the asset's name.
    pub title: String,
    pub anchor: String,
    pub body: String,
}

/// `comment.resolved` / `comment.reopened`: a thread was resolved or reopened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentResolved {
    pub thread_id: CommentId,
    pub document_id: Option<DocumentId>,
    pub asset_id: Option<AssetId>,
    pub title: String,
}

/// `key.registered`: a person's signing key, recorded on a chain before the key's first
/// signature there (so each chain carries the public keys that verify it), signed by the key
/// itself. `replaces` names the key it succeeds when the person made a new one (after a loss,
/// or a move to another computer); events signed earlier still verify against that one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyRegistered {
    /// The Ed25519 public key, 64 hex digits: also the key's id.
    pub key_id: String,
    pub replaces: Option<String>,
}

/// `disclosure.recorded`: a disclosure of AI use (see `crate::disclosure`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DisclosureRecorded {
    pub disclosure: crate::disclosure::Disclosure,
}

/// `report.exported`: a provenance report written to a file (which file is not recorded:
/// only what it covered, its format and the SHA-256 of its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportExported {
    /// `document` or `project`.
    pub scope: String,
    /// The document's or project's id.
    pub target: String,
    pub format: String,
    pub sha256: String,
    pub bytes: i64,
}
