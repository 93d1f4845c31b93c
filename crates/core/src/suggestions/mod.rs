//! Suggestions: takes of a model on a passage that a person accepts (whole, after editing,
//! or some of its hunks), rejects with a reason, or leaves until they go stale; and every
//! revision's attribution (which characters came from which suggestion).
//!
//! The life cycle's rules are the pure state machine of `domain::suggestion`; this module
//! carries out its effects, each state change in one transaction with its ledger events.
//! Text from a model reaches a document only through [`Suggestions::accept`], which saves a
//! revision on the same path as a person's save (its parent is the document's newest
//! revision, or it is refused). Every save moves the document's pending suggestions with
//! their passages, or marks them stale when the passage itself changed.

mod attribution;
mod decide;
mod edits;
mod local;
mod vary;

pub(crate) use attribution::after_save;
pub(crate) use edits::check as check_changes;

use crate::app::Greenlight;
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::ids::{DocumentId, SuggestionId};
use greenlight_domain::suggestion::TransitionError;
use greenlight_domain::suggestion_record::Suggestion;
use greenlight_domain::DomainError;

/// Suggestions and attribution of documents.
pub struct Suggestions<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// Suggestions: ask for takes, accept, reject, undo, reopen; attribution of revisions.
    pub fn suggestions(&self) -> Suggestions<'_> {
        Suggestions { app: self }
    }
}

impl Suggestions<'_> {
    /// A document's suggestions, oldest first, decided ones included.
    pub async fn list(&self, document: &DocumentId) -> Result<Vec<Suggestion>> {
        self.app
            .store
            .get_document(document)
            .await
            .map_err(|e| self.app.not_shared(e, "document"))?;
        Ok(self.app.store.list_suggestions(document).await?)
    }

    pub async fn get(&self, id: &SuggestionId) -> Result<Suggestion> {
        self.app
            .store
            .get_suggestion(id)
            .await
            .map_err(|e| self.app.not_shared(e, "suggestion"))
    }
}

/// A refused transition, as the person reads it.
fn refused(e: TransitionError) -> CoreError {
    use greenlight_domain::error::fields;
    match e {
        TransitionError::NoHunks | TransitionError::NoSuchHunk(..) => {
            CoreError::Invalid(DomainError::Refused {
                field: fields::HUNKS,
                reason: e.to_string(),
            })
        }
        other => CoreError::Conflict(other.to_string()),
    }
}

/// Milliseconds as stored: never negative (clocks of two machines may disagree).
fn elapsed(from: i64, to: i64) -> i64 {
    (to - from).max(0)
}
