//! Reviews on one computer: request, decide through the default workflow to locked, request
//! changes, a new revision starts the next round with the diff since the last approval, and
//! the refusals (superseded, locked, unknown workflow, nothing to decide).

mod common;

use common::ai::project_with_doc;
use common::LocalActor;
use greenlight_core::domain::ids::ReviewId;
use greenlight_core::domain::workflow::{
    ApprovalRule, ReviewStatus, Role, StageStatus, StageTemplate, Verdict, WorkflowTemplate,
};
use greenlight_core::reviews::{DecideInput, ReviewRequest};
use greenlight_core::{CoreError, Greenlight};
use tempfile::TempDir;

const SCRIPT: &str =
    "INT. KITCHEN - NIGHT\n\nAnna pours coffee.\n\nEXT. ROOF - DAWN\n\nBen waits.\n";

fn verdict(v: Verdict) -> DecideInput {
    DecideInput {
        stage: None,
        subject_id: None,
        verdict: v,
        comment: None,
    }
}

async fn decide(
    app: &Greenlight,
    id: &ReviewId,
    stage: &str,
    v: Verdict,
    note: &str,
) -> ReviewStatus {
    let me = app.me().await;
    let r = app
        .reviews()
        .decide(
            &me,
            id,
            DecideInput {
                stage: Some(stage.into()),
                comment: Some(note.into()),
                ..verdict(v)
            },
        )
        .await
        .expect("decide");
    r.state.status
}

