//! Reading reviews: one, a document's or project's, a person's inbox, the decisions on record
//! and what changed since the last approval.

use super::{info, Reviews};
use crate::app::Greenlight;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::diff::WordDiff;
use greenlight_domain::ids::{AssetId, DocumentId, ProjectId, ReviewId, RevisionId};
use greenlight_domain::workflow::{Inbox, ReviewDecisionRecord, ReviewInfo, Role, Verdict};
use greenlight_store::StoredReview;
use std::collections::HashMap;

impl Reviews<'_> {
    /// Review `id` as `actor` sees it.
    pub async fn get(&self, actor: &Actor, id: &ReviewId) -> Result<ReviewInfo> {
        let r = self.app.store.review(id).await?;
        let roles = self.app.roles_of(actor, &r.project_id).await?;
        info(r, actor, &roles, now_ms())
    }

    /// Every decision on record for review `id`, oldest first, with its comment.
    pub async fn decisions(&self, id: &ReviewId) -> Result<Vec<ReviewDecisionRecord>> {
        self.app
            .store
            .review_decisions(id)
            .await?
            .into_iter()
            .map(|d| {
                Ok(ReviewDecisionRecord {
                    round: u32::try_from(d.round).unwrap_or(u32::MAX),
                    stage: d.stage,
                    by: d.person_id,
                    by_name: d.person_name,
                    verdict: Verdict::parse(&d.verdict).ok_or_else(|| {
                        crate::error::CoreError::Internal(format!(
                            "review {id}: unknown verdict “{}” on record",
                            d.verdict
                        ))
                    })?,
                    comment: d.comment,
                    subject_id: d.subject_id,
                    at: d.decided_at,
                })
            })
            .collect()
    }

    /// What waits for `actor`'s decision and what they asked for.
    pub async fn inbox(&self, actor: &Actor) -> Result<Inbox> {
        let now = now_ms();
        let mut roles = RolesCache::new(self.app, actor);
        let mut waiting = Vec::new();
        for r in self.app.store.reviews_waiting_for(&actor.id).await? {
            let held = roles.of(&r.project_id).await?;
            let shown = info(r, actor, &held, now)?;
            // The query reads the open-stage rows; the state has the last word.
            if !shown.waiting_for_me.is_empty() {
                waiting.push(shown);
            }
        }
        let mut requested = Vec::new();
        for r in self.app.store.reviews_requested_by(&actor.id).await? {
            let held = roles.of(&r.project_id).await?;
            requested.push(info(r, actor, &held, now)?);
        }
        let overdue = waiting.iter().filter(|r| !r.overdue.is_empty()).count();
        Ok(Inbox {
            waiting,
            requested,
            overdue: u32::try_from(overdue).unwrap_or(u32::MAX),
        })
    }

    /// A document's reviews, newest change first.
    pub async fn of_document(
        &self,
        actor: &Actor,
        document: &DocumentId,
    ) -> Result<Vec<ReviewInfo>> {
        let doc = self.app.store.get_document(document).await?;
        let rows = self.app.store.reviews_of_document(&doc.id).await?;
        self.shown(actor, &doc.project_id, rows).await
    }

    /// An asset's reviews, newest change first.
    pub async fn of_asset(&self, actor: &Actor, asset: &AssetId) -> Result<Vec<ReviewInfo>> {
        let a = self.app.assets().get(asset).await?.asset;
        let rows = self.app.store.reviews_of_asset(asset).await?;
        self.shown(actor, &a.project_id, rows).await
    }

    /// A project's reviews, newest change first.
    pub async fn of_project(&self, actor: &Actor, project: &ProjectId) -> Result<Vec<ReviewInfo>> {
        self.app.store.get_project(project).await?;
        let rows = self.app.store.reviews_of_project(project).await?;
        self.shown(actor, project, rows).await
    }

    /// The word diff from the revision that last received an approval to the one under
    /// review; `None` before any approval, or when they are the same revision.
    pub async fn changes_since_approval(&self, id: &ReviewId) -> Result<Option<WordDiff>> {
        let r = self.app.store.review(id).await?;
        let Some(approved) = r.approved_subject_id.filter(|a| *a != r.subject_id) else {
            return Ok(None);
        };
        if r.document_id.is_none() {
            return Ok(None);
        }
        self.app
            .revisions()
            .diff(&RevisionId(approved), &RevisionId(r.subject_id))
            .await
            .map(Some)
    }

    async fn shown(
        &self,
        actor: &Actor,
        project: &ProjectId,
        rows: Vec<StoredReview>,
    ) -> Result<Vec<ReviewInfo>> {
        let roles = self.app.roles_of(actor, project).await?;
        let now = now_ms();
        rows.into_iter()
            .map(|r| info(r, actor, &roles, now))
            .collect()
    }
}

/// A person's roles per project, read once per project.
struct RolesCache<'a> {
    app: &'a Greenlight,
    actor: &'a Actor,
    seen: HashMap<ProjectId, Vec<Role>>,
}

impl<'a> RolesCache<'a> {
    fn new(app: &'a Greenlight, actor: &'a Actor) -> Self {
        Self {
            app,
            actor,
            seen: HashMap::new(),
        }
    }

    async fn of(&mut self, project: &ProjectId) -> Result<Vec<Role>> {
        if let Some(r) = self.seen.get(project) {
            return Ok(r.clone());
        }
        let roles = self.app.roles_of(self.actor, project).await?;
        self.seen.insert(project.clone(), roles.clone());
        Ok(roles)
    }
}
