//! Reviews: a subject (a document revision or an asset version) going through a workflow.
//! The life cycle is `domain::workflow`'s; this stores its state with the decisions on record
//! and the stages open now (what the inbox reads). A change of a review names the version it
//! was computed from, so two decisions at the same instant apply one after the other. On a
//! team server the database checks who may request, decide and lock (postgres/0006_reviews).

use crate::open::Store;
use crate::query::Statement;
use crate::rows::DbRow;
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

fn open_stage(r: &dyn DbRow) -> Result<OpenStage> {
    Ok(OpenStage {
        stage: r.text("stage")?,
        role: r.text("role")?,
        round: r.int("round")?,
        opened_at: r.int("opened_at")?,
        due_at: r.opt_int("due_at")?,
    })
}

mod write;
pub use write::MovedReview;
