//! Word wrapping of styled text into monospaced columns.
//!
//! Text is split at hard line breaks, then each line is wrapped greedily at the last space
//! that keeps it within the width; a word longer than the width is cut. Leading indentation
//! of a hard line is kept, spaces at a wrap point are dropped. Inline notes are not printed.

use super::page::{Face, Span};
use crate::model::StyledText;

/// One character cell: the character and how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell {
    ch: char,
    face: Face,
    underline: bool,
}

/// Emphasis forced on top of the text's own (bold scene headings, italic lyrics).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Force {
    pub bold: bool,
    pub italic: bool,
}

/// Wraps styled text at `width` columns (at least 1). Each output line is a list of spans;
/// an empty list is a blank line.
#[must_use]
pub fn wrap_styled(text: &StyledText, width: usize, force: Force) -> Vec<Vec<Span>> {
    let mut cells = Vec::new();
    for run in text.runs().iter().filter(|r| !r.style.note) {
        let face = Face::of(
            run.style.bold || force.bold,
            run.style.italic || force.italic,
        );
        push_cells(&run.text, face, run.style.underline, &mut cells);
    }
    wrap_cells(&cells, width)
}

/// Wraps unstyled text (all in one face).
#[must_use]
pub fn wrap_plain(text: &str, width: usize, face: Face) -> Vec<Vec<Span>> {
    let mut cells = Vec::new();
    push_cells(text, face, false, &mut cells);
    wrap_cells(&cells, width)
}

fn push_cells(text: &str, face: Face, underline: bool, out: &mut Vec<Cell>) {
    for ch in text.chars() {
        match ch {
            '\n' => out.push(Cell {
                ch: '\n',
                face,
                underline: false,
            }),
            '\t' => out.extend(std::iter::repeat_n(
                Cell {
                    ch: ' ',
                    face,
                    underline,
                },
                4,
            )),
            c if c.is_control() => {}
            c => out.push(Cell {
                ch: c,
                face,
                underline,
            }),
        }
    }
}

fn wrap_cells(cells: &[Cell], width: usize) -> Vec<Vec<Span>> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in cells.split(|c| c.ch == '\n') {
        let mut start = 0;
        if para.is_empty() {
            out.push(Vec::new());
            continue;
        }
        while para.len() - start > width {
            let limit = start + width;
            let brk = (start + 1..=limit).rev().find(|&j| para[j].ch == ' ');
            let end = brk.unwrap_or(limit);
            out.push(spans(trim_end(&para[start..end])));
            start = end;
            while para.get(start).is_some_and(|c| c.ch == ' ') {
                start += 1;
            }
        }
        if start < para.len() || out.is_empty() {
            out.push(spans(trim_end(&para[start..])));
        }
    }
    out
}

fn trim_end(cells: &[Cell]) -> &[Cell] {
    let n = cells.iter().rposition(|c| c.ch != ' ').map_or(0, |i| i + 1);
    &cells[..n]
}

fn spans(cells: &[Cell]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for c in cells {
        match out.last_mut() {
            Some(s) if s.face == c.face && s.underline == c.underline => s.text.push(c.ch),
            _ => out.push(Span {
                text: c.ch.to_string(),
                face: c.face,
                underline: c.underline,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Style;

    fn texts(lines: &[Vec<Span>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        let l = wrap_plain("aaa bbb ccc", 7, Face::Regular);
        assert_eq!(texts(&l), ["aaa bbb", "ccc"]);
        let l = wrap_plain("abcdefghij", 4, Face::Regular);
        assert_eq!(texts(&l), ["abcd", "efgh", "ij"]);
        let l = wrap_plain("  indented\n\nnext", 20, Face::Regular);
        assert_eq!(texts(&l), ["  indented", "", "next"]);
    }

    #[test]
    fn keeps_styles_and_drops_notes() {
        let mut t = StyledText::default();
        t.push("plain ", Style::PLAIN);
        t.push(
            "bold",
            Style {
                bold: true,
                ..Style::PLAIN
            },
        );
        t.push(
            "hidden",
            Style {
                note: true,
                ..Style::PLAIN
            },
        );
        let l = wrap_styled(&t, 60, Force::default());
        assert_eq!(texts(&l), ["plain bold"]);
        assert_eq!(l[0][1].face, Face::Bold);
        let l = wrap_styled(
            &t,
            60,
            Force {
                italic: true,
                bold: false,
            },
        );
        assert_eq!(l[0][0].face, Face::Italic);
    }
}
