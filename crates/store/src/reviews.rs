//! Reviews: a subject (a document revision or an asset version) going through a workflow.
//! The life cycle is `domain::workflow`'s; this stores its state with the decisions on record
//! and the stages open now (what the inbox reads). A change of a review names the version it
//! was computed from, so two decisions at the same instant apply one after the other. On a
//! team server the database checks who may request, decide and lock (postgres/0006_reviews).

use crate::open::Store;
use crate::query::Statement;
use crate::rows::DbRow;
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::ids::{DocumentId, ProjectId, ReviewId, UserId};

/// A stored review. `workflow` and `state` are `domain::workflow` types as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReview {
    pub id: ReviewId,
    pub project_id: ProjectId,
    /// `revision` or `asset`.
    pub subject_kind: String,
    pub document_id: Option<DocumentId>,
    pub asset_id: Option<String>,
    /// The revision or asset version under review.
    pub subject_id: String,
    /// Who made the subject (their approval counts only where a stage allows self-approval).
    pub subject_author: UserId,
    pub approved_subject_id: Option<String>,
    pub title: String,
    /// The scenes under review (`3-5`), or `None` for the whole subject.
    pub scope: Option<String>,
    pub workflow_name: String,
    pub workflow: String,
    pub state: String,
    pub status: String,
    pub round: i64,
    pub requested_by: UserId,
    /// Read from the requester's profile; not written.
    pub requested_by_name: String,
    pub requested_at: i64,
    pub due_at: Option<i64>,
    pub updated_at: i64,
    /// Grows by one with each change.
    pub version: i64,
}

/// A stage open for decisions by holders of `role`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenStage {
    pub stage: String,
    pub role: String,
    pub round: i64,
    pub opened_at: i64,
    pub due_at: Option<i64>,
}

/// A decision on record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDecision {
    pub round: i64,
    pub stage: String,
    pub person_id: UserId,
    /// Read from the person's profile; not written.
    pub person_name: String,
    pub verdict: String,
    pub comment: Option<String>,
    pub subject_id: String,
    pub decided_at: i64,
}

/// `SELECT` of reviews (as `r`, with the requester's profile as `p`) followed by `$rest`.
macro_rules! reviews_where {
    ($($rest:expr),+) => {
        concat!(
            "SELECT r.id, r.project_id, r.subject_kind, r.document_id, r.asset_id,
                r.subject_id, r.subject_author, r.approved_subject_id, r.title, r.scope, r.workflow_name,
                r.workflow, r.state, r.status, r.round, r.requested_by,
                p.name AS requester_name, r.requested_at, r.due_at, r.updated_at, r.version
             FROM reviews r JOIN profiles p ON p.id = r.requested_by ",
            $($rest),+
        )
    };
}

fn review(r: &dyn DbRow) -> Result<StoredReview> {
    Ok(StoredReview {
        id: ReviewId(r.text("id")?),
        project_id: ProjectId(r.text("project_id")?),
        subject_kind: r.text("subject_kind")?,
        document_id: r.opt_text("document_id")?.map(DocumentId),
        asset_id: r.opt_text("asset_id")?,
        subject_id: r.text("subject_id")?,
        subject_author: UserId(r.text("subject_author")?),
        approved_subject_id: r.opt_text("approved_subject_id")?,
        title: r.text("title")?,
        scope: r.opt_text("scope")?,
        workflow_name: r.text("workflow_name")?,
        workflow: r.text("workflow")?,
        state: r.text("state")?,
        status: r.text("status")?,
        round: r.int("round")?,
        requested_by: UserId(r.text("requested_by")?),
        requested_by_name: r.text("requester_name")?,
        requested_at: r.int("requested_at")?,
        due_at: r.opt_int("due_at")?,
        updated_at: r.int("updated_at")?,
        version: r.int("version")?,
    })
}

fn decision(r: &dyn DbRow) -> Result<StoredDecision> {
    Ok(StoredDecision {
        round: r.int("round")?,
        stage: r.text("stage")?,
        person_id: UserId(r.text("person_id")?),
        person_name: r.text("person_name")?,
        verdict: r.text("verdict")?,
        comment: r.opt_text("comment")?,
        subject_id: r.text("subject_id")?,
        decided_at: r.int("decided_at")?,
    })
}

/// Open stages for `$1`'s roles that `$1` has not decided in their round.
macro_rules! undecided_for_me {
    () => {
        "JOIN member_roles m ON m.project_id = s.project_id AND m.role = s.role
                          AND m.person_id = $1
         WHERE NOT EXISTS (SELECT 1 FROM review_decisions d
                           WHERE d.review_id = s.review_id AND d.round = s.round
                             AND d.stage = s.stage AND d.person_id = $1)"
    };
}

