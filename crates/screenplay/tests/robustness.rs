//! Every parser accepts arbitrary input without panicking, adversarial inputs that would
//! expose quadratic behaviour or deep recursion are handled within bounds, and the Fountain
//! parser's work grows linearly with its input. Work is counted by the parser itself (bytes
//! and lines it looks at, see `greenlight_screenplay::work`), never timed, so the checks are
//! deterministic on a busy machine.

use greenlight_screenplay::{
    index, parse_fountain, read_fdx, write_fdx, write_fountain, ElementKind, FdxError, FdxLimits,
};
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

/// The larger input of each pair is this many times the smaller one.
const SCALE: usize = 8;
/// Most the parser's work may grow between an input and one `SCALE` times as long: three
/// times linear growth (24). Linear parsing grows about 8 times, quadratic about 64 times.
const MAX_GROWTH: usize = SCALE * 3;
/// Most units of work (see `greenlight_screenplay::work`) the parser may spend per input
/// byte. The current parser spends under 10; a quadratic one spends thousands at these sizes.
const MAX_WORK_PER_BYTE: usize = 32;

/// Work the parser does on `input`, counted by the parser itself (not timed: timings flake
/// on shared machines). The count only exists with debug assertions; the tests that use it
/// are ignored without them.
fn parse_work(input: &str) -> usize {
    let (_, units) = greenlight_screenplay::work::measure(|| parse_fountain(input));
    units.expect("work is counted in builds with debug assertions")
}

/// Parses `make(n)` and `make(SCALE * n)` and checks that the work grew at most
/// `MAX_GROWTH` times and stayed under `MAX_WORK_PER_BYTE` per byte. Returns a line of
/// figures for the failure messages and `--nocapture` output.
fn assert_linear(name: &str, make: impl Fn(usize) -> String, n: usize) -> String {
    let (small, large) = (make(n), make(SCALE * n));
    let (w_small, w_large) = (parse_work(&small), parse_work(&large));
    let figures = format!(
        "{name}: {} bytes -> {w_small} units, {} bytes -> {w_large} units (x{:.2})",
        small.len(),
        large.len(),
        w_large as f64 / w_small.max(1) as f64,
    );
    assert!(w_small > 0, "nothing counted; {figures}");
    assert!(
        w_large <= MAX_GROWTH * w_small,
        "work grew more than {MAX_GROWTH} times for {SCALE} times the input (not linear); {figures}"
    );
    for (input, work) in [(&small, w_small), (&large, w_large)] {
        assert!(
            work <= MAX_WORK_PER_BYTE * input.len().max(1),
            "more than {MAX_WORK_PER_BYTE} units of work per input byte; {figures}"
        );
    }
    figures
}

/// Builds an adversarial input from a repeat count.
type MakeInput = fn(usize) -> String;

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the parser counts its work only with debug assertions"
)]
fn adversarial_fountain_is_linear() {
    // Each input targets a place where a careless parser goes quadratic: searches for a
    // closer that never comes (`[[`, `/*x`), back-to-back boneyards (`/*/*/`), emphasis
    // pairing, long delimiter runs, escapes, one long dialogue block, many boneyards on one
    // line, a long title page, long lines of `#`. Sizes are what `repeat` takes; the larger
    // of each pair is about 200,000 repeats.
    let n = 200_000 / SCALE;
    let inputs: [(&str, MakeInput); 13] = [
        ("[[", |n| "[[".repeat(n)),
        ("/*", |n| "/*".repeat(n)),
        ("/*x", |n| "/*x".repeat(n / 2)),
        ("*a", |n| "*a".repeat(n)),
        ("_..._x", |n| "_".repeat(n) + "x"),
        ("**a _b ", |n| "**a _b ".repeat(n / 4)),
        ("\\", |n| "\\".repeat(n)),
        ("A\\n", |n| "A\n".repeat(n)),
        ("@A (x)", |n| "@A\n(x)\n".repeat(n / 4)),
        ("/**/", |n| "/**/".repeat(n / 2)),
        (" /* x */ y", |n| " /* x */ y".repeat(n / 8)),
        ("Title: x / y", |n| "Title: x\n    y\n".repeat(n / 8)),
        ("###... =", |n| {
            format!("{}{}", "#".repeat(n), "\n=\n".repeat(n / 4))
        }),
    ];
    for (name, make) in inputs {
        println!("{}", assert_linear(name, make, n));
        // The index and the writer run on the parser's output; here they only must not
        // panic (they are not instrumented).
        let script = parse_fountain(&make(SCALE * n));
        let _ = index(&script);
        let _ = write_fountain(&script);
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
#[cfg_attr(
    not(debug_assertions),
    ignore = "the parser counts its work only with debug assertions"
)]
fn a_twenty_megabyte_single_line_parses_within_bounds() {
    const MIB: usize = 1024 * 1024;
    // Fountain: the parser's work on one 20 MiB line is within the linear bounds, compared
    // with a line an eighth as long, and the line comes back whole as one action.
    let line = |len: usize| "A".repeat(len);
    println!("{}", assert_linear("one line", line, 20 * MIB / SCALE));
    let input = line(20 * MIB);
    let script = parse_fountain(&input);
    assert_eq!(script.elements.len(), 1, "one line is one element");
    let element = &script.elements[0];
    assert_eq!(element.range, 0..input.len());
    match &element.kind {
        ElementKind::Action { text } => assert!(text.to_plain() == input, "text kept whole"),
        other => panic!("expected an action, got {other:?}"),
    }
    assert!(index(&script).scenes.is_empty());

    // FDX: a 19 MiB paragraph is under the 20 MiB size limit and comes back whole; the same
    // document one byte over the limit is refused before it is parsed.
    let fdx = |text_len: usize| {
        format!(
            "<FinalDraft><Content><Paragraph Type=\"Action\"><Text>{}</Text></Paragraph></Content></FinalDraft>",
            "b".repeat(text_len)
        )
    };
    let limit = FdxLimits::default().max_bytes;
    assert_eq!(limit, 20 * MIB);
    let doc = fdx(19 * MIB);
    let (script, warnings) = read_fdx(doc.as_bytes()).expect("a 19 MiB FDX is within the limit");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(script.elements.len(), 1);
    match &script.elements[0].kind {
        ElementKind::Action { text } => assert_eq!(text.to_plain().len(), 19 * MIB),
        other => panic!("expected an action, got {other:?}"),
    }
    let wrapper = doc.len() - 19 * MIB;
    let over = fdx(limit + 1 - wrapper);
    assert_eq!(over.len(), limit + 1);
    assert!(matches!(
        read_fdx(over.as_bytes()),
        Err(FdxError::TooLarge { size, limit: l }) if size == limit + 1 && l == limit
    ));
}
