//! Reviews: a document revision (or an asset version) going through a project's approval
//! workflow. The life cycle is the pure machine of `domain::workflow`; core loads a review,
//! steps it with one event, and stores the new state with the decision and its ledger events
//! in one transaction ([`request`], [`decide`]). A new revision of a document under review
//! starts the next round in the transaction that saves it ([`rounds`]).
//!
//! Who decides what is the workflow's: a stage names its roles. Core checks it (the machine
//! refuses a person without the role); on a team server the database checks it again, so a
//! modified client gains nothing (postgres/0006_reviews.sql).

mod decide;
mod read;
mod request;
mod rounds;

pub use decide::{DecideInput, MAX_DECISION_COMMENT_CHARS};
pub use request::ReviewRequest;
pub(crate) use rounds::{after_asset_version, after_revision};

use crate::app::Greenlight;
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::actor::Actor;
use greenlight_domain::error::fields;
use greenlight_domain::ids::{ReviewId, RevisionId};
use greenlight_domain::workflow::{
    OverdueStage, ReviewError, ReviewInfo, ReviewState, ReviewStatus, ReviewSubject, Role,
    StageStatus, Workflow, WorkflowTemplate,
};
use greenlight_domain::DomainError;
use greenlight_store::{OpenStage, StoredReview};

/// Reviews of a project's documents.
pub struct Reviews<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// Reviews: request, decide, inbox.
    pub fn reviews(&self) -> Reviews<'_> {
        Reviews { app: self }
    }
}

/// A stored review's workflow and state, read back (and checked against each other).
pub(crate) struct Loaded {
    pub(crate) workflow: Workflow,
    pub(crate) state: ReviewState,
}

pub(crate) fn load(r: &StoredReview) -> Result<Loaded> {
    let unreadable = |what: &str, e: String| {
        CoreError::Internal(format!(
            "review {}: its stored {what} is unreadable: {e}",
            r.id
        ))
    };
    let template: WorkflowTemplate =
        serde_json::from_str(&r.workflow).map_err(|e| unreadable("workflow", e.to_string()))?;
    let workflow = template
        .validate()
        .map_err(|e| unreadable("workflow", e.to_string()))?;
    let state: ReviewState =
        serde_json::from_str(&r.state).map_err(|e| unreadable("state", e.to_string()))?;
    if state.stages.len() != workflow.stages().len() {
        return Err(unreadable(
            "state",
            "its stages differ from its workflow's".into(),
        ));
    }
    Ok(Loaded { workflow, state })
}

pub(crate) fn status_str(s: ReviewStatus) -> &'static str {
    match s {
        ReviewStatus::InReview => "in_review",
        ReviewStatus::ChangesRequested => "changes_requested",
        ReviewStatus::Rejected => "rejected",
        ReviewStatus::Locked => "locked",
    }
}

/// Writes `state` into `r` (status, round) as JSON.
pub(crate) fn store_state(r: &mut StoredReview, state: &ReviewState) -> Result<()> {
    r.state = serde_json::to_string(state).map_err(|e| CoreError::Internal(e.to_string()))?;
    r.status = status_str(state.status).to_owned();
    r.round = i64::from(state.round);
    Ok(())
}

/// The rows the inbox reads: a row per (open stage, role deciding it) while in review.
pub(crate) fn open_stages(workflow: &Workflow, state: &ReviewState) -> Vec<OpenStage> {
    if state.status != ReviewStatus::InReview {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (s, w) in state.stages.iter().zip(workflow.stages()) {
        if let StageStatus::Open { since } = s.status {
            for role in &w.roles {
                out.push(OpenStage {
                    stage: s.name.clone(),
                    role: role.as_str().to_owned(),
                    round: i64::from(state.round),
                    opened_at: since,
                    due_at: w.due_after_ms.map(|ms| since.saturating_add(ms)),
                });
            }
        }
    }
    out
}

/// A refusal of the machine in the words core uses: a missing role or a self-approval is
/// forbidden; everything else is a conflict with where the review stands.
pub(crate) fn refused(e: ReviewError) -> CoreError {
    match e {
        ReviewError::NotYourRole { .. } | ReviewError::SelfApproval(_) => {
            CoreError::Forbidden(e.to_string())
        }
        ReviewError::UnknownStage(_) => CoreError::Invalid(DomainError::Refused {
            field: fields::STAGE,
            reason: e.to_string(),
        }),
        _ => CoreError::Conflict(e.to_string()),
    }
}

/// What the app shows of `r` to a person holding `roles` (`now` for overdue stages).
pub(crate) fn info(r: StoredReview, actor: &Actor, roles: &[Role], now: i64) -> Result<ReviewInfo> {
    let Loaded { workflow, state } = load(&r)?;
    let waiting_for_me = state
        .waiting_for(&workflow, &actor.id, roles)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let mut overdue = state.overdue(&workflow, now);
    if let Some(due) = r.due_at {
        if state.status == ReviewStatus::InReview && now > due {
            overdue.push(OverdueStage {
                stage: "review".into(),
                opened_at: r.requested_at,
                due_at: due,
            });
        }
    }
    let subject = match (&r.document_id, &r.asset_id) {
        (Some(d), _) => ReviewSubject::Revision {
            document_id: d.clone(),
            revision_id: RevisionId(r.subject_id.clone()),
        },
        (None, asset) => ReviewSubject::Asset {
            asset_id: asset.clone().unwrap_or_default(),
            version_id: r.subject_id.clone(),
        },
    };
    Ok(ReviewInfo {
        id: r.id,
        project_id: r.project_id,
        subject,
        title: r.title,
        workflow: workflow.template().clone(),
        state,
        requested_by: r.requested_by,
        requested_by_name: r.requested_by_name,
        requested_at: r.requested_at,
        due_at: r.due_at,
        updated_at: r.updated_at,
        approved_subject_id: r.approved_subject_id,
        waiting_for_me,
        overdue,
    })
}

/// Chain subject of a review's events.
pub(crate) fn subject(id: &ReviewId) -> String {
    format!("review:{id}")
}
