//! Exporting revisions to files in the format a person asks for.

use crate::app::event;
use crate::error::CoreError;
use crate::export_credentials::{write_sidecar, ExportFacts};
use crate::files::{display_name, write_atomically};
use crate::revisions::Revisions;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::document::DocumentFormat;
use greenlight_domain::events::payloads::RevisionExported;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::RevisionId;
use greenlight_domain::revision::content_hash_bytes;
use greenlight_domain::structure::ExportFormat;
use greenlight_screenplay::pdf::render_text;
use greenlight_screenplay::{parse_fountain, render_pdf, write_fdx, write_fountain, PdfOptions};
use std::path::Path;

/// Renders `text` (a document of `format`) as `to`. Screenplays export to text in screenplay
/// layout (the PDF's lines and pages); other documents export their text as it is. Screenplay formats need a Fountain
/// document; asking for one of a Markdown or plain-text document is refused with a reason.
pub fn render(text: &str, format: DocumentFormat, to: ExportFormat) -> Result<Vec<u8>> {
    let needs_screenplay = |what: &str| -> Result<()> {
        if format == DocumentFormat::Fountain {
            return Ok(());
        }
        Err(CoreError::UnsupportedFile {
            file: format!("this {} document", format.as_str()),
            reason: format!("only screenplays (Fountain documents) can be exported as {what}"),
        })
    };
    match to {
        ExportFormat::Original => Ok(text.as_bytes().to_vec()),
        ExportFormat::Text if format != DocumentFormat::Fountain => Ok(text.as_bytes().to_vec()),
        ExportFormat::Text => {
            Ok(render_text(&parse_fountain(text), &PdfOptions::default()).into_bytes())
        }
        ExportFormat::Fountain => {
            needs_screenplay("Fountain")?;
            Ok(write_fountain(&parse_fountain(text)).into_bytes())
        }
        ExportFormat::Fdx => {
            needs_screenplay("Final Draft")?;
            Ok(write_fdx(&parse_fountain(text)).into_bytes())
        }
        ExportFormat::Pdf => {
            needs_screenplay("PDF")?;
            render_pdf(&parse_fountain(text), &PdfOptions::default()).map_err(|e| {
                tracing::error!(error = %e, "PDF rendering failed");
                CoreError::Internal(e.to_string())
            })
        }
    }
}

impl Revisions<'_> {
    /// Writes a revision's text to `path` in `format` (atomically: a temporary file renamed
    /// into place, so an interrupted export never leaves a half-written file), its C2PA
    /// Content Credentials beside it (`export_credentials`), and records the export, by
    /// `actor`, with the hash of what was written. Rendering and writing run on
    /// the blocking pool.
    pub async fn export(
        &self,
        actor: &Actor,
        id: &RevisionId,
        path: &Path,
        format: ExportFormat,
    ) -> Result<()> {
        let rev = self.app.store.get_revision(id).await?;
        let doc = self.app.store.get_document(&rev.meta.document_id).await?;
        let key = self.app.store.signing_key(&actor.id).ok_or_else(|| {
            CoreError::NoSigningKey(greenlight_store::StoreError::NoSigningKey {
                person: actor.name.clone(),
            })
        })?;
        let attribution = self
            .app
            .suggestions()
            .attribution(&doc.id, Some(&rev.meta.id))
            .await?;
        let facts = ExportFacts {
            title: display_name(path),
            media_type: format.media_type(doc.format).to_owned(),
            person: actor.name.clone(),
            revision_id: rev.meta.id.to_string(),
            parent: rev.meta.parent_id.as_ref().map(ToString::to_string),
            ai_chars: attribution.ai_chars,
            total_chars: attribution.total_chars,
            chain_head: self.app.store.chain_head(doc.project_id.as_str()).await?,
        };
        let (text, doc_format, target) = (rev.text, doc.format, path.to_path_buf());
        let file_hash = crate::blocking::run(move || {
            let bytes = render(&text, doc_format, format)?;
            write_atomically(&target, &bytes)?;
            // Its Content Credentials beside it, signed by the person exporting.
            write_sidecar(&key, &facts, &target)?;
            Ok(content_hash_bytes(&bytes))
        })
        .await?;
        let recorded = self
            .record_export(actor, &rev.meta, &doc, path, format, file_hash)
            .await;
        if recorded.is_err() {
            // Credentials the record does not back (a key retired meanwhile) are not left.
            let _ = std::fs::remove_file(crate::export_credentials::sidecar_path(path));
        }
        recorded
    }

    async fn record_export(
        &self,
        actor: &Actor,
        rev: &greenlight_domain::revision::RevisionMeta,
        doc: &greenlight_domain::document::Document,
        path: &Path,
        format: ExportFormat,
        file_hash: String,
    ) -> Result<()> {
        let mut tx = self.app.store.begin().await?;
        tx.append_event(
            event(
                actor,
                format!("revision:{}", rev.id),
                Some(&doc.project_id),
                EventBody::RevisionExported(RevisionExported {
                    document_id: doc.id.clone(),
                    title: doc.title.clone(),
                    revision_id: rev.id.clone(),
                    content_hash: rev.content_hash.clone(),
                    file_name: display_name(path),
                    format,
                    file_hash,
                }),
            ),
            now_ms(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
