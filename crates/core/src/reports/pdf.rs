//! A provenance report as a PDF laid out for reading: A4 pages with a running header and
//! page numbers, the figures as a table, each AI-touched passage set off as a quote with its
//! history beside labels, then reviews, disclosures and assets. Written with `pdf-writer` in
//! the PDF's standard Helvetica faces (nothing embedded); text is wrapped by their published
//! widths. Characters those faces cannot show (outside Windows-1252) print as `?`.

use super::html::{history_lines, percent, when};
use greenlight_domain::ledger::keys::short;
use greenlight_domain::provenance::{ModelUse, ProvenanceReport};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BODY_W: f32 = PAGE_W - 2.0 * MARGIN;
const LABEL_W: f32 = 92.0;

/// Helvetica's advance widths (thousandths of the size) for ' ' to '~'.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/// Helvetica-Bold's, likewise.
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

#[derive(Clone, Copy, PartialEq)]
enum Face {
    Regular,
    Bold,
}

impl Face {
    fn resource(self) -> Name<'static> {
        match self {
            Face::Regular => Name(b"F1"),
            Face::Bold => Name(b"F2"),
        }
    }
}

/// The Windows-1252 byte for `c`, `?` when it has none.
fn win1252(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '™' => 0x99,
        '\t' | '\n' | '\r' => b' ',
        _ => b'?',
    }
}

fn width(text: &str, face: Face, size: f32) -> f32 {
    let table = match face {
        Face::Regular => &HELVETICA,
        Face::Bold => &HELVETICA_BOLD,
    };
    text.chars()
        .map(|c| match win1252(c) {
            b @ 32..=126 => table[(b - 32) as usize] as f32,
            // Accented letters and typographic marks: about an average letter.
            _ => 556.0,
        })
        .sum::<f32>()
        * size
        / 1000.0
}

/// Splits `text` into lines no wider than `max` (a word longer than a line is cut).
fn wrap(text: &str, face: Face, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, face, size) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word.to_owned();
            while width(&rest, face, size) > max {
                let mut cut = String::new();
                for c in rest.chars() {
                    if width(&format!("{cut}{c}"), face, size) > max {
                        break;
                    }
                    cut.push(c);
                }
                if cut.is_empty() {
                    break;
                }
                rest = rest[cut.len()..].to_owned();
                lines.push(cut);
            }
            line = rest;
        }
        lines.push(line);
    }
    lines
}

/// One piece of text placed on a page.
struct Placed {
    x: f32,
    y: f32,
    face: Face,
    size: f32,
    gray: f32,
    text: String,
}

/// A bar drawn beside a quote.
struct Bar {
    x: f32,
    top: f32,
    bottom: f32,
}

#[derive(Default)]
struct Page {
    text: Vec<Placed>,
    bars: Vec<Bar>,
}

/// Lays text out top to bottom, starting a new page when one is full.
struct Layout {
    pages: Vec<Page>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Self {
            pages: vec![Page::default()],
            y: PAGE_H - MARGIN,
        }
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Makes room for `h` points, on a new page when this one lacks it.
    fn room(&mut self, h: f32) {
        if self.y - h < MARGIN + 20.0 {
            self.pages.push(Page::default());
            self.y = PAGE_H - MARGIN;
        }
    }

    fn gap(&mut self, h: f32) {
        self.y -= h;
    }

    /// Wrapped text at `x`, `w` wide.
    fn text(&mut self, s: &str, face: Face, size: f32, gray: f32, x: f32, w: f32) {
        let lead = size * 1.35;
        for line in wrap(s, face, size, w) {
            self.room(lead);
            self.y -= lead;
            let y = self.y;
            self.page().text.push(Placed {
                x,
                y,
                face,
                size,
                gray,
                text: line,
            });
        }
    }

    fn para(&mut self, s: &str) {
        self.text(s, Face::Regular, 10.0, 0.1, MARGIN, BODY_W);
    }

    fn meta(&mut self, s: &str) {
        self.text(s, Face::Regular, 9.0, 0.4, MARGIN, BODY_W);
    }

    fn heading(&mut self, s: &str) {
        self.room(60.0);
        self.gap(14.0);
        self.text(s, Face::Bold, 13.0, 0.1, MARGIN, BODY_W);
        self.gap(4.0);
    }

    /// A label in the left column and its value wrapped in the right one.
    fn pair(&mut self, label: &str, value: &str) {
        let lead = 9.0 * 1.35;
        let lines = wrap(value, Face::Regular, 9.0, BODY_W - LABEL_W);
        self.room(lead * lines.len().min(3) as f32);
        let top = self.y;
        self.text(label, Face::Bold, 9.0, 0.35, MARGIN, LABEL_W - 6.0);
        let after_label = self.y;
        self.y = top;
        self.text(
            value,
            Face::Regular,
            9.0,
            0.1,
            MARGIN + LABEL_W,
            BODY_W - LABEL_W,
        );
        self.y = self.y.min(after_label);
    }

