//! Reviews on a team server: each stage is decided only by holders of its roles, an author's
//! approval counts only where the stage allows it, two decisions at the same instant are both
//! recorded with the outcome computed once, and the database refuses the same things to plain
//! SQL as each login (a modified client gets no further).

mod common;
#[path = "../../store/tests/support/mod.rs"]
mod support;

use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::ids::{DocumentId, ProjectId};
use greenlight_core::domain::workflow::{
    ApprovalRule, ReviewStatus, Role, StageTemplate, Verdict, WorkflowTemplate,
};
use greenlight_core::reviews::{DecideInput, ReviewRequest};
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{Actor, CoreError, Database, Greenlight, OpenConfig, TeamServer};
use std::sync::Arc;
use tempfile::TempDir;

struct Person {
    app: Greenlight,
    me: Actor,
    login: String,
    _dir: TempDir,
}

async fn person(db: &str) -> Person {
    let login = support::fresh_login().await;
    let dir = TempDir::new().expect("tmp");
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("secrets.json")));
    cfg.database = Database::Team(TeamServer::new(support::config_as(db, &login)));
    let app = Greenlight::open(cfg).await.expect("open");
    let me = app.profiles().local_actor().await.expect("actor");
    Person {
        app,
        me,
        login,
        _dir: dir,
    }
}

/// Alice (every role) makes a project; Bob writes, Carol produces, Dave clears.
struct Team {
    db: String,
    alice: Person,
    bob: Person,
    carol: Person,
    dave: Person,
    project: ProjectId,
    doc: DocumentId,
}

async fn team() -> Team {
    let db = support::fresh_database().await;
    let alice = person(&db).await;
    let p = alice
        .app
        .projects()
        .create(&alice.me, common::new_project("Pilot"))
        .await
        .expect("project");
    let (bob, carol, dave) = (person(&db).await, person(&db).await, person(&db).await);
    for (who, role) in [
        (&bob, Role::Writer),
        (&carol, Role::Producer),
        (&dave, Role::LegalReviewer),
    ] {
        let m = alice.app.members();
        m.add(&alice.me, &p.id, &who.me.id).await.expect("add");
        m.set_roles(&alice.me, &p.id, &who.me.id, &[role])
            .await
            .expect("role");
    }
    let d = bob
        .app
        .documents()
        .create(
            &bob.me,
            NewDocument {
                project_id: p.id.clone(),
                title: "Episode 1".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: "INT. ROOM - DAY\n\nAnna waits.\n".into(),
            },
        )
        .await
        .expect("document");
    Team {
        db,
        alice,
        bob,
        carol,
        dave,
        project: p.id,
        doc: d.id,
    }
}

fn on(stage: &str, v: Verdict) -> DecideInput {
    DecideInput {
        stage: Some(stage.into()),
        subject_id: None,
        verdict: v,
        comment: None,
    }
}

