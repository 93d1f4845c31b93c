//! Document use-cases: create, rename, list. Importing files is in [`crate::import`], the
//! screenplay structure in [`crate::structure`].

use crate::app::{event, Greenlight};
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::document::{clean_document_title, Document, DocumentSummary, NewDocument};
use greenlight_domain::events::payloads::{
    DocumentCreated, DocumentImported, DocumentRenamed, RevisionSaved,
};
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{DocumentId, ProjectId, RevisionId};
use greenlight_domain::ledger::EventDraft;
use greenlight_domain::limits::MAX_DOCUMENT_BYTES;
use greenlight_domain::permission::Action;
use greenlight_domain::revision::{content_hash, Revision, RevisionMeta};
use greenlight_domain::text::word_count;

/// Documents of projects.
pub struct Documents<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// Documents: create, rename, list, import, structure.
    pub fn documents(&self) -> Documents<'_> {
        Documents { app: self }
    }
}

impl Documents<'_> {
    pub async fn list(&self, project: &ProjectId) -> Result<Vec<DocumentSummary>> {
        self.app.store.get_project(project).await?;
        Ok(self.app.store.list_documents(project).await?)
    }

    pub async fn get(&self, id: &DocumentId) -> Result<Document> {
        self.app
            .store
            .get_document(id)
            .await
            .map_err(|e| self.app.not_shared(e, "document"))
    }

    /// Creates a document and its first revision (even when the text is empty, so every
    /// document has a head to diff against).
    pub async fn create(&self, actor: &Actor, input: NewDocument) -> Result<Document> {
        self.create_from(actor, input, None).await
    }

    /// Creates a document, recorded as imported from `imported_from` (a file name) if given.
    pub(crate) async fn create_from(
        &self,
        actor: &Actor,
        input: NewDocument,
        imported_from: Option<String>,
    ) -> Result<Document> {
        self.app
            .require(actor, &input.project_id, Action::CreateDocument)
            .await?;
        let title = clean_document_title(&input.title)?;
        check_size(&title, &input.text)?;
        let now = now_ms();
        let doc_id = DocumentId::new();
        let revision = Revision {
            meta: RevisionMeta {
                id: RevisionId::new(),
                document_id: doc_id.clone(),
                parent_id: None,
                author_id: actor.id.clone(),
                author_name: actor.name.clone(),
                content_hash: content_hash(&input.text),
                word_count: word_count(&input.text) as i64,
                created_at: now,
            },
            text: input.text,
        };
        let doc = Document {
            id: doc_id,
            project_id: input.project_id,
            title,
            kind: input.kind,
            format: input.format,
            head_revision_id: None,
            created_at: now,
            updated_at: now,
        };
        let body = match imported_from {
            Some(file_name) => EventBody::DocumentImported(DocumentImported {
                document_id: doc.id.clone(),
                title: doc.title.clone(),
                kind: doc.kind,
                format: doc.format,
                file_name,
            }),
            None => EventBody::DocumentCreated(DocumentCreated {
                document_id: doc.id.clone(),
                title: doc.title.clone(),
                kind: doc.kind,
                format: doc.format,
            }),
        };
        let mut tx = self.app.store.begin().await?;
        tx.project(&doc.project_id).await?;
        tx.insert_document(&doc).await?;
        tx.append_event(
            event(
                actor,
                format!("document:{}", doc.id),
                Some(&doc.project_id),
                body,
            ),
            now,
        )
        .await?;
        let doc = tx.insert_revision(&revision).await?;
        tx.append_event(revision_event(actor, &doc, &revision, 0), now)
            .await?;
        crate::suggestions::after_save(&mut tx, actor, &doc, None, &revision, None).await?;
        tx.commit().await?;
        Ok(doc)
    }

    pub async fn rename(&self, actor: &Actor, id: &DocumentId, title: &str) -> Result<Document> {
        let title = clean_document_title(title)?;
        let mut tx = self.app.store.begin().await?;
        let mut doc = tx.document(id).await?;
        if doc.title == title {
            return Ok(doc);
        }
        let from = std::mem::replace(&mut doc.title, title);
        doc.updated_at = now_ms();
        tx.update_document(&doc).await?;
        tx.append_event(
            event(
                actor,
                format!("document:{}", doc.id),
                Some(&doc.project_id),
                EventBody::DocumentRenamed(DocumentRenamed {
                    document_id: doc.id.clone(),
                    title: doc.title.clone(),
                    from,
                }),
            ),
            doc.updated_at,
        )
        .await?;
        tx.commit().await?;
        Ok(doc)
    }
}

/// The ledger event recording a saved revision. It carries the content hash, so the ledger
/// alone proves which text each revision had (`verify` recomputes it).
pub(crate) fn revision_event(
    actor: &Actor,
    doc: &Document,
    r: &Revision,
    parent_words: i64,
) -> EventDraft {
    event(
        actor,
        format!("revision:{}", r.meta.id),
        Some(&doc.project_id),
        EventBody::RevisionSaved(RevisionSaved {
            document_id: doc.id.clone(),
            title: doc.title.clone(),
            revision_id: r.meta.id.clone(),
            parent_id: r.meta.parent_id.clone(),
            content_hash: r.meta.content_hash.clone(),
            word_count: r.meta.word_count,
            word_delta: r.meta.word_count - parent_words,
        }),
    )
}

pub(crate) fn check_size(what: &str, text: &str) -> Result<()> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(CoreError::TooLarge {
            what: format!("“{what}”"),
            size: text.len() as u64,
            max: MAX_DOCUMENT_BYTES as u64,
        });
    }
    Ok(())
}
