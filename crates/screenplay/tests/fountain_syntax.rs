//! One test per Fountain 1.1 rule, on the model the parser produces.

use greenlight_screenplay::{parse_fountain, write_fountain, ElementKind as K, StyledText};

fn kinds(src: &str) -> Vec<K> {
    parse_fountain(src)
        .elements
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

fn plain(s: &str) -> StyledText {
    StyledText::plain(s)
}

fn heading(text: &str, number: Option<&str>, forced: bool) -> K {
    K::SceneHeading {
        text: text.into(),
        number: number.map(Into::into),
        forced,
    }
}

fn cue(name: &str, ext: &[&str], dual: bool) -> K {
    K::Character {
        name: name.into(),
        extensions: ext.iter().map(|s| (*s).to_owned()).collect(),
        dual,
    }
}

#[test]
fn scene_headings_plain_forced_numbered() {
    let src = "INT. HOUSE - DAY\n\next. yard\n\nINT./EXT. CAR #12A#\n\n.SNIPER SCOPE POV\n\n...and then\n";
    assert_eq!(
        kinds(src),
        vec![
            heading("INT. HOUSE - DAY", None, false),
            heading("ext. yard", None, false),
            heading("INT./EXT. CAR", Some("12A"), false),
            heading("SNIPER SCOPE POV", None, true),
            K::Action {
                text: plain("...and then")
            },
        ]
    );
}

#[test]
fn heading_needs_blank_lines_around() {
    assert_eq!(
        kinds("INT. HOUSE is where\nwe start."),
        vec![K::Action {
            text: plain("INT. HOUSE is where\nwe start.")
        }]
    );
}

#[test]
fn character_dialogue_parenthetical_extensions_dual() {
    let src = "BRICK\nScrew retirement.\n\nSTEEL (V.O.)\n(beat)\nNo.\n  \nNever.\n\n@McCLANE\nYippee.\n\nBOB ^\nAt once!\n";
    assert_eq!(
        kinds(src),
        vec![
            cue("BRICK", &[], false),
            K::Dialogue {
                text: plain("Screw retirement.")
            },
            cue("STEEL", &["V.O."], false),
            K::Parenthetical {
                text: "beat".into()
            },
            K::Dialogue {
                text: plain("No.\n\nNever.")
            },
            cue("McCLANE", &[], false),
            K::Dialogue {
                text: plain("Yippee.")
            },
            cue("BOB", &[], true),
            K::Dialogue {
                text: plain("At once!")
            },
        ]
    );
}

#[test]
fn caps_line_without_dialogue_is_action_and_forced_action() {
    assert_eq!(
        kinds("BOOM\n\n!SCANNING THE AISLES\nHe looks."),
        vec![
            K::Action {
                text: plain("BOOM")
            },
            K::Action {
                text: plain("SCANNING THE AISLES\nHe looks.")
            },
        ]
    );
}

#[test]
fn transitions_centered_lyrics_page_break() {
    let src = "CUT TO:\n\n> Burn to white.\n\n>THE END<\n\n~Willy Wonka\n~the amazing\n\n===\n";
    assert_eq!(
        kinds(src),
        vec![
            K::Transition {
                text: "CUT TO:".into(),
                forced: false
            },
            K::Transition {
                text: "Burn to white.".into(),
                forced: true
            },
            K::Centered {
                text: plain("THE END")
            },
            K::Lyrics {
                text: plain("Willy Wonka\nthe amazing")
            },
            K::PageBreak,
        ]
    );
}

#[test]
fn sections_synopses_notes_boneyard() {
    let src = "# ACT I\n\n## Seq\n= They meet.\n\n[[A note\nover lines]]\n\n/* cut\nscene */\n\nHe sits. [[inline]]\n";
    let k = kinds(src);
    assert_eq!(
        k[..5],
        [
            K::Section {
                depth: 1,
                text: "ACT I".into()
            },
            K::Section {
                depth: 2,
                text: "Seq".into()
            },
            K::Synopsis {
                text: "They meet.".into()
            },
            K::Note {
                text: "A note\nover lines".into()
            },
            K::Boneyard {
                text: " cut\nscene ".into()
            },
        ]
    );
    let K::Action { text } = &k[5] else {
        panic!("expected action, got {:?}", k[5]);
    };
    assert_eq!(text.to_plain(), "He sits. ");
    assert!(text.runs()[1].style.note);
}

#[test]
fn title_page_with_continuations() {
    let s = parse_fountain(
        "Title: _**BRICK & STEEL**_\nCredit: Written by\nAuthor:\n    Stu Maschwitz\n\tA. N. Other\n\nINT. A\n\nHi.\n",
    );
    assert_eq!(s.title_page.len(), 3);
    assert_eq!(s.title_page[0].key, "Title");
    assert!(s.title_page[0].values[0].runs()[0].style.bold);
    assert_eq!(s.title_page[2].values.len(), 2);
    assert_eq!(s.elements.len(), 2);
}

#[test]
fn indentation_and_tabs_kept_in_action() {
    assert_eq!(
        kinds("He waits.\n\n\t\tTick.\n    Tock."),
        vec![
            K::Action {
                text: plain("He waits.")
            },
            K::Action {
                text: plain("\t\tTick.\n    Tock.")
            },
        ]
    );
}

#[test]
fn unclosed_notes_and_boneyard_are_literal() {
    assert_eq!(
        kinds("He [[never closes\n\nShe /* neither"),
        vec![
            K::Action {
                text: plain("He [[never closes")
            },
            K::Action {
                text: plain("She /* neither")
            },
        ]
    );
}

#[test]
fn byte_ranges_point_into_the_source() {
    let src = "Title: X\n\nINT. HOUSE - DAY\n\nBOB\nHi there.\n";
    let s = parse_fountain(src);
    let texts: Vec<&str> = s.elements.iter().map(|e| &src[e.range.clone()]).collect();
    assert_eq!(texts, vec!["INT. HOUSE - DAY", "BOB", "Hi there."]);
    assert_eq!(&src[s.title_page[0].range.clone()], "Title: X");
}

#[test]
fn crlf_and_bom() {
    let s = parse_fountain("\u{feff}INT. A\r\n\r\nBOB\r\nHi.\r\n");
    assert_eq!(s.elements.len(), 3);
    assert_eq!(s.elements[2].kind, K::Dialogue { text: plain("Hi.") });
}

#[test]
fn writer_round_trips_a_tricky_document() {
    let src = "Title: T\n\nINT. A #1#\n\nBOOM\n\nBOB (O.S.)\n(quietly)\nHi *there* \\(x)\n\n@mary ^\n~la la\n\nCUT TO:\n\n>THE *END*<\n";
    let a = parse_fountain(src).without_ranges();
    let b = parse_fountain(&write_fountain(&a)).without_ranges();
    assert_eq!(a, b);
}