#[tokio::test]
async fn each_stage_is_decided_by_its_roles_through_changes_to_locked() {
    let t = team().await;
    let r = t
        .bob
        .app
        .reviews()
        .request(&t.bob.me, &t.doc, ReviewRequest::default())
        .await
        .expect("a writer requests");
    // The writer's own draft stage allows self-approval.
    t.bob
        .app
        .reviews()
        .decide(&t.bob.me, &r.id, on("draft", Verdict::Approve))
        .await
        .expect("draft");
    // A writer cannot approve the producer's stage.
    match t
        .bob
        .app
        .reviews()
        .decide(&t.bob.me, &r.id, on("producer", Verdict::Approve))
        .await
    {
        Err(CoreError::Forbidden(m)) => assert!(m.contains("producer"), "{m}"),
        other => panic!("a writer approving: {other:?}"),
    }
    // The producer's inbox has it; the legal reviewer's does not yet.
    let carol_inbox = t
        .carol
        .app
        .reviews()
        .inbox(&t.carol.me)
        .await
        .expect("inbox");
    assert_eq!(carol_inbox.waiting.len(), 1);
    assert_eq!(
        carol_inbox.waiting[0].waiting_for_me,
        vec!["producer".to_string()]
    );
    assert!(t
        .dave
        .app
        .reviews()
        .inbox(&t.dave.me)
        .await
        .expect("inbox")
        .waiting
        .is_empty());
    t.carol
        .app
        .reviews()
        .decide(&t.carol.me, &r.id, on("producer", Verdict::Approve))
        .await
        .expect("producer");
    assert_eq!(
        t.dave
            .app
            .reviews()
            .inbox(&t.dave.me)
            .await
            .expect("inbox")
            .waiting
            .len(),
        1
    );
    let after = t
        .dave
        .app
        .reviews()
        .decide(
            &t.dave.me,
            &r.id,
            DecideInput {
                comment: Some("Clear the song lyric in scene 1.".into()),
                ..on("legal", Verdict::RequestChanges)
            },
        )
        .await
        .expect("legal");
    assert_eq!(after.state.status, ReviewStatus::ChangesRequested);
    // A legal reviewer cannot change script text; the writer's new revision starts round 2.
    let head = t
        .bob
        .app
        .documents()
        .get(&t.doc)
        .await
        .expect("doc")
        .head_revision_id;
    let refused = t
        .dave
        .app
        .revisions()
        .save(
            &t.dave.me,
            &t.doc,
            head.as_ref(),
            "INT. ROOM - NIGHT".into(),
            None,
        )
        .await;
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "{refused:?}"
    );
    t.bob
        .app
        .revisions()
        .save(
            &t.bob.me,
            &t.doc,
            head.as_ref(),
            "INT. ROOM - DAY\n\nAnna hums.\n".into(),
            None,
        )
        .await
        .expect("new revision");
    let r2 = t
        .carol
        .app
        .reviews()
        .get(&t.carol.me, &r.id)
        .await
        .expect("get");
    assert_eq!(r2.state.round, 2);
    let diff = t
        .carol
        .app
        .reviews()
        .changes_since_approval(&r.id)
        .await
        .expect("diff")
        .expect("approved before");
    assert_eq!((diff.words_inserted, diff.words_deleted), (1, 1));
    for (p, stage) in [
        (&t.bob, "draft"),
        (&t.carol, "producer"),
        (&t.dave, "legal"),
    ] {
        p.app
            .reviews()
            .decide(&p.me, &r.id, on(stage, Verdict::Approve))
            .await
            .expect(stage);
    }
    let done = t
        .alice
        .app
        .reviews()
        .get(&t.alice.me, &r.id)
        .await
        .expect("get");
    assert_eq!(done.state.status, ReviewStatus::Locked);
    assert_eq!(
        t.alice
            .app
            .reviews()
            .decisions(&r.id)
            .await
            .expect("record")
            .len(),
        6
    );
}

#[tokio::test]
async fn an_author_may_not_approve_their_own_work_where_the_stage_forbids_it() {
    let t = team().await;
    // Alice holds every role; she writes the revision under review.
    let head = t
        .alice
        .app
        .documents()
        .get(&t.doc)
        .await
        .expect("doc")
        .head_revision_id;
    t.alice
        .app
        .revisions()
        .save(
            &t.alice.me,
            &t.doc,
            head.as_ref(),
            "INT. HALL - DAY".into(),
            None,
        )
        .await
        .expect("alice writes");
    let r = t
        .alice
        .app
        .reviews()
        .request(&t.alice.me, &t.doc, ReviewRequest::default())
        .await
        .expect("request");
    let reviews = t.alice.app.reviews();
    reviews
        .decide(&t.alice.me, &r.id, on("draft", Verdict::Approve))
        .await
        .expect("draft allows it");
    match reviews
        .decide(&t.alice.me, &r.id, on("producer", Verdict::Approve))
        .await
    {
        Err(CoreError::Forbidden(m)) => assert!(m.contains("your own work"), "{m}"),
        other => panic!("self-approval: {other:?}"),
    }
    // The database refuses it too, as plain SQL.
    let mut sql = support::plain_sql_as(&t.db, &t.alice.login).await;
    let forged = sqlx::query(
        "INSERT INTO review_decisions (review_id, seq, round, stage, person_id, verdict,
             subject_id, decided_at) VALUES ($1, 99, 1, 'producer', $2, 'approve', 'x', 1)",
    )
    .bind(r.id.as_str())
    .bind(t.alice.me.id.as_str())
    .execute(&mut sql)
    .await;
    let e = forged.expect_err("an author's own approval");
    assert!(e.to_string().contains("row-level security"), "{e}");
    // Requesting changes of one's own work is allowed.
    reviews
        .decide(&t.alice.me, &r.id, on("producer", Verdict::RequestChanges))
        .await
        .expect("changes");
}

