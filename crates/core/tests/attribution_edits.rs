//! A person's save from the editor carries attribution exactly through the editor's changes:
//! AI words cut and pasted elsewhere stay AI, with their suggestion; a forged claim of moved
//! text counts as typing; changes that do not give the saved text fall back to a character
//! diff, as a save from outside the editor does.

mod common;

use common::ai::project_with_doc;
use common::suggest::{ask, attribution, head_text, open_with, provider};
use common::LocalActor;
use greenlight_ai::scripted::{Script, ScriptedFactory};
use greenlight_core::domain::ids::{DocumentId, RevisionId, SuggestionId};
use greenlight_core::domain::limits::MAX_TEXT_CHANGES;
use greenlight_core::domain::suggestion_record::{AttributedSpan, SpanOrigin};
use greenlight_core::domain::text_change::{MovedFrom, TextChange};
use greenlight_core::{CoreError, Greenlight};
use tempfile::TempDir;

const PASSAGE: &str = "Odile drinks her coffee. The rain does not stop.";
const TAKE: &str = "Odile drinks her bitter coffee. The rain does not stop.";

fn script() -> String {
    format!("INT. DINER - NIGHT\n\n{PASSAGE}\n\nEXT. STREET - DAWN\n\nOdile walks home alone.\n")
}

/// A document where a suggestion was accepted: its newest revision, text and AI span.
struct Accepted {
    doc: DocumentId,
    revision: RevisionId,
    text: Vec<char>,
    span: (usize, usize),
    suggestion: SuggestionId,
}

impl Accepted {
    fn ai_words(&self) -> String {
        self.text[self.span.0..self.span.1].iter().collect()
    }
}

async fn accepted(app: &Greenlight, model: &ScriptedFactory, prov: &str) -> Accepted {
    let me = app.me().await;
    let (_project, doc) = project_with_doc(app, &script()).await;
    model.push(Script::text(TAKE));
    let s = app
        .suggestions()
        .vary(&me, ask(&doc, &script(), PASSAGE, 1, prov))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    let applied = app
        .suggestions()
        .accept(&me, &s.id, None, None)
        .await
        .expect("accept");
    let ai = ai_spans(app, &doc).await;
    assert_eq!(ai.len(), 1, "{ai:?}");
    let a = Accepted {
        text: head_text(app, &doc).await.chars().collect(),
        doc,
        revision: applied.revision.id,
        span: (ai[0].start as usize, ai[0].end as usize),
        suggestion: s.id,
    };
    assert_eq!(a.ai_words(), "bitter ");
    a
}

async fn ai_spans(app: &Greenlight, doc: &DocumentId) -> Vec<AttributedSpan> {
    attribution(app, doc)
        .await
        .spans
        .into_iter()
        .filter(|s| s.origin == SpanOrigin::Ai)
        .collect()
}

fn typed(from: usize, to: usize, insert: &str) -> TextChange {
    TextChange {
        from,
        to,
        insert: insert.into(),
        moved_from: None,
    }
}

/// Cut the AI words and paste them just before the last line's full stop: the changes,
/// and the text they give.
fn cut_and_paste(
    a: &Accepted,
    claimed_start: usize,
    claimed: &RevisionId,
) -> (Vec<TextChange>, String, usize) {
    let (start, end) = a.span;
    let words = a.ai_words();
    let mut text = a.text.clone();
    text.drain(start..end);
    let at = text.len() - 2;
    text.splice(at..at, words.chars());
    let changes = vec![
        typed(start, end, ""),
        TextChange {
            from: at,
            to: at,
            insert: words,
            moved_from: Some(MovedFrom {
                revision: claimed.clone(),
                start: claimed_start,
            }),
        },
    ];
    (changes, text.into_iter().collect(), at)
}

async fn save(app: &Greenlight, a: &Accepted, text: String, changes: Option<Vec<TextChange>>) {
    app.revisions()
        .save(&app.me().await, &a.doc, Some(&a.revision), text, changes)
        .await
        .expect("save");
}

