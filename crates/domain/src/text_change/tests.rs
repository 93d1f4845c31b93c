use super::*;
use crate::attribution::Edit;
use proptest::prelude::*;

fn ai(id: &str) -> Origin {
    Origin::Ai {
        suggestion_id: id.into(),
        edited: false,
    }
}

/// One origin per character: the reference the spans are checked against.
fn expand(a: &Attribution) -> Vec<Origin> {
    a.spans()
        .iter()
        .flat_map(|s| std::iter::repeat_n(s.origin.clone(), s.end - s.start))
        .collect()
}

fn attributed(runs: &[(&str, Origin)]) -> (String, Attribution) {
    let mut text = String::new();
    let mut a = Attribution::default();
    for (t, o) in runs {
        let at = a.len();
        let n = t.chars().count();
        a.apply(&Edit {
            start: at,
            end: at,
            inserted: vec![(n, o.clone())],
        })
        .expect("append");
        text.push_str(t);
    }
    (text, a)
}

fn change(from: usize, to: usize, insert: &str) -> TextChange {
    TextChange {
        from,
        to,
        insert: insert.into(),
        moved_from: None,
    }
}

fn resolver(
    id: &RevisionId,
    source: &MovedSource,
) -> impl FnMut(&MovedFrom, &str) -> Option<Vec<(usize, Origin)>> {
    let id = id.clone();
    let source = source.clone();
    move |m, inserted| (m.revision == id).then(|| source.origins(m.start, inserted))?
}

#[test]
fn cut_and_paste_of_ai_words_keeps_them_ai_and_typing_is_human() {
    let (text, a) = attributed(&[
        ("Maya ", Origin::Human),
        ("waits", ai("s1")),
        (".", Origin::Human),
    ]);
    let id = RevisionId::new();
    let source = MovedSource::new(&text, a.clone()).expect("source");
    // Cut "waits", type "runs", paste "waits" at the start (é: not ASCII, still one char).
    let changes = vec![
        change(5, 10, ""),
        change(5, 5, "runé"),
        TextChange {
            from: 0,
            to: 0,
            insert: "waits".into(),
            moved_from: Some(MovedFrom {
                revision: id.clone(),
                start: 5,
            }),
        },
    ];
    let out = apply_changes(&text, &a, &changes, resolver(&id, &source)).expect("apply");
    assert_eq!(out.text, "waitsMaya runé.");
    assert_eq!(out.attribution.ai_chars(), 5);
    assert_eq!(out.attribution.spans()[0].origin, ai("s1"));
    assert_eq!(out.attribution.spans()[0].end, 5);
    assert_eq!(out.attribution.len(), 15);
}

#[test]
fn a_false_or_foreign_move_is_typing() {
    let (text, a) = attributed(&[("ab", Origin::Human), ("cd", ai("s1"))]);
    let id = RevisionId::new();
    let source = MovedSource::new(&text, a.clone()).expect("source");
    let moved = |revision: &RevisionId, start: usize, insert: &str| TextChange {
        from: 0,
        to: 0,
        insert: insert.into(),
        moved_from: Some(MovedFrom {
            revision: revision.clone(),
            start,
        }),
    };
    for forged in [
        moved(&id, 1, "cd"),
        moved(&id, 3, "cd"),
        moved(&id, 99, "cd"),
        moved(&RevisionId::new(), 2, "cd"),
    ] {
        let out = apply_changes(&text, &a, &[forged], resolver(&id, &source)).expect("apply");
        assert_eq!(out.text, "cdabcd");
        assert_eq!(out.attribution.ai_chars(), 2, "only the original AI text");
    }
    let honest =
        apply_changes(&text, &a, &[moved(&id, 2, "cd")], resolver(&id, &source)).expect("apply");
    assert_eq!(honest.attribution.ai_chars(), 4);
    // A resolver that answers runs of the wrong length is not trusted either.
    let liar = |_: &MovedFrom, _: &str| Some(vec![(7, ai("x"))]);
    let out = apply_changes(&text, &a, &[moved(&id, 2, "cd")], liar).expect("apply");
    assert_eq!(out.attribution.ai_chars(), 2);
}

#[test]
fn bad_input_is_an_error_naming_it() {
    let (text, a) = attributed(&[("abc", Origin::Human)]);
    let none = |_: &MovedFrom, _: &str| None;
    let err = apply_changes(&text, &a, &[change(0, 3, ""), change(0, 1, "")], none);
    assert_eq!(
        err,
        Err(ChangeError::OutOfRange {
            index: 1,
            from: 0,
            to: 1,
            len: 0
        })
    );
    assert!(apply_changes(&text, &a, &[change(2, 1, "")], none).is_err());
    assert_eq!(
        apply_changes("abcd", &a, &[], none),
        Err(ChangeError::Misaligned {
            attribution: 3,
            text: 4
        })
    );
    let many = vec![change(0, 0, ""); MAX_TEXT_CHANGES + 1];
    assert!(matches!(
        apply_changes(&text, &a, &many, none),
        Err(ChangeError::TooMany { .. })
    ));
    let big = vec![change(0, 0, &"x".repeat(MAX_TEXT_CHANGES_BYTES / 2 + 1)); 2];
    assert!(matches!(
        check_changes(&big),
        Err(ChangeError::TooLarge { .. })
    ));
    assert!(check_changes(&[]).is_ok());
}

