//! Revision use-cases: save, list, read, diff, export.

use crate::app::Greenlight;
use crate::documents::check_size;
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::diff::{word_diff, WordDiff};
use greenlight_domain::ids::{DocumentId, RevisionId};

use greenlight_domain::revision::{content_hash, Revision, RevisionMeta};
use greenlight_domain::text::word_count;

impl Greenlight {
    /// Saves `text` as a new revision whose parent is `parent` (the revision the edit started
    /// from). If the text equals the parent's, nothing is written and the parent is returned.
    /// If someone saved a newer revision meanwhile, fails with a conflict and writes nothing.
    pub async fn save_revision(
        &self,
        document: &DocumentId,
        parent: Option<&RevisionId>,
        text: String,
    ) -> Result<Revision> {
        let hash = content_hash(&text);
        let mut tx = self.store.begin().await?;
        let doc = tx.document(document).await?;
        check_size(&doc.title, &text)?;
        let parent_meta = match parent {
            Some(p) => Some(self.store.get_revision_meta(p).await?),
            None => None,
        };
        if let Some(pm) = &parent_meta {
            if pm.document_id != doc.id {
                return Err(CoreError::Conflict(
                    "the revision this edit started from belongs to another document".into(),
                ));
            }
            if pm.content_hash == hash && doc.head_revision_id.as_ref() == Some(&pm.id) {
                return Ok(Revision {
                    meta: pm.clone(),
                    text,
                });
            }
        }
        let now = now_ms();
        let revision = Revision {
            meta: RevisionMeta {
                id: RevisionId::new(),
                document_id: doc.id.clone(),
                parent_id: parent.cloned(),
                author_id: self.me().id,
                author_name: self.me().name,
                content_hash: hash,
                word_count: word_count(&text) as i64,
                created_at: now,
            },
            text,
        };
        let doc = tx.insert_revision(&revision).await?;
        let parent_words = parent_meta.map_or(0, |p| p.word_count);
        tx.append_event(self.revision_event(&doc, &revision, parent_words), now)
            .await?;
        tx.commit().await?;
        Ok(revision)
    }

    pub async fn list_revisions(&self, document: &DocumentId) -> Result<Vec<RevisionMeta>> {
        self.store.get_document(document).await?;
        Ok(self.store.list_revisions(document).await?)
    }

    pub async fn get_revision(&self, id: &RevisionId) -> Result<Revision> {
        Ok(self.store.get_revision(id).await?)
    }

    /// Word diff from `from` to `to` (any two revisions, of any documents).
    pub async fn diff_revisions(&self, from: &RevisionId, to: &RevisionId) -> Result<WordDiff> {
        let a = self.store.get_revision(from).await?;
        let b = self.store.get_revision(to).await?;
        Ok(word_diff(a.meta.id, &a.text, b.meta.id, &b.text))
    }
}
