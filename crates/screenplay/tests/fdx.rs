//! Final Draft import and export: every paragraph type, round trips through Fountain, and
//! hostile input.

use greenlight_screenplay::{
    parse_fountain, read_fdx, read_fdx_with, synth, write_fdx, write_fountain, ElementKind as K,
    FdxError, FdxLimits, FdxWarning, Script,
};

const ALL_TYPES: &str = include_str!("fixtures/all_types.fdx");
const SAMPLE: &str = include_str!("../samples/sample.fountain");

fn read(s: &str) -> (Script, Vec<FdxWarning>) {
    read_fdx(s.as_bytes()).expect("valid fdx")
}

fn type_names(s: &Script) -> Vec<String> {
    s.elements
        .iter()
        .map(|e| match &e.kind {
            K::Other { type_name, .. } => type_name.clone(),
            K::Character { dual: true, .. } => "Character^".into(),
            k => format!("{k:?}")
                .split([' ', '{'])
                .next()
                .unwrap_or("")
                .to_owned(),
        })
        .collect()
}

#[test]
fn reads_every_paragraph_type() {
    let (s, warnings) = read(ALL_TYPES);
    assert_eq!(
        type_names(&s),
        vec![
            "New Act",
            "SceneHeading",
            "Action",
            "Shot",
            "Character",
            "Parenthetical",
            "Dialogue",
            "Character",
            "Dialogue",
            "Character^",
            "Dialogue",
            "General",
            "Cast List",
            "Storyboard Panel",
            "Transition",
            "PageBreak",
            "Action",
            "End of Act"
        ]
    );
    assert_eq!(
        warnings,
        vec![FdxWarning::UnknownParagraphType {
            line: 24,
            type_name: "Storyboard Panel".into()
        }]
    );
    let K::SceneHeading { number, forced, .. } = &s.elements[1].kind else {
        panic!("heading expected");
    };
    assert_eq!(number.as_deref(), Some("1A"));
    assert!(!forced);
    let K::Action { text } = &s.elements[2].kind else {
        panic!("action expected");
    };
    assert_eq!(
        text.to_plain(),
        "The lights hum & the crew waits \u{2014} quietly."
    );
    assert!(text.runs()[1].style.bold && text.runs()[1].style.italic);
    assert!(text.runs()[3].style.underline);
    let K::Character {
        name, extensions, ..
    } = &s.elements[4].kind
    else {
        panic!("cue expected");
    };
    assert_eq!(
        (name.as_str(), extensions.as_slice()),
        ("ODILE", &["V.O.".to_owned()][..])
    );
    assert_eq!(
        s.elements[5].kind,
        K::Parenthetical {
            text: "whispering".into()
        }
    );
    let keys: Vec<&str> = s.title_page.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, vec!["Title", "Credit", "Author", "Contact"]);
}

#[test]
fn fdx_to_fountain_and_back_keeps_every_element() {
    let (first, _) = read(ALL_TYPES);
    let fountain = write_fountain(&first);
    let via_fountain = parse_fountain(&fountain).without_ranges();
    assert_eq!(
        via_fountain,
        first.without_ranges(),
        "fountain:\n{fountain}"
    );
    let fdx_again = write_fdx(&via_fountain);
    let (second, warnings) = read(&fdx_again);
    assert_eq!(second, first);
    assert_eq!(warnings.len(), 1);
}

#[test]
fn fountain_to_fdx_and_back_keeps_the_body() {
    for src in [SAMPLE.to_owned(), synth::feature(7, 12)] {
        let script = parse_fountain(&src).without_ranges();
        let (back, warnings) = read(&write_fdx(&script));
        assert!(warnings.is_empty());
        assert_eq!(back.elements, script.elements);
    }
}

fn err(input: &[u8]) -> FdxError {
    match read_fdx(input) {
        Err(e) => e,
        Ok(_) => panic!("expected an error for {:?}", String::from_utf8_lossy(input)),
    }
}

#[test]
fn truncated_file_names_line_and_element() {
    let cut = &ALL_TYPES[..ALL_TYPES.find("<Text>CLOSE ON").unwrap_or(0)];
    let e = err(cut.as_bytes());
    assert_eq!(
        e.to_string(),
        "line 10: unexpected end of file inside <Paragraph>"
    );
}

#[test]
fn hostile_inputs_get_typed_errors() {
    let doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n<FinalDraft><Content><Paragraph Type=\"Action\"><Text>&b;</Text></Paragraph></Content></FinalDraft>";
    assert!(matches!(
        err(doctype.as_bytes()),
        FdxError::Doctype { line: 2 }
    ));

    let entity = "<FinalDraft><Content><Paragraph Type=\"Action\"><Text>&xxe;</Text></Paragraph></Content></FinalDraft>";
    assert_eq!(
        err(entity.as_bytes()),
        FdxError::UnknownEntity {
            line: 1,
            name: "xxe".into()
        }
    );

    let deep = format!("<FinalDraft>{}", "<a>".repeat(100));
    assert!(matches!(
        err(deep.as_bytes()),
        FdxError::TooDeep { limit: 64, .. }
    ));

    let big = vec![b' '; 2000];
    let limits = FdxLimits {
        max_bytes: 1000,
        ..FdxLimits::default()
    };
    assert_eq!(
        read_fdx_with(&big, &limits).err(),
        Some(FdxError::TooLarge {
            size: 2000,
            limit: 1000
        })
    );

    let pdf = err(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj");
    assert_eq!(
        pdf.to_string(),
        "this is a PDF file, not a Final Draft (.fdx) file"
    );

    let mut bad_utf8 = b"<FinalDraft>\n<Content>\n".to_vec();
    bad_utf8.extend_from_slice(b"\xC3\x28</Content></FinalDraft>");
    assert_eq!(
        err(&bad_utf8),
        FdxError::InvalidUtf8 {
            line: 3,
            offset: 23
        }
    );

    assert_eq!(
        err(b"<html><body/></html>"),
        FdxError::NotFinalDraft {
            root: "html".into()
        }
    );
    assert_eq!(err(b"  \n"), FdxError::Empty);
    assert!(matches!(
        err(b"<FinalDraft><Content></Paragraph></FinalDraft>"),
        FdxError::Malformed { line: 1, .. }
    ));
}

#[test]
fn billion_laughs_is_refused_without_expansion() {
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        doc.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    doc.push_str("]>\n<FinalDraft><Content><Paragraph><Text>&lol9;</Text></Paragraph></Content></FinalDraft>");
    assert!(matches!(err(doc.as_bytes()), FdxError::Doctype { .. }));
}