#[tokio::test]
async fn two_decisions_at_the_same_instant_are_both_recorded_and_lock_once() {
    let t = team().await;
    let stage = |name: &str, role: Role| StageTemplate {
        name: name.into(),
        roles: vec![role],
        rule: ApprovalRule::Any,
        due_after_ms: None,
        self_approval: false,
        scene_scoped: false,
        after: Vec::new(),
    };
    t.alice
        .app
        .workflows()
        .save(
            &t.alice.me,
            &t.project,
            WorkflowTemplate {
                name: "Parallel".into(),
                stages: vec![
                    stage("producer", Role::Producer),
                    stage("legal", Role::LegalReviewer),
                ],
            },
        )
        .await
        .expect("template");
    for round in 0..5 {
        let doc = t
            .bob
            .app
            .documents()
            .create(
                &t.bob.me,
                NewDocument {
                    project_id: t.project.clone(),
                    title: format!("Scene {round}"),
                    kind: DocumentKind::Screenplay,
                    format: DocumentFormat::Fountain,
                    text: "INT. ROOM - DAY".into(),
                },
            )
            .await
            .expect("document");
        let r = t
            .bob
            .app
            .reviews()
            .request(&t.bob.me, &doc.id, ReviewRequest::default())
            .await
            .expect("request");
        let (producer, legal) = (t.carol.app.reviews(), t.dave.app.reviews());
        let (a, b) = tokio::join!(
            producer.decide(&t.carol.me, &r.id, on("producer", Verdict::Approve)),
            legal.decide(&t.dave.me, &r.id, on("legal", Verdict::Approve)),
        );
        a.expect("producer");
        b.expect("legal");
        let done = t
            .bob
            .app
            .reviews()
            .get(&t.bob.me, &r.id)
            .await
            .expect("get");
        assert_eq!(done.state.status, ReviewStatus::Locked);
        assert_eq!(
            t.bob
                .app
                .reviews()
                .decisions(&r.id)
                .await
                .expect("record")
                .len(),
            2
        );
        let locked = t
            .bob
            .app
            .ledger()
            .activity(Some(&t.project), 500)
            .await
            .expect("activity")
            .into_iter()
            .filter(|a| {
                a.summary.contains("the revision is locked")
                    && a.summary.contains(&format!("Scene {round}"))
            })
            .count();
        assert_eq!(locked, 1, "locked once");
    }
}

