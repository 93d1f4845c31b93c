//! Summaries as a tree with a cache: only the nodes above an edited scene are recomputed.
//! Uses the built-in offline engine (extractive, no network), a real provider of the app.

mod common;

use common::{new_project, LocalActor};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::summary_tree::Scope;
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

#[tokio::test]
async fn after_an_edit_only_the_nodes_above_the_changed_scene_are_recomputed() {
    let dir = TempDir::new().expect("tmp");
    let app = common::open(&dir).await;
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
    let first = app
        .summaries()
        .summarize(&me, &doc.id, Scope::All, "offline", |_, _| {})
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
        .summarize(&me, &doc.id, Scope::All, "offline", |_, _| {})
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
        .summarize(&me, &doc.id, Scope::All, "offline", |_, _| {})
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
        .summarize(&me, &doc.id, Scope::Scenes(2, 4), "offline", |_, _| {})
        .await
        .expect("range");
    assert_eq!(
        range.nodes.last().map(|n| n.scope.as_str()),
        Some("scenes:2-4")
    );
    let err = app
        .summaries()
        .summarize(&me, &doc.id, Scope::Scene(99), "offline", |_, _| {})
        .await
        .expect_err("no scene 99");
    assert!(err.to_string().contains("scene 99 does not exist"), "{err}");
}