    /// A quoted passage with a bar beside it.
    fn quote(&mut self, s: &str) {
        let lead = 10.0 * 1.35;
        for line in wrap(s, Face::Regular, 10.0, BODY_W - 14.0) {
            self.room(lead);
            let top = self.y;
            self.y -= lead;
            let y = self.y;
            let page = self.page();
            page.bars.push(Bar {
                x: MARGIN + 2.0,
                top: top - 1.0,
                bottom: y - 3.0,
            });
            page.text.push(Placed {
                x: MARGIN + 12.0,
                y,
                face: Face::Regular,
                size: 10.0,
                gray: 0.05,
                text: line,
            });
        }
    }
}

fn lay_out(r: &ProvenanceReport) -> Layout {
    let mut l = Layout::new();
    // A title starts with a capital ("The project “…”").
    let what = super::subject(r);
    let what = match what.strip_prefix("the ") {
        Some(rest) => format!("The {rest}"),
        None => what,
    };
    l.text("PROVENANCE REPORT", Face::Bold, 9.0, 0.25, MARGIN, BODY_W);
    l.text(&what, Face::Bold, 20.0, 0.05, MARGIN, BODY_W);
    l.gap(2.0);
    l.meta(&format!(
        "Made by {} on {} with {} · {}",
        r.generated_by,
        when(r.generated_at),
        r.generator,
        r.format
    ));

    let s = &r.summary;
    l.heading("Summary");
    l.pair("Documents", &s.documents.to_string());
    l.pair(
        "AI-touched words",
        &format!(
            "{} of {} ({})",
            s.ai_words,
            s.total_words,
            percent(s.ai_share)
        ),
    );
    l.pair("AI-touched spans", &s.ai_spans.to_string());
    l.pair(
        "Sent off this computer",
        if s.sent_remote {
            "yes: text went to a remote provider"
        } else {
            "no"
        },
    );
    let models = if s.models.is_empty() {
        "none".to_owned()
    } else {
        s.models
            .iter()
            .map(ModelUse::phrase)
            .collect::<Vec<_>>()
            .join("; ")
    };
    l.pair("Models", &models);
    l.pair(
        "Reviews",
        &format!("{} ({} locked)", s.reviews, s.locked_reviews),
    );
    l.pair("Disclosures", &s.disclosures.to_string());
    if s.assets > 0 {
        l.pair(
            "Assets",
            &format!(
                "{} ({} say a model made them)",
                s.assets, s.ai_generated_assets
            ),
        );
    }

    let v = &r.verification;
    l.heading("Verification");
    l.text(
        if v.ok {
            "The record is intact."
        } else {
            "The record has been altered."
        },
        Face::Bold,
        10.0,
        if v.ok { 0.15 } else { 0.0 },
        MARGIN,
        BODY_W,
    );
    l.para(&format!(
        "{} events in {} chains, {} signatures and {} revisions checked{}.",
        v.events_checked,
        v.chains_checked,
        v.signatures_checked,
        v.revisions_checked,
        if v.unsigned_events > 0 {
            format!(" ({} events predate signatures)", v.unsigned_events)
        } else {
            String::new()
        }
    ));
    for p in &v.problems {
        l.para(&format!("• {}: {}", p.chain_name, p.reason));
    }
    l.gap(4.0);
    for h in &v.heads {
        l.pair(
            &h.chain_name,
            &format!(
                "head #{} {} · signed by key {}",
                h.seq,
                h.hash,
                h.key_id.as_deref().map(short).unwrap_or("— not signed")
            ),
        );
    }

    for d in &r.documents {
        l.heading(&d.title);
        l.meta(&format!(
            "Revision {} of {} · {} words, {} touched by a model ({}) · {}",
            d.revision_id,
            when(d.revision_at),
            d.total_words,
            d.ai_words,
            percent(d.ai_share),
            if d.sent_remote {
                "text was sent to a remote provider"
            } else {
                "no text left this computer"
            }
        ));
        if d.spans.is_empty() {
            l.para("No words of this revision came from a model.");
        }
        for (i, h) in d.histories.iter().enumerate() {
            l.room(80.0);
            l.gap(8.0);
            l.text(
                &format!("Passage {}", i + 1),
                Face::Bold,
                10.0,
                0.2,
                MARGIN,
                BODY_W,
            );
            for s in d
                .spans
                .iter()
                .filter(|s| s.suggestion_id == h.suggestion_id)
            {
                l.quote(&s.text);
                l.meta(&format!(
                    "characters {}–{}{}",
                    s.start,
                    s.end,
                    if s.edited {
                        " · edited before accepting"
                    } else {
                        ""
                    }
                ));
            }
            l.gap(2.0);
            for (label, value) in history_lines(h) {
                l.pair(label, &value);
            }
        }
    }

    if !r.reviews.is_empty() {
        l.heading("Reviews");
        for rv in &r.reviews {
            l.text(
                &format!(
                    "{} — {} (round {}, {})",
                    rv.title,
                    rv.status.replace('_', " "),
                    rv.round,
                    rv.workflow
                ),
                Face::Bold,
                10.0,
                0.1,
                MARGIN,
                BODY_W,
            );
            l.meta(&format!(
                "Requested by {} on {}",
                rv.requested_by_name,
                when(rv.requested_at)
            ));
            for d in &rv.decisions {
                l.pair(
                    &d.stage,
                    &format!(
                        "{}: {:?}, round {}, {}{}",
                        d.by_name,
                        d.verdict,
                        d.round,
                        when(d.at),
                        d.comment
                            .as_deref()
                            .map(|c| format!(" — “{c}”"))
                            .unwrap_or_default()
                    ),
                );
            }
            l.gap(6.0);
        }
    }

    l.heading("Disclosures");
    if r.disclosures.is_empty() {
        l.para("None recorded.");
    }
    for d in &r.disclosures {
        l.pair(
            &when(d.at),
            &format!("{} {}", d.recorded_by_name, d.summary),
        );
    }

    if !r.assets.is_empty() {
        l.heading("Assets");
        for a in &r.assets {
            l.pair(
                &a.name,
                &format!(
                    "v{}, {} · Content Credentials: {}{} · {}",
                    a.version,
                    a.media_type,
                    a.credentials
                        .map(|v| format!("{v:?}").to_lowercase())
                        .unwrap_or_else(|| "none".into()),
                    a.claim_generator
                        .as_deref()
                        .map(|g| format!(" ({g})"))
                        .unwrap_or_default(),
                    if a.ai_generated {
                        "made by a model, say its credentials"
                    } else {
                        "no AI generation claimed"
                    }
                ),
            );
        }
    }
    l
}

