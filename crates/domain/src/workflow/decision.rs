//! Decisions: what a person says about a stage, the record kept of it, and when the
//! approvals on record meet a stage's rule.

use super::role::Role;
use super::template::ApprovalRule;
use crate::ids::UserId;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a person says about a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    /// Approval that asks for small changes which need no new review; it counts as approval.
    ApproveWithChanges,
    /// Decides the stage and ends the round; a new revision starts the next one.
    RequestChanges,
    /// Decides the stage and ends the review.
    Reject,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Self::Approve,
        Self::ApproveWithChanges,
        Self::RequestChanges,
        Self::Reject,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::ApproveWithChanges => "approve_with_changes",
            Self::RequestChanges => "request_changes",
            Self::Reject => "reject",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether it counts towards the stage's approval.
    pub fn approves(self) -> bool {
        matches!(self, Self::Approve | Self::ApproveWithChanges)
    }
}

/// A person's decision as core hands it over: who (with the roles the project gives them,
/// never roles the client claims), on which stage of which round, and whether they wrote the
/// subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDecision {
    pub stage: String,
    /// The round the person looked at; a decision on an older round is refused.
    pub round: u32,
    pub by: UserId,
    pub roles: Vec<Role>,
    pub is_author: bool,
    pub verdict: Verdict,
    pub at: i64,
}

/// A decision on record for a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StageDecision {
    pub by: UserId,
    /// The stage's roles the person held when deciding (what their approval covers).
    pub as_roles: Vec<Role>,
    pub verdict: Verdict,
    pub is_author: bool,
    pub at: i64,
    /// The round it was made in (older than the review's round when a scene-scoped approval
    /// carried over).
    pub round: u32,
}

/// Whether the approvals among `decisions` meet the rule for a stage naming `roles`.
pub fn rule_met(rule: ApprovalRule, roles: &[Role], decisions: &[StageDecision]) -> bool {
    let mut approvals = decisions.iter().filter(|d| d.verdict.approves());
    match rule {
        ApprovalRule::Any => approvals.next().is_some(),
        ApprovalRule::All => {
            let approvals: Vec<&StageDecision> = approvals.collect();
            roles
                .iter()
                .all(|r| approvals.iter().any(|a| a.as_roles.contains(r)))
        }
    }
}
