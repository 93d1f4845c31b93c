//! Turns the element sequence into blocks of wrapped, horizontally placed rows, the units
//! pagination works with. Nothing here knows about pages.

use super::page::{cols_width, Face, Geometry, LineKind, Span, INCH};
use super::wrap::{wrap_plain, wrap_styled, Force};
use crate::model::{ElementKind, Script, StyledText};

/// Width of the text column in characters (6 in at ten characters an inch).
pub const TEXT_COLS: usize = 60;

/// A line placed horizontally; its row is decided by pagination.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockLine {
    pub x: f32,
    pub kind: LineKind,
    pub spans: Vec<Span>,
}

/// The lines printed on one row (more than one for scene numbers and dual dialogue).
pub type Row = Vec<BlockLine>;

/// A unit of pagination. Every block but the first on a page is preceded by a blank line.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Headings, action, transitions, centered text.
    Text {
        rows: Vec<Row>,
        /// Must not end a page (scene headings).
        keep_with_next: bool,
        /// May break between rows (action), keeping two rows on each side.
        splittable: bool,
    },
    /// A speech: cue, then atomic parts (a parenthetical, or one wrapped dialogue line).
    Dialogue {
        cue: Vec<Row>,
        /// Cue printed at the top of a page the speech continues on (`NAME (CONT'D)`).
        cont_cue: Vec<Row>,
        /// `(MORE)` printed where the speech breaks.
        more: Row,
        parts: Vec<Part>,
    },
    /// Two speeches side by side; never broken.
    Dual { rows: Vec<Row> },
    /// `===`.
    PageBreak,
}

/// An unbreakable piece of a speech.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub rows: Vec<Row>,
    /// A parenthetical: a page must not end right after it.
    pub parenthetical: bool,
}

/// Column positions of a speech, in characters from the text margin.
#[derive(Debug, Clone, Copy)]
struct Cols {
    cue: usize,
    paren: usize,
    paren_w: usize,
    dial: usize,
    dial_w: usize,
}

const SINGLE: Cols = Cols {
    cue: 22,
    paren: 16,
    paren_w: 25,
    dial: 10,
    dial_w: 35,
};
const DUAL_LEFT: Cols = Cols {
    cue: 8,
    paren: 3,
    paren_w: 22,
    dial: 0,
    dial_w: 28,
};
const DUAL_RIGHT: Cols = Cols {
    cue: 39,
    paren: 34,
    paren_w: 23,
    dial: 31,
    dial_w: 29,
};

/// Builds the blocks of a script's body.
#[must_use]
pub fn blocks(script: &Script, geo: &Geometry) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let els = &script.elements;
    let mut i = 0;
    while let Some(el) = els.get(i) {
        i += 1;
        let block = match &el.kind {
            ElementKind::SceneHeading { text, number, .. } => heading(text, number.as_deref(), geo),
            ElementKind::Action { text } | ElementKind::Other { text, .. } => Block::Text {
                rows: rows_at(
                    wrap_styled(text, TEXT_COLS, Force::default()),
                    geo.col(0),
                    LineKind::Action,
                ),
                keep_with_next: false,
                splittable: true,
            },
            ElementKind::Transition { text, .. } => {
                let lines = wrap_plain(&text.to_uppercase(), TEXT_COLS, Face::Regular);
                aligned(lines, geo, LineKind::Transition, |n| {
                    TEXT_COLS.saturating_sub(n)
                })
            }
            ElementKind::Centered { text } => {
                let lines = wrap_styled(text, TEXT_COLS, Force::default());
                aligned(lines, geo, LineKind::Centered, |n| {
                    TEXT_COLS.saturating_sub(n) / 2
                })
            }
            ElementKind::Character {
                name, extensions, ..
            } => {
                let (speech, next) = speech_parts(els, i);
                i = next;
                let cue = cue_text(name, extensions);
                let mut block = None;
                if let Some(ElementKind::Character {
                    name: name2,
                    extensions: ext2,
                    dual: true,
                }) = els.get(i).map(|e| &e.kind)
                {
                    let (speech2, next2) = speech_parts(els, i + 1);
                    block = dual(&cue, &speech, &cue_text(name2, ext2), &speech2, geo);
                    if block.is_some() {
                        i = next2;
                    }
                }
                block.unwrap_or_else(|| dialogue(&cue, &speech, SINGLE, geo))
            }
            ElementKind::Parenthetical { .. }
            | ElementKind::Dialogue { .. }
            | ElementKind::Lyrics { .. } => {
                // A speech without a cue (only from hand-built models): print it in place.
                let (speech, next) = speech_parts(els, i - 1);
                i = next;
                let parts = parts_of(&speech, SINGLE, geo);
                Block::Text {
                    rows: parts.into_iter().flat_map(|p| p.rows).collect(),
                    keep_with_next: false,
                    splittable: true,
                }
            }
            ElementKind::PageBreak => Block::PageBreak,
            ElementKind::Section { .. }
            | ElementKind::Synopsis { .. }
            | ElementKind::Note { .. }
            | ElementKind::Boneyard { .. } => continue,
        };
        out.push(block);
    }
    out
}

