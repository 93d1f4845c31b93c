//! Errors and warnings of the Final Draft reader.
//!
//! Every message names what was wrong and, where the file has lines, where: a writer reading
//! it should be able to tell a truncated download from a PDF saved with the wrong extension.

use serde::Serialize;
use thiserror::Error;

/// Why an FDX file could not be read. Nothing is partially imported: an error means no
/// script.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FdxError {
    #[error("the file is {size} bytes, more than the {limit}-byte limit for a screenplay")]
    TooLarge { size: usize, limit: usize },
    #[error("the file is empty")]
    Empty,
    #[error("this is a {format} file, not a Final Draft (.fdx) file")]
    NotXml { format: String },
    #[error("line {line}: the file is not valid UTF-8 text (byte {offset})")]
    InvalidUtf8 { line: usize, offset: usize },
    #[error("line {line}: DOCTYPE declarations are not accepted in screenplay files (they can define entities)")]
    Doctype { line: usize },
    #[error("line {line}: entity &{name}; is not a standard XML entity; custom entities are never expanded")]
    UnknownEntity { line: usize, name: String },
    #[error("line {line}: elements are nested more than {limit} deep")]
    TooDeep { line: usize, limit: usize },
    #[error("line {line}: unexpected end of file inside <{inside}>")]
    UnexpectedEof { line: usize, inside: String },
    #[error("line {line}: malformed XML: {message}")]
    Malformed { line: usize, message: String },
    #[error("the document's root element is <{root}>, not <FinalDraft>")]
    NotFinalDraft { root: String },
}

/// Something imported with a caveat. The element is always kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FdxWarning {
    /// A paragraph type this crate does not know; it was imported as
    /// [`crate::ElementKind::Other`] with the type name preserved.
    UnknownParagraphType { line: usize, type_name: String },
}

impl std::fmt::Display for FdxWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FdxWarning::UnknownParagraphType { line, type_name } => write!(
                f,
                "line {line}: unknown paragraph type \"{type_name}\" kept as is"
            ),
        }
    }
}