#[tokio::test]
async fn a_revision_goes_through_changes_and_a_new_round_to_locked() {
    let dir = TempDir::new().expect("tmp");
    let app = common::open(&dir).await;
    let me = app.me().await;
    let (_, doc) = project_with_doc(&app, SCRIPT).await;
    let first = app
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id
        .expect("head");

    let r = app
        .reviews()
        .request(&me, &doc, ReviewRequest::default())
        .await
        .expect("request");
    assert_eq!(r.workflow.name, "default");
    assert_eq!(r.state.round, 1);
    assert_eq!(r.waiting_for_me, vec!["draft".to_string()]);
    // One review under way per document.
    let again = app
        .reviews()
        .request(&me, &doc, ReviewRequest::default())
        .await;
    assert!(matches!(again, Err(CoreError::Conflict(_))), "{again:?}");

    // The inbox shows it; the decision without a stage takes the one waiting.
    let inbox = app.reviews().inbox(&me).await.expect("inbox");
    assert_eq!(inbox.waiting.len(), 1);
    assert_eq!(inbox.requested.len(), 1);
    let r = app
        .reviews()
        .decide(&me, &r.id, verdict(Verdict::Approve))
        .await
        .expect("draft");
    assert_eq!(r.waiting_for_me, vec!["producer".to_string()]);
    assert_eq!(
        decide(&app, &r.id, "producer", Verdict::Approve, "Good.").await,
        ReviewStatus::InReview
    );
    assert_eq!(
        decide(
            &app,
            &r.id,
            "legal",
            Verdict::RequestChanges,
            "Rename the café."
        )
        .await,
        ReviewStatus::ChangesRequested
    );
    // Nothing to decide until a new revision.
    let waiting = app
        .reviews()
        .decide(&me, &r.id, verdict(Verdict::Approve))
        .await;
    assert!(
        matches!(waiting, Err(CoreError::Conflict(_))),
        "{waiting:?}"
    );
    assert!(app
        .reviews()
        .inbox(&me)
        .await
        .expect("inbox")
        .waiting
        .is_empty());

    // A new revision starts round 2; every stage starts over (none is scene-scoped).
    let second = app
        .revisions()
        .save(
            &me,
            &doc,
            Some(&first),
            SCRIPT.replace("coffee", "tea"),
            None,
        )
        .await
        .expect("save");
    let r2 = app.reviews().get(&me, &r.id).await.expect("get");
    assert_eq!(r2.state.round, 2);
    assert_eq!(r2.state.status, ReviewStatus::InReview);
    assert!(matches!(
        r2.state.stages[0].status,
        StageStatus::Open { .. }
    ));
    assert_eq!(r2.state.stages[1].status, StageStatus::Waiting);
    assert_eq!(r2.subject.current(), second.meta.id.as_str());
    // What changed since the last approval: exactly the word.
    let diff = app
        .reviews()
        .changes_since_approval(&r.id)
        .await
        .expect("diff")
        .expect("an approval was on record");
    assert_eq!((diff.words_inserted, diff.words_deleted), (1, 1));
    assert_eq!(diff.from_id, first);

    // A decision about the first revision is superseded.
    let old = app
        .reviews()
        .decide(
            &me,
            &r.id,
            DecideInput {
                subject_id: Some(first.to_string()),
                ..verdict(Verdict::Approve)
            },
        )
        .await;
    match old {
        Err(CoreError::Conflict(m)) => assert!(m.contains("newer revision"), "{m}"),
        other => panic!("superseded: {other:?}"),
    }

    for stage in ["draft", "producer", "legal"] {
        decide(&app, &r.id, stage, Verdict::Approve, "").await;
    }
    let done = app.reviews().get(&me, &r.id).await.expect("get");
    assert_eq!(done.state.status, ReviewStatus::Locked);
    // Locked: nothing more is decided, and a later revision leaves the review as it was.
    let locked = app
        .reviews()
        .decide(&me, &r.id, verdict(Verdict::Reject))
        .await;
    assert!(matches!(locked, Err(CoreError::Conflict(_))), "{locked:?}");
    app.revisions()
        .save(
            &me,
            &doc,
            Some(&second.meta.id),
            SCRIPT.replace("coffee", "milk"),
            None,
        )
        .await
        .expect("further work is a new revision");
    let still = app.reviews().get(&me, &r.id).await.expect("get");
    assert_eq!(still.state.status, ReviewStatus::Locked);
    assert_eq!(still.subject.current(), second.meta.id.as_str());

    // Every decision is on record with its comment, and on the ledger.
    let record = app.reviews().decisions(&r.id).await.expect("decisions");
    assert_eq!(record.len(), 6);
    assert_eq!(record[2].comment.as_deref(), Some("Rename the café."));
    assert_eq!(record[2].verdict, Verdict::RequestChanges);
    let activity = app.ledger().activity(None, 100).await.expect("activity");
    let kinds: Vec<&str> = activity.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "review.decided").count(), 6);
    assert!(kinds.contains(&"review.round_started"));
    assert!(activity
        .iter()
        .any(|a| a.summary.contains("the revision is locked")));
    assert!(app.ledger().verify().await.expect("verify").ok);
}

