//! Typed, versioned ledger events: what each kind of state change records.
//!
//! A use-case builds an [`EventBody`]; the ledger stores its kind (`project.created`…), the
//! schema version it was written with ([`SCHEMA_VERSION`]) and its payload as canonical JSON
//! (RFC 8785), and hashes those bytes. Readers — the activity feed, `verify`, reports,
//! metrics — decode the stored bytes back through [`decode`], the one place that knows every
//! version that was ever written.
//!
//! Versions:
//! - 1: payloads written before typed events (one global chain). The shapes are those of
//!   [`payloads`] except that `document.created` also carried an empty `fileName` (ignored)
//!   and `revision.exported` wrote the text format as `txt` (read as `text`).
//! - 2: the payload types of [`payloads`], serialized canonically. A field added later with a
//!   default (`#[serde(default)]`, documented on the field) keeps the version: older readers
//!   ignore it and newer readers default it; any other change of shape is a new version.

pub mod payloads;

use payloads::*;
use serde::{de::DeserializeOwned, Serialize};
use thiserror::Error;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 2;

/// Why a stored payload could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("event kind “{0}” is not known to this version of Greenlight")]
    UnknownKind(String),
    #[error("schema version {0} is newer than this version of Greenlight understands; update Greenlight")]
    NewerSchema(i64),
    #[error("the payload of this {kind} event is not valid: {reason}")]
    Malformed { kind: String, reason: String },
}

macro_rules! event_bodies {
    ($($(#[$doc:meta])* $variant:ident($ty:ty) = $name:literal,)*) => {
        /// Every kind of ledger event, with its typed payload.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum EventBody {
            $($(#[$doc])* $variant($ty),)*
        }

        /// The stored names of every kind, in declaration order.
        pub const KINDS: &[&str] = &[$($name,)*];

        impl EventBody {
            /// The kind's stored name (dotted, stable forever).
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => $name,)*
                }
            }

            /// The payload as canonical JSON (RFC 8785): the exact bytes that are hashed.
            pub fn payload(&self) -> String {
                match self {
                    $(Self::$variant(p) => canonical(p),)*
                }
            }

            fn read(kind: &str, payload: &str) -> Result<Self, DecodeError> {
                match kind {
                    $($name => parse(kind, payload).map(Self::$variant),)*
                    other => Err(DecodeError::UnknownKind(other.to_owned())),
                }
            }
        }
    };
}

event_bodies! {
    ProfileCreated(ProfileCreated) = "profile.created",
    ProfileRenamed(ProfileRenamed) = "profile.renamed",
    ProjectCreated(ProjectState) = "project.created",
    ProjectUpdated(ProjectState) = "project.updated",
    ProjectArchived(ProjectState) = "project.archived",
    ProjectUnarchived(ProjectState) = "project.unarchived",
    DocumentCreated(DocumentCreated) = "document.created",
    DocumentImported(DocumentImported) = "document.imported",
    DocumentRenamed(DocumentRenamed) = "document.renamed",
    RevisionSaved(RevisionSaved) = "revision.saved",
    RevisionExported(RevisionExported) = "revision.exported",
    ProviderSaved(ProviderSaved) = "provider.saved",
    ProviderRemoved(ProviderRemoved) = "provider.removed",
    PolicyChanged(PolicyChanged) = "policy.changed",
    AiRequested(AiRun) = "ai.requested",
    AiCompleted(AiRun) = "ai.completed",
    AiBlocked(AiRun) = "ai.blocked",
    LedgerMigrated(LedgerMigrated) = "ledger.migrated",
    MemberAdded(Membership) = "member.added",
    MemberRemoved(Membership) = "member.removed",
    MemberRolesSet(MemberRoles) = "member.roles_set",
    WorkflowSaved(WorkflowChanged) = "workflow.saved",
    WorkflowRemoved(WorkflowChanged) = "workflow.removed",
    ReviewRequested(ReviewRequested) = "review.requested",
    ReviewDecided(ReviewDecided) = "review.decided",
    ReviewRoundStarted(ReviewRoundStarted) = "review.round_started",
    CommentAdded(CommentAdded) = "comment.added",
    CommentResolved(CommentResolved) = "comment.resolved",
    CommentReopened(CommentResolved) = "comment.reopened",
    ProjectMovedIn(ProjectMoved) = "project.moved_in",
    ProjectMovedOut(ProjectMoved) = "project.moved_out",
    SuggestionCreated(SuggestionCreated) = "suggestion.created",
    SuggestionAccepted(SuggestionAccepted) = "suggestion.accepted",
    SuggestionRejected(SuggestionRejected) = "suggestion.rejected",
    SuggestionReopened(SuggestionReopened) = "suggestion.reopened",
    SuggestionUndone(SuggestionUndone) = "suggestion.undone",
    SuggestionStale(SuggestionStale) = "suggestion.stale",
    AssetImported(AssetImported) = "asset.imported",
    KeyRegistered(KeyRegistered) = "key.registered",
    DisclosureRecorded(DisclosureRecorded) = "disclosure.recorded",
    ReportExported(ReportExported) = "report.exported",
}

/// Reads a stored payload of `kind` written with schema `version`.
pub fn decode(kind: &str, version: i64, payload: &str) -> Result<EventBody, DecodeError> {
    match version {
        1 => EventBody::read(kind, &v1_to_v2(kind, payload)),
        // A change of shape adds a version and an arm here.
        2 => EventBody::read(kind, payload),
        v if v > SCHEMA_VERSION => Err(DecodeError::NewerSchema(v)),
        v => Err(DecodeError::Malformed {
            kind: kind.to_owned(),
            reason: format!("unknown schema version {v}"),
        }),
    }
}

/// Rewrites a version-1 payload into version 2's shape (unknown keys are ignored by the
/// reader, so only changed values need rewriting).
fn v1_to_v2(kind: &str, payload: &str) -> String {
    if kind != "revision.exported" {
        return payload.to_owned();
    }
    match serde_json::from_str::<serde_json::Value>(payload) {
        Ok(mut v) => {
            if v.get("format").and_then(|f| f.as_str()) == Some("txt") {
                v["format"] = serde_json::Value::from("text");
            }
            v.to_string()
        }
        Err(_) => payload.to_owned(),
    }
}

fn canonical<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings, numbers, booleans and lists cannot fail; should a
    // future type make it fail, an empty object is still valid JSON and the hash covers it.
    serde_json_canonicalizer::to_string(value).unwrap_or_else(|_| "{}".to_owned())
}

fn parse<T: DeserializeOwned>(kind: &str, payload: &str) -> Result<T, DecodeError> {
    serde_json::from_str(payload).map_err(|e| DecodeError::Malformed {
        kind: kind.to_owned(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests;
