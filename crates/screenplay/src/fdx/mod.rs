//! Final Draft XML (`.fdx`): the mapping between paragraph types and the element model,
//! shared by the reader and the writer so both directions stay in step.
//!
//! Fountain-only elements are exported so they come back: centered text as a centered
//! Action, page breaks as `StartsNewPage`, and sections, synopses, notes and boneyard as
//! paragraph types of those names (Final Draft shows them as general text). Inline notes are
//! `<Text Style="Note">` runs.

mod read;
mod write;

pub use read::{read_fdx, read_fdx_with};
pub use write::write_fdx;

use crate::fountain::{heading_prefix, is_transition, split_cue};
use crate::model::{ElementKind, StyledText, TitleField};

/// Limits for reading untrusted FDX.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FdxLimits {
    /// Largest accepted input in bytes (default 20 MB: the longest real scripts are ~1 MB).
    pub max_bytes: usize,
    /// Deepest accepted element nesting (default 64; real files use fewer than 10).
    pub max_depth: usize,
}

impl Default for FdxLimits {
    fn default() -> Self {
        FdxLimits {
            max_bytes: 20 * 1024 * 1024,
            max_depth: 64,
        }
    }
}

/// Paragraph types of Final Draft that have no Fountain syntax and become
/// [`ElementKind::Other`] without a warning.
pub const OTHER_KNOWN_TYPES: [&str; 5] = ["Shot", "General", "Cast List", "New Act", "End of Act"];

/// Maps a paragraph to an element; the flag says whether the type was known.
fn paragraph_kind(
    type_name: &str,
    text: StyledText,
    number: Option<String>,
    centered: bool,
    depth: Option<u8>,
) -> (ElementKind, bool) {
    let plain = || text.to_plain();
    let kind = match type_name {
        "Scene Heading" => {
            let text = plain().trim().to_owned();
            ElementKind::SceneHeading {
                forced: heading_prefix(&text).is_none(),
                text,
                number: number.filter(|n| !n.is_empty()),
            }
        }
        "Action" if centered => ElementKind::Centered { text },
        "Action" => ElementKind::Action { text },
        "Character" => {
            let line = plain();
            let (name, extensions) = match split_cue(&line) {
                Some(c) => (c.name, c.extensions),
                None => (line.trim().to_owned(), Vec::new()),
            };
            ElementKind::Character {
                name,
                extensions,
                dual: false,
            }
        }
        "Dialogue" => ElementKind::Dialogue { text },
        "Parenthetical" => {
            let p = plain();
            let t = p.trim();
            let t = t.strip_prefix('(').unwrap_or(t);
            let t = t.strip_suffix(')').unwrap_or(t);
            ElementKind::Parenthetical {
                text: t.trim().to_owned(),
            }
        }
        "Transition" => {
            let text = plain().trim().to_owned();
            ElementKind::Transition {
                forced: !is_transition(&text),
                text,
            }
        }
        "Lyrics" => ElementKind::Lyrics { text },
        "Section" => ElementKind::Section {
            depth: depth.unwrap_or(1).max(1),
            text: plain(),
        },
        "Synopsis" => ElementKind::Synopsis { text: plain() },
        "Note" => ElementKind::Note { text: plain() },
        "Boneyard" => ElementKind::Boneyard { text: plain() },
        other => {
            let known = OTHER_KNOWN_TYPES.contains(&other);
            let kind = ElementKind::Other {
                type_name: other.to_owned(),
                text,
            };
            return (kind, known);
        }
    };
    (kind, true)
}

/// A title page paragraph as read.
struct TitlePara {
    text: String,
    centered: bool,
}

fn is_credit(t: &str) -> bool {
    let l = t.trim().to_lowercase();
    l == "by" || l.ends_with(" by")
}

/// Final Draft title pages are free layout; this recovers Fountain's keys by convention:
/// centered lines before the credit are the title, the credit line (`Written by`) is the
/// credit, centered lines after it are authors; right-aligned or left-aligned lines are the
/// contact block. The writer lays fields out the same way, so the mapping round-trips.
fn title_fields(paras: &[TitlePara]) -> Vec<TitleField> {
    let mut fields: Vec<TitleField> = Vec::new();
    let mut seen_credit = false;
    for p in paras {
        let text = p.text.trim();
        if text.is_empty() {
            continue;
        }
        let key = if is_credit(text) {
            seen_credit = true;
            "Credit"
        } else if p.centered && !seen_credit {
            "Title"
        } else if p.centered {
            "Author"
        } else {
            "Contact"
        };
        match fields.last_mut() {
            Some(f) if f.key == key && key != "Credit" => f.values.push(StyledText::plain(text)),
            _ => fields.push(TitleField {
                key: key.to_owned(),
                values: vec![StyledText::plain(text)],
                range: 0..0,
            }),
        }
    }
    fields
}
