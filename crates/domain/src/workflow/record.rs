//! What is kept of a review and shown of it: its subject, the workflow it was requested
//! under (a snapshot: editing the project's template later does not change a review under
//! way), its state, and the decisions on record with their comments.

use super::decision::Verdict;
use super::inbox::OverdueStage;
use super::review::ReviewState;
use super::template::WorkflowTemplate;
use crate::ids::{DocumentId, ProjectId, ReviewId, RevisionId, UserId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a review is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ReviewSubject {
    /// A document; `revision_id` is the revision now under review (a new revision during the
    /// review replaces it and starts the next round).
    #[serde(rename_all = "camelCase")]
    Revision {
        document_id: DocumentId,
        revision_id: RevisionId,
    },
    /// An asset; `version_id` is the version now under review.
    #[serde(rename_all = "camelCase")]
    Asset {
        asset_id: String,
        version_id: String,
    },
}

impl ReviewSubject {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Revision { .. } => "revision",
            Self::Asset { .. } => "asset",
        }
    }

    /// The revision or asset version under review.
    pub fn current(&self) -> &str {
        match self {
            Self::Revision { revision_id, .. } => revision_id.as_str(),
            Self::Asset { version_id, .. } => version_id,
        }
    }

    pub fn document_id(&self) -> Option<&DocumentId> {
        match self {
            Self::Revision { document_id, .. } => Some(document_id),
            Self::Asset { .. } => None,
        }
    }
}

/// A review as the app shows it to one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewInfo {
    pub id: ReviewId,
    pub project_id: ProjectId,
    pub subject: ReviewSubject,
    /// The document's title or the asset's name.
    pub title: String,
    pub workflow: WorkflowTemplate,
    pub state: ReviewState,
    pub requested_by: UserId,
    pub requested_by_name: String,
    pub requested_at: i64,
    /// When the whole review should be done, if the requester said.
    pub due_at: Option<i64>,
    pub updated_at: i64,
    /// The revision (or asset version) that last received an approval: "what changed since
    /// the last approval" compares the one under review with it.
    pub approved_subject_id: Option<String>,
    /// The open stages that wait for the person asking (their roles, not yet decided by them
    /// in this round).
    pub waiting_for_me: Vec<String>,
    /// Open stages past their due time (and the review's own due time, as stage "review").
    pub overdue: Vec<OverdueStage>,
}

/// A decision on record, with its comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewDecisionRecord {
    pub round: u32,
    pub stage: String,
    pub by: UserId,
    pub by_name: String,
    pub verdict: Verdict,
    pub comment: Option<String>,
    /// The revision (or asset version) decided on.
    pub subject_id: String,
    pub at: i64,
}

/// A person's inbox: what waits for their decision and what they asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Inbox {
    pub waiting: Vec<ReviewInfo>,
    pub requested: Vec<ReviewInfo>,
    /// How many of `waiting` are overdue.
    pub overdue: u32,
}
