//! A project's approval workflow templates: the default until an admin saves one, validated
//! before it is stored, recorded on the project's chain.

mod common;

use common::{new_project, LocalActor};
use greenlight_core::domain::workflow::{ApprovalRule, Role, StageTemplate, WorkflowTemplate};
use greenlight_core::CoreError;
use tempfile::TempDir;

fn stage(name: &str, roles: &[Role], after: &[&str]) -> StageTemplate {
    StageTemplate {
        name: name.into(),
        roles: roles.to_vec(),
        rule: ApprovalRule::Any,
        due_after_ms: None,
        self_approval: false,
        scene_scoped: false,
        after: after.iter().map(|s| s.to_string()).collect(),
    }
}

#[tokio::test]
async fn an_admin_saves_replaces_and_removes_templates_and_bad_ones_are_refused() {
    let dir = TempDir::new().expect("tmp");
    let app = common::open(&dir).await;
    let me = app.me().await;
    let p = app
        .projects()
        .create(&me, new_project("Pilot"))
        .await
        .expect("project");
    // The default until the project has its own.
    let default = app.workflows().list(&p.id).await.expect("list");
    assert_eq!(default.len(), 1);
    let names: Vec<&str> = default[0]
        .stages()
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    // A parallel one: producer and legal both after the draft.
    let mut t = WorkflowTemplate {
        name: "Fast track".into(),
        stages: vec![
            stage("Draft", &[Role::Writer], &[]),
            stage("Producer", &[Role::Producer], &["Draft"]),
            stage("Legal", &[Role::LegalReviewer], &["Draft"]),
        ],
    };
    app.workflows()
        .save(&me, &p.id, t.clone())
        .await
        .expect("save");
    t.stages[2].roles = vec![Role::LegalReviewer, Role::Admin];
    app.workflows()
        .save(&me, &p.id, t.clone())
        .await
        .expect("replace");
    let now = app.workflows().list(&p.id).await.expect("list");
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].template(), &t);
    // A circle is refused, naming it, and nothing is stored.
    let circle = WorkflowTemplate {
        name: "Loop".into(),
        stages: vec![
            stage("A", &[Role::Writer], &["B"]),
            stage("B", &[Role::Producer], &["A"]),
        ],
    };
    match app.workflows().save(&me, &p.id, circle).await {
        Err(CoreError::Invalid(e)) => assert!(e.to_string().contains("waits for"), "{e}"),
        other => panic!("a circle: {other:?}"),
    }
    assert_eq!(app.workflows().list(&p.id).await.expect("list").len(), 1);
    // Removing the last one falls back to the default; removing it again is not found.
    app.workflows()
        .remove(&me, &p.id, "Fast track")
        .await
        .expect("remove");
    assert_eq!(app.workflows().list(&p.id).await.expect("list"), default);
    assert!(matches!(
        app.workflows().remove(&me, &p.id, "Fast track").await,
        Err(CoreError::NotFound { .. })
    ));
    let kinds: Vec<String> = app
        .store()
        .chain_events(&greenlight_core::domain::ledger::ChainId::Project(
            p.id.clone(),
        ))
        .await
        .expect("chain")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| *k == "workflow.saved").count(),
        2,
        "{kinds:?}"
    );
    assert!(kinds.contains(&"workflow.removed".to_owned()));
    assert!(app.ledger().verify().await.expect("verify").ok);
}
