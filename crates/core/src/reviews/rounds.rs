//! A new revision of a document under review starts the review's next round, in the
//! transaction that saves the revision. Approvals reset, except those of scene-scoped stages
//! when the review covers some scenes and the revision left their text alone.

use super::request::parse_scenes;
use super::{load, open_stages, refused, store_state, subject, Loaded};
use crate::app::event;
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::actor::Actor;
use greenlight_domain::document::Document;
use greenlight_domain::events::payloads::ReviewRoundStarted;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::RevisionId;
use greenlight_domain::revision::Revision;
use greenlight_domain::workflow::{step, ReviewEffect, ReviewEvent};
use greenlight_store::{StoredReview, Tx};

/// How many times a round start is computed again when a decision was stored meanwhile.
const ATTEMPTS: usize = 8;

/// Moves every review under way of `doc` to `revision` (just saved in `tx`).
pub(crate) async fn after_revision(
    tx: &mut Tx,
    actor: &Actor,
    doc: &Document,
    revision: &Revision,
) -> Result<()> {
    for review in tx.active_reviews_of_document(&doc.id).await? {
        let mut current = review;
        let mut done = false;
        for _ in 0..ATTEMPTS {
            if next_round(tx, actor, current.clone(), revision).await? {
                done = true;
                break;
            }
            current = tx.review(&current.id).await?;
        }
        if !done {
            return Err(CoreError::Conflict(format!(
                "the review of “{}” kept changing while this revision was saved; save again",
                doc.title
            )));
        }
    }
    Ok(())
}

/// One attempt; false when the review changed since it was read.
async fn next_round(
    tx: &mut Tx,
    actor: &Actor,
    mut stored: StoredReview,
    revision: &Revision,
) -> Result<bool> {
    let Loaded { workflow, state } = load(&stored)?;
    let scoped: Vec<String> = workflow
        .stages()
        .iter()
        .filter(|s| s.scene_scoped)
        .map(|s| s.name.clone())
        .collect();
    let scope_changed = match (&stored.scope, scoped.is_empty()) {
        (_, true) => Vec::new(),
        (None, false) => scoped,
        (Some(scenes), false) => {
            let before = tx.revision(&RevisionId(stored.subject_id.clone())).await?;
            if same_scenes(scenes, &before.text, &revision.text)? {
                Vec::new()
            } else {
                scoped
            }
        }
    };
    let at = revision.meta.created_at;
    let (next, effects) = step(
        &workflow,
        &state,
        &ReviewEvent::NewRevision { at, scope_changed },
    )
    .map_err(refused)?;
    stored.subject_id = revision.meta.id.to_string();
    stored.subject_author = revision.meta.author_id.clone();
    store_state(&mut stored, &next)?;
    stored.updated_at = at;
    stored.version += 1;
    if !tx.update_review(&stored).await? {
        return Ok(false);
    }
    tx.set_open_stages(&stored, &open_stages(&workflow, &next))
        .await?;
    let kept = effects
        .iter()
        .find_map(|e| match e {
            ReviewEffect::RoundStarted { kept, .. } => Some(kept.clone()),
            _ => None,
        })
        .unwrap_or_default();
    tx.append_event(
        event(
            actor,
            subject(&stored.id),
            Some(&stored.project_id),
            EventBody::ReviewRoundStarted(ReviewRoundStarted {
                review_id: stored.id.clone(),
                document_id: stored.document_id.clone(),
                title: stored.title.clone(),
                round: next.round,
                subject_id: stored.subject_id.clone(),
                kept,
            }),
        ),
        at,
    )
    .await?;
    Ok(true)
}

/// Whether the scenes `scenes` (`3-5`) read the same in both texts.
fn same_scenes(scenes: &str, before: &str, after: &str) -> Result<bool> {
    let (first, last) = parse_scenes(scenes)?;
    let pick = |text: &str| -> Vec<String> {
        crate::summaries::scenes_of(text)
            .into_iter()
            .skip(first - 1)
            .take(last + 1 - first)
            .map(|s| s.text)
            .collect()
    };
    Ok(pick(before) == pick(after))
}
