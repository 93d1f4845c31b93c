//! No lost updates: a save refused as a conflict is resolved by a three-way merge with the
//! newest revision, by saving one's own text on top, or by taking theirs. Two clients (as an
//! app window and the CLI) share one SQLite database in a temporary directory.

mod common;

use common::{event_count, new_project, open, LocalActor};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::ids::{DocumentId, RevisionId};
use greenlight_core::domain::limits::MAX_DOCUMENT_BYTES;
use greenlight_core::{CoreError, Greenlight};
use tempfile::TempDir;

const BASE: &str = "INT. DINER - NIGHT\n\nThe coffee is cold.\n\nMAYA\nWe should go.\n";

async fn document(app: &Greenlight, text: &str) -> (DocumentId, RevisionId) {
    let me = app.me().await;
    let p = app
        .projects()
        .create(&me, new_project("Merge"))
        .await
        .expect("project");
    let doc = app
        .documents()
        .create(
            &me,
            NewDocument {
                project_id: p.id,
                title: "Pilot".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: text.into(),
            },
        )
        .await
        .expect("document");
    let head = doc.head_revision_id.expect("head");
    (doc.id, head)
}

#[tokio::test]
async fn a_refused_save_merges_with_the_other_clients_revision_and_then_saves() {
    let dir = TempDir::new().expect("tmp");
    let window = open(&dir).await;
    let cli = open(&dir).await;
    let (doc, base) = document(&window, BASE).await;

    // The other client saves a change to the last line.
    let theirs_text = BASE.replace("We should go.", "We should go. Now.");
    let theirs = cli
        .revisions()
        .save(
            &cli.me().await,
            &doc,
            Some(&base),
            theirs_text.clone(),
            None,
        )
        .await
        .expect("their save");

    // This window edited the first paragraph from the same base: refused, nothing written.
    let mine = BASE.replace("The coffee is cold.", "The coffee is ice cold.");
    let before = event_count(&window).await;
    let refused = window
        .revisions()
        .save(&window.me().await, &doc, Some(&base), mine.clone(), None)
        .await
        .expect_err("stale parent");
    assert!(matches!(refused, CoreError::Conflict(_)), "{refused:?}");
    assert_eq!(event_count(&window).await, before);

    let merge = window
        .revisions()
        .merge(&doc, Some(&base), mine.clone())
        .await
        .expect("merge");
    assert_eq!(
        merge.head, theirs.meta,
        "who saved the newest revision, and when"
    );
    assert_eq!(merge.theirs_text, theirs_text);
    assert!(merge.clean);
    assert_eq!(merge.conflicts, 0);
    assert_eq!(
        merge.merged_text,
        "INT. DINER - NIGHT\n\nThe coffee is ice cold.\n\nMAYA\nWe should go. Now.\n"
    );
    // Merging writes nothing.
    assert_eq!(event_count(&window).await, before);

    // Saved on top of the newest revision, the merge goes through.
    let saved = window
        .revisions()
        .save(
            &window.me().await,
            &doc,
            Some(&merge.head.id),
            merge.merged_text.clone(),
            None,
        )
        .await
        .expect("save the merge");
    assert_eq!(saved.meta.parent_id.as_ref(), Some(&theirs.meta.id));
    let head = cli
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id;
    assert_eq!(head.as_ref(), Some(&saved.meta.id));
    let report = cli.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
}

#[tokio::test]
async fn overlapping_changes_are_marked_and_either_side_can_still_be_saved() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let me = app.me().await;
    let (doc, base) = document(&app, BASE).await;
    let theirs = app
        .revisions()
        .save(
            &me,
            &doc,
            Some(&base),
            BASE.replace("We should go.", "We should stay."),
            None,
        )
        .await
        .expect("theirs");
    let mine = BASE.replace("We should go.", "We should run.");

    let merge = app
        .revisions()
        .merge(&doc, Some(&base), mine.clone())
        .await
        .expect("merge");
    assert!(!merge.clean);
    assert_eq!(merge.conflicts, 1);
    let marked = format!(
        "{}\nWe should run.\n{}\nWe should stay.\n{}\n",
        merge.markers.mine, merge.markers.separator, merge.markers.theirs
    );
    assert!(
        merge.merged_text.ends_with(&marked),
        "{}",
        merge.merged_text
    );
    assert!(
        merge
            .markers
            .theirs
            .ends_with(&format!("saved by {}", me.name)),
        "{}",
        merge.markers.theirs
    );

    // "Save mine as the newest revision": the person's text on top of theirs.
    let saved = app
        .revisions()
        .save(&me, &doc, Some(&merge.head.id), mine.clone(), None)
        .await
        .expect("save mine");
    assert_eq!(saved.meta.parent_id.as_ref(), Some(&theirs.meta.id));
    assert_eq!(
        app.revisions().get(&saved.meta.id).await.expect("get").text,
        mine
    );
}

#[tokio::test]
async fn merge_from_nothing_and_bad_input_are_explained() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (doc, head) = document(&app, "Theirs.\n").await;
    let (other_doc, other_rev) = document(&app, "Elsewhere.\n").await;

    // No base: merged against an empty text, both sides' text is kept.
    let merge = app
        .revisions()
        .merge(&doc, None, "Mine.\n".into())
        .await
        .expect("merge");
    assert_eq!(merge.head.id, head);
    assert_eq!(merge.conflicts, 1);
    assert!(merge.merged_text.contains("Mine.\n") && merge.merged_text.contains("Theirs.\n"));

    // A base from another document.
    let err = app
        .revisions()
        .merge(&doc, Some(&other_rev), "x".into())
        .await
        .expect_err("foreign base");
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    assert!(err.to_string().contains("another document"), "{err}");

    // An unknown base or document.
    let err = app
        .revisions()
        .merge(&doc, Some(&RevisionId::new()), "x".into())
        .await
        .expect_err("unknown base");
    assert!(matches!(err, CoreError::NotFound { .. }), "{err:?}");
    let err = app
        .revisions()
        .merge(&DocumentId::new(), None, "x".into())
        .await
        .expect_err("unknown document");
    assert!(matches!(err, CoreError::NotFound { .. }), "{err:?}");

    // Oversized text is refused before any merging.
    let err = app
        .revisions()
        .merge(&other_doc, None, "x".repeat(MAX_DOCUMENT_BYTES + 1))
        .await
        .expect_err("too large");
    assert!(matches!(err, CoreError::TooLarge { .. }), "{err:?}");
}
