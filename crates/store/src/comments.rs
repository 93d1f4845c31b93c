//! Comments on documents and assets, with their threads. What a comment says never changes
//! (a trigger refuses it on both backends); only whether its thread is resolved.

use crate::open::Store;
use crate::query::Statement;
use crate::rows::DbRow;
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::ids::{AssetId, CommentId, DocumentId, ProjectId, ReviewId, UserId};

/// A stored comment; `anchor` is `domain::comment::CommentAnchor` as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    pub id: CommentId,
    pub project_id: ProjectId,
    pub document_id: Option<DocumentId>,
    pub asset_id: Option<AssetId>,
    pub review_id: Option<ReviewId>,
    pub round: Option<i64>,
    pub thread_id: CommentId,
    pub reply_to: Option<CommentId>,
    pub anchor: String,
    pub quote: Option<String>,
    pub body: String,
    pub author_id: UserId,
    /// Read from the author's profile; not written.
    pub author_name: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub resolved_by: Option<UserId>,
    /// Read from the resolver's profile; not written.
    pub resolved_by_name: Option<String>,
}

macro_rules! comments_where {
    ($rest:literal) => {
        concat!(
            "SELECT c.id, c.project_id, c.document_id, c.asset_id, c.review_id, c.round,
                c.thread_id, c.reply_to, c.anchor, c.quote, c.body, c.author_id,
                a.name AS author_name, c.created_at, c.resolved_at, c.resolved_by,
                r.name AS resolver_name
             FROM comments c JOIN profiles a ON a.id = c.author_id
             LEFT JOIN profiles r ON r.id = c.resolved_by ",
            $rest
        )
    };
}

fn comment(r: &dyn DbRow) -> Result<StoredComment> {
    Ok(StoredComment {
        id: CommentId(r.text("id")?),
        project_id: ProjectId(r.text("project_id")?),
        document_id: r.opt_text("document_id")?.map(DocumentId),
        asset_id: r.opt_text("asset_id")?.map(AssetId),
        review_id: r.opt_text("review_id")?.map(ReviewId),
        round: r.opt_int("round")?,
        thread_id: CommentId(r.text("thread_id")?),
        reply_to: r.opt_text("reply_to")?.map(CommentId),
        anchor: r.text("anchor")?,
        quote: r.opt_text("quote")?,
        body: r.text("body")?,
        author_id: UserId(r.text("author_id")?),
        author_name: r.text("author_name")?,
        created_at: r.int("created_at")?,
        resolved_at: r.opt_int("resolved_at")?,
        resolved_by: r.opt_text("resolved_by")?.map(UserId),
        resolved_by_name: r.opt_text("resolver_name")?,
    })
}

/// At most this many comments in one list (oldest first).
pub const COMMENT_LIST_LIMIT: i64 = 5_000;

fn by_id(id: &CommentId) -> Statement<'_> {
    Statement::new(comments_where!("WHERE c.id = $1")).text(id.as_str())
}

impl Store {
    /// The comment `id`.
    pub async fn comment(&self, id: &CommentId) -> Result<StoredComment> {
        self.one(by_id(id), "comment", id.as_str(), comment).await
    }

    /// A document's comments, oldest first.
    pub async fn comments_of_document(&self, document: &DocumentId) -> Result<Vec<StoredComment>> {
        self.all(
            Statement::new(comments_where!(
                "WHERE c.document_id = $1 ORDER BY c.created_at, c.id LIMIT $2"
            ))
            .text(document.as_str())
            .int(COMMENT_LIST_LIMIT),
            comment,
        )
        .await
    }

    /// An asset's comments (on any of its versions), oldest first.
    pub async fn comments_of_asset(&self, asset: &AssetId) -> Result<Vec<StoredComment>> {
        self.all(
            Statement::new(comments_where!(
                "WHERE c.asset_id = $1 ORDER BY c.created_at, c.id LIMIT $2"
            ))
            .text(asset.as_str())
            .int(COMMENT_LIST_LIMIT),
            comment,
        )
        .await
    }
}

impl Tx {
    /// The comment `id`, inside the transaction.
    pub async fn comment(&mut self, id: &CommentId) -> Result<StoredComment> {
        self.one(by_id(id), "comment", id.as_str(), comment).await
    }

    /// Every comment of a project, oldest first (a move copies them).
    pub async fn project_comments(&mut self, project: &ProjectId) -> Result<Vec<StoredComment>> {
        self.all(
            Statement::new(comments_where!(
                "WHERE c.project_id = $1 ORDER BY c.created_at, c.id"
            ))
            .text(project.as_str()),
            comment,
        )
        .await
    }

    /// Records a comment (names are not written).
    pub async fn insert_comment(&mut self, c: &StoredComment) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO comments (id, project_id, document_id, asset_id, review_id, round,
                     thread_id, reply_to, anchor, quote, body, author_id, created_at,
                     resolved_at, resolved_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            )
            .text(c.id.as_str())
            .text(c.project_id.as_str())
            .opt_text(c.document_id.as_ref().map(|d| d.as_str()))
            .opt_text(c.asset_id.as_ref().map(|a| a.as_str()))
            .opt_text(c.review_id.as_ref().map(|r| r.as_str()))
            .opt_int(c.round)
            .text(c.thread_id.as_str())
            .opt_text(c.reply_to.as_ref().map(|r| r.as_str()))
            .text(&c.anchor)
            .opt_text(c.quote.as_deref())
            .text(&c.body)
            .text(c.author_id.as_str())
            .int(c.created_at)
            .opt_int(c.resolved_at)
            .opt_text(c.resolved_by.as_ref().map(|r| r.as_str())),
        )
        .await?;
        Ok(())
    }

    /// Resolves (`Some((by, at))`) or reopens (`None`) the thread whose first comment is
    /// `thread`; false when it already was so.
    pub async fn set_thread_resolved(
        &mut self,
        thread: &CommentId,
        resolved: Option<(&UserId, i64)>,
    ) -> Result<bool> {
        let n = match resolved {
            Some((by, at)) => {
                self.exec(
                    Statement::new(
                        "UPDATE comments SET resolved_at = $2, resolved_by = $3
                         WHERE id = $1 AND resolved_at IS NULL",
                    )
                    .text(thread.as_str())
                    .int(at)
                    .text(by.as_str()),
                )
                .await?
            }
            None => {
                self.exec(
                    Statement::new(
                        "UPDATE comments SET resolved_at = NULL, resolved_by = NULL
                         WHERE id = $1 AND resolved_at IS NOT NULL",
                    )
                    .text(thread.as_str()),
                )
                .await?
            }
        };
        Ok(n == 1)
    }
}