#[test]
fn the_wire_shape_is_camel_case_and_moved_from_may_be_left_out() {
    let c: TextChange =
        serde_json::from_str(r#"{"from":1,"to":2,"insert":"x"}"#).expect("no movedFrom");
    assert_eq!(c, change(1, 2, "x"));
    let id = RevisionId::new();
    let moved = TextChange {
        moved_from: Some(MovedFrom {
            revision: id.clone(),
            start: 3,
        }),
        ..c
    };
    let json = serde_json::to_value(&moved).expect("json");
    assert_eq!(json["movedFrom"]["start"], 3);
    assert_eq!(json["movedFrom"]["revision"], id.to_string());
    assert!(serde_json::from_str::<TextChange>(r#"{"from":-1,"to":2,"insert":"x"}"#).is_err());
}

fn origin() -> impl Strategy<Value = Origin> {
    prop_oneof![Just(Origin::Human), Just(ai("a")), Just(ai("b"))]
}

/// A character of the reference model: itself, its origin, and where it was in the parent
/// (`None` once typed), so a cut knows whether the editor could claim it as moved.
type ModelChar = (char, Origin, Option<usize>);

fn range(x: usize, y: usize, len: usize) -> (usize, usize) {
    let (p, q) = (x % (len + 1), y % (len + 1));
    (p.min(q), p.max(q))
}

proptest! {
    /// Under random typing, deleting, replacing, cut and paste, copy from the parent and
    /// forged moves, the text is what the model says and the spans give every character
    /// exactly the origin the per-character model gives it: moved text keeps its origins,
    /// everything typed (or falsely claimed) is a person's.
    #[test]
    fn spans_stay_exact_under_random_edit_sequences(
        parent_runs in proptest::collection::vec(("[ab é]{0,6}", origin()), 0..6),
        ops in proptest::collection::vec((0u8..4, 0usize..80, 0usize..80, 0usize..80, "[ab é]{0,4}"), 0..40)
    ) {
        let runs: Vec<(&str, Origin)> = parent_runs.iter().map(|(t, o)| (t.as_str(), o.clone())).collect();
        let (parent, a) = attributed(&runs);
        let parent_chars: Vec<char> = parent.chars().collect();
        let parent_origins = expand(&a);
        let id = RevisionId::new();
        let source = MovedSource::new(&parent, a.clone()).expect("source");
        let mut model: Vec<ModelChar> = parent_chars
            .iter()
            .zip(&parent_origins)
            .enumerate()
            .map(|(i, (c, o))| (*c, o.clone(), Some(i)))
            .collect();
        let mut changes = Vec::new();
        let moved = |start: usize, from: usize, insert: String| TextChange {
            from,
            to: from,
            insert,
            moved_from: Some(MovedFrom { revision: id.clone(), start }),
        };
        for (kind, x, y, z, s) in ops {
            let len = model.len();
            match kind {
                // Typing, deleting or replacing.
                0 => {
                    let (from, to) = range(x, y, len);
                    model.splice(from..to, s.chars().map(|c| (c, Origin::Human, None)));
                    changes.push(change(from, to, &s));
                }
                // Cut and paste elsewhere; claimed as moved only when the cut text is still
                // one unbroken run of the parent, as the editor does.
                1 => {
                    let (from, to) = range(x, y, len);
                    let cut: Vec<ModelChar> = model.drain(from..to).collect();
                    changes.push(change(from, to, ""));
                    let at = z % (model.len() + 1);
                    let text: String = cut.iter().map(|m| m.0).collect();
                    let start = cut.first().and_then(|m| m.2);
                    let unbroken = start.is_some_and(|p| {
                        cut.iter().enumerate().all(|(i, m)| m.2 == Some(p + i))
                    });
                    if unbroken {
                        changes.push(moved(start.unwrap_or(0), at, text));
                        model.splice(at..at, cut);
                    } else {
                        changes.push(change(at, at, &text));
                        model.splice(at..at, cut.into_iter().map(|(c, _, _)| (c, Origin::Human, None)));
                    }
                }
                // Copy from the parent and paste.
                2 => {
                    let (start, end) = range(x, y, parent_chars.len());
                    let at = z % (len + 1);
                    let text: String = parent_chars[start..end].iter().collect();
                    changes.push(moved(start, at, text));
                    model.splice(at..at, (start..end).map(|i| (parent_chars[i], parent_origins[i].clone(), Some(i))));
                }
                // A claim of any text at any place of the parent: honored only when true.
                _ => {
                    let start = x % (parent_chars.len() + 2);
                    let at = z % (len + 1);
                    let n = s.chars().count();
                    let honest = parent_chars.get(start..start + n).is_some_and(|p| p.iter().copied().eq(s.chars()));
                    let inserted: Vec<ModelChar> = s.chars().enumerate().map(|(i, c)| if honest {
                        (c, parent_origins[start + i].clone(), Some(start + i))
                    } else {
                        (c, Origin::Human, None)
                    }).collect();
                    changes.push(moved(start, at, s));
                    model.splice(at..at, inserted);
                }
            }
        }
        let out = apply_changes(&parent, &a, &changes, resolver(&id, &source)).expect("apply");
        prop_assert_eq!(out.text, model.iter().map(|m| m.0).collect::<String>());
        prop_assert_eq!(expand(&out.attribution), model.iter().map(|m| m.1.clone()).collect::<Vec<_>>());
        for w in out.attribution.spans().windows(2) {
            prop_assert_eq!(w[0].end, w[1].start);
            prop_assert!(w[0].origin != w[1].origin);
        }
    }
}
