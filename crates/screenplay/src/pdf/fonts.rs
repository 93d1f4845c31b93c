//! The embedded Courier Prime faces (SIL Open Font License 1.1; see `fonts/README.md`).

use super::page::Face;

static REGULAR: &[u8] = include_bytes!("../../fonts/CourierPrime-Regular.otf");
static BOLD: &[u8] = include_bytes!("../../fonts/CourierPrime-Bold.otf");
static ITALIC: &[u8] = include_bytes!("../../fonts/CourierPrime-Italic.otf");
static BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/CourierPrime-BoldItalic.otf");

/// The OpenType (CFF) font program of a face.
#[must_use]
pub fn font_data(face: Face) -> &'static [u8] {
    match face {
        Face::Regular => REGULAR,
        Face::Bold => BOLD,
        Face::Italic => ITALIC,
        Face::BoldItalic => BOLD_ITALIC,
    }
}

/// PostScript name of a face, as written (with a subset tag) into the PDF.
#[must_use]
pub fn postscript_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "CourierPrime",
        Face::Bold => "CourierPrime-Bold",
        Face::Italic => "CourierPrime-Italic",
        Face::BoldItalic => "CourierPrime-BoldItalic",
    }
}

/// Resource name of a face in page dictionaries.
#[must_use]
pub fn resource_name(face: Face) -> &'static [u8] {
    match face {
        Face::Regular => b"F1",
        Face::Bold => b"F2",
        Face::Italic => b"F3",
        Face::BoldItalic => b"F4",
    }
}

/// Six-letter subset tag, fixed per face so output is deterministic.
#[must_use]
pub fn subset_tag(face: Face) -> &'static str {
    match face {
        Face::Regular => "GLSPRA",
        Face::Bold => "GLSPRB",
        Face::Italic => "GLSPRC",
        Face::BoldItalic => "GLSPRD",
    }
}
