//! Listing comments: a document's (passages carried to the revision shown) and an asset's.

use super::{shown, Comments};
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::comment::{carry_span, CommentAnchor, CommentInfo};
use greenlight_domain::ids::{AssetId, DocumentId, RevisionId};
use std::collections::HashMap;

impl Comments<'_> {
    /// A document's comments, oldest first, with spans carried to `revision` (the newest
    /// when `None`).
    pub async fn of_document(
        &self,
        document: &DocumentId,
        revision: Option<&RevisionId>,
    ) -> Result<Vec<CommentInfo>> {
        let store = &self.app.store;
        let doc = store.get_document(document).await?;
        let rows = store.comments_of_document(&doc.id).await?;
        let target = match revision.or(doc.head_revision_id.as_ref()) {
            Some(r) => {
                let rev = store.get_revision(r).await?;
                if rev.meta.document_id != doc.id {
                    return Err(CoreError::Conflict(
                        "that revision belongs to another document".into(),
                    ));
                }
                Some(rev)
            }
            None => None,
        };
        let mut texts: HashMap<RevisionId, String> = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let anchor = super::parse_anchor(&row)?;
            let carried = match (&anchor, &target) {
                (
                    CommentAnchor::Span {
                        revision_id,
                        start,
                        end,
                    },
                    Some(t),
                ) => {
                    if !texts.contains_key(revision_id) {
                        let text = store.get_revision(revision_id).await?.text;
                        texts.insert(revision_id.clone(), text);
                    }
                    let old = texts.get(revision_id).cloned().unwrap_or_default();
                    let new = t.text.clone();
                    let (s, e) = (*start as usize, *end as usize);
                    Some(crate::blocking::run(move || Ok(carry_span(&old, &new, s, e))).await?)
                }
                _ => None,
            };
            out.push(shown(row, carried)?);
        }
        Ok(out)
    }

    /// An asset's comments (on every version), oldest first.
    pub async fn of_asset(&self, asset: &AssetId) -> Result<Vec<CommentInfo>> {
        self.app.assets().versions(asset).await?;
        self.app
            .store
            .comments_of_asset(asset)
            .await?
            .into_iter()
            .map(|c| shown(c, None))
            .collect()
    }
}
