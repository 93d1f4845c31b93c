//! PDF export: the bytes are a PDF with the fonts embedded, and any input renders.

use greenlight_screenplay::{layout, parse_fountain, render_pdf, synth, Paper, PdfOptions};
use proptest::prelude::*;

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[test]
fn sample_renders_as_pdf_with_embedded_fonts() {
    let script = parse_fountain(include_str!("../samples/sample.fountain"));
    let opts = PdfOptions::default();
    let pdf = render_pdf(&script, &opts).expect("render");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.ends_with(b"%%EOF") || pdf.ends_with(b"%%EOF\n"));
    assert!(count(&pdf, b"/FontFile3") >= 1, "font program embedded");
    assert!(count(&pdf, b"+CourierPrime") >= 1, "subset Courier Prime");
    assert!(count(&pdf, b"/CIDFontType0C") >= 1);
    assert!(count(&pdf, b"/ToUnicode") >= 1);
    assert!(count(&pdf, b"/MediaBox [0 0 612 792]") >= 1);
    let pages = layout(&script, &opts).len();
    assert_eq!(
        count(&pdf, b"/Type /Page\n") + count(&pdf, b"/Type /Page "),
        pages
    );
    // Subsetting keeps a short script small (four full faces alone are 180 KiB).
    assert!(pdf.len() < 60_000, "{} bytes", pdf.len());
    // Deterministic: no dates or random ids.
    assert_eq!(render_pdf(&script, &opts).expect("render"), pdf);
}

#[test]
fn a4_paper_size() {
    let script = parse_fountain("INT. A - DAY\n\nHello.\n");
    let pdf = render_pdf(
        &script,
        &PdfOptions {
            paper: Paper::A4,
            title_page: false,
        },
    )
    .expect("render");
    assert!(count(&pdf, b"/MediaBox [0 0 595.28 841.89]") == 1);
}

#[test]
fn feature_length_pdf_is_compact() {
    let script = parse_fountain(&synth::feature(42, 120));
    let pdf = render_pdf(&script, &PdfOptions::default()).expect("render");
    assert!(pdf.len() < 400_000, "{} bytes", pdf.len());
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_fountain_renders(s in any::<String>()) {
        let pdf = render_pdf(&parse_fountain(&s), &PdfOptions::default());
        prop_assert!(pdf.is_ok_and(|b| b.starts_with(b"%PDF-")));
    }

    #[test]
    fn any_markup_soup_renders(s in "[A-Z a-z.:()*_~>=<#!@^\\[\\]/\\\\\n\t]{0,600}") {
        let script = parse_fountain(&s);
        for paper in [Paper::Letter, Paper::A4] {
            let opts = PdfOptions { paper, title_page: true };
            prop_assert!(!layout(&script, &opts).is_empty());
            prop_assert!(render_pdf(&script, &opts).is_ok());
        }
    }
}