#[tokio::test]
async fn the_database_refuses_forged_reviews_and_decisions_as_plain_sql() {
    let t = team().await;
    let r = t
        .bob
        .app
        .reviews()
        .request(&t.bob.me, &t.doc, ReviewRequest::default())
        .await
        .expect("request");
    let mut bob = support::plain_sql_as(&t.db, &t.bob.login).await;
    let rls = |e: sqlx::Error, what: &str| {
        let m = e.to_string();
        assert!(
            m.contains("row-level security")
                || m.contains("cannot")
                || m.contains("never")
                || m.contains("must follow")
                || m.contains("in the name of")
                || m.contains("who imported it"),
            "{what}: {m}"
        );
    };
    // A writer deciding the producer's stage (after the draft is approved).
    t.bob
        .app
        .reviews()
        .decide(&t.bob.me, &r.id, on("draft", Verdict::Approve))
        .await
        .expect("draft");
    let e = sqlx::query(
        "INSERT INTO review_decisions (review_id, seq, round, stage, person_id, verdict,
             subject_id, decided_at) VALUES ($1, 50, 1, 'producer', $2, 'approve', 'x', 1)",
    )
    .bind(r.id.as_str())
    .bind(t.bob.me.id.as_str())
    .execute(&mut bob)
    .await
    .expect_err("a writer's producer approval");
    rls(e, "a writer deciding the producer stage");
    // A decision in someone else's name.
    let e = sqlx::query(
        "INSERT INTO review_decisions (review_id, seq, round, stage, person_id, verdict,
             subject_id, decided_at) VALUES ($1, 51, 1, 'producer', $2, 'approve', 'x', 1)",
    )
    .bind(r.id.as_str())
    .bind(t.carol.me.id.as_str())
    .execute(&mut bob)
    .await
    .expect_err("a decision in Carol's name");
    rls(e, "a decision in another's name");
    // Locking without the approvals.
    let e = sqlx::query("UPDATE reviews SET status = 'locked' WHERE id = $1")
        .bind(r.id.as_str())
        .execute(&mut bob)
        .await
        .expect_err("locked without approvals");
    rls(e, "a lock without approvals");
    // Swapping the workflow for one the writer decides alone.
    let e = sqlx::query(
        "UPDATE reviews SET workflow = '{\"name\":\"mine\",\"stages\":[]}' WHERE id = $1",
    )
    .bind(r.id.as_str())
    .execute(&mut bob)
    .await
    .expect_err("another workflow");
    rls(e, "a swapped workflow");
    // Requesting a review under a workflow the project does not have.
    let forged = r#"{"name":"default","stages":[{"name":"draft","roles":["writer"],"rule":"any","dueAfterMs":null,"selfApproval":true,"sceneScoped":false,"after":[]}]}"#;
    let doc2 = t
        .bob
        .app
        .documents()
        .create(
            &t.bob.me,
            NewDocument {
                project_id: t.project.clone(),
                title: "Episode 2".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: "INT. ROOM - DAY".into(),
            },
        )
        .await
        .expect("document");
    let e = sqlx::query(
        "INSERT INTO reviews (id, project_id, subject_kind, document_id, subject_id,
             subject_author, title, workflow_name, workflow, state, status, round, requested_by,
             requested_at, updated_at, version)
         VALUES ('forged-review', $1, 'revision', $2, $3, $4, 'x', 'default', $5, '{}',
             'in_review', 1, $4, 1, 1, 1)",
    )
    .bind(t.project.as_str())
    .bind(doc2.id.as_str())
    .bind(doc2.head_revision_id.as_ref().map(|h| h.as_str()))
    .bind(t.bob.me.id.as_str())
    .bind(forged)
    .execute(&mut bob)
    .await
    .expect_err("a one-stage workflow of one's own");
    rls(e, "a forged workflow");
    // Comments: what one says never changes, a thread is resolved in one's own name, and a
    // person outside the project cannot comment.
    let c = t
        .dave
        .app
        .comments()
        .add(
            &t.dave.me,
            greenlight_core::comments::NewComment {
                on: greenlight_core::comments::CommentOn::Document(t.doc.clone()),
                anchor: greenlight_core::domain::comment::CommentAnchor::Whole,
                body: "Clear the lyric.".into(),
                reply_to: None,
                review: Some(r.id.clone()),
            },
        )
        .await
        .expect("legal comments");
    let e = sqlx::query("UPDATE comments SET body = 'All clear.' WHERE id = $1")
        .bind(c.id.as_str())
        .execute(&mut bob)
        .await
        .expect_err("a comment rewritten");
    rls(e, "a rewritten comment");
    let e = sqlx::query("UPDATE comments SET resolved_at = 1, resolved_by = $2 WHERE id = $1")
        .bind(c.id.as_str())
        .bind(t.carol.me.id.as_str())
        .execute(&mut bob)
        .await
        .expect_err("resolved in Carol's name");
    rls(e, "a resolution in another's name");
    let stranger = person(&t.db).await;
    let mut outside = support::plain_sql_as(&t.db, &stranger.login).await;
    let e = sqlx::query(
        "INSERT INTO comments (id, project_id, document_id, thread_id, anchor, body, author_id,
             created_at) VALUES ('c-out', $1, $2, 'c-out', '{\"kind\":\"whole\"}', 'hi', $3, 1)",
    )
    .bind(t.project.as_str())
    .bind(t.doc.as_str())
    .bind(stranger.me.id.as_str())
    .execute(&mut outside)
    .await
    .expect_err("a comment from outside the project");
    rls(e, "a stranger's comment");
    let shown = t
        .bob
        .app
        .comments()
        .of_document(&t.doc, None)
        .await
        .expect("list");
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].body, "Clear the lyric.");
    assert!(shown[0].resolved.is_none());

    // An asset: the writer who imported it requests its review; the database checks the
    // version and who imported it.
    let png = common::write(&t.bob._dir, "still.png", &common::media::png(8, 8, 3));
    let imported = t
        .bob
        .app
        .assets()
        .import(&t.bob.me, &t.project, &png, None)
        .await
        .expect("import");
    let ar = t
        .bob
        .app
        .reviews()
        .request_asset(&t.bob.me, &imported.asset.id, ReviewRequest::default())
        .await
        .expect("asset review");
    let e = sqlx::query("UPDATE reviews SET subject_author = $2 WHERE id = $1")
        .bind(ar.id.as_str())
        .bind(t.carol.me.id.as_str())
        .execute(&mut bob)
        .await
        .expect_err("another author");
    rls(e, "an asset review naming another author");

    // The default is the project's while it has no templates of its own: the core path works.
    t.bob
        .app
        .reviews()
        .request(&t.bob.me, &doc2.id, ReviewRequest::default())
        .await
        .expect("the default workflow is accepted");
}

