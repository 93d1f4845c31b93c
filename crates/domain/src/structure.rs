//! A screenplay's structure as the app shows it: the scene navigator and the characters panel.
//! Computed from a revision's text by the screenplay crate; these are the IPC shapes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SceneInfo {
    /// 1-based position in the script.
    pub ordinal: i64,
    /// The scene number written in the script (`#12A#`), if any.
    pub number: Option<String>,
    pub heading: String,
    pub location: String,
    /// `INT`, `EXT`, `INT/EXT` or `OTHER`.
    pub setting: String,
    pub time_of_day: Option<String>,
    /// Speaking characters, in order of first appearance.
    pub characters: Vec<String>,
    pub words: i64,
    /// Estimated length in eighths of a page (the industry's unit).
    pub eighths: i64,
    /// 0-based line of the scene heading in the text, for jumping in the editor.
    pub line: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CharacterInfo {
    pub name: String,
    pub dialogue_blocks: i64,
    pub words: i64,
    /// Ordinals of the scenes the character speaks in.
    pub scenes: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScriptStructure {
    pub scenes: Vec<SceneInfo>,
    pub characters: Vec<CharacterInfo>,
    /// Estimated page count (eighths summed, rounded up).
    pub pages: i64,
}

/// Formats a document can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// The document's own text, unchanged.
    Original,
    Fountain,
    Fdx,
    /// Plain text in screenplay layout.
    Text,
    Pdf,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "original" => Some(Self::Original),
            "fountain" => Some(Self::Fountain),
            "fdx" => Some(Self::Fdx),
            "txt" | "text" => Some(Self::Text),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    /// The extension of a file in this format, for a document written in `doc` (the original
    /// keeps the document's own).
    pub fn extension(self, doc: crate::document::DocumentFormat) -> &'static str {
        match self {
            Self::Original => doc.extension(),
            Self::Fountain => "fountain",
            Self::Fdx => "fdx",
            Self::Text => "txt",
            Self::Pdf => "pdf",
        }
    }

    /// The exported file's media type.
    pub fn media_type(self, doc: crate::document::DocumentFormat) -> &'static str {
        match (self, doc) {
            (Self::Pdf, _) => "application/pdf",
            (Self::Fdx, _) => "application/xml",
            (Self::Original, crate::document::DocumentFormat::Markdown) => "text/markdown",
            _ => "text/plain",
        }
    }

    /// The format's name for people (a file dialog's filter).
    pub fn label(self) -> &'static str {
        match self {
            Self::Original => "Original",
            Self::Fountain => "Fountain",
            Self::Fdx => "Final Draft",
            Self::Text => "Plain text",
            Self::Pdf => "PDF",
        }
    }

    /// The format implied by a file name's extension.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "fountain" | "spmd" => Some(Self::Fountain),
            "fdx" => Some(Self::Fdx),
            "txt" => Some(Self::Text),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }
}