fn encoded(text: &str) -> Vec<u8> {
    text.chars().map(win1252).collect()
}

/// The report as PDF bytes.
pub fn render(r: &ProvenanceReport) -> Vec<u8> {
    let layout = lay_out(r);
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let mut next = 6;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let pages: Vec<(Ref, Ref)> = layout.pages.iter().map(|_| (alloc(), alloc())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(pages.iter().map(|(p, _)| *p))
        .count(pages.len() as i32);
    for (id, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
        pdf.type1_font(id)
            .base_font(Name(name.as_bytes()))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let title = format!("Provenance report — {}", r.project_title);
    pdf.document_info(info)
        .title(TextStr(&title))
        .creator(TextStr(&r.generator));
    let total = layout.pages.len();
    for (n, (page, (page_id, content_id))) in layout.pages.iter().zip(&pages).enumerate() {
        let mut p = pdf.page(*page_id);
        p.parent(tree)
            .media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .contents(*content_id);
        {
            let mut resources = p.resources();
            let mut fonts = resources.fonts();
            fonts.pair(Face::Regular.resource(), regular);
            fonts.pair(Face::Bold.resource(), bold);
        }
        p.finish();

        let mut c = Content::new();
        c.set_fill_rgb(0.18, 0.42, 0.31);
        for b in &page.bars {
            c.rect(b.x, b.bottom, 2.0, b.top - b.bottom);
            c.fill_nonzero();
        }
        let footer = Placed {
            x: MARGIN,
            y: MARGIN - 24.0,
            face: Face::Regular,
            size: 8.0,
            gray: 0.45,
            text: format!("{title} · page {} of {total}", n + 1),
        };
        for t in page.text.iter().chain(std::iter::once(&footer)) {
            c.set_fill_gray(t.gray);
            c.begin_text();
            c.set_font(t.face.resource(), t.size);
            c.next_line(t.x, t.y);
            c.show(Str(&encoded(&t.text)));
            c.end_text();
        }
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&c.finish(), 6);
        pdf.stream(*content_id, &compressed)
            .filter(Filter::FlateDecode);
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_never_exceed_their_width_and_keep_every_word() {
        let text = "Odile drinks her coffee. The rain does not stop. Supercalifragilisticexpialidocious-and-then-some-more-letters-than-a-line-holds";
        let lines = wrap(text, Face::Regular, 10.0, 120.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| width(l, Face::Regular, 10.0) <= 120.0));
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn characters_outside_the_fonts_show_as_question_marks() {
        assert_eq!(
            encoded("“Café” — 東"),
            vec![0x93, b'C', b'a', b'f', 0xe9, 0x94, b' ', 0x97, b' ', b'?']
        );
    }
}
