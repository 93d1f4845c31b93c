//! Revision use-cases: save, merge, list, read, diff. Exports are in [`crate::export`].

use crate::app::Greenlight;
use crate::documents::{check_size, revision_event};
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::diff::{word_diff, WordDiff};
use greenlight_domain::ids::{DocumentId, RevisionId};
use greenlight_domain::merge::{merge_texts, RevisionMerge};
use greenlight_domain::permission::Action;
use greenlight_domain::revision::{content_hash, Revision, RevisionMeta};
use greenlight_domain::text::word_count;
use greenlight_domain::text_change::TextChange;

/// Immutable revisions of documents.
pub struct Revisions<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// Revisions: save, list, read, diff, export.
    pub fn revisions(&self) -> Revisions<'_> {
        Revisions { app: self }
    }
}

impl Revisions<'_> {
    /// Saves `text` as a new revision by `actor` whose parent is `parent` (the revision the
    /// edit started from). If the text equals the parent's, nothing is written and the parent
    /// is returned. If someone saved a newer revision meanwhile, fails with a conflict and
    /// writes nothing.
    ///
    /// `changes` are the editor's, from `parent` to `text`: the parent's attribution is carried
    /// exactly through them (moved text keeps its origin). Without them (a file, the CLI), or
    /// when they do not give exactly `text`, it is carried by a character diff. More changes
    /// than an editor sends are refused as invalid.
    pub async fn save(
        &self,
        actor: &Actor,
        document: &DocumentId,
        parent: Option<&RevisionId>,
        text: String,
        changes: Option<Vec<TextChange>>,
    ) -> Result<Revision> {
        if let Some(c) = &changes {
            crate::suggestions::check_changes(c)?;
        }
        let hash = content_hash(&text);
        let words = word_count(&text) as i64;
        let mut tx = self.app.store.begin().await?;
        let doc = tx.document(document).await?;
        self.app
            .require_in(&mut tx, actor, &doc.project_id, Action::ChangeText)
            .await?;
        check_size(&doc.title, &text)?;
        let parent_meta = match parent {
            Some(p) => Some(tx.revision_meta(p).await?),
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
                author_id: actor.id.clone(),
                author_name: actor.name.clone(),
                content_hash: hash,
                word_count: words,
                created_at: now,
            },
            text,
        };
        let doc = tx.insert_revision(&revision).await?;
        let parent_words = parent_meta.map_or(0, |p| p.word_count);
        tx.append_event(revision_event(actor, &doc, &revision, parent_words), now)
            .await?;
        crate::suggestions::after_save(&mut tx, actor, &doc, parent, &revision, changes).await?;
        crate::reviews::after_revision(&mut tx, actor, &doc, &revision).await?;
        tx.commit().await?;
        Ok(revision)
    }

    /// Merges `mine` (unsaved text edited from `base`, or from an empty text when `base` is
    /// `None`) with the document's newest revision, for a save refused as a conflict. Writes
    /// nothing: the person checks the result in the editor, then saves it with
    /// `head` as its parent.
    pub async fn merge(
        &self,
        document: &DocumentId,
        base: Option<&RevisionId>,
        mine: String,
    ) -> Result<RevisionMerge> {
        let doc = self.app.store.get_document(document).await?;
        check_size(&doc.title, &mine)?;
        // A refused save implies a newer revision; a document without one has nothing to merge.
        let Some(head_id) = doc.head_revision_id else {
            return Err(CoreError::NotFound {
                what: "newest revision",
                id: doc.id.to_string(),
            });
        };
        let base_text = match base {
            Some(id) => {
                let base = self.app.store.get_revision(id).await?;
                if base.meta.document_id != doc.id {
                    return Err(CoreError::Conflict(
                        "the revision this edit started from belongs to another document".into(),
                    ));
                }
                base.text
            }
            None => String::new(),
        };
        let head = self.app.store.get_revision(&head_id).await?;
        crate::blocking::run(move || {
            let label = format!("saved by {}", head.meta.author_name);
            let merged = merge_texts(&base_text, &mine, &head.text, &label);
            Ok(RevisionMerge {
                head: head.meta,
                theirs_text: head.text,
                merged_text: merged.text,
                clean: merged.conflicts == 0,
                conflicts: merged.conflicts,
                markers: merged.markers,
            })
        })
        .await
    }

    pub async fn list(&self, document: &DocumentId) -> Result<Vec<RevisionMeta>> {
        self.app.store.get_document(document).await?;
        Ok(self.app.store.list_revisions(document).await?)
    }

    /// The document a revision belongs to.
    pub async fn document_of(
        &self,
        id: &RevisionId,
    ) -> Result<greenlight_domain::document::Document> {
        let meta = self.app.store.get_revision_meta(id).await?;
        Ok(self.app.store.get_document(&meta.document_id).await?)
    }

    pub async fn get(&self, id: &RevisionId) -> Result<Revision> {
        Ok(self.app.store.get_revision(id).await?)
    }

    /// Word diff from `from` to `to` (any two revisions, of any documents).
    pub async fn diff(&self, from: &RevisionId, to: &RevisionId) -> Result<WordDiff> {
        let a = self.app.store.get_revision(from).await?;
        let b = self.app.store.get_revision(to).await?;
        crate::blocking::run(move || Ok(word_diff(a.meta.id, &a.text, b.meta.id, &b.text))).await
    }
}
