//! A save's attribution from the editor's changes (see `domain::text_change`).
//!
//! The changes come from the web view and are not trusted: a moved insertion keeps its
//! origins only when the revision it names belongs to the same document and holds exactly
//! that text there; and when the changes do not turn the parent's text into exactly the saved
//! text, the save is carried by a character diff instead, as a save from outside the editor.

use super::attribution::attribution_of;
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::attribution::{Attribution, Origin};
use greenlight_domain::document::Document;
use greenlight_domain::error::fields;
use greenlight_domain::ids::RevisionId;
use greenlight_domain::revision::Revision;
use greenlight_domain::text_change::{apply_changes, check_changes, MovedSource, TextChange};
use greenlight_domain::DomainError;
use greenlight_store::Tx;
use std::collections::{HashMap, HashSet};

/// Most distinct revisions one save's moved text is looked up in. The editor only names the
/// revision the edit started from; the bound keeps a hostile list from reading the database
/// thousands of times.
const MAX_MOVED_SOURCES: usize = 8;

/// Refuses changes larger than any honest editor session sends, before anything is read.
pub(crate) fn check(changes: &[TextChange]) -> Result<()> {
    check_changes(changes).map_err(|e| {
        CoreError::Invalid(DomainError::Refused {
            field: fields::CHANGES,
            reason: format!("{e}; save again to record the text as it is"),
        })
    })
}

/// The attribution of `revision`, saved from `parent` (whose attribution is `before`) by
/// `changes`; by a character diff when the changes do not give exactly its text.
pub(crate) async fn carry_by_changes(
    tx: &mut Tx,
    doc: &Document,
    parent: Revision,
    before: Attribution,
    revision: &Revision,
    changes: Vec<TextChange>,
) -> Result<Attribution> {
    let sources = moved_sources(tx, doc, &parent, &before, &changes).await?;
    let saved = revision.text.clone();
    let id = revision.meta.id.clone();
    crate::blocking::run(move || {
        let edited = apply_changes(&parent.text, &before, &changes, |m, inserted| {
            sources.get(&m.revision)?.origins(m.start, inserted)
        });
        Ok(match edited {
            Ok(e) if e.text == saved => e.attribution,
            outcome => {
                let why = match outcome {
                    Ok(_) => "they give another text than the one saved".to_string(),
                    Err(e) => e.to_string(),
                };
                tracing::warn!(
                    revision = %id,
                    changes = changes.len(),
                    "the editor's changes do not apply ({why}); attribution carried by a character diff"
                );
                before.carry_by_diff(&parent.text, &saved, &Origin::Human)
            }
        })
    })
    .await
}

/// The revisions `changes` claim moved text from, with their attributions: those of `doc`,
/// at most [`MAX_MOVED_SOURCES`] of them. Others are left out (their claims count as typing).
async fn moved_sources(
    tx: &mut Tx,
    doc: &Document,
    parent: &Revision,
    before: &Attribution,
    changes: &[TextChange],
) -> Result<HashMap<RevisionId, MovedSource>> {
    let mut sources = HashMap::new();
    let mut tried = HashSet::new();
    for m in changes.iter().filter_map(|c| c.moved_from.as_ref()) {
        if tried.len() >= MAX_MOVED_SOURCES || !tried.insert(m.revision.clone()) {
            continue;
        }
        let source = if m.revision == parent.meta.id {
            Some(source(&parent.text, before.clone())?)
        } else if looks_like_an_id(&m.revision) {
            match Tx::revision(tx, &m.revision).await {
                Ok(rev) if rev.meta.document_id == doc.id => {
                    let attribution = attribution_of(tx, &rev).await?;
                    Some(source(&rev.text, attribution)?)
                }
                Ok(_) | Err(greenlight_store::StoreError::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            }
        } else {
            None
        };
        if let Some(s) = source {
            sources.insert(m.revision.clone(), s);
        }
    }
    Ok(sources)
}

fn source(text: &str, attribution: Attribution) -> Result<MovedSource> {
    MovedSource::new(text, attribution).map_err(|e| CoreError::Internal(e.to_string()))
}

/// Whether `id` has the shape of a revision id (a hyphenated UUID), so that a forged one
/// (a NUL byte, megabytes of text) is never sent to the database inside the save.
fn looks_like_an_id(id: &RevisionId) -> bool {
    let s = id.as_str();
    s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}