#[tokio::test]
async fn scene_scoped_approvals_survive_revisions_that_leave_their_scenes_alone() {
    let dir = TempDir::new().expect("tmp");
    let app = common::open(&dir).await;
    let me = app.me().await;
    let (p, doc) = project_with_doc(&app, SCRIPT).await;
    let stage = |name: &str, role: Role, scoped: bool, after: &[&str]| StageTemplate {
        name: name.into(),
        roles: vec![role],
        rule: ApprovalRule::Any,
        due_after_ms: None,
        self_approval: true,
        scene_scoped: scoped,
        after: after.iter().map(|s| s.to_string()).collect(),
    };
    app.workflows()
        .save(
            &me,
            &p,
            WorkflowTemplate {
                name: "Clearance".into(),
                stages: vec![
                    stage("legal", Role::LegalReviewer, true, &[]),
                    stage("producer", Role::Producer, false, &[]),
                ],
            },
        )
        .await
        .expect("template");
    let unknown = app
        .reviews()
        .request(
            &me,
            &doc,
            ReviewRequest {
                workflow: Some("Nope".into()),
                ..Default::default()
            },
        )
        .await;
    match unknown {
        Err(CoreError::Invalid(e)) => assert!(e.to_string().contains("Clearance"), "{e}"),
        other => panic!("unknown workflow: {other:?}"),
    }
    let past = app
        .reviews()
        .request(
            &me,
            &doc,
            ReviewRequest {
                scenes: Some("3".into()),
                ..Default::default()
            },
        )
        .await;
    assert!(matches!(past, Err(CoreError::Invalid(_))), "{past:?}");
    let r = app
        .reviews()
        .request(
            &me,
            &doc,
            ReviewRequest {
                scenes: Some("1".into()),
                ..Default::default()
            },
        )
        .await
        .expect("request scene 1");
    // Parallel stages: both open at once.
    assert_eq!(r.waiting_for_me.len(), 2);
    decide(&app, &r.id, "legal", Verdict::Approve, "").await;
    // Scene 2 changes: legal's approval of scene 1 stands, the producer's stage starts over.
    let head = app
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id
        .expect("head");
    let second = app
        .revisions()
        .save(
            &me,
            &doc,
            Some(&head),
            SCRIPT.replace("Ben waits.", "Ben leaves."),
            None,
        )
        .await
        .expect("save");
    let r2 = app.reviews().get(&me, &r.id).await.expect("get");
    assert_eq!(r2.state.round, 2);
    assert!(
        r2.state.stages[0].status.is_approved(),
        "{:?}",
        r2.state.stages[0]
    );
    assert_eq!(r2.waiting_for_me, vec!["producer".to_string()]);
    // Scene 1 changes: legal starts over too.
    app.revisions()
        .save(
            &me,
            &doc,
            Some(&second.meta.id),
            SCRIPT.replace("coffee", "tea"),
            None,
        )
        .await
        .expect("save");
    let r3 = app.reviews().get(&me, &r.id).await.expect("get");
    assert_eq!(r3.state.round, 3);
    assert_eq!(r3.waiting_for_me.len(), 2);
}

#[tokio::test]
async fn an_asset_version_is_reviewed_and_a_new_version_starts_the_next_round() {
    let dir = TempDir::new().expect("tmp");
    let app = common::open(&dir).await;
    let me = app.me().await;
    let (project, _) = project_with_doc(&app, SCRIPT).await;
    let png = common::write(&dir, "poster.png", &common::media::png(40, 20, 1));
    let first = app
        .assets()
        .import(&me, &project, &png, None)
        .await
        .expect("import");
    let r = app
        .reviews()
        .request_asset(&me, &first.asset.id, ReviewRequest::default())
        .await
        .expect("request");
    assert_eq!(r.subject.current(), first.version.id.as_str());
    assert_eq!(r.title, "poster.png");
    decide(&app, &r.id, "draft", Verdict::Approve, "").await;
    decide(
        &app,
        &r.id,
        "producer",
        Verdict::RequestChanges,
        "Bigger title.",
    )
    .await;
    let again = app
        .reviews()
        .request_asset(&me, &first.asset.id, ReviewRequest::default())
        .await;
    assert!(matches!(again, Err(CoreError::Conflict(_))), "{again:?}");
    std::fs::write(&png, common::media::png(40, 20, 2)).expect("new pixels");
    let second = app
        .assets()
        .import(&me, &project, &png, None)
        .await
        .expect("version 2");
    let r2 = app.reviews().get(&me, &r.id).await.expect("get");
    assert_eq!(r2.state.round, 2);
    assert_eq!(r2.subject.current(), second.version.id.as_str());
    for stage in ["draft", "producer", "legal"] {
        decide(&app, &r.id, stage, Verdict::Approve, "").await;
    }
    assert_eq!(
        app.reviews()
            .get(&me, &r.id)
            .await
            .expect("get")
            .state
            .status,
        ReviewStatus::Locked
    );
    // No diff for pictures: "changes since the last approval" is for text.
    assert!(app
        .reviews()
        .changes_since_approval(&r.id)
        .await
        .expect("none")
        .is_none());
}
