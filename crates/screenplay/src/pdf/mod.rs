//! PDF export in standard screenplay layout (12 pt Courier Prime, 6 lines an inch, 1.5 in
//! left margin, industry indents, `(MORE)`/`(CONT'D)` at speech breaks, page numbers from
//! page 2, optional title page).
//!
//! Export is two pure steps: [`layout`] turns a [`Script`] into [`Page`]s of positioned
//! lines (the part with all the rules, tested on its own), and [`render_pdf`] writes those
//! pages as PDF bytes with the four Courier Prime faces embedded as subsets.

mod blocks;
mod fonts;
mod page;
mod paginate;
mod text;
mod title;
mod wrap;
mod write;

pub use page::{Face, Geometry, LineKind, Page, PageLine, Span, CHAR_WIDTH, INCH, LINE_HEIGHT};
pub use text::render_text;

use crate::model::Script;

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    #[default]
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

/// Export options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfOptions {
    pub paper: Paper,
    /// Print a title page first when the script has title page fields.
    pub title_page: bool,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            paper: Paper::Letter,
            title_page: true,
        }
    }
}

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// An embedded font could not be read or subset (a build defect, not an input problem).
    #[error("font embedding failed: {0}")]
    Font(String),
}

/// Lays the script out in pages: the title page (when asked for and present), then the body.
/// Always returns at least one page.
#[must_use]
pub fn layout(script: &Script, opts: &PdfOptions) -> Vec<Page> {
    let geo = Geometry::for_paper(opts.paper);
    let mut pages = Vec::new();
    if opts.title_page {
        pages.extend(title::title_page(&script.title_page, &geo));
    }
    let body = blocks::blocks(script, &geo);
    if !body.is_empty() || pages.is_empty() {
        pages.extend(paginate::paginate(&body, &geo));
    }
    pages
}

/// Renders the script as a PDF document.
///
/// # Errors
/// [`PdfError::Font`] if an embedded font cannot be subset, which does not depend on the
/// script.
pub fn render_pdf(script: &Script, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let geo = Geometry::for_paper(opts.paper);
    let pages = layout(script, opts);
    write::write_pdf(&pages, &geo, &document_title(script))
}

fn document_title(script: &Script) -> String {
    script
        .title_page
        .iter()
        .find(|f| f.key.trim().eq_ignore_ascii_case("title"))
        .map(|f| {
            f.values
                .iter()
                .map(crate::model::StyledText::to_plain)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
