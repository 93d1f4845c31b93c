//! Tests of the layout and pagination engine (no PDF bytes involved).

use super::*;
use crate::{parse_fountain, synth};

fn body_lines(page: &Page) -> impl Iterator<Item = &PageLine> {
    page.lines
        .iter()
        .filter(|l| !matches!(l.kind, LineKind::PageNumber | LineKind::SceneNumber))
}

fn no_title() -> PdfOptions {
    PdfOptions {
        title_page: false,
        ..PdfOptions::default()
    }
}

fn action_lines(n: usize) -> String {
    // One-line action paragraphs: each takes two rows (text and the blank before it).
    (0..n).map(|i| format!("Line {i}.\n\n")).collect()
}

fn long_speech(name: &str, lines: usize) -> String {
    let words = "word ".repeat(lines * 6);
    format!("{name}\n{}\n\n", words.trim())
}

#[test]
fn more_and_contd_where_a_speech_breaks() {
    let src = format!(
        "INT. A - DAY\n\n{}{}",
        action_lines(20),
        long_speech("BOB", 20)
    );
    let pages = layout(&parse_fountain(&src), &no_title());
    assert!(pages.len() >= 2);
    let mut mores = 0;
    for (i, page) in pages.iter().enumerate() {
        let lines: Vec<&PageLine> = body_lines(page).collect();
        for (j, l) in lines.iter().enumerate() {
            if l.kind != LineKind::More {
                continue;
            }
            mores += 1;
            assert_eq!(l.text(), "(MORE)");
            assert_eq!(j, lines.len() - 1, "(MORE) ends the page");
            assert_eq!(lines[j - 1].kind, LineKind::Dialogue);
            let cue = lines.iter().rev().find(|c| c.kind == LineKind::Character);
            assert_eq!(cue.map(|c| c.x), Some(l.x), "(MORE) at the cue indent");
            let next: Vec<&PageLine> = body_lines(&pages[i + 1]).collect();
            assert_eq!(next[0].kind, LineKind::ContinuedCharacter);
            assert_eq!(next[0].text(), "BOB (CONT'D)");
            assert_eq!(next[1].kind, LineKind::Dialogue);
            assert!(next.iter().filter(|l| l.kind == LineKind::Dialogue).count() >= 2);
        }
    }
    assert_eq!(mores, 1);
}

#[test]
fn scene_heading_and_cue_never_end_a_page() {
    // Fill the page so that three rows remain: room for the heading or the cue, not for
    // what must follow them.
    let geo = Geometry::for_paper(Paper::Letter);
    let filler = action_lines((geo.lines_per_page - 2) / 2);
    let src = format!("{filler}INT. B - NIGHT\n\nAction after heading, long enough.\n\n");
    let pages = layout(&parse_fountain(&src), &no_title());
    assert_eq!(pages.len(), 2);
    let first = body_lines(&pages[1]).next().map(|l| l.kind);
    assert_eq!(first, Some(LineKind::SceneHeading));

    let src = format!("{filler}{}", long_speech("BOB", 3));
    let pages = layout(&parse_fountain(&src), &no_title());
    let first = body_lines(&pages[1]).next().map(|l| l.kind);
    assert_eq!(first, Some(LineKind::Character));

    let script = parse_fountain(&synth::feature(3, 120));
    for page in layout(&script, &no_title()) {
        let last = body_lines(&page).last().map(|l| l.kind);
        assert!(
            !matches!(
                last,
                Some(
                    LineKind::SceneHeading
                        | LineKind::Character
                        | LineKind::ContinuedCharacter
                        | LineKind::Parenthetical
                )
            ),
            "page ends with {last:?}"
        );
    }
}

#[test]
fn parentheticals_are_never_split() {
    let paren = "(a rather long parenthetical that has to wrap over several lines here)";
    let mut src = action_lines(24);
    src.push_str("ANN\n");
    for _ in 0..12 {
        src.push_str(paren);
        src.push_str("\nSome words that are spoken between the directions, two lines.\n");
    }
    let pages = layout(&parse_fountain(&src), &no_title());
    assert!(pages.len() >= 2);
    for page in &pages {
        let mut open = String::new();
        for l in body_lines(page) {
            if l.kind == LineKind::Parenthetical {
                open.push_str(&l.text());
            } else if !open.is_empty() {
                assert!(open.starts_with('(') && open.ends_with(')'), "{open}");
                open.clear();
            }
        }
        assert!(open.is_empty(), "page ends inside or after a parenthetical");
    }
}

#[test]
fn synthetic_feature_page_count_is_realistic() {
    let script = parse_fountain(&synth::feature(42, 120));
    let letter = layout(&script, &PdfOptions::default());
    assert!(letter[0].is_title);
    let body = letter.len() - 1;
    assert!((100..=140).contains(&body), "{body} pages");
    let a4 = layout(
        &script,
        &PdfOptions {
            paper: Paper::A4,
            title_page: true,
        },
    );
    // A4 is taller (58 lines against 54), so it takes fewer pages.
    assert!(a4.len() < letter.len(), "{} vs {}", a4.len(), letter.len());
    assert!(a4.len() * 10 > letter.len() * 8);
}

