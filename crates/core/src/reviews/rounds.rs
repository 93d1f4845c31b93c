//! A new revision of a document under review starts the review's next round, in the
//! transaction that saves the revision. Approvals reset, except those of scene-scoped stages
//! when the review covers some scenes and the revision left their text alone.

use super::request::parse_scenes;
use super::{load, open_stages, refused, store_state, Loaded};
use crate::app::event;
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::actor::Actor;
use greenlight_domain::asset::AssetVersion;
use greenlight_domain::document::Document;
use greenlight_domain::events::payloads::ReviewRoundStarted;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{RevisionId, UserId};
use greenlight_domain::revision::Revision;
use greenlight_domain::workflow::{step, ReviewEffect, ReviewEvent};
use greenlight_store::{StoredReview, Tx};

/// How many times a round start is computed again when a decision was stored meanwhile.
const ATTEMPTS: usize = 8;

/// What replaces a review's subject: a new revision of its document (whose text decides
/// whether scene-scoped approvals stand) or a new version of its asset.
enum NewSubject<'a> {
    Revision(&'a Revision),
    Version(&'a AssetVersion),
}

impl NewSubject<'_> {
    fn id(&self) -> String {
        match self {
            Self::Revision(r) => r.meta.id.to_string(),
            Self::Version(v) => v.id.to_string(),
        }
    }
    fn author(&self) -> UserId {
        match self {
            Self::Revision(r) => r.meta.author_id.clone(),
            Self::Version(v) => v.imported_by.clone(),
        }
    }
    fn at(&self) -> i64 {
        match self {
            Self::Revision(r) => r.meta.created_at,
            Self::Version(v) => v.imported_at,
        }
    }
}

/// Moves every review under way of `doc` to `revision` (just saved in `tx`).
pub(crate) async fn after_revision(
    tx: &mut Tx,
    actor: &Actor,
    doc: &Document,
    revision: &Revision,
) -> Result<()> {
    let reviews = tx.active_reviews_of_document(&doc.id).await?;
    next_rounds(
        tx,
        actor,
        reviews,
        NewSubject::Revision(revision),
        &doc.title,
    )
    .await
}

/// Moves every review under way of the version's asset to `version` (just imported in `tx`).
pub(crate) async fn after_asset_version(
    tx: &mut Tx,
    actor: &Actor,
    name: &str,
    version: &AssetVersion,
) -> Result<()> {
    let reviews = tx.active_reviews_of_asset(&version.asset_id).await?;
    next_rounds(tx, actor, reviews, NewSubject::Version(version), name).await
}

async fn next_rounds(
    tx: &mut Tx,
    actor: &Actor,
    reviews: Vec<StoredReview>,
    subject: NewSubject<'_>,
    title: &str,
) -> Result<()> {
    for review in reviews {
        let mut current = review;
        let mut done = false;
        for _ in 0..ATTEMPTS {
            if next_round(tx, actor, current.clone(), &subject).await? {
                done = true;
                break;
            }
            current = tx.review(&current.id).await?;
        }
        if !done {
            return Err(CoreError::Conflict(format!(
                "the review of “{title}” kept changing meanwhile; try again"
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
    subject: &NewSubject<'_>,
) -> Result<bool> {
    let Loaded { workflow, state } = load(&stored)?;
    let scoped: Vec<String> = workflow
        .stages()
        .iter()
        .filter(|s| s.scene_scoped)
        .map(|s| s.name.clone())
        .collect();
    let scope_changed = match (&stored.scope, subject, scoped.is_empty()) {
        (_, _, true) => Vec::new(),
        (Some(scenes), NewSubject::Revision(revision), false) => {
            let before = tx.revision(&RevisionId(stored.subject_id.clone())).await?;
            if same_scenes(scenes, &before.text, &revision.text)? {
                Vec::new()
            } else {
                scoped
            }
        }
        _ => scoped,
    };
    let at = subject.at();
    let (next, effects) = step(
        &workflow,
        &state,
        &ReviewEvent::NewRevision { at, scope_changed },
    )
    .map_err(refused)?;
    stored.subject_id = subject.id();
    stored.subject_author = subject.author();
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
            super::subject(&stored.id),
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
