//! Approval workflows: templates of stages ([`template`]), the roles that decide them
//! ([`role`]), the decisions people make ([`decision`]), and the life cycle of a review
//! through them ([`review`], with the inbox's questions in [`inbox`]).
//!
//! Everything here is pure. Core loads a review's workflow and state, calls [`step`] with one
//! event at a time (serialised per review), and stores the new state with the effects' ledger
//! events in one transaction.

pub mod decision;
pub mod inbox;
pub mod record;
pub mod review;
pub mod role;
pub mod template;

pub use decision::{rule_met, ReviewDecision, StageDecision, Verdict};
pub use inbox::OverdueStage;
pub use record::{Inbox, ReviewDecisionRecord, ReviewInfo, ReviewSubject};
pub use review::{
    step, ReviewEffect, ReviewError, ReviewEvent, ReviewState, ReviewStatus, StageState,
    StageStatus,
};
pub use role::Role;
pub use template::{ApprovalRule, Stage, StageTemplate, TemplateError, Workflow, WorkflowTemplate};

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod template_tests;
#[cfg(test)]
mod tests;
