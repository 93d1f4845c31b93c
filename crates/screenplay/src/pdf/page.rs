//! The positioned-line page model that layout produces and the PDF writer consumes.
//!
//! Everything is in PDF points (1/72 in) measured from the page's top-left corner; a line's
//! `y` is the top of its 12 pt line box. Text is monospaced, so a span's width is its
//! character count times [`CHAR_WIDTH`].

/// Font size of every glyph on the page.
pub const FONT_SIZE: f32 = 12.0;
/// Advance of one character of 12 pt Courier (0.1 in: ten characters an inch).
pub const CHAR_WIDTH: f32 = 7.2;
/// Six lines an inch.
pub const LINE_HEIGHT: f32 = 12.0;
/// One inch in points.
pub const INCH: f32 = 72.0;

/// One of the four embedded Courier Prime faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    /// All faces, in the order the writer embeds them.
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    /// The face for a bold/italic combination.
    #[must_use]
    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }
}

/// A stretch of text in one face.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub face: Face,
    /// Drawn with a rule under it.
    pub underline: bool,
}

/// What a printed line is, for tests and for anyone inspecting a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    SceneHeading,
    SceneNumber,
    Action,
    Character,
    Parenthetical,
    Dialogue,
    Lyrics,
    Transition,
    Centered,
    /// `(MORE)` at the foot of a page where a speech breaks.
    More,
    /// The repeated `NAME (CONT'D)` cue at the top of the next page.
    ContinuedCharacter,
    PageNumber,
    Title,
    TitleCredit,
    TitleBottom,
}

/// A line of text placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLine {
    /// Left edge of the first character, from the page's left edge.
    pub x: f32,
    /// Top of the line box, from the page's top edge.
    pub y: f32,
    pub kind: LineKind,
    pub spans: Vec<Span>,
}

impl PageLine {
    /// The printed characters of the line.
    #[must_use]
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Number of character columns the line takes.
    #[must_use]
    pub fn columns(&self) -> usize {
        self.spans.iter().map(|s| s.text.chars().count()).sum()
    }
}

/// One page of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// True for the title page (it has no page number).
    pub is_title: bool,
    /// Lines in reading order (page number first when there is one).
    pub lines: Vec<PageLine>,
}

/// Page geometry for a paper size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    /// Left edge of scene headings and action (1.5 in).
    pub left: f32,
    /// Top of the first body line (1 in).
    pub top: f32,
    /// Body lines a page holds.
    pub lines_per_page: usize,
}

impl Geometry {
    /// Geometry for a paper: fixed 1.5 in left and 1 in top margins, a bottom margin of at
    /// least 1 in, and the same 6 in text column on every paper.
    #[must_use]
    pub fn for_paper(paper: super::Paper) -> Geometry {
        let (width, height) = match paper {
            super::Paper::Letter => (8.5 * INCH, 11.0 * INCH),
            super::Paper::A4 => (595.28, 841.89),
        };
        let top = INCH;
        let body = height - top - INCH;
        // Truncation is intended: only whole lines fit.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let lines_per_page = (body / LINE_HEIGHT).floor().max(1.0) as usize;
        Geometry {
            width,
            height,
            left: 1.5 * INCH,
            top,
            lines_per_page,
        }
    }

    /// x of a column counted in characters from the 1.5 in text margin.
    #[must_use]
    pub fn col(&self, col: usize) -> f32 {
        self.left + cols_width(col)
    }

    /// Top of body row `row` (0-based).
    #[must_use]
    pub fn row(&self, row: usize) -> f32 {
        self.top + rows_height(row)
    }
}

/// Width of `n` characters.
#[must_use]
pub fn cols_width(n: usize) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let n = n as f32;
    n * CHAR_WIDTH
}

fn rows_height(n: usize) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let n = n as f32;
    n * LINE_HEIGHT
}
