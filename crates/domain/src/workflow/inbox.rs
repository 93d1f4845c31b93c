//! Questions the inbox asks of a review: which stages wait for this person, and which are
//! overdue. Pure reads of a [`ReviewState`]; they change nothing.

use super::review::{ReviewState, ReviewStatus, StageStatus};
use super::role::Role;
use super::template::Workflow;
use crate::ids::UserId;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An open stage past its due time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverdueStage {
    pub stage: String,
    pub opened_at: i64,
    pub due_at: i64,
}

impl ReviewState {
    /// The open stages whose due time is before `now`, in the workflow's order. Only a review
    /// in review has any: after "request changes" the stages wait for the author, not for
    /// their deciders.
    pub fn overdue(&self, workflow: &Workflow, now: i64) -> Vec<OverdueStage> {
        if self.status != ReviewStatus::InReview {
            return Vec::new();
        }
        self.stages
            .iter()
            .zip(workflow.stages())
            .filter_map(|(s, w)| match (s.status, w.due_after_ms) {
                (StageStatus::Open { since }, Some(ms)) => {
                    let due_at = since.saturating_add(ms);
                    (now > due_at).then(|| OverdueStage {
                        stage: s.name.clone(),
                        opened_at: since,
                        due_at,
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// The open stages that wait for `person`'s decision: they hold one of the stage's roles
    /// and have not decided it in this round. (Whether an author may approve is not asked
    /// here: the author may still request changes or reject.)
    pub fn waiting_for(&self, workflow: &Workflow, person: &UserId, roles: &[Role]) -> Vec<&str> {
        if self.status != ReviewStatus::InReview {
            return Vec::new();
        }
        self.stages
            .iter()
            .zip(workflow.stages())
            .filter(|(s, w)| {
                matches!(s.status, StageStatus::Open { .. })
                    && w.roles.iter().any(|r| roles.contains(r))
                    && !s.decisions.iter().any(|d| d.by == *person)
            })
            .map(|(s, _)| s.name.as_str())
            .collect()
    }
}
