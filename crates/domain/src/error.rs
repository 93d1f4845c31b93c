use thiserror::Error;

/// An input field a rule is about: its key as the IPC input types name it (camelCase), so a
/// form can show a message beside it, and its label as messages name it for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
}

impl Field {
    pub const fn new(key: &'static str, label: &'static str) -> Self {
        Self { key, label }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label)
    }
}

/// The fields validated across Greenlight, each named once.
pub mod fields {
    use super::Field;

    pub const PROJECT_TITLE: Field = Field::new("title", "Project title");
    pub const DOCUMENT_TITLE: Field = Field::new("title", "Document title");
    pub const LOGLINE: Field = Field::new("logline", "Logline");
    pub const PROJECT_KIND: Field = Field::new("kind", "project kind");
    pub const DOCUMENT_KIND: Field = Field::new("kind", "document kind");
    pub const DOCUMENT_FORMAT: Field = Field::new("format", "document format");
    pub const NAME: Field = Field::new("name", "Name");
    pub const PROVIDER_NAME: Field = Field::new("name", "Provider name");
    pub const PROVIDER_KIND: Field = Field::new("kind", "provider kind for a new provider");
    pub const BASE_URL: Field = Field::new("baseUrl", "Base URL");
    pub const MODEL: Field = Field::new("model", "Model");
    pub const PROTECTED_NAME: Field = Field::new("protectedNames", "Protected name");
    pub const TEXT: Field = Field::new("text", "The text to send");
    pub const INSTRUCTION: Field = Field::new("instruction", "The instruction");
    pub const DATABASE_URL: Field = Field::new("databaseUrl", "Database URL");
    pub const EMAIL: Field = Field::new("email", "Email");
    pub const HOST: Field = Field::new("host", "Host");
    pub const DATABASE: Field = Field::new("database", "Database");
    pub const USER: Field = Field::new("user", "User");
    pub const PASSAGE: Field = Field::new("range", "The passage");
    pub const SELECTION: Field = Field::new("scope", "The selection to summarize");
    pub const WORKFLOW: Field = Field::new("workflow", "The workflow");
    pub const STAGE: Field = Field::new("stage", "The stage");
    pub const REVIEW: Field = Field::new("review", "The review");
    pub const COMMENT: Field = Field::new("comment", "The comment");
    pub const DUE: Field = Field::new("due", "The due time");
    pub const SCOPE: Field = Field::new("scope", "The scenes to review");
    pub const TAKES: Field = Field::new("takes", "The number of takes");
    pub const HUNKS: Field = Field::new("hunks", "The chosen changes");
    pub const ACCEPTED_TEXT: Field = Field::new("editedText", "The edited take");
    pub const REASON: Field = Field::new("reason", "The reason");
    pub const NOTE: Field = Field::new("note", "The note");
    pub const CHANGES: Field = Field::new("changes", "The editor's changes");
    pub const ASSET_NAME: Field = Field::new("name", "The asset name");
    pub const REPORT: Field = Field::new("against", "The earlier report");
    pub const PERSON: Field = Field::new("person", "The person");
    pub const DOCUMENT: Field = Field::new("documentId", "The document");
    pub const ASSET: Field = Field::new("assetId", "The asset");
    pub const MATERIAL: Field = Field::new("material", "The material");
    pub const DESCRIBED_USE: Field = Field::new("describedUse", "The described use");
    pub const PERFORMER: Field = Field::new("performer", "The performer");
    pub const CONSENT_REFERENCE: Field = Field::new("consentReference", "The consent reference");
    pub const ASSET_FILE: Field = Field::new("path", "The file");
}

/// A rule of the domain was broken by the caller's input. Messages are user-facing: they name
/// the field and say what would be accepted; `field()` names it for forms.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("{field} cannot be empty")]
    Empty { field: Field },
    #[error("{field} is too long ({actual} characters; the limit is {max})")]
    TooLong {
        field: Field,
        actual: usize,
        max: usize,
    },
    #[error("{field} contains control characters; use plain text")]
    ControlCharacters { field: Field },
    #[error("'{value}' is not a known {field}")]
    UnknownValue { field: Field, value: String },
    /// A value refused by a rule that explains itself (`reason` says what to do).
    #[error("{field}: {reason}")]
    Refused { field: Field, reason: String },
}

impl DomainError {
    fn of(&self) -> Field {
        match self {
            Self::Empty { field }
            | Self::TooLong { field, .. }
            | Self::ControlCharacters { field }
            | Self::UnknownValue { field, .. }
            | Self::Refused { field, .. } => *field,
        }
    }

    /// The field as the message names it, for people ("Project title").
    pub fn label(&self) -> &'static str {
        self.of().label
    }

    /// The input field that was wrong, named as the IPC input types name it (camelCase:
    /// `title`, `logline`, `kind`…), so a form can show the message next to that field
    /// without reading the message.
    pub fn field(&self) -> Option<&'static str> {
        Some(self.of().key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{clean_document_title, DocumentFormat, DocumentKind};
    use crate::profile::clean_profile_name;
    use crate::project::{NewProject, ProjectKind};

    fn field_of<T>(r: Result<T, DomainError>) -> Option<&'static str> {
        r.err().and_then(|e| e.field())
    }

    #[test]
    fn the_domains_own_validations_name_their_input_field() {
        let project = |title: &str, logline: &str| NewProject {
            title: title.into(),
            logline: logline.into(),
            kind: ProjectKind::Feature,
        };
        assert_eq!(field_of(project(" ", "").validate()), Some("title"));
        let long = "x".repeat(100_000);
        assert_eq!(
            field_of(project("Pilot", &long).validate()),
            Some("logline")
        );
        assert_eq!(field_of(clean_document_title("")), Some("title"));
        assert_eq!(field_of(clean_profile_name("\u{7}")), Some("name"));
        assert_eq!(field_of(ProjectKind::parse("movie")), Some("kind"));
        assert_eq!(field_of(DocumentKind::parse("poem")), Some("kind"));
        assert_eq!(field_of(DocumentFormat::parse("docx")), Some("format"));
    }

    #[test]
    fn the_message_names_the_label_and_the_field_its_key() {
        let e = DomainError::Empty {
            field: fields::PROJECT_TITLE,
        };
        assert_eq!(e.field(), Some("title"));
        assert_eq!(e.label(), "Project title");
        assert_eq!(e.to_string(), "Project title cannot be empty");
    }

    #[test]
    fn field_keys_are_camel_case_identifiers() {
        use fields::*;
        for f in [
            PROJECT_TITLE,
            DOCUMENT_TITLE,
            LOGLINE,
            PROJECT_KIND,
            DOCUMENT_KIND,
            DOCUMENT_FORMAT,
            NAME,
            PROVIDER_NAME,
            PROVIDER_KIND,
            BASE_URL,
            MODEL,
            PROTECTED_NAME,
            TEXT,
            INSTRUCTION,
            PASSAGE,
            TAKES,
            HUNKS,
            ACCEPTED_TEXT,
            REASON,
            NOTE,
            CHANGES,
        ] {
            assert!(
                f.key.chars().all(|c| c.is_ascii_alphanumeric())
                    && f.key.starts_with(|c: char| c.is_ascii_lowercase()),
                "{} -> {}",
                f.label,
                f.key
            );
        }
    }
}
