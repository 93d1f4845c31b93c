//! Documents of a project: a screenplay, a treatment, notes. Their text lives in revisions.

use crate::error::{fields, DomainError};
use crate::ids::{DocumentId, ProjectId, RevisionId};
use crate::limits::MAX_TITLE_CHARS;
use crate::text::clean_label;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Screenplay,
    Treatment,
    Outline,
    Synopsis,
    Bible,
    Notes,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 6] = [
        Self::Screenplay,
        Self::Treatment,
        Self::Outline,
        Self::Synopsis,
        Self::Bible,
        Self::Notes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Screenplay => "screenplay",
            Self::Treatment => "treatment",
            Self::Outline => "outline",
            Self::Synopsis => "synopsis",
            Self::Bible => "bible",
            Self::Notes => "notes",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| DomainError::UnknownValue {
                field: fields::DOCUMENT_KIND,
                value: s.to_owned(),
            })
    }
}

/// How a document's text is written, which decides highlighting and export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Fountain,
    Markdown,
    Plain,
}

impl DocumentFormat {
    pub const ALL: [DocumentFormat; 3] = [Self::Fountain, Self::Markdown, Self::Plain];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fountain => "fountain",
            Self::Markdown => "markdown",
            Self::Plain => "plain",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| DomainError::UnknownValue {
                field: fields::DOCUMENT_FORMAT,
                value: s.to_owned(),
            })
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Fountain => "fountain",
            Self::Markdown => "md",
            Self::Plain => "txt",
        }
    }

    /// The format implied by a file name's extension, if any is recognised.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "fountain" | "spmd" => Some(Self::Fountain),
            "md" | "markdown" => Some(Self::Markdown),
            "txt" | "text" => Some(Self::Plain),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: DocumentId,
    pub project_id: ProjectId,
    pub title: String,
    pub kind: DocumentKind,
    pub format: DocumentFormat,
    /// The newest revision; `None` only for a document that has never been saved.
    pub head_revision_id: Option<RevisionId>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewDocument {
    pub project_id: ProjectId,
    pub title: String,
    pub kind: DocumentKind,
    pub format: DocumentFormat,
    /// Initial text; an empty string still creates a first revision.
    pub text: String,
}

/// Validates a document title.
pub fn clean_document_title(title: &str) -> Result<String, DomainError> {
    clean_label(fields::DOCUMENT_TITLE, title, MAX_TITLE_CHARS)
}

/// A document as a project page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSummary {
    pub document: Document,
    pub revision_count: i64,
    pub word_count: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        assert_eq!(
            DocumentFormat::from_extension("FOUNTAIN"),
            Some(DocumentFormat::Fountain)
        );
        assert_eq!(
            DocumentFormat::from_extension("md"),
            Some(DocumentFormat::Markdown)
        );
        assert_eq!(DocumentFormat::from_extension("exe"), None);
        for f in DocumentFormat::ALL {
            assert_eq!(DocumentFormat::parse(f.as_str()), Ok(f));
        }
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.as_str()), Ok(k));
        }
    }
}

/// What an import produced: the new document, and anything the importer could not carry over
/// exactly (kept, but worth a look).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub document: Document,
    pub warnings: Vec<String>,
}
