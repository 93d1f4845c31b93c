//! Exporting revisions to files in the format a person asks for.

use crate::app::Greenlight;
use crate::error::CoreError;
use crate::files::{display_name, write_atomically};
use crate::{now_ms, Result};
use greenlight_domain::document::DocumentFormat;
use greenlight_domain::ids::RevisionId;
use greenlight_domain::ledger::{EventDraft, EventKind};
use greenlight_domain::structure::ExportFormat;
use greenlight_screenplay::pdf::render_text;
use greenlight_screenplay::{parse_fountain, render_pdf, write_fdx, write_fountain, PdfOptions};
use serde_json::json;
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

impl Greenlight {
    /// Writes a revision's text to `path` in `format` (atomically: a temporary file renamed
    /// into place, so an interrupted export never leaves a half-written file) and records the
    /// export in the ledger with the hash of what was written.
    pub async fn export_revision(
        &self,
        id: &RevisionId,
        path: &Path,
        format: ExportFormat,
    ) -> Result<()> {
        let rev = self.store.get_revision(id).await?;
        let doc = self.store.get_document(&rev.meta.document_id).await?;
        let bytes = render(&rev.text, doc.format, format)?;
        write_atomically(path, &bytes)?;
        let mut tx = self.store.begin().await?;
        tx.append_event(
            EventDraft {
                actor: self.me().id,
                kind: EventKind::RevisionExported,
                subject: format!("revision:{}", rev.meta.id),
                project_id: Some(doc.project_id.clone()),
                payload: json!({
                    "documentId": doc.id,
                    "title": doc.title,
                    "revisionId": rev.meta.id,
                    "contentHash": rev.meta.content_hash,
                    "fileName": display_name(path),
                    "format": format_name(format),
                    "fileHash": greenlight_domain::revision::content_hash_bytes(&bytes),
                }),
            },
            now_ms(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn format_name(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Original => "original",
        ExportFormat::Fountain => "fountain",
        ExportFormat::Fdx => "fdx",
        ExportFormat::Text => "txt",
        ExportFormat::Pdf => "pdf",
    }
}