/// Only a project's legal reviewer records disclosures: core refuses the others, and the
/// database refuses a `disclosure.recorded` event from any other login however it is
/// written. The writer reads what was disclosed to them.
#[tokio::test]
async fn only_legal_reviewers_record_disclosures_and_the_writer_sees_what_was_disclosed_to_them() {
    use greenlight_core::domain::disclosure::DisclosureInput;
    let t = team().await;
    let material = |to: &Person| DisclosureInput::MaterialProvided {
        to: to.me.id.clone(),
        material: "The model's outline of episode 1.".into(),
        document_id: Some(t.doc.clone()),
    };
    let refused = t
        .carol
        .app
        .disclosures()
        .record(&t.carol.me, &t.project, material(&t.bob))
        .await
        .expect_err("a producer may not record disclosures");
    assert!(matches!(refused, CoreError::Forbidden(_)), "{refused:?}");
    let recorded = t
        .dave
        .app
        .disclosures()
        .record(&t.dave.me, &t.project, material(&t.bob))
        .await
        .expect("the legal reviewer records it");
    assert_eq!(recorded.recorded_by, t.dave.me.id);
    let mine = t
        .bob
        .app
        .disclosures()
        .to_me(&t.bob.me)
        .await
        .expect("bob's");
    assert_eq!(mine.len(), 1);
    assert!(mine[0].summary.contains("episode 1"), "{:?}", mine[0]);
    assert!(t
        .carol
        .app
        .disclosures()
        .to_me(&t.carol.me)
        .await
        .expect("carol's")
        .is_empty());

    // A modified client as Bob appends the event itself: the database refuses it.
    let mut sql = support::plain_sql_as(&t.db, &t.bob.login).await;
    let e = sqlx::query(
        "INSERT INTO events (chain, seq, id, at, actor, kind, schema_version, subject, payload, prev_hash, hash)
         VALUES ($1, 999, 'forged-disclosure', 1, $2, 'disclosure.recorded', 2, 'x', '{}', '', '')",
    )
    .bind(t.project.as_str())
    .bind(t.bob.me.id.as_str())
    .execute(&mut sql)
    .await
    .expect_err("a writer's disclosure");
    assert!(e.to_string().contains("legal reviewer"), "{e}");
    // Verification on the team server sees everyone's signatures.
    let report = t.alice.app.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
    assert!(report.signatures_checked > 0);
}
