//! TypeScript bindings for the IPC boundary, generated from the Rust definitions: every type,
//! the `Commands` interface (each command's arguments and result), and the constants the UI
//! needs (size limits, error codes).
//!
//! `cargo test -p greenlight-app --test bindings` compares the generated text with the
//! committed `ui/src/lib/bindings/index.ts` and fails on drift; run it with
//! `UPDATE_BINDINGS=1` to rewrite the file.

use crate::error::{ErrorCode, IpcError};
use crate::files::DroppedFile;
use crate::ipc::{
    AppInfo, AssetImportBatch, ConnectionResult, DatabaseForm, DatabaseMode, DatabaseSource,
    DatabaseStatus, ImportBatch, LiveUpdate, MemberInfo, Password, PersonInfo, RefusedFile,
    ReviewDetail, ServerFields, SetUpInfo, TakeEvent, TlsChoice,
};
use greenlight_domain::activity::ActivityItem;
mod commands;
mod constants;

use greenlight_core::keys::{KeyStatus, KeysInfo};
use greenlight_domain::ai::{
    AiErrorCode, AiOutcome, AiRunEvent, AiRunRecord, AiRunRequest, AiTask, ApiKey,
    ConnectionReport, ProviderInfo, ProviderInput, ProviderKindName,
};
use greenlight_domain::asset::{
    Asset, AssetKind, AssetSummary, AssetVersion, ContentCredentials, CredentialAction,
    CredentialValidity, ImportedAsset,
};
use greenlight_domain::comment::{CommentAnchor, CommentInfo, Resolution};
use greenlight_domain::diff::{DiffOp, DiffOpKind, WordDiff};
use greenlight_domain::disclosure::{Disclosure, DisclosureInput, DisclosureRecord, PolicyTerms};
use greenlight_domain::document::{
    Document, DocumentFormat, DocumentKind, DocumentSummary, ImportOutcome, NewDocument,
};
use greenlight_domain::ids::{
    AssetId, AssetVersionId, CommentId, DocumentId, EventId, ProjectId, ReviewId, RevisionId,
    SuggestionId, UserId,
};
use greenlight_domain::ledger::keys::SigningKeyRecord;
use greenlight_domain::ledger::{LedgerProblem, SignedHead, VerifyReport};
use greenlight_domain::merge::{ConflictMarkers, RevisionMerge};
use greenlight_domain::policy::AiPolicy;
use greenlight_domain::profile::Profile;
use greenlight_domain::project::{NewProject, Project, ProjectKind, ProjectPatch, ProjectSummary};
use greenlight_domain::provenance::{
    AiSpan, DocumentProvenance, ModelUse, ReportFormat, ReportTarget, SpanHistory,
};
use greenlight_domain::revision::{Revision, RevisionMeta};
use greenlight_domain::structure::{CharacterInfo, ExportFormat, SceneInfo, ScriptStructure};
use greenlight_domain::suggestion::{RejectReason, SuggestionState};
use greenlight_domain::suggestion_record::{
    AppliedSuggestion, AttributedSpan, AttributionReport, Decision, FailedTake, LocalModelServer,
    SpanOrigin, Suggestion, VariationPreset, VaryOutcome, VaryRequest,
};
use greenlight_domain::summary_record::{SummaryEvent, SummaryNode, SummaryReport};
use greenlight_domain::summary_tree::{Flag, Sentence, SummaryKind};
use greenlight_domain::take::Hunk;
use greenlight_domain::text_change::{MovedFrom, TextChange};
use greenlight_domain::workflow::{
    ApprovalRule, Inbox, OverdueStage, ReviewDecisionRecord, ReviewInfo, ReviewState, ReviewStatus,
    ReviewSubject, Role, StageDecision, StageState, StageStatus, StageTemplate, Verdict,
    WorkflowTemplate,
};
use ts_rs::{Config, TS};