#[tokio::test]
async fn ai_words_cut_and_pasted_in_the_editor_stay_ai_with_their_suggestion() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let prov = provider(&app).await;

    // Moved with the editor's changes: exactly the pasted characters are AI, same suggestion.
    let a = accepted(&app, &model, &prov).await;
    let (changes, text, at) = cut_and_paste(&a, a.span.0, &a.revision);
    save(&app, &a, text.clone(), Some(changes)).await;
    assert_eq!(head_text(&app, &a.doc).await, text);
    assert!(text.ends_with("home alonebitter .\n"), "{text:?}");
    let ai = ai_spans(&app, &a.doc).await;
    assert_eq!(ai.len(), 1, "{ai:?}");
    assert_eq!((ai[0].start as usize, ai[0].end as usize), (at, at + 7));
    assert_eq!(ai[0].suggestion_id.as_ref(), Some(&a.suggestion));
    assert!(!ai[0].edited);

    // The same save without changes (a file, the CLI) is carried by a character diff, which
    // cannot know the words moved: they are no longer counted as the model's.
    let b = accepted(&app, &model, &prov).await;
    let (_, text, at) = cut_and_paste(&b, b.span.0, &b.revision);
    save(&app, &b, text, None).await;
    let ai = ai_spans(&app, &b.doc).await;
    let moved_ai: i64 = ai
        .iter()
        .map(|s| (s.end.min(at as i64 + 7) - s.start.max(at as i64)).max(0))
        .sum();
    assert!(moved_ai < 7, "the diff kept the moved words AI: {ai:?}");
}

#[tokio::test]
async fn a_false_claim_of_moved_text_counts_as_typing() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let prov = provider(&app).await;

    // The claimed place does not hold that text.
    let a = accepted(&app, &model, &prov).await;
    let (changes, text, _) = cut_and_paste(&a, a.span.0 + 1, &a.revision);
    save(&app, &a, text, Some(changes)).await;
    assert!(ai_spans(&app, &a.doc).await.is_empty());

    // A revision of another document holding the same text at that place.
    let other = accepted(&app, &model, &prov).await;
    let b = accepted(&app, &model, &prov).await;
    let (changes, text, _) = cut_and_paste(&b, b.span.0, &other.revision);
    save(&app, &b, text, Some(changes)).await;
    assert!(ai_spans(&app, &b.doc).await.is_empty());

    // An id that is no revision at all (nor shaped like one): still typing, not an error.
    let c = accepted(&app, &model, &prov).await;
    let forged = RevisionId("x\u{0}'; --".into());
    let (changes, text, _) = cut_and_paste(&c, c.span.0, &forged);
    save(&app, &c, text, Some(changes)).await;
    assert!(ai_spans(&app, &c.doc).await.is_empty());
}

#[tokio::test]
async fn changes_that_do_not_give_the_saved_text_fall_back_to_a_diff_and_too_many_are_refused() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let prov = provider(&app).await;

    // The changes claim the words moved; the text saved only fixes the heading. The diff
    // keeps the words where they are, AI.
    let a = accepted(&app, &model, &prov).await;
    let (changes, _, _) = cut_and_paste(&a, a.span.0, &a.revision);
    let text: String = a
        .text
        .iter()
        .collect::<String>()
        .replace("NIGHT", "LATE NIGHT");
    save(&app, &a, text, Some(changes)).await;
    let ai = ai_spans(&app, &a.doc).await;
    assert_eq!(ai.len(), 1, "{ai:?}");
    let shift = "LATE ".len();
    assert_eq!(
        (ai[0].start as usize, ai[0].end as usize),
        (a.span.0 + shift, a.span.1 + shift)
    );

    // Changes out of range: the same fallback, and the save goes through.
    let b = accepted(&app, &model, &prov).await;
    let text: String = b.text.iter().collect();
    let text = format!("{text}THE END\n");
    save(&app, &b, text, Some(vec![typed(9_999, 10_000, "x")])).await;
    assert_eq!(ai_spans(&app, &b.doc).await.len(), 1);

    // More changes than an editor sends: refused as invalid, nothing written.
    let before = app.revisions().list(&b.doc).await.expect("list").len();
    let head = app
        .documents()
        .get(&b.doc)
        .await
        .expect("doc")
        .head_revision_id;
    let err = app
        .revisions()
        .save(
            &app.me().await,
            &b.doc,
            head.as_ref(),
            "anything".into(),
            Some(vec![typed(0, 0, ""); MAX_TEXT_CHANGES + 1]),
        )
        .await
        .expect_err("too many");
    assert!(matches!(err, CoreError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("too many edits"), "{err}");
    assert_eq!(
        app.revisions().list(&b.doc).await.expect("list").len(),
        before
    );
}
