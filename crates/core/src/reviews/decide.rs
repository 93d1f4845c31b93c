//! Deciding a stage of a review. Two reviewers deciding at the same instant are applied one
//! after the other: each change names the version it was computed from, and a change that
//! lost the race is computed again from what the other recorded (so both decisions are on
//! record and the stage's outcome is computed once).

use super::{info, load, open_stages, refused, store_state, subject, Loaded, Reviews};
use crate::app::event;
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::error::fields;
use greenlight_domain::events::payloads::ReviewDecided;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::ReviewId;
use greenlight_domain::workflow::{
    step, ReviewDecision, ReviewEffect, ReviewEvent, ReviewInfo, ReviewStatus, Verdict,
};
use greenlight_domain::DomainError;
use greenlight_store::StoredDecision;

/// A comment on a decision is at most this long (in characters).
pub const MAX_DECISION_COMMENT_CHARS: usize = 10_000;

/// How many times a decision is computed again after losing a race.
const ATTEMPTS: usize = 8;

/// What a reviewer says.
#[derive(Debug, Clone)]
pub struct DecideInput {
    /// The stage decided; the first open stage waiting for the person when `None`.
    pub stage: Option<String>,
    /// The revision (or asset version) the person looked at; refused as superseded when a
    /// newer one is under review now. `None` decides on whatever is under review.
    pub subject_id: Option<String>,
    pub verdict: Verdict,
    pub comment: Option<String>,
}

impl Reviews<'_> {
    /// `actor` decides a stage of review `id`.
    pub async fn decide(
        &self,
        actor: &Actor,
        id: &ReviewId,
        input: DecideInput,
    ) -> Result<ReviewInfo> {
        let comment = input
            .comment
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        if let Some(c) = &comment {
            if c.chars().count() > MAX_DECISION_COMMENT_CHARS {
                return Err(CoreError::Invalid(DomainError::Refused {
                    field: fields::COMMENT,
                    reason: format!(
                        "the comment is longer than {MAX_DECISION_COMMENT_CHARS} characters"
                    ),
                }));
            }
        }
        for _ in 0..ATTEMPTS {
            if let Some(done) = self.try_decide(actor, id, &input, comment.clone()).await? {
                return Ok(done);
            }
        }
        Err(CoreError::Conflict(
            "others kept deciding this review at the same moment; try again".into(),
        ))
    }

    /// One attempt; `None` when another decision was stored first.
    async fn try_decide(
        &self,
        actor: &Actor,
        id: &ReviewId,
        input: &DecideInput,
        comment: Option<String>,
    ) -> Result<Option<ReviewInfo>> {
        let mut tx = self.app.store.begin().await?;
        let mut stored = tx.review(id).await?;
        let roles = self
            .app
            .roles_in(&mut tx, actor, &stored.project_id)
            .await?;
        let Loaded { workflow, state } = load(&stored)?;
        if let Some(seen) = &input.subject_id {
            if *seen != stored.subject_id && state.status != ReviewStatus::Locked {
                return Err(CoreError::Conflict(format!(
                    "this decision is about {seen}, but a newer revision ({}) is under review now \
                     (round {}); look at it and decide again",
                    stored.subject_id, state.round
                )));
            }
        }
        let stage = match &input.stage {
            Some(s) => s.clone(),
            None => match state.waiting_for(&workflow, &actor.id, &roles).first() {
                Some(s) => (*s).to_owned(),
                // Let the machine say why (locked, awaiting a revision, not your role…).
                None => workflow
                    .stages()
                    .iter()
                    .zip(&state.stages)
                    .find(|(_, s)| {
                        matches!(
                            s.status,
                            greenlight_domain::workflow::StageStatus::Open { .. }
                        )
                    })
                    .map(|(w, _)| w.name.clone())
                    .ok_or_else(|| {
                        CoreError::Conflict(format!(
                            "nothing in this review waits for a decision now ({})",
                            super::status_str(state.status).replace('_', " ")
                        ))
                    })?,
            },
        };
        let now = now_ms();
        // On one computer there is one person, who wrote everything and holds every role: a
        // stage that forbids self-approval could never be approved there, so the rule is a
        // team rule.
        let is_author = self.app.is_team() && stored.subject_author == actor.id;
        let decision = ReviewDecision {
            stage: stage.clone(),
            round: state.round,
            by: actor.id.clone(),
            roles: roles.clone(),
            is_author,
            verdict: input.verdict,
            at: now,
        };
        let (next, effects) =
            step(&workflow, &state, &ReviewEvent::Decide(decision)).map_err(refused)?;
        // The decision goes in first: a team server checks it against the review as it was.
        let recorded = tx
            .insert_decision(
                &stored.id,
                &StoredDecision {
                    round: i64::from(state.round),
                    stage: stage.clone(),
                    person_id: actor.id.clone(),
                    person_name: actor.name.clone(),
                    verdict: input.verdict.as_str().to_owned(),
                    comment: comment.clone(),
                    subject_id: stored.subject_id.clone(),
                    decided_at: now,
                },
            )
            .await?;
        if !recorded {
            tx.rollback().await?;
            return Ok(None);
        }
        store_state(&mut stored, &next)?;
        if input.verdict.approves() {
            stored.approved_subject_id = Some(stored.subject_id.clone());
        }
        stored.updated_at = now;
        stored.version += 1;
        if !tx.update_review(&stored).await? {
            tx.rollback().await?;
            return Ok(None);
        }
        tx.set_open_stages(&stored, &open_stages(&workflow, &next))
            .await?;
        let stage_outcome = effects.iter().find_map(|e| match e {
            ReviewEffect::StageApproved { stage: s } if *s == stage => Some("approved"),
            ReviewEffect::ChangesRequested { .. } => Some("changes_requested"),
            ReviewEffect::Rejected { .. } => Some("rejected"),
            _ => None,
        });
        tx.append_event(
            event(
                actor,
                subject(&stored.id),
                Some(&stored.project_id),
                EventBody::ReviewDecided(ReviewDecided {
                    review_id: stored.id.clone(),
                    document_id: stored.document_id.clone(),
                    title: stored.title.clone(),
                    round: state.round,
                    stage,
                    verdict: input.verdict.as_str().to_owned(),
                    comment,
                    subject_id: stored.subject_id.clone(),
                    stage_outcome: stage_outcome.map(str::to_owned),
                    status: stored.status.clone(),
                }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        info(stored, actor, &roles, now).map(Some)
    }
}
