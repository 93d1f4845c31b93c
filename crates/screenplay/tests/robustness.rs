//! Every parser accepts arbitrary input without panicking, and adversarial inputs that would
//! expose quadratic behaviour or deep recursion finish promptly (a quadratic parser would
//! take minutes on these sizes; linear ones take milliseconds).

use greenlight_screenplay::{index, parse_fountain, read_fdx, write_fdx, write_fountain};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fountain_never_panics(s in any::<String>()) {
        let script = parse_fountain(&s);
        let _ = index(&script);
        let _ = write_fountain(&script);
        let _ = write_fdx(&script);
    }

    #[test]
    fn fountain_markup_soup_never_panics(s in "[A-Z a-z.:()*_~>=<#!@^\\[\\]/\\\\\n\t\r]{0,400}") {
        let script = parse_fountain(&s);
        let _ = index(&script);
        let (back, _) = read_fdx(write_fdx(&script).as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.elements.len() <= script.elements.len() + 1, true);
    }

    #[test]
    fn fdx_never_panics(b in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = read_fdx(&b);
    }

    #[test]
    fn fdx_tag_soup_never_panics(s in "(<FinalDraft>|<Content>|<Paragraph Type=\"Action\">|<Text Style=\"Bold\">|</Text>|</Paragraph>|<DualDialogue>|</DualDialogue>|&amp;|&x;|<!DOCTYPE|<TitlePage>|[a-z ]{0,5}){0,40}") {
        let _ = read_fdx(s.as_bytes());
    }
}

#[test]
fn adversarial_fountain_is_linear() {
    let n = 200_000;
    let inputs = [
        "[[".repeat(n),
        "/*".repeat(n),
        "*a".repeat(n),
        "_".repeat(n) + "x",
        "**a _b ".repeat(n / 4),
        "\\".repeat(n),
        "A\n".repeat(n),
        "@A\n(x)\n".repeat(n / 4),
        "/**/".repeat(n / 2),
        " /* x */ y".repeat(n / 8),
        "Title: x\n    y\n".repeat(n / 8),
        format!("{}{}", "#".repeat(n), "\n=\n".repeat(n / 4)),
    ];
    for input in &inputs {
        let s = parse_fountain(input);
        let _ = index(&s);
        let _ = write_fountain(&s);
    }
}

#[test]
fn adversarial_fdx_is_bounded() {
    let wide = format!(
        "<FinalDraft><Content>{}</Content></FinalDraft>",
        "<Paragraph Type=\"Action\"><Text>x</Text></Paragraph>".repeat(50_000)
    );
    assert!(read_fdx(wide.as_bytes()).is_ok());
    let deep = format!("<FinalDraft>{}", "<Paragraph>".repeat(100_000));
    assert!(read_fdx(deep.as_bytes()).is_err());
}

#[test]
fn a_twenty_megabyte_single_line_parses_within_bounds() {
    let line = "A".repeat(20 * 1024 * 1024);
    let script = parse_fountain(&line);
    assert_eq!(script.elements.len(), 1, "one line is one element");
    let _ = index(&script);
    let fdx = format!(
        "<FinalDraft><Content><Paragraph Type=\"Action\"><Text>{}</Text></Paragraph></Content></FinalDraft>",
        "b".repeat(19 * 1024 * 1024)
    );
    assert!(read_fdx(fdx.as_bytes()).is_ok());
}