const WAITING_BY_WALK: &str = reviews_where!(
    "WHERE r.status = 'in_review' AND EXISTS (
         SELECT 1 FROM review_open_stages s ",
    undecided_for_me!(),
    " AND s.review_id = r.id)
     ORDER BY r.updated_at DESC, r.id LIMIT $2"
);

const WAITING_BY_STAGES: &str = concat!(
    "WITH waiting AS (
         SELECT s.review_id, MAX(s.updated_at) AS at FROM review_open_stages s ",
    undecided_for_me!(),
    " GROUP BY s.review_id ORDER BY at DESC, s.review_id LIMIT $2) ",
    reviews_where!(
        "JOIN waiting w ON w.review_id = r.id WHERE r.status = 'in_review'
         ORDER BY r.updated_at DESC, r.id"
    )
);

/// At most this many reviews in one list (newest first).
pub const REVIEW_LIST_LIMIT: i64 = 500;

fn by_id(id: &ReviewId) -> Statement<'_> {
    Statement::new(reviews_where!("WHERE r.id = $1")).text(id.as_str())
}

fn decisions_of(id: &ReviewId) -> Statement<'_> {
    Statement::new(
        "SELECT d.round, d.stage, d.person_id, p.name AS person_name, d.verdict, d.comment,
                d.subject_id, d.decided_at
         FROM review_decisions d JOIN profiles p ON p.id = d.person_id
         WHERE d.review_id = $1 ORDER BY d.seq",
    )
    .text(id.as_str())
}

impl Store {
    /// The review `id`.
    pub async fn review(&self, id: &ReviewId) -> Result<StoredReview> {
        self.one(by_id(id), "review", id.as_str(), review).await
    }

    /// Every decision on record for `id`, in the order they were made.
    pub async fn review_decisions(&self, id: &ReviewId) -> Result<Vec<StoredDecision>> {
        self.all(decisions_of(id), decision).await
    }

    /// The reviews with a stage open for `person`'s roles that they have not decided in the
    /// current round (newest change first). One indexed join: the inbox's query.
    pub async fn reviews_waiting_for(&self, person: &UserId) -> Result<Vec<StoredReview>> {
        // One meaning, two shapes, each the one its planner runs fastest (docs/BENCHMARKS.md,
        // "Review inbox"); the contract suite checks both. SQLite walks the reviews in review
        // newest first and stops at the limit, probing each review's open stages. PostgreSQL
        // would turn that walk into a join over every match (and check row-level security on
        // each review), so it orders and cuts the open stages first: each row carries its
        // review's updated_at.
        let sql = match self.backend() {
            crate::Backend::Sqlite => WAITING_BY_WALK,
            crate::Backend::Postgres => WAITING_BY_STAGES,
        };
        self.all(
            Statement::new(sql)
                .text(person.as_str())
                .int(REVIEW_LIST_LIMIT),
            review,
        )
        .await
    }

    /// The reviews `person` requested, newest change first.
    pub async fn reviews_requested_by(&self, person: &UserId) -> Result<Vec<StoredReview>> {
        self.all(
            Statement::new(reviews_where!(
                "WHERE r.requested_by = $1 ORDER BY r.updated_at DESC, r.id LIMIT $2"
            ))
            .text(person.as_str())
            .int(REVIEW_LIST_LIMIT),
            review,
        )
        .await
    }

    /// A project's reviews, newest change first.
    pub async fn reviews_of_project(&self, project: &ProjectId) -> Result<Vec<StoredReview>> {
        self.all(
            Statement::new(reviews_where!(
                "WHERE r.project_id = $1 ORDER BY r.updated_at DESC, r.id LIMIT $2"
            ))
            .text(project.as_str())
            .int(REVIEW_LIST_LIMIT),
            review,
        )
        .await
    }

    /// An asset's reviews, newest change first.
    pub async fn reviews_of_asset(
        &self,
        asset: &greenlight_domain::ids::AssetId,
    ) -> Result<Vec<StoredReview>> {
        self.all(
            Statement::new(reviews_where!(
                "WHERE r.asset_id = $1 ORDER BY r.updated_at DESC, r.id LIMIT $2"
            ))
            .text(asset.as_str())
            .int(REVIEW_LIST_LIMIT),
            review,
        )
        .await
    }

    /// A document's reviews, newest change first.
    pub async fn reviews_of_document(&self, document: &DocumentId) -> Result<Vec<StoredReview>> {
        self.all(
            Statement::new(reviews_where!(
                "WHERE r.document_id = $1 ORDER BY r.updated_at DESC, r.id LIMIT $2"
            ))
            .text(document.as_str())
            .int(REVIEW_LIST_LIMIT),
            review,
        )
        .await
    }
}

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

fn open_stage(r: &dyn DbRow) -> Result<OpenStage> {
    Ok(OpenStage {
        stage: r.text("stage")?,
        role: r.text("role")?,
        round: r.int("round")?,
        opened_at: r.int("opened_at")?,
        due_at: r.opt_int("due_at")?,
    })
}
