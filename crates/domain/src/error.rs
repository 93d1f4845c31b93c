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
}
