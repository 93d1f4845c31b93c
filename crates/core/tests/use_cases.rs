//! Whole use-cases against a real SQLite database in a temporary directory.

use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::project::{NewProject, ProjectKind, ProjectPatch};
use greenlight_core::domain::structure::ExportFormat;
use greenlight_core::{CoreError, Greenlight, OpenConfig};
use std::time::Duration;
use tempfile::TempDir;

async fn open(dir: &TempDir) -> Greenlight {
    Greenlight::open(OpenConfig::new(dir.path()))
        .await
        .expect("open")
}

fn new_project(title: &str) -> NewProject {
    NewProject {
        title: title.into(),
        logline: "A logline.".into(),
        kind: ProjectKind::Feature,
    }
}

async fn event_count(app: &Greenlight) -> usize {
    app.store().all_events().await.expect("events").len()
}

#[tokio::test]
async fn project_document_revision_flow_is_recorded() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .create_project(new_project("  Pilot  "))
        .await
        .expect("create");
    assert_eq!(p.title, "Pilot");
    let doc = app
        .create_document(NewDocument {
            project_id: p.id.clone(),
            title: "Draft".into(),
            kind: DocumentKind::Screenplay,
            format: DocumentFormat::Fountain,
            text: "INT. ROOM - DAY\n\nShe waits by the door.".into(),
        })
        .await
        .expect("doc");
    let first = doc.head_revision_id.clone().expect("head");
    let r2 = app
        .save_revision(
            &doc.id,
            Some(&first),
            "INT. ROOM - DAY\n\nShe waits by the window.".into(),
        )
        .await
        .expect("save");
    assert_eq!(r2.meta.parent_id.as_ref(), Some(&first));

    // Saving the same text again writes nothing.
    let before = event_count(&app).await;
    let same = app
        .save_revision(&doc.id, Some(&r2.meta.id), r2.text.clone())
        .await
        .expect("noop");
    assert_eq!(same.meta.id, r2.meta.id);
    assert_eq!(event_count(&app).await, before);

    // A save from a stale parent is a conflict and changes nothing.
    let stale = app
        .save_revision(&doc.id, Some(&first), "other".into())
        .await
        .expect_err("conflict");
    assert!(matches!(stale, CoreError::Conflict(_)), "{stale:?}");
    assert_eq!(event_count(&app).await, before);

    let revs = app.list_revisions(&doc.id).await.expect("list");
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[0].id, r2.meta.id, "newest first");

    let diff = app.diff_revisions(&first, &r2.meta.id).await.expect("diff");
    assert_eq!((diff.words_inserted, diff.words_deleted), (1, 1));

    let docs = app.list_documents(&p.id).await.expect("docs");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].revision_count, 2);

    let feed = app.activity(Some(&p.id), 50).await.expect("activity");
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

    let report = app.verify_ledger().await.expect("verify");
    assert!(report.ok, "{report:?}");
}

#[tokio::test]
async fn bad_titles_are_refused_and_change_nothing() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let before = event_count(&app).await;
    for title in ["", "   ", &"x".repeat(10_000)] {
        let err = app
            .create_project(new_project(title))
            .await
            .expect_err("invalid");
        assert!(matches!(err, CoreError::Invalid(_)), "{err:?}");
        assert!(err.to_string().contains("Project title"), "{err}");
    }
    assert!(app.list_projects(true).await.expect("list").is_empty());
    assert_eq!(event_count(&app).await, before);

    let p = app
        .create_project(new_project("Real"))
        .await
        .expect("create");
    let err = app
        .update_project(
            &p.id,
            &ProjectPatch {
                title: Some("".into()),
                ..Default::default()
            },
        )
        .await
        .expect_err("invalid");
    assert!(matches!(err, CoreError::Invalid(_)));
    assert_eq!(app.get_project(&p.id).await.expect("get").title, "Real");
}

