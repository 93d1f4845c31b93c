//! The title page, laid out as the Fountain spec suggests: title (uppercase) about a third of
//! the way down, then credit, author(s) and source centered below it; contact, notes and
//! copyright at the bottom left, draft date at the bottom right. No page number.

use super::blocks::TEXT_COLS;
use super::page::{Geometry, LineKind, Page, PageLine, Span};
use super::wrap::{wrap_styled, Force};
use crate::model::{StyledText, TitleField};

/// The title page, or `None` when the script has no printable title page fields.
#[must_use]
pub fn title_page(fields: &[TitleField], geo: &Geometry) -> Option<Page> {
    let lines_of = |keys: &[&str], upper: bool| -> Vec<Vec<Span>> {
        fields
            .iter()
            .filter(|f| keys.iter().any(|k| f.key.trim().eq_ignore_ascii_case(k)))
            .flat_map(|f| f.values.iter())
            .flat_map(|v| {
                let v = if upper { uppercase(v) } else { v.clone() };
                wrap_styled(&v, TEXT_COLS, Force::default())
            })
            .collect()
    };
    let mut lines = Vec::new();
    let mut row = geo.lines_per_page / 3;
    let groups: [(&[&str], bool, LineKind); 4] = [
        (&["title"], true, LineKind::Title),
        (&["credit"], false, LineKind::TitleCredit),
        (&["author", "authors"], false, LineKind::TitleCredit),
        (&["source"], false, LineKind::TitleCredit),
    ];
    for (keys, upper, kind) in groups {
        let group = lines_of(keys, upper);
        if group.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            row += 1;
        }
        for spans in group {
            let n = columns(&spans);
            lines.push(PageLine {
                x: geo.col(TEXT_COLS.saturating_sub(n) / 2),
                y: geo.row(row),
                kind,
                spans,
            });
            row += 1;
        }
    }
    let mut left = lines_of(&["contact"], false);
    for extra in [&["notes"][..], &["copyright"][..]] {
        let more = lines_of(extra, false);
        if !more.is_empty() && !left.is_empty() {
            left.push(Vec::new());
        }
        left.extend(more);
    }
    let right = lines_of(&["draft date"], false);
    let bottom = |block: Vec<Vec<Span>>, right_aligned: bool, out: &mut Vec<PageLine>| {
        let first = geo.lines_per_page.saturating_sub(block.len());
        for (i, spans) in block.into_iter().enumerate() {
            if spans.is_empty() {
                continue;
            }
            let col = if right_aligned {
                TEXT_COLS.saturating_sub(columns(&spans))
            } else {
                0
            };
            out.push(PageLine {
                x: geo.col(col),
                y: geo.row(first + i),
                kind: LineKind::TitleBottom,
                spans,
            });
        }
    };
    bottom(left, false, &mut lines);
    bottom(right, true, &mut lines);
    if lines.is_empty() {
        return None;
    }
    Some(Page {
        is_title: true,
        lines,
    })
}

fn columns(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.text.chars().count()).sum()
}

fn uppercase(text: &StyledText) -> StyledText {
    let mut out = StyledText::default();
    for r in text.runs() {
        out.push(&r.text.to_uppercase(), r.style);
    }
    out
}