#[test]
fn everything_stays_inside_the_margins() {
    let script = parse_fountain(&synth::feature(5, 30));
    for paper in [Paper::Letter, Paper::A4] {
        let geo = Geometry::for_paper(paper);
        let opts = PdfOptions {
            paper,
            title_page: true,
        };
        for page in layout(&script, &opts) {
            for l in &page.lines {
                let right = l.x + page::cols_width(l.columns());
                assert!(
                    l.x >= 0.5 * INCH && right <= geo.width - 0.5 * INCH + 0.01,
                    "{l:?}"
                );
                assert!(l.y >= 0.5 * INCH && l.y + LINE_HEIGHT <= geo.height - INCH + 0.01);
                if l.kind != LineKind::SceneNumber {
                    assert!(l.x >= 1.5 * INCH - 0.01 || l.kind == LineKind::PageNumber);
                    assert!(right <= 7.5 * INCH + 0.01, "{l:?}");
                }
            }
        }
    }
}

#[test]
fn indents_and_page_numbers() {
    let src = format!(
        "INT. ROOM - DAY #7A#\n\nAction.\n\nBOB\n(softly)\nHi.\n\nCUT TO:\n\n{}",
        action_lines(60)
    );
    let pages = layout(&parse_fountain(&src), &no_title());
    let x_of = |kind| pages[0].lines.iter().find(|l| l.kind == kind).map(|l| l.x);
    let close = |a: Option<f32>, inches: f32| a.is_some_and(|a| (a - inches * INCH).abs() < 0.01);
    assert!(close(x_of(LineKind::SceneHeading), 1.5));
    assert!(close(x_of(LineKind::Action), 1.5));
    assert!(close(x_of(LineKind::Character), 3.7));
    assert!(close(x_of(LineKind::Parenthetical), 3.1));
    assert!(close(x_of(LineKind::Dialogue), 2.5));
    // "CUT TO:" ends at 7.5 in.
    assert!(close(x_of(LineKind::Transition), 7.5 - 0.7));
    let numbers: Vec<String> = pages[0]
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::SceneNumber)
        .map(PageLine::text)
        .collect();
    assert_eq!(numbers, ["7A", "7A"]);
    assert!(!pages[0]
        .lines
        .iter()
        .any(|l| l.kind == LineKind::PageNumber));
    for (n, page) in pages.iter().enumerate().skip(1) {
        let num = &page.lines[0];
        assert_eq!(num.kind, LineKind::PageNumber);
        assert_eq!(num.text(), format!("{}.", n + 1));
        assert!((num.x + page::cols_width(num.columns()) - 7.5 * INCH).abs() < 0.01);
    }
}

#[test]
fn page_breaks_honoured_and_outline_not_printed() {
    let src = "# Act\n\n= synopsis\n\nFirst.\n\n[[a note]]\n\n/* boneyard */\n\n===\n\nSecond.\n";
    let pages = layout(&parse_fountain(src), &no_title());
    let texts: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.lines.iter().map(PageLine::text).collect())
        .collect();
    assert_eq!(texts, [vec!["First."], vec!["2.", "Second."]]);
}

#[test]
fn emphasis_faces_dual_dialogue_and_lyrics() {
    let src = "Plain **bold** *italic* _under_.\n\nANN\nLeft.\n\nBOB ^\nRight.\n\nCAL\n~La la la\n";
    let pages = layout(&parse_fountain(src), &no_title());
    let spans: Vec<&Span> = pages[0].lines[0].spans.iter().collect();
    let face = |t: &str| {
        spans
            .iter()
            .find(|s| s.text == t)
            .map(|s| (s.face, s.underline))
    };
    assert_eq!(face("bold"), Some((Face::Bold, false)));
    assert_eq!(face("italic"), Some((Face::Italic, false)));
    assert_eq!(face("under"), Some((Face::Regular, true)));
    let cues: Vec<&PageLine> = pages[0]
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Character)
        .collect();
    assert_eq!(cues[0].y, cues[1].y, "dual cues side by side");
    assert!(cues[1].x > cues[0].x + 2.0 * INCH);
    let lyric = pages[0].lines.iter().find(|l| l.kind == LineKind::Lyrics);
    assert_eq!(lyric.map(|l| l.spans[0].face), Some(Face::Italic));
}

#[test]
fn title_page_layout() {
    let src = "Title: The Left Hand\nCredit: Written by\nAuthor: Ann Writer\nDraft date: 1 May\nContact: ann@example.com\n\nINT. A - DAY\n";
    let script = parse_fountain(src);
    let pages = layout(&script, &PdfOptions::default());
    assert_eq!(pages.len(), 2);
    let title = &pages[0];
    assert!(title.is_title);
    assert!(!title.lines.iter().any(|l| l.kind == LineKind::PageNumber));
    let t = title.lines.iter().find(|l| l.kind == LineKind::Title);
    let geo = Geometry::for_paper(Paper::Letter);
    assert!(t.is_some_and(|t| {
        let mid = t.x + page::cols_width(t.columns()) / 2.0;
        t.text() == "THE LEFT HAND" && (mid - 4.5 * INCH).abs() < 4.0 && t.y > geo.height / 4.0
    }));
    let bottom: Vec<&PageLine> = title
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::TitleBottom)
        .collect();
    assert_eq!(bottom.len(), 2);
    assert!(bottom.iter().all(|l| l.y > geo.height * 0.75));
    assert_eq!(layout(&script, &no_title()).len(), 1);
    // The first body page carries no number even after a title page.
    assert!(!pages[1]
        .lines
        .iter()
        .any(|l| l.kind == LineKind::PageNumber));
}

#[test]
fn empty_script_still_has_a_page() {
    assert_eq!(layout(&Script::default(), &PdfOptions::default()).len(), 1);
}
