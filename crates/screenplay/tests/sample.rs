//! The bundled sample screenplay parses cleanly and indexes as written.

use greenlight_screenplay::{index, parse_fountain, write_fountain, ElementKind, Setting};

const SAMPLE: &str = include_str!("../samples/sample.fountain");

#[test]
fn sample_parses_and_indexes() {
    let script = parse_fountain(SAMPLE);
    assert_eq!(script.title_page.len(), 5);
    assert_eq!(script.title_page[4].values.len(), 2);

    let idx = index(&script);
    let headings: Vec<&str> = idx.scenes.iter().map(|s| s.location.as_str()).collect();
    assert_eq!(
        headings,
        vec![
            "HARBOUR STREET",
            "HARBOUR STREET",
            "VINTAGE TAXI",
            "HARBOUR STREET"
        ]
    );
    assert_eq!(idx.scenes[0].number.as_deref(), Some("1"));
    assert_eq!(idx.scenes[2].setting, Setting::Int);
    assert_eq!(idx.scenes[0].time_of_day.as_deref(), Some("NIGHT"));
    assert_eq!(
        idx.scenes[1].time_of_day.as_deref(),
        Some("NIGHT (CONTINUOUS)")
    );
    assert_eq!(idx.scenes[2].characters, vec!["DANIEL", "ODILE"]);

    let names: Vec<&str> = idx.characters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["DANIEL", "MARCUS", "ODILE", "PRIYA"]);
    let odile = &idx.characters[2];
    assert_eq!(odile.scenes, vec![1, 2, 3, 4]);

    // Every construct the sample promises is there.
    let has = |f: fn(&ElementKind) -> bool| script.elements.iter().any(|e| f(&e.kind));
    assert!(has(|k| matches!(
        k,
        ElementKind::Character { dual: true, .. }
    )));
    assert!(has(|k| matches!(k, ElementKind::Note { .. })));
    assert!(has(|k| matches!(k, ElementKind::Boneyard { .. })));
    assert!(has(|k| matches!(k, ElementKind::Section { depth: 1, .. })));
    assert!(has(|k| matches!(k, ElementKind::Synopsis { .. })));
    assert!(has(|k| matches!(
        k,
        ElementKind::Transition { forced: false, .. }
    )));
    assert!(has(|k| matches!(
        k,
        ElementKind::Transition { forced: true, .. }
    )));
    assert!(has(|k| matches!(k, ElementKind::Centered { .. })));
    assert!(has(|k| matches!(k, ElementKind::Parenthetical { .. })));

    // No caps line was mistaken for a cue: every cue is followed by dialogue.
    for w in script.elements.windows(2) {
        if let ElementKind::Character { name, .. } = &w[0].kind {
            assert!(
                matches!(
                    w[1].kind,
                    ElementKind::Dialogue { .. } | ElementKind::Parenthetical { .. }
                ),
                "cue {name} without dialogue"
            );
        }
    }
    let pages: u32 = idx.scenes.iter().map(|s| s.eighths).sum();
    assert!((16..=48).contains(&pages), "{pages} eighths");
}

#[test]
fn sample_survives_write_and_parse() {
    let a = parse_fountain(SAMPLE).without_ranges();
    let b = parse_fountain(&write_fountain(&a)).without_ranges();
    assert_eq!(a, b);
}