/// The whole bindings file, deterministic.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ProjectId::decl(&cfg),
        DocumentId::decl(&cfg),
        RevisionId::decl(&cfg),
        EventId::decl(&cfg),
        UserId::decl(&cfg),
        SuggestionId::decl(&cfg),
        ReviewId::decl(&cfg),
        CommentId::decl(&cfg),
        AssetId::decl(&cfg),
        AssetVersionId::decl(&cfg),
        ProjectKind::decl(&cfg),
        Project::decl(&cfg),
        ProjectSummary::decl(&cfg),
        NewProject::decl(&cfg),
        ProjectPatch::decl(&cfg),
        DocumentKind::decl(&cfg),
        DocumentFormat::decl(&cfg),
        Document::decl(&cfg),
        DocumentSummary::decl(&cfg),
        NewDocument::decl(&cfg),
        ImportOutcome::decl(&cfg),
        RevisionMeta::decl(&cfg),
        Revision::decl(&cfg),
        ConflictMarkers::decl(&cfg),
        RevisionMerge::decl(&cfg),
        MovedFrom::decl(&cfg),
        TextChange::decl(&cfg),
        DiffOpKind::decl(&cfg),
        DiffOp::decl(&cfg),
        WordDiff::decl(&cfg),
        SceneInfo::decl(&cfg),
        CharacterInfo::decl(&cfg),
        ScriptStructure::decl(&cfg),
        ExportFormat::decl(&cfg),
        ActivityItem::decl(&cfg),
        ProviderKindName::decl(&cfg),
        ProviderInfo::decl(&cfg),
        ApiKey::decl(&cfg),
        ProviderInput::decl(&cfg),
        ConnectionReport::decl(&cfg),
        AiPolicy::decl(&cfg),
        AiTask::decl(&cfg),
        AiRunRequest::decl(&cfg),
        AiOutcome::decl(&cfg),
        AiErrorCode::decl(&cfg),
        AiRunEvent::decl(&cfg),
        AiRunRecord::decl(&cfg),
        TakeEvent::decl(&cfg),
        VariationPreset::decl(&cfg),
        RejectReason::decl(&cfg),
        SuggestionState::decl(&cfg),
        Hunk::decl(&cfg),
        Decision::decl(&cfg),
        Suggestion::decl(&cfg),
        VaryRequest::decl(&cfg),
        FailedTake::decl(&cfg),
        VaryOutcome::decl(&cfg),
        AppliedSuggestion::decl(&cfg),
        LocalModelServer::decl(&cfg),
        SpanOrigin::decl(&cfg),
        AttributedSpan::decl(&cfg),
        AttributionReport::decl(&cfg),
        Flag::decl(&cfg),
        Sentence::decl(&cfg),
        SummaryNode::decl(&cfg),
        SummaryReport::decl(&cfg),
        SummaryEvent::decl(&cfg),
        SummaryKind::decl(&cfg),
        Role::decl(&cfg),
        ApprovalRule::decl(&cfg),
        StageTemplate::decl(&cfg),
        WorkflowTemplate::decl(&cfg),
        Verdict::decl(&cfg),
        StageDecision::decl(&cfg),
        StageStatus::decl(&cfg),
        StageState::decl(&cfg),
        ReviewStatus::decl(&cfg),
        ReviewState::decl(&cfg),
        ReviewSubject::decl(&cfg),
        OverdueStage::decl(&cfg),
        ReviewInfo::decl(&cfg),
        ReviewDecisionRecord::decl(&cfg),
        Inbox::decl(&cfg),
        ReviewDetail::decl(&cfg),
        CommentAnchor::decl(&cfg),
        Resolution::decl(&cfg),
        CommentInfo::decl(&cfg),
        AssetKind::decl(&cfg),
        Asset::decl(&cfg),
        CredentialValidity::decl(&cfg),
        CredentialAction::decl(&cfg),
        ContentCredentials::decl(&cfg),
        AssetVersion::decl(&cfg),
        AssetSummary::decl(&cfg),
        ImportedAsset::decl(&cfg),
        LedgerProblem::decl(&cfg),
        SignedHead::decl(&cfg),
        VerifyReport::decl(&cfg),
        SigningKeyRecord::decl(&cfg),
        KeyStatus::decl(&cfg),
        KeysInfo::decl(&cfg),
        PolicyTerms::decl(&cfg),
        Disclosure::decl(&cfg),
        DisclosureInput::decl(&cfg),
        DisclosureRecord::decl(&cfg),
        AiSpan::decl(&cfg),
        SpanHistory::decl(&cfg),
        ModelUse::decl(&cfg),
        DocumentProvenance::decl(&cfg),
        ReportFormat::decl(&cfg),
        ReportTarget::decl(&cfg),
        Profile::decl(&cfg),
        AppInfo::decl(&cfg),
        ImportBatch::decl(&cfg),
        RefusedFile::decl(&cfg),
        AssetImportBatch::decl(&cfg),
        DroppedFile::decl(&cfg),
        DatabaseMode::decl(&cfg),
        DatabaseSource::decl(&cfg),
        TlsChoice::decl(&cfg),
        ServerFields::decl(&cfg),
        DatabaseStatus::decl(&cfg),
        Password::decl(&cfg),
        DatabaseForm::decl(&cfg),
        ConnectionResult::decl(&cfg),
        SetUpInfo::decl(&cfg),
        LiveUpdate::decl(&cfg),
        PersonInfo::decl(&cfg),
        MemberInfo::decl(&cfg),
        ErrorCode::decl(&cfg),
        IpcError::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p greenlight-app --test bindings`.\n// Do not edit by hand.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.push_str(&constants::typescript());
    out.push_str(&commands::typescript(&crate::commands::specs(&cfg)));
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
