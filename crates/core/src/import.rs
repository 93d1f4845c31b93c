//! Importing files as documents. Every file is hostile until validated: size-bounded, checked
//! for binary content and encoding, parsed within limits. A rejected import writes nothing.

use crate::documents::Documents;
use crate::error::CoreError;
use crate::files::{decode_text, display_name, read_bounded, read_text_file};
use crate::Result;
use greenlight_domain::actor::Actor;
use greenlight_domain::document::{DocumentFormat, DocumentKind, ImportOutcome, NewDocument};
use greenlight_domain::ids::ProjectId;
use greenlight_domain::limits::MAX_TITLE_CHARS;
use greenlight_screenplay::{read_fdx_with, write_fountain, FdxLimits};
use std::path::Path;

/// Largest Final Draft file accepted (FDX is verbose XML: about twice its Fountain size).
pub const MAX_FDX_BYTES: u64 = 20 * 1024 * 1024;

/// A file's contents converted to a document's text.
pub struct Converted {
    pub text: String,
    pub format: DocumentFormat,
    pub warnings: Vec<String>,
}

/// Reads and converts a file by its extension: `.fdx` becomes Fountain; `.fountain`, `.md`
/// and `.txt` are taken as they are.
pub fn convert_file(path: &Path) -> Result<Converted> {
    let name = display_name(path);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "fdx" {
        let bytes = read_bounded(path, MAX_FDX_BYTES)?;
        return convert_fdx(&name, &bytes);
    }
    let format = DocumentFormat::from_extension(&ext).ok_or_else(|| CoreError::UnsupportedFile {
        file: name.clone(),
        reason: format!(
            "“.{ext}” files are not supported; import Final Draft (.fdx), Fountain (.fountain), Markdown (.md) or plain text (.txt)"
        ),
    })?;
    Ok(Converted {
        text: read_text_file(path)?,
        format,
        warnings: Vec::new(),
    })
}

/// Converts Final Draft XML to Fountain text.
pub fn convert_fdx(name: &str, bytes: &[u8]) -> Result<Converted> {
    let limits = FdxLimits {
        max_bytes: MAX_FDX_BYTES as usize,
        ..FdxLimits::default()
    };
    let (script, warnings) =
        read_fdx_with(bytes, &limits).map_err(|e| CoreError::UnsupportedFile {
            file: name.to_owned(),
            reason: e.to_string(),
        })?;
    let text = write_fountain(&script);
    // Re-validate the converted text with the same rules as any other document.
    let text = decode_text(name, text.into_bytes())?;
    Ok(Converted {
        text,
        format: DocumentFormat::Fountain,
        warnings: warnings.iter().map(ToString::to_string).collect(),
    })
}

impl Documents<'_> {
    /// Imports a file as a new document of `project`, by `actor`. The kind defaults to
    /// screenplay for Fountain and Final Draft files, notes otherwise. Reading and parsing
    /// run on the blocking pool.
    pub async fn import(
        &self,
        actor: &Actor,
        project: &ProjectId,
        path: &Path,
        kind: Option<DocumentKind>,
    ) -> Result<ImportOutcome> {
        let file = path.to_path_buf();
        let converted = crate::blocking::run(move || convert_file(&file)).await?;
        let title = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "Untitled".to_owned());
        let kind = kind.unwrap_or(match converted.format {
            DocumentFormat::Fountain => DocumentKind::Screenplay,
            _ => DocumentKind::Notes,
        });
        let input = NewDocument {
            project_id: project.clone(),
            title: title.chars().take(MAX_TITLE_CHARS).collect(),
            kind,
            format: converted.format,
            text: converted.text,
        };
        let document = self
            .create_from(actor, input, Some(display_name(path)))
            .await?;
        Ok(ImportOutcome {
            document,
            warnings: converted.warnings,
        })
    }
}