#[tokio::test]
async fn archive_hides_and_restores() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .create_project(new_project("Old show"))
        .await
        .expect("create");
    app.archive_project(&p.id, true).await.expect("archive");
    assert!(app.list_projects(false).await.expect("list").is_empty());
    assert_eq!(app.list_projects(true).await.expect("list").len(), 1);
    app.archive_project(&p.id, false).await.expect("restore");
    assert_eq!(app.list_projects(false).await.expect("list").len(), 1);
}

#[tokio::test]
async fn hostile_imports_are_refused_and_change_nothing() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .create_project(new_project("Imports"))
        .await
        .expect("create");
    let before = event_count(&app).await;

    let big = files.path().join("huge.txt");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(50 * 1024 * 1024).expect("50 MB");
    let cases = [
        (big, "too large"),
        (write(&files, "latin1.txt", b"caf\xe9"), "not valid UTF-8"),
        (
            write(&files, "movie.txt", b"\x00\x00\x00\x18ftypmp42\x00\x00"),
            "binary",
        ),
        (write(&files, "script.txt", b"%PDF-1.4\n..."), "PDF"),
        (write(&files, "draft.docx", b"PK\x03\x04"), "not supported"),
        (
            write(&files, "one-line.fountain", &vec![b'A'; 20 * 1024 * 1024]),
            "too large",
        ),
        (write(&files, "script.fdx", b"%PDF-1.4\n..."), "PDF"),
        (write(&files, "cut.fdx", b"<?xml version=\"1.0\"?><FinalDraft><Content><Paragraph Type=\"Action\"><Text>Hi"), "end of file"),
        (
            write(
                &files,
                "bomb.fdx",
                b"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><FinalDraft><Content><Paragraph Type=\"Action\"><Text>&lol2;</Text></Paragraph></Content></FinalDraft>",
            ),
            "DOCTYPE",
        ),
        (files.path().join("missing.txt"), "Cannot open"),
    ];
    for (path, expect) in cases {
        let err = app
            .import_document(&p.id, &path, None)
            .await
            .expect_err("refused");
        assert!(
            err.to_string().contains(expect),
            "{}: {err}",
            path.display()
        );
    }
    assert_eq!(event_count(&app).await, before);
    assert!(app.list_documents(&p.id).await.expect("docs").is_empty());

    let ok = write(&files, "Notes.md", "# Ideas\n\nCafé scene.".as_bytes());
    let doc = app
        .import_document(&p.id, &ok, None)
        .await
        .expect("import")
        .document;
    assert_eq!(doc.title, "Notes");
    assert_eq!(doc.format, DocumentFormat::Markdown);
    let head = app
        .get_revision(doc.head_revision_id.as_ref().expect("head"))
        .await
        .expect("rev");
    assert_eq!(head.text, "# Ideas\n\nCafé scene.");
}

