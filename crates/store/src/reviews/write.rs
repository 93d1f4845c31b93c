//! Writing reviews: requesting, storing a changed state (if still at the version it was
//! computed from), the open stages the inbox reads, decisions in order, and a moved review.

use super::{
    by_id, decision, decisions_of, open_stage, review, OpenStage, StoredDecision, StoredReview,
};
use crate::query::Statement;
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::ids::{DocumentId, ProjectId, ReviewId};

impl Tx {
    /// The review `id`, inside the transaction.
    pub async fn review(&mut self, id: &ReviewId) -> Result<StoredReview> {
        self.one(by_id(id), "review", id.as_str(), review).await
    }

    /// Every decision on record for `id`, inside the transaction (a move copies them).
    pub async fn review_decisions(&mut self, id: &ReviewId) -> Result<Vec<StoredDecision>> {
        self.all(decisions_of(id), decision).await
    }

    /// The document's reviews that a new revision moves to their next round (in review, or
    /// waiting for changes).
    pub async fn active_reviews_of_document(
        &mut self,
        document: &DocumentId,
    ) -> Result<Vec<StoredReview>> {
        self.all(
            Statement::new(reviews_where!(
                "WHERE r.document_id = $1 AND r.status IN ('in_review', 'changes_requested')
                 ORDER BY r.id"
            ))
            .text(document.as_str()),
            review,
        )
        .await
    }

    /// A document's reviews, inside the transaction.
    pub async fn reviews_of_document(
        &mut self,
        document: &DocumentId,
    ) -> Result<Vec<StoredReview>> {
        self.all(
            Statement::new(reviews_where!("WHERE r.document_id = $1 ORDER BY r.id"))
                .text(document.as_str()),
            review,
        )
        .await
    }

    /// The asset's reviews that a new version moves to their next round.
    pub async fn active_reviews_of_asset(
        &mut self,
        asset: &greenlight_domain::ids::AssetId,
    ) -> Result<Vec<StoredReview>> {
        self.all(
            Statement::new(reviews_where!(
                "WHERE r.asset_id = $1 AND r.status IN ('in_review', 'changes_requested')
                 ORDER BY r.id"
            ))
            .text(asset.as_str()),
            review,
        )
        .await
    }

    /// Every review of a project, inside the transaction (a move copies them).
    pub async fn reviews_of_project(&mut self, project: &ProjectId) -> Result<Vec<StoredReview>> {
        self.all(
            Statement::new(reviews_where!("WHERE r.project_id = $1 ORDER BY r.id"))
                .text(project.as_str()),
            review,
        )
        .await
    }

