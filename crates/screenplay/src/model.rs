//! The one element model shared by every format.
//!
//! A [`Script`] is a title page plus a flat sequence of [`Element`]s in reading order. The
//! model is deliberately flat (no scene tree): scenes, dialogue groups and dual dialogue are
//! *derived* from the sequence (see [`crate::index`]), so there is exactly one place where each
//! piece of text lives and byte ranges never overlap between siblings.
//!
//! Invariants every parser in this crate upholds (and writers rely on):
//! - `Element::range` is a byte range into the source the element was parsed from, on UTF-8
//!   character boundaries, and ranges are non-decreasing in element order. Models built by hand
//!   or read from FDX may use empty ranges (`0..0`): ranges are provenance, not identity, and
//!   [`Script::without_ranges`] erases them for comparisons.
//! - [`StyledText`] is normalized: no empty runs, and no two adjacent runs with equal styles
//!   (see [`StyledText::push`]).

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A parsed screenplay: title page fields and body elements in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Script {
    /// Title page `Key: value` fields, in source order.
    pub title_page: Vec<TitleField>,
    /// Body elements in reading order.
    pub elements: Vec<Element>,
}

impl Script {
    /// A copy with every byte range set to `0..0`, for comparing models parsed from
    /// different sources (for example after a write → parse round trip).
    #[must_use]
    pub fn without_ranges(&self) -> Script {
        Script {
            title_page: self
                .title_page
                .iter()
                .map(|f| TitleField {
                    range: 0..0,
                    ..f.clone()
                })
                .collect(),
            elements: self
                .elements
                .iter()
                .map(|e| Element {
                    kind: e.kind.clone(),
                    range: 0..0,
                })
                .collect(),
        }
    }
}

/// One title page field, e.g. `Title:` with one or more value lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleField {
    /// The key as written (e.g. `Title`, `Credit`, `Draft date`), without the colon.
    pub key: String,
    /// One entry per value line; inline emphasis is kept as styled runs.
    pub values: Vec<StyledText>,
    /// Bytes of the whole field (key line and continuation lines) in the source.
    pub range: Range<usize>,
}

/// A body element and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Element {
    /// What the element is.
    pub kind: ElementKind,
    /// Bytes of the element in the source (`0..0` when it has no textual source).
    pub range: Range<usize>,
}

impl Element {
    /// An element with an empty range, for models built in code.
    #[must_use]
    pub fn new(kind: ElementKind) -> Self {
        Element { kind, range: 0..0 }
    }
}

/// The kinds of screenplay element. Text-bearing kinds whose content can carry emphasis use
/// [`StyledText`]; kinds whose content is structural (headings, names, transitions, outline
/// entries) use plain strings because emphasis there has no meaning to any consumer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ElementKind {
    /// `INT. HOUSE - DAY`. `forced` records that the source used the `.` prefix (always true
    /// when the text does not start with a recognised prefix, since only forcing makes it a
    /// heading then).
    SceneHeading {
        text: String,
        number: Option<String>,
        forced: bool,
    },
    /// Narrative description; lines are joined with `\n`, indentation is preserved.
    Action { text: StyledText },
    /// A speaker cue. `name` has no extensions; `extensions` holds the contents of each
    /// parenthesised group (`V.O.`, `CONT'D`). `dual` marks the *second* speaker of a dual
    /// dialogue pair (Fountain's `^`): it pairs with the dialogue block just before it.
    Character {
        name: String,
        extensions: Vec<String>,
        dual: bool,
    },
    /// A parenthetical inside a dialogue block, without the enclosing parentheses.
    Parenthetical { text: String },
    /// Spoken lines of one speaker, joined with `\n`.
    Dialogue { text: StyledText },
    /// Sung lines (`~`), joined with `\n`.
    Lyrics { text: StyledText },
    /// `CUT TO:`. `forced` as for scene headings (`>` prefix).
    Transition { text: String, forced: bool },
    /// `>THE END<`; lines joined with `\n`.
    Centered { text: StyledText },
    /// `===`.
    PageBreak,
    /// `#` outline section; `depth` is the number of `#` (at least 1).
    Section { depth: u8, text: String },
    /// `= synopsis` outline text.
    Synopsis { text: String },
    /// A paragraph that consists only of a `[[note]]`.
    Note { text: String },
    /// Text commented out with `/* ... */`, kept so nothing is lost.
    Boneyard { text: String },
    /// A paragraph type Fountain has no syntax for: Final Draft's `Shot`, `General`,
    /// `Cast List`, `New Act`, `End of Act`, or any unknown type, with the type name exactly
    /// as the source gave it so it can be written back unchanged.
    Other { type_name: String, text: StyledText },
}

/// Emphasis flags of a run. `note` marks an inline `[[note]]`: text that belongs to the
/// writer's margin, not to the page; emphasis flags are always false on note runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub note: bool,
}

impl Style {
    /// No emphasis.
    pub const PLAIN: Style = Style {
        bold: false,
        italic: false,
        underline: false,
        note: false,
    };
}

/// A stretch of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub text: String,
    pub style: Style,
}

/// Text as a sequence of styled runs. Always normalized (see module docs), so two texts that
/// render the same compare equal.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(from = "Vec<Run>", into = "Vec<Run>")]
pub struct StyledText {
    runs: Vec<Run>,
}

impl StyledText {
    /// Unstyled text.
    #[must_use]
    pub fn plain(text: &str) -> Self {
        let mut t = StyledText::default();
        t.push(text, Style::PLAIN);
        t
    }

    /// Appends text, merging with the last run when the style is the same and dropping empty
    /// text, which keeps the normalization invariant.
    pub fn push(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => self.runs.push(Run {
                text: text.to_owned(),
                style,
            }),
        }
    }

    /// Emphasis never ends in white space (a closing `_` or `*` after a space does not close,
    /// and the writer puts such space outside the markers): when `unstyle` takes a style off
    /// the last run and that run ends in white space, the space moves to a run without it.
    pub(crate) fn release_trailing_whitespace(&mut self, unstyle: impl Fn(Style) -> Style) {
        let Some(last) = self.runs.last_mut() else {
            return;
        };
        let style = unstyle(last.style);
        if style == last.style {
            return;
        }
        let keep = last.text.trim_end().len();
        if keep == last.text.len() {
            return;
        }
        let space = last.text.split_off(keep);
        if last.text.is_empty() {
            self.runs.pop();
        }
        self.push(&space, style);
    }

    /// The runs, normalized.
    #[must_use]
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// The printed text: all runs except inline notes, concatenated.
    #[must_use]
    pub fn to_plain(&self) -> String {
        self.runs
            .iter()
            .filter(|r| !r.style.note)
            .map(|r| r.text.as_str())
            .collect()
    }

    /// True when there is no text at all (not even notes).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

impl From<Vec<Run>> for StyledText {
    /// Builds normalized text from arbitrary runs.
    fn from(runs: Vec<Run>) -> Self {
        let mut t = StyledText::default();
        for r in runs {
            t.push(&r.text, r.style);
        }
        t
    }
}

impl From<StyledText> for Vec<Run> {
    fn from(t: StyledText) -> Self {
        t.runs
    }
}