#[tokio::test]
async fn export_writes_the_revision_text() {
    let dir = TempDir::new().expect("tmp");
    let out = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .create_project(new_project("Export"))
        .await
        .expect("create");
    let doc = app
        .create_document(NewDocument {
            project_id: p.id,
            title: "Pages".into(),
            kind: DocumentKind::Treatment,
            format: DocumentFormat::Plain,
            text: "Line one.\nLine two — ünïcode.".into(),
        })
        .await
        .expect("doc");
    let path = out.path().join("pages.txt");
    let head = doc.head_revision_id.expect("head");
    app.export_revision(&head, &path, ExportFormat::Original)
        .await
        .expect("export");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "Line one.\nLine two — ünïcode."
    );
    let err = app
        .export_revision(
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
        .create_project(new_project("Big"))
        .await
        .expect("create");
    let doc = app
        .create_document(NewDocument {
            project_id: p.id,
            title: "Doc".into(),
            kind: DocumentKind::Notes,
            format: DocumentFormat::Plain,
            text: String::new(),
        })
        .await
        .expect("doc");
    let err = app
        .save_revision(
            &doc.id,
            doc.head_revision_id.as_ref(),
            "x".repeat(6 * 1024 * 1024),
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
    let projects = app.list_projects(false).await.expect("list");
    assert_eq!(projects.len(), 1);
    let docs = app
        .list_documents(&projects[0].project.id)
        .await
        .expect("docs");
    assert_eq!(docs.len(), 2);
    assert_eq!(
        docs[0].revision_count, 2,
        "the sample screenplay has a history"
    );
    let me = app.me().clone();
    app.close().await;

    let again = Greenlight::open(cfg).await.expect("reopen");
    assert_eq!(again.list_projects(false).await.expect("list").len(), 1);
    assert_eq!(again.me(), me, "the local profile persists");
    assert!(again.verify_ledger().await.expect("verify").ok);
}

#[tokio::test]
async fn tampering_is_detected_and_located() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    for i in 0..3 {
        app.create_project(new_project(&format!("P{i}")))
            .await
            .expect("create");
    }
    assert!(app.verify_ledger().await.expect("verify").ok);
    // The triggers refuse edits through SQL...
    let refused = app
        .store()
        .execute_raw_for_tests("UPDATE events SET actor = 'mallory' WHERE seq = 3")
        .await;
    assert!(refused.is_err());
    // ...so a tamperer drops them first; verification still finds the edit.
    app.store()
        .execute_raw_for_tests(
            "DROP TRIGGER events_append_only_update;
             UPDATE events SET payload = replace(payload, 'P1', 'PX') WHERE seq = 3;",
        )
        .await
        .expect("tamper");
    let report = app.verify_ledger().await.expect("verify");
    assert!(!report.ok);
    let broken = report.first_broken.expect("broken");
    assert_eq!(broken.seq, 3);
    assert_eq!(report.events_checked, 2);
}

#[tokio::test]
async fn locked_database_is_reported_as_locked() {
    let dir = TempDir::new().expect("tmp");
    let mut cfg = OpenConfig::new(dir.path());
    cfg.store.busy_timeout = Duration::from_millis(200);
    let app = Greenlight::open(cfg.clone()).await.expect("open");
    let other = Greenlight::open(cfg).await.expect("second handle");
    let held = other.store().begin().await.expect("lock");
    let err = app
        .create_project(new_project("Blocked"))
        .await
        .expect_err("locked");
    assert!(matches!(err, CoreError::StorageUnavailable(_)), "{err:?}");
    assert!(err.to_string().contains("locked"), "{err}");
    drop(held);
    app.create_project(new_project("After"))
        .await
        .expect("works once released");
}

#[tokio::test]
async fn corrupt_database_is_reported_and_left_alone() {
    let dir = TempDir::new().expect("tmp");
    let db = dir.path().join(greenlight_core::DB_FILE_NAME);
    let garbage = b"this is not a database at all, just bytes...".repeat(200);
    std::fs::write(&db, &garbage).expect("write");
    let err = Greenlight::open(OpenConfig::new(dir.path()))
        .await
        .expect_err("corrupt");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(
        std::fs::read(&db).expect("read"),
        garbage,
        "the file is untouched"
    );
}

