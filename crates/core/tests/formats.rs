//! Files in and out: hostile imports, Final Draft import, screenplay structure and exports.

mod common;

use common::LocalActor;

use common::{event_count, new_project, open, write};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::structure::ExportFormat;
use greenlight_core::{Greenlight, OpenConfig};
use tempfile::TempDir;

#[tokio::test]
async fn hostile_imports_are_refused_and_change_nothing() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .projects()
        .create(&app.me().await, new_project("Imports"))
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
            .documents()
            .import(&app.me().await, &p.id, &path, None)
            .await
            .expect_err("refused");
        assert!(
            err.to_string().contains(expect),
            "{}: {err}",
            path.display()
        );
    }
    assert_eq!(event_count(&app).await, before);
    assert!(app.documents().list(&p.id).await.expect("docs").is_empty());

    let ok = write(&files, "Notes.md", "# Ideas\n\nCafé scene.".as_bytes());
    let doc = app
        .documents()
        .import(&app.me().await, &p.id, &ok, None)
        .await
        .expect("import")
        .document;
    assert_eq!(doc.title, "Notes");
    assert_eq!(doc.format, DocumentFormat::Markdown);
    let head = app
        .revisions()
        .get(doc.head_revision_id.as_ref().expect("head"))
        .await
        .expect("rev");
    assert_eq!(head.text, "# Ideas\n\nCafé scene.");
}

#[tokio::test]
async fn fdx_import_structure_and_screenplay_exports() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let p = app
        .projects()
        .create(&app.me().await, new_project("Formats"))
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
        .documents()
        .import(&app.me().await, &p.id, &path, None)
        .await
        .expect("import fdx");
    assert_eq!(outcome.document.kind, DocumentKind::Screenplay);
    assert_eq!(outcome.document.format, DocumentFormat::Fountain);
    assert_eq!(outcome.warnings.len(), 1, "{:?}", outcome.warnings);
    assert!(outcome.warnings[0].contains("Mystery Type"));

    let s = app
        .documents()
        .structure(&outcome.document.id)
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
        .revisions()
        .get(outcome.document.head_revision_id.as_ref().expect("head"))
        .await
        .expect("rev");
    let lines: Vec<&str> = head.text.lines().collect();
    assert_eq!(
        lines[s.scenes[1].line as usize].trim_start_matches('.'),
        "EXT. STREET - DAWN"
    );

    let back = files.path().join("back.fdx");
    let rev = outcome.document.head_revision_id.clone().expect("head");
    app.revisions()
        .export(&app.me().await, &rev, &back, ExportFormat::Fdx)
        .await
        .expect("fdx out");
    let xml = std::fs::read_to_string(&back).expect("read");
    assert!(
        xml.contains("Mystery Type") && xml.contains("Black."),
        "{xml}"
    );

    // Markdown is not a screenplay: FDX export is refused, and no file appears.
    let notes = app
        .documents()
        .create(
            &app.me().await,
            NewDocument {
                project_id: p.id,
                title: "Notes".into(),
                kind: DocumentKind::Notes,
                format: DocumentFormat::Markdown,
                text: "# hi".into(),
            },
        )
        .await
        .expect("notes");
    let refused = files.path().join("notes.fdx");
    let err = app
        .revisions()
        .export(
            &app.me().await,
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
    let project = &app.projects().list(false).await.expect("list")[0].project;
    let docs = app.documents().list(&project.id).await.expect("docs");
    let script = docs
        .iter()
        .find(|d| d.document.kind == DocumentKind::Screenplay)
        .expect("sample screenplay");
    let head = script.document.head_revision_id.clone().expect("head");
    let pdf = out.path().join("sample.pdf");
    app.revisions()
        .export(&app.me().await, &head, &pdf, ExportFormat::Pdf)
        .await
        .expect("pdf");
    let bytes = std::fs::read(&pdf).expect("read");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() > 5_000, "a real PDF with an embedded font");
    let txt = out.path().join("sample.txt");
    app.revisions()
        .export(&app.me().await, &head, &txt, ExportFormat::Text)
        .await
        .expect("txt");
    let text = std::fs::read_to_string(&txt).expect("read");
    assert!(text.contains("INT. SOUNDSTAGE 4 - NIGHT"));
    assert!(text.contains('\u{c}'), "pages are separated by form feeds");
    let kinds: Vec<String> = app
        .ledger()
        .activity(Some(&project.id), 5)
        .await
        .expect("activity")
        .into_iter()
        .map(|a| a.summary)
        .collect();
    assert!(kinds[0].contains("sample.txt"), "{kinds:?}");
}
