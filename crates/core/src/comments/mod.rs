//! Comments on documents and assets: anchored to a span of a revision (carried to later
//! revisions, outdated when its words are deleted), a region of an image, a time of a video or
//! audio file, a page of a PDF, or the whole; threads with replies, resolved and reopened.
//! Every member may comment (`Action::Comment`); each comment and each resolution is on the
//! ledger in the same transaction.

use crate::app::{event, Greenlight};
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::comment::{CommentAnchor, CommentInfo, MAX_COMMENT_CHARS};
use greenlight_domain::error::fields;
use greenlight_domain::events::payloads::{CommentAdded, CommentResolved};
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{AssetId, CommentId, DocumentId, ProjectId, ReviewId};
use greenlight_domain::permission::Action;
use greenlight_domain::DomainError;
use greenlight_store::StoredComment;

/// What a comment is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentOn {
    Document(DocumentId),
    Asset(AssetId),
}

/// A comment to add.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub on: CommentOn,
    /// Ignored for a reply, which is about what its thread is about.
    pub anchor: CommentAnchor,
    pub body: String,
    pub reply_to: Option<CommentId>,
    /// The review it is made in (its round is recorded).
    pub review: Option<ReviewId>,
}

/// Comments and their threads.
pub struct Comments<'a> {
    app: &'a Greenlight,
}

impl Greenlight {
    pub fn comments(&self) -> Comments<'_> {
        Comments { app: self }
    }
}

fn invalid(field: greenlight_domain::error::Field, reason: impl Into<String>) -> CoreError {
    CoreError::Invalid(DomainError::Refused {
        field,
        reason: reason.into(),
    })
}

/// The subject's project and title.
struct Subject {
    project: ProjectId,
    title: String,
}

impl Comments<'_> {
    /// `actor` comments (or replies).
    pub async fn add(&self, actor: &Actor, new: NewComment) -> Result<CommentInfo> {
        let body = new.body.trim().to_owned();
        if body.is_empty() {
            return Err(invalid(fields::COMMENT, "the comment is empty"));
        }
        if body.chars().count() > MAX_COMMENT_CHARS {
            return Err(invalid(
                fields::COMMENT,
                format!("the comment is longer than {MAX_COMMENT_CHARS} characters"),
            ));
        }
        let store = &self.app.store;
        let subject = self.subject(&new.on).await?;
        let (thread_id, anchor, quote) = match &new.reply_to {
            Some(parent) => {
                let p = store.comment(parent).await?;
                if on_of(&p) != new.on {
                    return Err(invalid(
                        fields::COMMENT,
                        "a reply is about the same document or asset as its thread",
                    ));
                }
                let anchor = parse_anchor(&p)?;
                (Some(p.thread_id), anchor, p.quote)
            }
            None => {
                let quote = self.check_anchor(&new.on, &new.anchor).await?;
                (None, new.anchor.clone(), quote)
            }
        };
        let now = now_ms();
        let id = CommentId::new();
        let mut tx = store.begin().await?;
        self.app
            .require_in(&mut tx, actor, &subject.project, Action::Comment)
            .await?;
        let round = match &new.review {
            Some(r) => {
                let review = tx.review(r).await?;
                let same = match &new.on {
                    CommentOn::Document(d) => review.document_id.as_ref() == Some(d),
                    CommentOn::Asset(a) => review.asset_id.as_deref() == Some(a.as_str()),
                };
                if !same {
                    return Err(invalid(
                        fields::REVIEW,
                        "that review is of another document or asset",
                    ));
                }
                Some(review.round)
            }
            None => None,
        };
        let (document_id, asset_id) = match &new.on {
            CommentOn::Document(d) => (Some(d.clone()), None),
            CommentOn::Asset(a) => (None, Some(a.clone())),
        };
        let stored = StoredComment {
            id: id.clone(),
            project_id: subject.project.clone(),
            document_id: document_id.clone(),
            asset_id: asset_id.clone(),
            review_id: new.review.clone(),
            round,
            thread_id: thread_id.unwrap_or_else(|| id.clone()),
            reply_to: new.reply_to.clone(),
            anchor: serde_json::to_string(&anchor)
                .map_err(|e| CoreError::Internal(e.to_string()))?,
            quote,
            body: body.clone(),
            author_id: actor.id.clone(),
            author_name: actor.name.clone(),
            created_at: now,
            resolved_at: None,
            resolved_by: None,
            resolved_by_name: None,
        };
        tx.insert_comment(&stored).await?;
        tx.append_event(
            event(
                actor,
                format!("comment:{}", stored.thread_id),
                Some(&subject.project),
                EventBody::CommentAdded(CommentAdded {
                    comment_id: id,
                    thread_id: stored.thread_id.clone(),
                    document_id,
                    asset_id,
                    review_id: new.review,
                    title: subject.title,
                    anchor: anchor_kind(&anchor).into(),
                    body,
                }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        shown(stored, None)
    }

    /// `actor` resolves (or reopens) the thread `thread` (any of its comments names it).
    pub async fn resolve(
        &self,
        actor: &Actor,
        comment: &CommentId,
        resolved: bool,
    ) -> Result<CommentInfo> {
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        let c = tx.comment(comment).await?;
        let root = tx.comment(&c.thread_id).await?;
        self.app
            .require_in(&mut tx, actor, &root.project_id, Action::Comment)
            .await?;
        let by = resolved.then_some((&actor.id, now));
        if !tx.set_thread_resolved(&root.id, by).await? {
            return Err(CoreError::Conflict(format!(
                "this thread is already {}",
                if resolved { "resolved" } else { "open" }
            )));
        }
        let title = self
            .subject(&on_of(&root))
            .await
            .map(|s| s.title)
            .unwrap_or_default();
        let body = CommentResolved {
            thread_id: root.id.clone(),
            document_id: root.document_id.clone(),
            asset_id: root.asset_id.clone(),
            title,
        };
        tx.append_event(
            event(
                actor,
                format!("comment:{}", root.id),
                Some(&root.project_id),
                if resolved {
                    EventBody::CommentResolved(body)
                } else {
                    EventBody::CommentReopened(body)
                },
            ),
            now,
        )
        .await?;
        let after = tx.comment(&root.id).await?;
        tx.commit().await?;
        shown(after, None)
    }

    async fn subject(&self, on: &CommentOn) -> Result<Subject> {
        Ok(match on {
            CommentOn::Document(d) => {
                let doc = self.app.store.get_document(d).await?;
                Subject {
                    project: doc.project_id,
                    title: doc.title,
                }
            }
            CommentOn::Asset(a) => {
                let asset = self.app.assets().get(a).await?.asset;
                Subject {
                    project: asset.project_id,
                    title: asset.name,
                }
            }
        })
    }
}

mod anchor;
mod list;

use anchor::{anchor_kind, on_of, parse_anchor, shown};
