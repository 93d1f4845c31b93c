//! The life cycle of a review: a subject (a document revision or an asset version) going
//! through the stages of a [`Workflow`] in rounds. A pure state machine,
//! `(workflow, state, event) -> Result<(state, effects)>`: core serialises the events of one
//! review (under a lock), records each decision and carries the effects out in one
//! transaction with their ledger events.
//!
//! Invariants (property-tested in `proptests.rs`):
//! - a stage is open or approved only when every stage it waits for is approved;
//! - a stage is approved only when its rule is met by the approvals on record for it (made
//!   in this round, or carried over from an earlier one by the scene-scoped rule; `All`:
//!   each of its roles approved by a holder; `Any`: one approval), none of them the
//!   author's where the stage forbids self-approval;
//! - the review is locked only when every stage is approved, and a locked (or rejected)
//!   review refuses every event and stays as it is;
//! - a stage's outcome is computed once: "request changes" or "reject" decides it (and the
//!   round) at once, and any later decision on it is refused with
//!   [`ReviewError::StageDecided`].
//!
//! A person decides a stage at most once per round: a second decision is refused
//! ([`ReviewError::AlreadyDecided`]) rather than replacing the first, because a decision on
//! record may already have approved the stage and opened others. Changing one's mind waits
//! for the next round.

use super::decision::{rule_met, ReviewDecision, StageDecision, Verdict};
use super::role::{either, Role};
use super::template::Workflow;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

/// Where the review as a whole stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Some stage waits for decisions.
    InReview,
    /// A stage asked for changes; the round is over until a new revision starts the next.
    ChangesRequested,
    /// A stage rejected the subject. Final: further work needs a new review.
    Rejected,
    /// Every stage approved. Final: the subject cannot change; further work starts a new
    /// revision that needs a new review.
    Locked,
}

impl ReviewStatus {
    /// The stored name (as serialized).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InReview => "in_review",
            Self::ChangesRequested => "changes_requested",
            Self::Rejected => "rejected",
            Self::Locked => "locked",
        }
    }
}

/// Where one stage stands in the current round. Times are milliseconds since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum StageStatus {
    /// A stage it waits for is not approved yet.
    Waiting,
    /// Open for decisions since `since` (its due time counts from then).
    Open {
        since: i64,
    },
    Approved {
        at: i64,
    },
    ChangesRequested {
        at: i64,
    },
    Rejected {
        at: i64,
    },
}

impl StageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Open { .. } => "open",
            Self::Approved { .. } => "approved",
            Self::ChangesRequested { .. } => "changes_requested",
            Self::Rejected { .. } => "rejected",
        }
    }

    pub fn is_approved(self) -> bool {
        matches!(self, Self::Approved { .. })
    }
}

/// One stage of a review: its status and the decisions that led to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StageState {
    pub name: String,
    pub status: StageStatus,
    pub decisions: Vec<StageDecision>,
}

/// A review's state; its stages are the workflow's, in the workflow's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewState {
    /// From 1; each new revision of the subject during the review starts the next.
    pub round: u32,
    pub status: ReviewStatus,
    pub stages: Vec<StageState>,
}

/// What can happen to a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewEvent {
    Decide(ReviewDecision),
    /// The subject got a new revision. `scope_changed` names the stages whose scope (the
    /// scenes they approved) the revision touched; it matters only for scene-scoped stages.
    NewRevision {
        at: i64,
        scope_changed: Vec<String>,
    },
}

/// What core must do for a transition, in order, in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewEffect {
    /// Record the decision (with its comment, which core keeps) on the ledger.
    RecordDecision {
        stage: String,
    },
    StageApproved {
        stage: String,
    },
    /// Tell its deciders; `due_at` is when it becomes overdue.
    StageOpened {
        stage: String,
        due_at: Option<i64>,
    },
    /// Tell the author; the review waits for a new revision.
    ChangesRequested {
        stage: String,
    },
    /// Tell the author; the review is over.
    Rejected {
        stage: String,
    },
    /// A new revision started round `round`; `kept` names the stages whose approval carried
    /// over (scene-scoped, scope untouched). Every other stage starts over.
    RoundStarted {
        round: u32,
        kept: Vec<String>,
    },
    /// Every stage is approved: the revision is locked.
    Locked,
}

