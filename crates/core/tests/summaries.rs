//! Summaries as a tree with a cache: only the nodes above an edited scene are recomputed.
//! Uses the built-in offline engine (extractive, no network), a real provider of the app.

mod common;

use common::{new_project, LocalActor};
use greenlight_core::domain::actor::Actor;
use greenlight_core::domain::document::{Document, DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::summary_record::SummaryEvent;
use greenlight_core::domain::summary_tree::{Scope, SummaryKind};
use greenlight_core::summaries::SummaryRequest;
use greenlight_core::Greenlight;
use tempfile::TempDir;

fn script(scenes: usize, changed: Option<usize>) -> String {
    (1..=scenes)
        .map(|i| {
            let line = if Some(i) == changed {
                "Maya tears up the call sheet and walks out into the rain."
            } else {
                "Maya checks the binder. Theo asks for one more take."
            };
            format!("INT. STAGE {i} - NIGHT\n\n{line} The crew waits in scene {i}.\n\nMAYA\nWe have time for one more.\n\n")
        })
        .collect()
}

/// A summary of `scope` by the offline engine.
fn ask(doc: &Document, scope: Scope) -> SummaryRequest {
    SummaryRequest {
        document: doc.id.clone(),
        scope,
        kind: SummaryKind::Summary,
        provider: "offline".into(),
    }
}

/// A 20-scene screenplay in a new project.
async fn pilot(dir: &TempDir) -> (Greenlight, Actor, Document) {
    let app = common::open(dir).await;
    let me = app.me().await;
    let p = app
        .projects()
        .create(&me, new_project("Pilot"))
        .await
        .expect("project");
    let doc = app
        .documents()
        .create(
            &me,
            NewDocument {
                project_id: p.id.clone(),
                title: "Pilot".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: script(20, None),
            },
        )
        .await
        .expect("doc");
    (app, me, doc)
}

#[tokio::test]
async fn after_an_edit_only_the_nodes_above_the_changed_scene_are_recomputed() {
    let dir = TempDir::new().expect("tmp");
    let (app, me, doc) = pilot(&dir).await;
    let first = app
        .summaries()
        .summarize(&me, &ask(&doc, Scope::All), |_| {})
        .await
        .expect("summary");
    // 20 scenes, 3 sequences (8, 8, 4), the whole.
    assert_eq!(first.nodes.len(), 24);
    assert_eq!((first.calls_made, first.nodes_reused), (24, 0));
    let root = first.nodes.last().expect("root");
    assert_eq!(root.scope, "all");
    assert!(!root.text.is_empty());
    assert!(
        root.sentences.iter().all(|s| !s.citations.is_empty()),
        "every sentence cites scenes"
    );
    // Nothing changed: everything comes from the cache.
    let again = app
        .summaries()
        .summarize(&me, &ask(&doc, Scope::All), |_| {})
        .await
        .expect("again");
    assert_eq!((again.calls_made, again.nodes_reused), (0, 24));
    assert_eq!(again.nodes.last().map(|n| &n.text), Some(&root.text));
    // Scene 11 changes: its node, its sequence (9-16) and the whole are recomputed.
    let head = app
        .documents()
        .get(&doc.id)
        .await
        .expect("doc")
        .head_revision_id;
    app.revisions()
        .save(&me, &doc.id, head.as_ref(), script(20, Some(11)), None)
        .await
        .expect("edit");
    let updated = app
        .summaries()
        .summarize(&me, &ask(&doc, Scope::All), |_| {})
        .await
        .expect("update");
    let recomputed: Vec<&str> = updated
        .nodes
        .iter()
        .filter(|n| !n.reused)
        .map(|n| n.scope.as_str())
        .collect();
    // (A level whose new input summarizes to the same text as before stops the climb: the
    // nodes above it are reused too, by the same content-addressed cache.)
    assert_eq!(recomputed.first(), Some(&"scene:11"));
    assert!(
        recomputed
            .iter()
            .all(|s| ["scene:11", "scenes:9-16", "all"].contains(s)),
        "only the nodes above scene 11: {recomputed:?}"
    );
    assert_eq!(updated.calls_made, recomputed.len());
    assert_eq!(updated.nodes_reused, 24 - recomputed.len());
    assert!(
        updated.nodes[10].text.contains("call sheet"),
        "{}",
        updated.nodes[10].text
    );
    // A range and a missing scene.
    let range = app
        .summaries()
        .summarize(&me, &ask(&doc, Scope::Scenes(2, 4)), |_| {})
        .await
        .expect("range");
    assert_eq!(
        range.nodes.last().map(|n| n.scope.as_str()),
        Some("scenes:2-4")
    );
    let err = app
        .summaries()
        .summarize(&me, &ask(&doc, Scope::Scene(99)), |_| {})
        .await
        .expect_err("no scene 99");
    assert!(err.to_string().contains("scene 99 does not exist"), "{err}");
    assert_eq!(
        updated.revision_id,
        app.documents()
            .get(&doc.id)
            .await
            .expect("doc")
            .head_revision_id
            .expect("head")
    );
    assert!(!updated.cancelled && updated.nodes.iter().all(|n| !n.missing));
}

#[tokio::test]
async fn a_cancelled_summary_keeps_and_labels_what_finished() {
    let dir = TempDir::new().expect("tmp");
    let (app, me, doc) = pilot(&dir).await;
    // Cancel as soon as the first scene is done, by the id the start announced.
    let canceller = app.clone();
    let id = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let seen = id.clone();
    let cut = app
        .summaries()
        .summarize(&me, &ask(&doc, Scope::All), move |e| match e {
            SummaryEvent::Started { summary_id, scopes } => {
                assert_eq!(scopes.len(), 24);
                *seen.lock().expect("lock") = summary_id;
            }
            SummaryEvent::Node { done: 1, .. } => {
                let id = seen.lock().expect("lock").clone();
                assert!(
                    canceller.ai().cancel(&id),
                    "the summary is cancellable by its id"
                );
            }
            SummaryEvent::Node { .. } => {}
        })
        .await
        .expect("cancelled summary");
    assert!(cut.cancelled);
    let finished: Vec<&str> = cut
        .nodes
        .iter()
        .filter(|n| !n.missing)
        .map(|n| n.scope.as_str())
        .collect();
    assert!(!finished.is_empty(), "the first scene finished");
    let root = cut.nodes.last().expect("root");
    assert!(
        root.missing && root.text.is_empty(),
        "the whole was not summarized"
    );
    assert_eq!(cut.calls_made, finished.len());
    // Once finished, the id no longer cancels anything.
    assert!(!app.ai().cancel(&id.lock().expect("lock")));
    // What finished was kept: the next summary reuses exactly those parts.
    let full = app
        .summaries()
        .summarize(&me, &ask(&doc, Scope::All), |_| {})
        .await
        .expect("full");
    assert!(!full.cancelled);
    let reused: Vec<&str> = full
        .nodes
        .iter()
        .filter(|n| n.reused)
        .map(|n| n.scope.as_str())
        .collect();
    assert_eq!(reused, finished);
}

#[tokio::test]
async fn a_logline_and_a_synopsis_are_written_from_the_cached_tree() {
    let dir = TempDir::new().expect("tmp");
    let (app, me, doc) = pilot(&dir).await;
    let tree = app
        .summaries()
        .summarize(&me, &ask(&doc, Scope::All), |_| {})
        .await
        .expect("summary");
    for kind in [SummaryKind::Logline, SummaryKind::Synopsis] {
        let request = SummaryRequest {
            kind,
            ..ask(&doc, Scope::All)
        };
        let out = app
            .summaries()
            .summarize(&me, &request, |_| {})
            .await
            .expect("kind");
        // The tree comes from the cache; only the node above it is written.
        assert_eq!(out.nodes.len(), tree.nodes.len() + 1);
        assert_eq!((out.calls_made, out.nodes_reused), (1, tree.nodes.len()));
        let top = out.nodes.last().expect("top");
        assert_eq!(top.scope, kind.as_str());
        assert!(!top.text.is_empty());
        assert!(top.sentences.iter().all(|s| !s.citations.is_empty()));
        if kind == SummaryKind::Logline {
            assert_eq!(
                top.sentences.len(),
                1,
                "a logline is one sentence: {}",
                top.text
            );
        }
        // Asked again, it is reused too.
        let again = app
            .summaries()
            .summarize(&me, &request, |_| {})
            .await
            .expect("again");
        assert_eq!(again.calls_made, 0);
    }
    // Each run is recorded with its task.
    let runs = app.ai().runs(&doc.project_id, 500).await.expect("runs");
    let tasks: Vec<&str> = runs.iter().map(|r| r.task.as_str()).collect();
    assert!(
        tasks.contains(&"logline") && tasks.contains(&"synopsis"),
        "{tasks:?}"
    );
}

#[tokio::test]
async fn a_selection_is_summarized_by_the_scenes_it_overlaps() {
    let dir = TempDir::new().expect("tmp");
    let (app, me, doc) = pilot(&dir).await;
    let text = script(20, None);
    let at = |needle: &str| -> usize {
        let byte = text.find(needle).expect("needle");
        text[..byte].chars().count()
    };
    // From inside scene 3 to inside scene 5.
    let (a, b) = (
        at("The crew waits in scene 3"),
        at("The crew waits in scene 5"),
    );
    let out = app
        .summaries()
        .summarize(&me, &ask(&doc, Scope::Chars(a, b)), |_| {})
        .await
        .expect("selection");
    let scopes: Vec<&str> = out.nodes.iter().map(|n| n.scope.as_str()).collect();
    assert_eq!(scopes, ["scene:3", "scene:4", "scene:5", "selection"]);
    assert_eq!(out.nodes[3].scenes, vec![3, 4, 5]);
    assert!(out.nodes[3].citations.iter().all(|c| (3..=5).contains(c)));
    // Inside one scene: one node, citing it.
    let inside = app
        .summaries()
        .summarize(
            &me,
            &ask(&doc, Scope::Chars(at("INT. STAGE 7"), at("INT. STAGE 8"))),
            |_| {},
        )
        .await
        .expect("inside");
    assert_eq!(inside.nodes.len(), 1);
    assert_eq!(inside.nodes[0].scope, "selection");
    assert_eq!(inside.nodes[0].citations, vec![7]);
    // Past the end: refused, naming the selection.
    let total = text.chars().count();
    let err = app
        .summaries()
        .summarize(&me, &ask(&doc, Scope::Chars(total - 5, total + 5)), |_| {})
        .await
        .expect_err("past the end");
    assert!(err.to_string().contains("not inside the text"), "{err}");
}
