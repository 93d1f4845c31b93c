//! Plain-text rendering of the laid-out pages: the same lines, indents and pagination as the
//! PDF, in monospaced columns, for people who want a screenplay-shaped `.txt`.

use super::page::{Page, CHAR_WIDTH, INCH, LINE_HEIGHT};
use super::{layout, PdfOptions};
use crate::model::Script;

/// Renders `script` as text. Columns count from one inch in from the paper's left edge (so
/// margin scene numbers fit); pages are separated by a form feed, as printers expect.
#[must_use]
pub fn render_text(script: &Script, opts: &PdfOptions) -> String {
    let mut out = String::new();
    for (i, page) in layout(script, opts).iter().enumerate() {
        if i > 0 {
            out.push('\u{c}');
        }
        write_page(page, &mut out);
    }
    out
}

fn write_page(page: &Page, out: &mut String) {
    let mut lines: Vec<(usize, usize, String)> = page
        .lines
        .iter()
        .map(|l| {
            (
                to_index(l.y / LINE_HEIGHT),
                to_index((l.x - INCH) / CHAR_WIDTH),
                l.text(),
            )
        })
        .collect();
    lines.sort_by_key(|(row, col, _)| (*row, *col));
    let first_row = lines.first().map_or(0, |(r, _, _)| *r);
    let mut row = first_row;
    let mut current = String::new();
    for (r, col, text) in lines {
        while row < r {
            out.push_str(current.trim_end());
            out.push('\n');
            current.clear();
            row += 1;
        }
        let used = current.chars().count();
        if col > used {
            current.extend(std::iter::repeat_n(' ', col - used));
        } else if used > 0 {
            current.push(' ');
        }
        current.push_str(&text);
    }
    out.push_str(current.trim_end());
    out.push('\n');
}

/// Rounds a non-negative layout coordinate to a whole row or column.
fn to_index(v: f32) -> usize {
    // Layout coordinates are small positive numbers; negatives clamp to the first column.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = v.round().max(0.0) as usize;
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_fountain;

    #[test]
    fn keeps_screenplay_indents_and_pages() {
        let script = parse_fountain(
            "INT. DINER - NIGHT\n\nRain.\n\nJUNE\n(quietly)\nCoffee.\n\n===\n\nEXT. STREET - DAY\n\nDawn.\n",
        );
        let opts = PdfOptions {
            title_page: false,
            ..PdfOptions::default()
        };
        let text = render_text(&script, &opts);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        assert_eq!(pages.len(), 2, "{text}");
        let heading = pages[0]
            .lines()
            .find(|l| l.contains("INT. DINER"))
            .unwrap_or("");
        let cue = pages[0].lines().find(|l| l.contains("JUNE")).unwrap_or("");
        let speech = pages[0]
            .lines()
            .find(|l| l.contains("Coffee."))
            .unwrap_or("");
        let indent = |l: &str| l.len() - l.trim_start().len();
        assert!(
            indent(cue) > indent(speech) && indent(speech) > indent(heading),
            "{text}"
        );
        assert!(pages[1].contains("EXT. STREET - DAY"));
    }
}