/// Why an event was refused; the state is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReviewError {
    #[error("this review is locked: the revision was approved and cannot change. Further work starts a new revision that needs a new review")]
    Locked,
    #[error("this review was rejected; further work needs a new review")]
    Rejected,
    #[error("changes were requested in this round; decisions resume when a new revision starts the next round")]
    AwaitingRevision,
    #[error("this decision was made on round {decided_on}, but a new revision started round {current}; look at the new revision and decide again")]
    Superseded { decided_on: u32, current: u32 },
    #[error("'{0}' is not a stage of this review's workflow")]
    UnknownStage(String),
    #[error("stage '{0}' is not open yet: it waits for earlier stages to be approved")]
    StageNotOpen(String),
    #[error("stage '{stage}' was already decided in this round ({outcome})")]
    StageDecided {
        stage: String,
        outcome: &'static str,
    },
    #[error("stage '{stage}' is decided by a {}; you hold none of these roles", either(.needs))]
    NotYourRole { stage: String, needs: Vec<Role> },
    #[error(
        "you already decided on stage '{0}' in this round; a decision stands until the next round"
    )]
    AlreadyDecided(String),
    #[error("stage '{0}' does not allow approving your own work; another member holding its role must approve it")]
    SelfApproval(String),
    #[error("this review's state does not match its workflow (its stages differ)")]
    WorkflowMismatch,
    #[error("this review has had too many rounds; request a new review")]
    TooManyRounds,
}

impl ReviewState {
    /// A review requested at `at`: round 1, the stages that wait for nothing open.
    pub fn start(workflow: &Workflow, at: i64) -> (ReviewState, Vec<ReviewEffect>) {
        let mut state = ReviewState {
            round: 1,
            status: ReviewStatus::InReview,
            stages: workflow
                .stages()
                .iter()
                .map(|s| StageState {
                    name: s.name.clone(),
                    status: StageStatus::Waiting,
                    decisions: Vec::new(),
                })
                .collect(),
        };
        let mut effects = Vec::new();
        open_ready(workflow, &mut state, at, &mut effects);
        (state, effects)
    }

    /// The stage named `name`.
    pub fn stage(&self, name: &str) -> Option<&StageState> {
        self.stages.iter().find(|s| s.name == name)
    }
}

/// The transition function.
pub fn step(
    workflow: &Workflow,
    state: &ReviewState,
    event: &ReviewEvent,
) -> Result<(ReviewState, Vec<ReviewEffect>), ReviewError> {
    let matches = state.stages.len() == workflow.stages().len()
        && state
            .stages
            .iter()
            .zip(workflow.stages())
            .all(|(s, w)| s.name == w.name);
    if !matches {
        return Err(ReviewError::WorkflowMismatch);
    }
    match state.status {
        ReviewStatus::Locked => return Err(ReviewError::Locked),
        ReviewStatus::Rejected => return Err(ReviewError::Rejected),
        ReviewStatus::InReview | ReviewStatus::ChangesRequested => {}
    }
    match event {
        ReviewEvent::Decide(d) => decide(workflow, state, d),
        ReviewEvent::NewRevision { at, scope_changed } => {
            new_round(workflow, state, *at, scope_changed)
        }
    }
}

