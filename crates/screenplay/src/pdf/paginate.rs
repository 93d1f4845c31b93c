//! Breaks blocks into pages following screenplay conventions:
//! - a blank line between blocks, none at the top of a page;
//! - a scene heading never ends a page (it moves with what follows);
//! - action breaks between lines only with two lines on each side;
//! - a speech breaks between lines or after a parenthetical's end, never inside a
//!   parenthetical nor right after one, nor after a lone cue; the page ends with `(MORE)`
//!   and the next starts with `NAME (CONT'D)`;
//! - `===` forces a new page; page numbers (`2.`) top right from page 2 on.

use super::blocks::{Block, Part, Row, TEXT_COLS};
use super::page::{cols_width, Face, Geometry, LineKind, Page, PageLine, Span, INCH};

/// Paginates the body. Always returns at least one page.
#[must_use]
pub fn paginate(blocks: &[Block], geo: &Geometry) -> Vec<Page> {
    let mut p = Pager {
        geo,
        pages: Vec::new(),
        cur: Vec::new(),
        row: 0,
    };
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::PageBreak => {
                if !p.cur.is_empty() {
                    p.new_page();
                }
            }
            Block::Text {
                rows,
                keep_with_next,
                splittable,
            } => {
                if *keep_with_next && p.row > 0 {
                    let next = blocks.get(i + 1).map_or(0, |b| head_len(b) + 1);
                    if p.gap() + rows.len() + next > p.free() {
                        p.new_page();
                    }
                }
                p.text(rows, *splittable);
            }
            Block::Dialogue {
                cue,
                cont_cue,
                more,
                parts,
            } => p.dialogue(cue, cont_cue, more, parts),
            Block::Dual { rows } => p.text(rows, false),
        }
    }
    if !p.cur.is_empty() || p.pages.is_empty() {
        p.new_page();
    }
    let mut pages = p.pages;
    for (n, page) in pages.iter_mut().enumerate().skip(1) {
        let text = format!("{}.", n + 1);
        let x = geo.col(TEXT_COLS) - cols_width(text.chars().count());
        page.lines.insert(
            0,
            PageLine {
                x,
                y: 0.5 * INCH,
                kind: LineKind::PageNumber,
                spans: vec![Span {
                    text,
                    face: Face::Regular,
                    underline: false,
                }],
            },
        );
    }
    pages
}

/// Rows a block needs at minimum at the foot of a page (its smallest first piece).
fn head_len(block: &Block) -> usize {
    match block {
        Block::Text {
            rows, splittable, ..
        } => {
            if *splittable && rows.len() >= 4 {
                2
            } else {
                rows.len()
            }
        }
        Block::Dialogue { cue, parts, .. } => (1..=parts.len())
            .find_map(|p| split_len(cue.len(), parts, p))
            .unwrap_or(cue.len()),
        Block::Dual { rows } => rows.len(),
        Block::PageBreak => 0,
    }
}

/// Rows taken on the page when a speech ends after `p` parts (with `(MORE)` when parts
/// remain), or `None` when breaking there is not allowed: never right after a
/// parenthetical, and at least two lines of speech on each side of the break.
fn split_len(cue: usize, parts: &[Part], p: usize) -> Option<usize> {
    let (before, after) = parts.split_at(p.min(parts.len()));
    let body: usize = before.iter().map(|x| x.rows.len()).sum();
    if after.is_empty() {
        return Some(cue + body);
    }
    let spoken: usize = before
        .iter()
        .filter(|x| !x.parenthetical)
        .map(|x| x.rows.len())
        .sum();
    let rest: usize = after.iter().map(|x| x.rows.len()).sum();
    let last_is_paren = before.last().is_none_or(|x| x.parenthetical);
    (!last_is_paren && spoken >= 2 && rest >= 2).then_some(cue + body + 1)
}

struct Pager<'g> {
    geo: &'g Geometry,
    pages: Vec<Page>,
    cur: Vec<PageLine>,
    row: usize,
}

impl Pager<'_> {
    fn free(&self) -> usize {
        self.geo.lines_per_page.saturating_sub(self.row)
    }

    fn gap(&self) -> usize {
        usize::from(self.row > 0)
    }

    fn new_page(&mut self) {
        self.pages.push(Page {
            is_title: false,
            lines: std::mem::take(&mut self.cur),
        });
        self.row = 0;
    }

    fn put(&mut self, rows: &[Row]) {
        for r in rows {
            // Blank rows (inside action) are not carried to the top of a page.
            if self.row == 0 && r.iter().all(|l| l.spans.is_empty()) {
                continue;
            }
            let y = self.geo.row(self.row);
            self.cur.extend(r.iter().map(|l| PageLine {
                x: l.x,
                y,
                kind: l.kind,
                spans: l.spans.clone(),
            }));
            self.row += 1;
        }
    }

    fn text(&mut self, rows: &[Row], splittable: bool) {
        let mut rest = rows;
        loop {
            let gap = self.gap();
            let free = self.free().saturating_sub(gap);
            if rest.len() <= free {
                self.row += gap;
                self.put(rest);
                return;
            }
            let mut k = if splittable {
                free.min(rest.len().saturating_sub(2))
            } else {
                0
            };
            if k < 2 {
                k = 0;
            }
            if k == 0 && self.row == 0 {
                // An empty page and still too tall: fill it.
                k = free.clamp(1, rest.len());
            }
            if k > 0 {
                self.row += gap;
                let (now, later) = rest.split_at(k);
                self.put(now);
                rest = later;
            }
            self.new_page();
        }
    }

    fn dialogue(&mut self, cue: &[Row], cont_cue: &[Row], more: &Row, parts: &[Part]) {
        let mut cue = cue;
        let mut rest = parts;
        loop {
            let gap = self.gap();
            let free = self.free().saturating_sub(gap);
            let total = cue.len() + rest.iter().map(|p| p.rows.len()).sum::<usize>();
            if total <= free {
                self.row += gap;
                self.put(cue);
                for part in rest {
                    self.put(&part.rows);
                }
                return;
            }
            let fits = |p: usize| split_len(cue.len(), rest, p).filter(|&n| n <= free);
            let mut split = (1..rest.len()).rev().find(|&p| fits(p).is_some());
            if split.is_none() && self.row == 0 {
                // Empty page and no allowed break fits: break wherever the page is full.
                let mut used = cue.len() + 1;
                let mut p = 0;
                while let Some(part) = rest.get(p) {
                    if p > 0 && used + part.rows.len() > free {
                        break;
                    }
                    used += part.rows.len();
                    p += 1;
                }
                split = Some(p.clamp(1, rest.len()));
            }
            match split {
                Some(p) if p < rest.len() => {
                    self.row += gap;
                    self.put(cue);
                    let (now, later) = rest.split_at(p);
                    for part in now {
                        self.put(&part.rows);
                    }
                    self.put(std::slice::from_ref(more));
                    rest = later;
                    cue = cont_cue;
                    self.new_page();
                }
                Some(_) => {
                    // The whole speech on an empty page that cannot hold it.
                    self.put(cue);
                    for part in rest {
                        self.put(&part.rows);
                    }
                    return;
                }
                None => self.new_page(),
            }
        }
    }
}
