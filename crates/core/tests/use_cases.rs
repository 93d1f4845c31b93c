//! Whole use-cases against a real SQLite database in a temporary directory: projects,
//! documents, revisions, the ledger.

mod common;

use common::LocalActor;

use common::{event_count, new_project, open};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::project::ProjectPatch;
use greenlight_core::domain::structure::ExportFormat;
use greenlight_core::{CoreError, Greenlight, OpenConfig};
use tempfile::TempDir;

#[tokio::test]
async fn project_document_revision_flow_is_recorded() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .projects()
        .create(&app.me().await, new_project("  Pilot  "))
        .await
        .expect("create");
    assert_eq!(p.title, "Pilot");
    let doc = app
        .documents()
        .create(
            &app.me().await,
            NewDocument {
                project_id: p.id.clone(),
                title: "Draft".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: "INT. ROOM - DAY\n\nShe waits by the door.".into(),
            },
        )
        .await
        .expect("doc");
    let first = doc.head_revision_id.clone().expect("head");
    let r2 = app
        .revisions()
        .save(
            &app.me().await,
            &doc.id,
            Some(&first),
            "INT. ROOM - DAY\n\nShe waits by the window.".into(),
            None,
        )
        .await
        .expect("save");
    assert_eq!(r2.meta.parent_id.as_ref(), Some(&first));

    // Saving the same text again writes nothing.
    let before = event_count(&app).await;
    let same = app
        .revisions()
        .save(
            &app.me().await,
            &doc.id,
            Some(&r2.meta.id),
            r2.text.clone(),
            None,
        )
        .await
        .expect("noop");
    assert_eq!(same.meta.id, r2.meta.id);
    assert_eq!(event_count(&app).await, before);

    // A save from a stale parent is a conflict and changes nothing.
    let stale = app
        .revisions()
        .save(&app.me().await, &doc.id, Some(&first), "other".into(), None)
        .await
        .expect_err("conflict");
    assert!(matches!(stale, CoreError::Conflict(_)), "{stale:?}");
    assert_eq!(event_count(&app).await, before);

    let revs = app.revisions().list(&doc.id).await.expect("list");
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[0].id, r2.meta.id, "newest first");

    let diff = app
        .revisions()
        .diff(&first, &r2.meta.id)
        .await
        .expect("diff");
    assert_eq!((diff.words_inserted, diff.words_deleted), (1, 1));

    let docs = app.documents().list(&p.id).await.expect("docs");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].revision_count, 2);

    let feed = app
        .ledger()
        .activity(Some(&p.id), 50)
        .await
        .expect("activity");
    let kinds: Vec<&str> = feed.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "revision.saved",
            "revision.saved",
            "document.created",
            "project.created"
        ]
    );
    assert!(feed[0].summary.contains("Draft"), "{}", feed[0].summary);

    let report = app.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
}

#[tokio::test]
async fn bad_titles_are_refused_and_change_nothing() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let before = event_count(&app).await;
    for title in ["", "   ", &"x".repeat(10_000)] {
        let err = app
            .projects()
            .create(&app.me().await, new_project(title))
            .await
            .expect_err("invalid");
        assert!(matches!(err, CoreError::Invalid(_)), "{err:?}");
        assert!(err.to_string().contains("Project title"), "{err}");
    }
    assert!(app.projects().list(true).await.expect("list").is_empty());
    assert_eq!(event_count(&app).await, before);

    let p = app
        .projects()
        .create(&app.me().await, new_project("Real"))
        .await
        .expect("create");
    let err = app
        .projects()
        .update(
            &app.me().await,
            &p.id,
            &ProjectPatch {
                title: Some("".into()),
                ..Default::default()
            },
        )
        .await
        .expect_err("invalid");
    assert!(matches!(err, CoreError::Invalid(_)));
    assert_eq!(app.projects().get(&p.id).await.expect("get").title, "Real");
}

#[tokio::test]
async fn archive_hides_and_restores() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .projects()
        .create(&app.me().await, new_project("Old show"))
        .await
        .expect("create");
    app.projects()
        .archive(&app.me().await, &p.id, true)
        .await
        .expect("archive");
    assert!(app.projects().list(false).await.expect("list").is_empty());
    assert_eq!(app.projects().list(true).await.expect("list").len(), 1);
    app.projects()
        .archive(&app.me().await, &p.id, false)
        .await
        .expect("restore");
    assert_eq!(app.projects().list(false).await.expect("list").len(), 1);
}

#[tokio::test]
async fn export_writes_the_revision_text() {
    let dir = TempDir::new().expect("tmp");
    let out = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .projects()
        .create(&app.me().await, new_project("Export"))
        .await
        .expect("create");
    let doc = app
        .documents()
        .create(
            &app.me().await,
            NewDocument {
                project_id: p.id,
                title: "Pages".into(),
                kind: DocumentKind::Treatment,
                format: DocumentFormat::Plain,
                text: "Line one.\nLine two — ünïcode.".into(),
            },
        )
        .await
        .expect("doc");
    let path = out.path().join("pages.txt");
    let head = doc.head_revision_id.expect("head");
    app.revisions()
        .export(&app.me().await, &head, &path, ExportFormat::Original)
        .await
        .expect("export");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "Line one.\nLine two — ünïcode."
    );
    let err = app
        .revisions()
        .export(
            &app.me().await,
            &head,
            &out.path().join("no/such/dir/x.txt"),
            ExportFormat::Original,
        )
        .await
        .expect_err("bad path");
    assert!(matches!(err, CoreError::Io { .. }), "{err:?}");
}

#[tokio::test]
async fn oversized_revision_is_refused() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .projects()
        .create(&app.me().await, new_project("Big"))
        .await
        .expect("create");
    let doc = app
        .documents()
        .create(
            &app.me().await,
            NewDocument {
                project_id: p.id,
                title: "Doc".into(),
                kind: DocumentKind::Notes,
                format: DocumentFormat::Plain,
                text: String::new(),
            },
        )
        .await
        .expect("doc");
    let err = app
        .revisions()
        .save(
            &app.me().await,
            &doc.id,
            doc.head_revision_id.as_ref(),
            "x".repeat(6 * 1024 * 1024),
            None,
        )
        .await
        .expect_err("too large");
    assert!(matches!(err, CoreError::TooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn sample_is_seeded_once_and_data_survives_reopen() {
    let dir = TempDir::new().expect("tmp");
    let mut cfg = OpenConfig::new(dir.path());
    cfg.seed_sample = true;
    let app = Greenlight::open(cfg.clone()).await.expect("open");
    let projects = app.projects().list(false).await.expect("list");
    assert_eq!(projects.len(), 1);
    let docs = app
        .documents()
        .list(&projects[0].project.id)
        .await
        .expect("docs");
    assert_eq!(docs.len(), 2);
    assert_eq!(
        docs[0].revision_count, 2,
        "the sample screenplay has a history"
    );
    let me = app.profiles().local().await.expect("me");
    app.close().await;

    let again = Greenlight::open(cfg).await.expect("reopen");
    assert_eq!(again.projects().list(false).await.expect("list").len(), 1);
    assert_eq!(
        again.profiles().local().await.expect("me"),
        me,
        "the local profile persists"
    );
    assert!(again.ledger().verify().await.expect("verify").ok);
}