fn decide(
    workflow: &Workflow,
    state: &ReviewState,
    d: &ReviewDecision,
) -> Result<(ReviewState, Vec<ReviewEffect>), ReviewError> {
    if state.status == ReviewStatus::ChangesRequested {
        return Err(ReviewError::AwaitingRevision);
    }
    if d.round != state.round {
        return Err(ReviewError::Superseded {
            decided_on: d.round,
            current: state.round,
        });
    }
    let (i, stage) = workflow
        .stages()
        .iter()
        .enumerate()
        .find(|(_, s)| s.name == d.stage)
        .ok_or_else(|| ReviewError::UnknownStage(d.stage.clone()))?;
    let current = &state.stages[i];
    match current.status {
        StageStatus::Open { .. } => {}
        StageStatus::Waiting => return Err(ReviewError::StageNotOpen(stage.name.clone())),
        decided => {
            return Err(ReviewError::StageDecided {
                stage: stage.name.clone(),
                outcome: decided.as_str(),
            })
        }
    }
    let mut as_roles: Vec<Role> = stage
        .roles
        .iter()
        .copied()
        .filter(|r| d.roles.contains(r))
        .collect();
    as_roles.dedup();
    if as_roles.is_empty() {
        return Err(ReviewError::NotYourRole {
            stage: stage.name.clone(),
            needs: stage.roles.clone(),
        });
    }
    if current.decisions.iter().any(|p| p.by == d.by) {
        return Err(ReviewError::AlreadyDecided(stage.name.clone()));
    }
    if d.verdict.approves() && d.is_author && !stage.self_approval {
        return Err(ReviewError::SelfApproval(stage.name.clone()));
    }

    let mut next = state.clone();
    let name = stage.name.clone();
    let mut effects = vec![ReviewEffect::RecordDecision {
        stage: name.clone(),
    }];
    let here = &mut next.stages[i];
    here.decisions.push(StageDecision {
        by: d.by.clone(),
        as_roles,
        verdict: d.verdict,
        is_author: d.is_author,
        at: d.at,
        round: state.round,
    });
    match d.verdict {
        Verdict::RequestChanges => {
            here.status = StageStatus::ChangesRequested { at: d.at };
            next.status = ReviewStatus::ChangesRequested;
            effects.push(ReviewEffect::ChangesRequested { stage: name });
        }
        Verdict::Reject => {
            here.status = StageStatus::Rejected { at: d.at };
            next.status = ReviewStatus::Rejected;
            effects.push(ReviewEffect::Rejected { stage: name });
        }
        Verdict::Approve | Verdict::ApproveWithChanges => {
            if rule_met(stage.rule, &stage.roles, &here.decisions) {
                here.status = StageStatus::Approved { at: d.at };
                effects.push(ReviewEffect::StageApproved { stage: name });
                open_ready(workflow, &mut next, d.at, &mut effects);
                lock_if_done(&mut next, &mut effects);
            }
        }
    }
    Ok((next, effects))
}

fn new_round(
    workflow: &Workflow,
    state: &ReviewState,
    at: i64,
    scope_changed: &[String],
) -> Result<(ReviewState, Vec<ReviewEffect>), ReviewError> {
    let mut changed = vec![false; workflow.stages().len()];
    for name in scope_changed {
        let i = workflow
            .position(name)
            .ok_or_else(|| ReviewError::UnknownStage(name.clone()))?;
        changed[i] = true;
    }
    let round = state
        .round
        .checked_add(1)
        .ok_or(ReviewError::TooManyRounds)?;
    // An approval carries over only if its stage allows it, the revision left its scope
    // alone, and every stage it waited for carried over too (in topological order).
    let mut kept = vec![false; changed.len()];
    for &i in workflow.order() {
        let stage = &workflow.stages()[i];
        kept[i] = stage.scene_scoped
            && !changed[i]
            && state.stages[i].status.is_approved()
            && stage.after.iter().all(|p| kept[*p]);
    }
    let mut next = state.clone();
    next.round = round;
    next.status = ReviewStatus::InReview;
    for (s, keep) in next.stages.iter_mut().zip(&kept) {
        if !keep {
            s.status = StageStatus::Waiting;
            s.decisions.clear();
        }
    }
    let mut effects = vec![ReviewEffect::RoundStarted {
        round,
        kept: next
            .stages
            .iter()
            .zip(&kept)
            .filter(|(_, k)| **k)
            .map(|(s, _)| s.name.clone())
            .collect(),
    }];
    open_ready(workflow, &mut next, at, &mut effects);
    lock_if_done(&mut next, &mut effects);
    Ok((next, effects))
}

/// Opens every waiting stage whose prerequisites are all approved.
fn open_ready(
    workflow: &Workflow,
    state: &mut ReviewState,
    at: i64,
    effects: &mut Vec<ReviewEffect>,
) {
    for &i in workflow.order() {
        let stage = &workflow.stages()[i];
        let ready = state.stages[i].status == StageStatus::Waiting
            && stage
                .after
                .iter()
                .all(|p| state.stages[*p].status.is_approved());
        if ready {
            state.stages[i].status = StageStatus::Open { since: at };
            effects.push(ReviewEffect::StageOpened {
                stage: stage.name.clone(),
                due_at: stage.due_after_ms.map(|ms| at.saturating_add(ms)),
            });
        }
    }
}

fn lock_if_done(state: &mut ReviewState, effects: &mut Vec<ReviewEffect>) {
    if state.stages.iter().all(|s| s.status.is_approved()) {
        state.status = ReviewStatus::Locked;
        effects.push(ReviewEffect::Locked);
    }
}