/// What a speech is made of, borrowed from the elements.
#[derive(Debug, Clone, Copy)]
enum Speech<'a> {
    Paren(&'a str),
    Line(&'a StyledText, bool),
}

fn speech_parts(els: &[crate::model::Element], mut i: usize) -> (Vec<Speech<'_>>, usize) {
    let mut out = Vec::new();
    while let Some(el) = els.get(i) {
        match &el.kind {
            ElementKind::Parenthetical { text } => out.push(Speech::Paren(text)),
            ElementKind::Dialogue { text } => out.push(Speech::Line(text, false)),
            ElementKind::Lyrics { text } => out.push(Speech::Line(text, true)),
            _ => break,
        }
        i += 1;
    }
    (out, i)
}

fn cue_text(name: &str, extensions: &[String]) -> String {
    let mut s = name.trim().to_uppercase();
    for e in extensions {
        s.push_str(" (");
        s.push_str(e.trim());
        s.push(')');
    }
    s
}

fn heading(text: &str, number: Option<&str>, geo: &Geometry) -> Block {
    let lines = wrap_plain(&text.to_uppercase(), TEXT_COLS, Face::Regular);
    let mut rows = rows_at(lines, geo.col(0), LineKind::SceneHeading);
    if let (Some(n), Some(first)) = (
        number.map(str::trim).filter(|n| !n.is_empty()),
        rows.first_mut(),
    ) {
        let len = n.chars().count();
        let span = || {
            vec![Span {
                text: n.to_owned(),
                face: Face::Regular,
                underline: false,
            }]
        };
        first.push(BlockLine {
            x: (geo.left - cols_width(len + 4)).max(0.0),
            kind: LineKind::SceneNumber,
            spans: span(),
        });
        // Right number just past the text column, pulled in on narrow paper (A4).
        let right = geo
            .col(TEXT_COLS + 1)
            .min(geo.width - INCH / 2.0 - cols_width(len));
        first.push(BlockLine {
            x: right,
            kind: LineKind::SceneNumber,
            spans: span(),
        });
    }
    Block::Text {
        rows,
        keep_with_next: true,
        splittable: false,
    }
}

fn rows_at(lines: Vec<Vec<Span>>, x: f32, kind: LineKind) -> Vec<Row> {
    lines
        .into_iter()
        .map(|spans| vec![BlockLine { x, kind, spans }])
        .collect()
}

fn aligned(
    lines: Vec<Vec<Span>>,
    geo: &Geometry,
    kind: LineKind,
    col: impl Fn(usize) -> usize,
) -> Block {
    let rows = lines
        .into_iter()
        .map(|spans| {
            let n = spans.iter().map(|s| s.text.chars().count()).sum();
            vec![BlockLine {
                x: geo.col(col(n)),
                kind,
                spans,
            }]
        })
        .collect();
    Block::Text {
        rows,
        keep_with_next: false,
        splittable: false,
    }
}

fn cue_rows(text: &str, cols: Cols, kind: LineKind, geo: &Geometry) -> Vec<Row> {
    let width = (TEXT_COLS + 2).saturating_sub(cols.cue).max(10);
    rows_at(
        wrap_plain(text, width, Face::Regular),
        geo.col(cols.cue),
        kind,
    )
}

fn parts_of(speech: &[Speech<'_>], cols: Cols, geo: &Geometry) -> Vec<Part> {
    let mut parts = Vec::new();
    for s in speech.iter().copied() {
        match s {
            Speech::Paren(text) => {
                let lines = wrap_plain(&format!("({})", text.trim()), cols.paren_w, Face::Regular);
                let rows = lines
                    .into_iter()
                    .enumerate()
                    .map(|(n, spans)| {
                        // Continuation lines hang one column in, under the text.
                        let x = geo.col(cols.paren + usize::from(n > 0));
                        vec![BlockLine {
                            x,
                            kind: LineKind::Parenthetical,
                            spans,
                        }]
                    })
                    .collect();
                parts.push(Part {
                    rows,
                    parenthetical: true,
                });
            }
            Speech::Line(text, lyrics) => {
                let force = Force {
                    bold: false,
                    italic: lyrics,
                };
                let kind = if lyrics {
                    LineKind::Lyrics
                } else {
                    LineKind::Dialogue
                };
                for spans in wrap_styled(text, cols.dial_w, force) {
                    let row = vec![BlockLine {
                        x: geo.col(cols.dial),
                        kind,
                        spans,
                    }];
                    parts.push(Part {
                        rows: vec![row],
                        parenthetical: false,
                    });
                }
            }
        }
    }
    parts
}

fn dialogue(cue: &str, speech: &[Speech<'_>], cols: Cols, geo: &Geometry) -> Block {
    let more = cue_rows("(MORE)", cols, LineKind::More, geo)
        .into_iter()
        .flatten()
        .collect();
    Block::Dialogue {
        cue: cue_rows(cue, cols, LineKind::Character, geo),
        cont_cue: cue_rows(
            &format!("{cue} (CONT'D)"),
            cols,
            LineKind::ContinuedCharacter,
            geo,
        ),
        more,
        parts: parts_of(speech, cols, geo),
    }
}

/// Two speeches side by side, or `None` when the pair is too tall to keep together (it is
/// then printed as two consecutive speeches).
fn dual(
    cue1: &str,
    speech1: &[Speech<'_>],
    cue2: &str,
    speech2: &[Speech<'_>],
    geo: &Geometry,
) -> Option<Block> {
    let column = |cue: &str, speech: &[Speech<'_>], cols: Cols| -> Vec<Row> {
        let mut rows = cue_rows(cue, cols, LineKind::Character, geo);
        rows.extend(parts_of(speech, cols, geo).into_iter().flat_map(|p| p.rows));
        rows
    };
    let left = column(cue1, speech1, DUAL_LEFT);
    let right = column(cue2, speech2, DUAL_RIGHT);
    let height = left.len().max(right.len());
    if height > geo.lines_per_page / 2 {
        return None;
    }
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    let rows = (0..height)
        .map(|_| {
            let mut row = left.next().unwrap_or_default();
            row.extend(right.next().unwrap_or_default());
            row
        })
        .collect();
    Some(Block::Dual { rows })
}