    /// Records a new review (`requested_by_name` is not written).
    pub async fn insert_review(&mut self, r: &StoredReview) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO reviews (id, project_id, subject_kind, document_id, asset_id,
                     subject_id, subject_author, approved_subject_id, title, scope, workflow_name,
                     workflow, state, status, round, requested_by, requested_at, due_at,
                     updated_at, version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                     $17, $18, $19, $20)",
            )
            .text(r.id.as_str())
            .text(r.project_id.as_str())
            .text(&r.subject_kind)
            .opt_text(r.document_id.as_ref().map(|d| d.as_str()))
            .opt_text(r.asset_id.as_deref())
            .text(&r.subject_id)
            .text(r.subject_author.as_str())
            .opt_text(r.approved_subject_id.as_deref())
            .text(&r.title)
            .opt_text(r.scope.as_deref())
            .text(&r.workflow_name)
            .text(&r.workflow)
            .text(&r.state)
            .text(&r.status)
            .int(r.round)
            .text(r.requested_by.as_str())
            .int(r.requested_at)
            .opt_int(r.due_at)
            .int(r.updated_at)
            .int(r.version),
        )
        .await?;
        Ok(())
    }

    /// Stores the changed review if it is still at `r.version - 1`; false when someone changed
    /// it first (the caller reads it again and recomputes).
    pub async fn update_review(&mut self, r: &StoredReview) -> Result<bool> {
        let n = self
            .exec(
                Statement::new(
                    "UPDATE reviews SET subject_id = $2, subject_author = $3,
                         approved_subject_id = $4, title = $5, state = $6, status = $7,
                         round = $8, updated_at = $9, version = $10
                     WHERE id = $1 AND version = $11",
                )
                .text(r.id.as_str())
                .text(&r.subject_id)
                .text(r.subject_author.as_str())
                .opt_text(r.approved_subject_id.as_deref())
                .text(&r.title)
                .text(&r.state)
                .text(&r.status)
                .int(r.round)
                .int(r.updated_at)
                .int(r.version)
                .int(r.version - 1),
            )
            .await?;
        Ok(n == 1)
    }

    /// Replaces the review's open stages with `open`.
    pub async fn set_open_stages(&mut self, r: &StoredReview, open: &[OpenStage]) -> Result<()> {
        self.exec(
            Statement::new("DELETE FROM review_open_stages WHERE review_id = $1")
                .text(r.id.as_str()),
        )
        .await?;
        for s in open {
            self.exec(
                Statement::new(
                    "INSERT INTO review_open_stages (review_id, project_id, stage, role, round,
                         opened_at, due_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .text(r.id.as_str())
                .text(r.project_id.as_str())
                .text(&s.stage)
                .text(&s.role)
                .int(s.round)
                .int(s.opened_at)
                .opt_int(s.due_at)
                .int(r.updated_at),
            )
            .await?;
        }
        Ok(())
    }

    /// Records a decision after the review's others (`person_name` is not written); false
    /// when another decision took its place in the order at the same instant (the caller
    /// reads the review again and recomputes).
    pub async fn insert_decision(&mut self, review: &ReviewId, d: &StoredDecision) -> Result<bool> {
        let n = self
            .exec(
                Statement::new(
                    "INSERT INTO review_decisions (review_id, seq, round, stage, person_id,
                         verdict, comment, subject_id, decided_at)
                     VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM review_decisions
                                  WHERE review_id = $1), $2, $3, $4, $5, $6, $7, $8)
                     ON CONFLICT DO NOTHING",
                )
                .text(review.as_str())
                .int(d.round)
                .text(&d.stage)
                .text(d.person_id.as_str())
                .text(&d.verdict)
                .opt_text(d.comment.as_deref())
                .text(&d.subject_id)
                .int(d.decided_at),
            )
            .await?;
        Ok(n == 1)
    }

    /// The review's open stages (a move copies them).
    pub async fn open_stages(&mut self, review: &ReviewId) -> Result<Vec<OpenStage>> {
        self.all(
            Statement::new(
                "SELECT stage, role, round, opened_at, due_at FROM review_open_stages
                 WHERE review_id = $1 ORDER BY stage, role",
            )
            .text(review.as_str()),
            open_stage,
        )
        .await
    }

    /// Writes a review moved in from another database as it was there.
    pub async fn import_review(&mut self, moved: &MovedReview) -> Result<()> {
        self.insert_review(&moved.review).await?;
        for d in &moved.decisions {
            if !self.insert_decision(&moved.review.id, d).await? {
                return Err(crate::StoreError::Conflict(format!(
                    "review {} has two decisions by one person on one stage and round",
                    moved.review.id
                )));
            }
        }
        self.set_open_stages(&moved.review, &moved.open).await
    }
}

/// A review as a project move carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedReview {
    pub review: StoredReview,
    pub decisions: Vec<StoredDecision>,
    pub open: Vec<OpenStage>,
}

impl Tx {
    /// Every review of the project with its decisions and open stages.
    pub async fn moved_reviews(&mut self, project: &ProjectId) -> Result<Vec<MovedReview>> {
        let mut out = Vec::new();
        for review in self.reviews_of_project(project).await? {
            let decisions = self.review_decisions(&review.id).await?;
            let open = self.open_stages(&review.id).await?;
            out.push(MovedReview {
                review,
                decisions,
                open,
            });
        }
        Ok(out)
    }
}