#[tokio::test]
async fn unwritable_data_dir_is_named() {
    let dir = TempDir::new().expect("tmp");
    let file = write(&dir, "plain-file", b"x");
    let err = Greenlight::open(OpenConfig::new(file.join("data")))
        .await
        .expect_err("not writable");
    assert!(err.to_string().contains("cannot write to"), "{err}");
    assert!(err.to_string().contains("GREENLIGHT_DATA_DIR"), "{err}");
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

#[tokio::test]
async fn fdx_import_structure_and_screenplay_exports() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .create_project(new_project("Formats"))
        .await
        .expect("create");
    let fdx = r#"<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
    <Paragraph Number="1" Type="Scene Heading"><Text>INT. DINER - NIGHT</Text></Paragraph>
    <Paragraph Type="Action"><Text>Rain on the glass.</Text></Paragraph>
    <Paragraph Type="Character"><Text>JUNE</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>Coffee. </Text><Text Style="Bold">Black.</Text></Paragraph>
    <Paragraph Type="Scene Heading"><Text>EXT. STREET - DAWN</Text></Paragraph>
    <Paragraph Type="Character"><Text>ABEL</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>Too late.</Text></Paragraph>
    <Paragraph Type="Mystery Type"><Text>Kept, not dropped.</Text></Paragraph>
  </Content>
</FinalDraft>"#;
    let path = write(&files, "Diner.fdx", fdx.as_bytes());
    let outcome = app
        .import_document(&p.id, &path, None)
        .await
        .expect("import fdx");
    assert_eq!(outcome.document.kind, DocumentKind::Screenplay);
    assert_eq!(outcome.document.format, DocumentFormat::Fountain);
    assert_eq!(outcome.warnings.len(), 1, "{:?}", outcome.warnings);
    assert!(outcome.warnings[0].contains("Mystery Type"));

    let s = app
        .document_structure(&outcome.document.id)
        .await
        .expect("structure");
    assert_eq!(s.scenes.len(), 2);
    assert_eq!(s.scenes[0].heading, "INT. DINER - NIGHT");
    assert_eq!(s.scenes[1].characters, ["ABEL"]);
    let names: Vec<&str> = s.characters.iter().map(|c| c.name.as_str()).collect();
    assert!(
        names.contains(&"JUNE") && names.contains(&"ABEL"),
        "{names:?}"
    );
    let head = app
        .get_revision(outcome.document.head_revision_id.as_ref().expect("head"))
        .await
        .expect("rev");
    let lines: Vec<&str> = head.text.lines().collect();
    assert_eq!(
        lines[s.scenes[1].line as usize].trim_start_matches('.'),
        "EXT. STREET - DAWN"
    );

    let back = files.path().join("back.fdx");
    let rev = outcome.document.head_revision_id.clone().expect("head");
    app.export_revision(&rev, &back, ExportFormat::Fdx)
        .await
        .expect("fdx out");
    let xml = std::fs::read_to_string(&back).expect("read");
    assert!(
        xml.contains("Mystery Type") && xml.contains("Black."),
        "{xml}"
    );

    // Markdown is not a screenplay: FDX export is refused, and no file appears.
    let notes = app
        .create_document(NewDocument {
            project_id: p.id,
            title: "Notes".into(),
            kind: DocumentKind::Notes,
            format: DocumentFormat::Markdown,
            text: "# hi".into(),
        })
        .await
        .expect("notes");
    let refused = files.path().join("notes.fdx");
    let err = app
        .export_revision(
            notes.head_revision_id.as_ref().expect("h"),
            &refused,
            ExportFormat::Fdx,
        )
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("only screenplays"), "{err}");
    assert!(!refused.exists());
}

#[tokio::test]
async fn sample_exports_as_pdf_and_screenplay_text() {
    let dir = TempDir::new().expect("tmp");
    let out = TempDir::new().expect("tmp");
    let mut cfg = OpenConfig::new(dir.path());
    cfg.seed_sample = true;
    let app = Greenlight::open(cfg).await.expect("open");
    let project = &app.list_projects(false).await.expect("list")[0].project;
    let docs = app.list_documents(&project.id).await.expect("docs");
    let script = docs
        .iter()
        .find(|d| d.document.kind == DocumentKind::Screenplay)
        .expect("sample screenplay");
    let head = script.document.head_revision_id.clone().expect("head");
    let pdf = out.path().join("sample.pdf");
    app.export_revision(&head, &pdf, ExportFormat::Pdf)
        .await
        .expect("pdf");
    let bytes = std::fs::read(&pdf).expect("read");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() > 5_000, "a real PDF with an embedded font");
    let txt = out.path().join("sample.txt");
    app.export_revision(&head, &txt, ExportFormat::Text)
        .await
        .expect("txt");
    let text = std::fs::read_to_string(&txt).expect("read");
    assert!(text.contains("INT. SOUNDSTAGE 4 - NIGHT"));
    assert!(text.contains('\u{c}'), "pages are separated by form feeds");
    let kinds: Vec<String> = app
        .activity(Some(&project.id), 5)
        .await
        .expect("activity")
        .into_iter()
        .map(|a| a.summary)
        .collect();
    assert!(kinds[0].contains("sample.txt"), "{kinds:?}");
}
