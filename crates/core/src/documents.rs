//! Document use-cases: create, import, rename, list.

use crate::app::Greenlight;
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::document::{clean_document_title, Document, DocumentSummary, NewDocument};
use greenlight_domain::ids::{DocumentId, ProjectId, RevisionId};
use greenlight_domain::ledger::{EventDraft, EventKind};
use greenlight_domain::limits::MAX_DOCUMENT_BYTES;
use greenlight_domain::revision::{content_hash, Revision, RevisionMeta};
use greenlight_domain::text::word_count;
use serde_json::json;

impl Greenlight {
    pub async fn list_documents(&self, project: &ProjectId) -> Result<Vec<DocumentSummary>> {
        self.store.get_project(project).await?;
        Ok(self.store.list_documents(project).await?)
    }

    pub async fn get_document(&self, id: &DocumentId) -> Result<Document> {
        Ok(self.store.get_document(id).await?)
    }

    /// Creates a document and its first revision (even when the text is empty, so every
    /// document has a head to diff against).
    pub async fn create_document(&self, input: NewDocument) -> Result<Document> {
        self.create_document_from(input, None).await
    }

    pub(crate) async fn create_document_from(
        &self,
        input: NewDocument,
        imported_from: Option<String>,
    ) -> Result<Document> {
        let title = clean_document_title(&input.title)?;
        check_size(&title, &input.text)?;
        let now = now_ms();
        let doc_id = DocumentId::new();
        let revision = Revision {
            meta: RevisionMeta {
                id: RevisionId::new(),
                document_id: doc_id.clone(),
                parent_id: None,
                author_id: self.me().id,
                author_name: self.me().name,
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
        let mut tx = self.store.begin().await?;
        tx.project(&doc.project_id).await?;
        tx.insert_document(&doc).await?;
        let (kind, file) = match &imported_from {
            Some(f) => (EventKind::DocumentImported, f.as_str()),
            None => (EventKind::DocumentCreated, ""),
        };
        tx.append_event(
            EventDraft {
                actor: self.me().id,
                kind,
                subject: format!("document:{}", doc.id),
                project_id: Some(doc.project_id.clone()),
                payload: json!({
                    "documentId": doc.id,
                    "title": doc.title,
                    "kind": doc.kind.as_str(),
                    "format": doc.format.as_str(),
                    "fileName": file,
                }),
            },
            now,
        )
        .await?;
        let doc = tx.insert_revision(&revision).await?;
        tx.append_event(self.revision_event(&doc, &revision, 0), now)
            .await?;
        tx.commit().await?;
        Ok(doc)
    }

    pub async fn rename_document(&self, id: &DocumentId, title: &str) -> Result<Document> {
        let title = clean_document_title(title)?;
        let mut tx = self.store.begin().await?;
        let mut doc = tx.document(id).await?;
        if doc.title == title {
            return Ok(doc);
        }
        let from = std::mem::replace(&mut doc.title, title);
        doc.updated_at = now_ms();
        tx.update_document(&doc).await?;
        tx.append_event(
            EventDraft {
                actor: self.me().id,
                kind: EventKind::DocumentRenamed,
                subject: format!("document:{}", doc.id),
                project_id: Some(doc.project_id.clone()),
                payload: json!({ "documentId": doc.id, "title": doc.title, "from": from }),
            },
            doc.updated_at,
        )
        .await?;
        tx.commit().await?;
        Ok(doc)
    }

    /// The ledger event recording a saved revision. The payload carries the content hash, so
    /// the ledger alone proves which text each revision had.
    pub(crate) fn revision_event(
        &self,
        doc: &Document,
        r: &Revision,
        parent_words: i64,
    ) -> EventDraft {
        EventDraft {
            actor: self.me().id,
            kind: EventKind::RevisionSaved,
            subject: format!("revision:{}", r.meta.id),
            project_id: Some(doc.project_id.clone()),
            payload: json!({
                "documentId": doc.id,
                "title": doc.title,
                "revisionId": r.meta.id,
                "parentId": r.meta.parent_id,
                "contentHash": r.meta.content_hash,
                "wordCount": r.meta.word_count,
                "wordDelta": r.meta.word_count - parent_words,
            }),
        }
    }
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
