use thiserror::Error;

/// A rule of the domain was broken by the caller's input. Messages are user-facing: they name
/// the field and say what would be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("{field} cannot be empty")]
    Empty { field: &'static str },
    #[error("{field} is too long ({actual} characters; the limit is {max})")]
    TooLong {
        field: &'static str,
        actual: usize,
        max: usize,
    },
    #[error("{field} contains control characters; use plain text")]
    ControlCharacters { field: &'static str },
    #[error("'{value}' is not a known {field}")]
    UnknownValue { field: &'static str, value: String },
    /// A value refused by a rule that explains itself (`reason` says what to do).
    #[error("{field}: {reason}")]
    Refused { field: &'static str, reason: String },
}

impl DomainError {
    /// The field as the message names it, for people ("Project title").
    pub fn label(&self) -> &'static str {
        match self {
            Self::Empty { field }
            | Self::TooLong { field, .. }
            | Self::ControlCharacters { field }
            | Self::UnknownValue { field, .. }
            | Self::Refused { field, .. } => field,
        }
    }

    /// The input field that was wrong, named as the IPC input types name it (camelCase: `title`,
    /// `logline`, `kind`, ...), so a form can show the message next to that field without
    /// reading the message. `None` for a label not listed in [`FIELD_KEYS`].
    pub fn field(&self) -> Option<&'static str> {
        let label = self.label();
        FIELD_KEYS
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, key)| *key)
    }
}

/// Every label a validation passes as `field`, with the input field it is about. Labels are
/// words for people chosen at each validation site; this table is the one place that turns
/// them into field names. A new label must be added here (the test below lists the domain's
/// own; core's are checked through the shell's error tests).
pub const FIELD_KEYS: &[(&str, &str)] = &[
    ("title", "title"),
    ("Project title", "title"),
    ("Document title", "title"),
    ("Logline", "logline"),
    ("project kind", "kind"),
    ("document kind", "kind"),
    ("document format", "format"),
    ("Name", "name"),
    ("Provider name", "name"),
    ("provider kind for a new provider", "kind"),
    ("Base URL", "baseUrl"),
    ("Model", "model"),
    ("Protected name", "protectedNames"),
    ("The text to send", "text"),
    ("The instruction", "instruction"),
];

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
    fn an_unlisted_label_has_no_field_but_keeps_its_message() {
        let e = DomainError::Empty { field: "Mood" };
        assert_eq!(e.field(), None);
        assert_eq!(e.label(), "Mood");
        assert_eq!(e.to_string(), "Mood cannot be empty");
    }

    #[test]
    fn field_names_are_camel_case_identifiers() {
        for (label, key) in FIELD_KEYS {
            assert!(
                key.chars().all(|c| c.is_ascii_alphanumeric())
                    && key.starts_with(|c: char| c.is_ascii_lowercase()),
                "{label} -> {key}"
            );
        }
    }
}
