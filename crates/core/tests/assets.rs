//! Importing assets on the local database: versions by name, bytes stored once under their
//! hash, read back in ranges, recorded on the project's chain; and every kind of bad file
//! refused with a clear message, leaving no row, no event and no file behind.

mod common;

use common::media::{jpeg_bytes, png};
use common::{event_count, new_project, write, LocalActor};
use greenlight_core::domain::asset::AssetKind;
use greenlight_core::{CoreError, Greenlight, ImportOptions};
use std::path::Path;
use tempfile::TempDir;

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

async fn project(app: &Greenlight) -> greenlight_core::domain::ids::ProjectId {
    let me = app.me().await;
    app.projects()
        .create(&me, new_project("Pilot"))
        .await
        .expect("project")
        .id
}

#[tokio::test]
async fn imports_versions_by_name_stores_each_content_once_and_reads_ranges() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("files");
    let app = common::open(&dir).await;
    let me = app.me().await;
    let p = project(&app).await;

    let first = png(16, 8, 1);
    let path = write(&files, "poster.png", &first);
    let v1 = app.assets().import(&me, &p, &path, None).await.expect("v1");
    assert_eq!(v1.asset.name, "poster.png");
    assert_eq!(v1.asset.kind, AssetKind::Image);
    assert_eq!(v1.version.version, 1);
    assert_eq!(v1.version.media_type, "image/png");
    assert_eq!((v1.version.width, v1.version.height), (Some(16), Some(8)));
    assert_eq!(v1.version.size, first.len() as i64);
    assert_eq!(v1.version.credentials, None);
    assert!(!v1.deduplicated);

    // The same name again is the next version; the same bytes under another name are stored
    // once.
    let second = png(32, 32, 2);
    let path2 = write(&files, "poster-new.png", &second);
    let v2 = app
        .assets()
        .import(&me, &p, &path2, Some("poster.png"))
        .await
        .expect("v2");
    assert_eq!(v2.asset.id, v1.asset.id);
    assert_eq!(v2.version.version, 2);
    assert_eq!(v2.version.original_name, "poster-new.png");
    let copy = app
        .assets()
        .import(&me, &p, &path, Some("poster copy.png"))
        .await
        .expect("copy");
    assert!(copy.deduplicated);
    assert_eq!(copy.version.hash, v1.version.hash);
    let blobs = files_under(&dir.path().join("blobs"));
    assert_eq!(
        blobs.len(),
        2,
        "two distinct contents, no temp left: {blobs:?}"
    );

    let listed = app.assets().list(&p).await.expect("list");
    let names: Vec<_> = listed
        .iter()
        .map(|s| (s.asset.name.as_str(), s.latest.version, s.version_count))
        .collect();
    assert_eq!(names, [("poster copy.png", 1, 1), ("poster.png", 2, 2)]);
    let versions = app.assets().versions(&v1.asset.id).await.expect("versions");
    assert_eq!(versions, vec![v1.version.clone(), v2.version.clone()]);
    let got = app.assets().get(&v1.asset.id).await.expect("get");
    assert_eq!(
        (&got.asset, &got.latest, got.version_count),
        (&v2.asset, &v2.version, 2)
    );

    // Previews read the file the shell may stream, or ranges of it.
    let content = app.assets().content(&v1.version.id).await.expect("content");
    let file = content.file.expect("a local file");
    assert!(file.ends_with(
        Path::new("blake3")
            .join(&v1.version.hash[..2])
            .join(&v1.version.hash)
    ));
    assert_eq!(std::fs::read(&file).expect("blob"), first);
    let range = app
        .assets()
        .read_range(&v2.version.id, 8, 100)
        .await
        .expect("range");
    assert_eq!(range, second[8..108]);
    let end = app
        .assets()
        .read_range(&v2.version.id, second.len() as u64 - 4, 100)
        .await
        .expect("end");
    assert_eq!(end, second[second.len() - 4..]);

    // Each import is on the project's chain, in words.
    let activity = app.ledger().activity(Some(&p), 10).await.expect("activity");
    let said: Vec<&str> = activity.iter().map(|a| a.summary.as_str()).collect();
    assert!(
        said.contains(&"imported image “poster.png” (v2)"),
        "{said:?}"
    );
    assert!(app.ledger().verify().await.expect("verify").ok);
}

/// Imports `bytes` as `name`, expecting a refusal; checks nothing at all was left.
async fn refused(
    app: &Greenlight,
    dir: &TempDir,
    name: &str,
    bytes: &[u8],
    as_name: Option<&str>,
) -> String {
    let files = TempDir::new().expect("files");
    let me = app.me().await;
    let p = app.projects().list(false).await.expect("projects")[0]
        .project
        .id
        .clone();
    let events = event_count(app).await;
    let path = write(&files, name, bytes);
    let err = app
        .assets()
        .import(&me, &p, &path, as_name)
        .await
        .expect_err(name);
    assert!(
        app.assets().list(&p).await.expect("list").is_empty(),
        "{name}: a row was written"
    );
    assert_eq!(
        event_count(app).await,
        events,
        "{name}: an event was written"
    );
    let left = files_under(&dir.path().join("blobs"));
    assert!(left.is_empty(), "{name}: files were left: {left:?}");
    err.to_string()
}

#[tokio::test]
async fn bad_files_are_refused_with_what_was_wrong_and_leave_nothing() {
    let dir = TempDir::new().expect("tmp");
    let app = common::open(&dir).await;
    project(&app).await;
    let ok = png(4, 4, 0);

    let e = refused(&app, &dir, "p.png", &ok, Some("../../etc/passwd")).await;
    assert!(
        e.contains("looks like a path") && e.contains("display name"),
        "{e}"
    );
    let e = refused(&app, &dir, "poster.png", &jpeg_bytes(), None).await;
    assert!(e.contains("says .png but it is really a JPEG image"), "{e}");
    let e = refused(&app, &dir, "clip.mp4", b"#!/bin/sh\nrm -rf /\n", None).await;
    assert!(e.contains("it is a text file"), "{e}");
    let e = refused(
        &app,
        &dir,
        "tool.png",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
        None,
    )
    .await;
    assert!(e.contains("it is a program"), "{e}");
    let e = refused(&app, &dir, "cut.png", &ok[..ok.len() - 20], None).await;
    assert!(e.contains("cut short or damaged"), "{e}");
    let mut bad_header = ok.clone();
    bad_header[16] = 0x7f; // the width, without its checksum
    let e = refused(&app, &dir, "bad.png", &bad_header, None).await;
    assert!(e.contains("header does not decode"), "{e}");
    let e = refused(&app, &dir, "empty.png", b"", None).await;
    assert!(e.contains("it is empty"), "{e}");
}

#[tokio::test]
async fn the_size_limit_is_checked_before_reading_and_while_reading() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("files");
    let app = common::open(&dir).await;
    let me = app.me().await;
    let p = project(&app).await;
    // A sparse 5 GB file: refused from its size, without reading it.
    let big = files.path().join("huge.mp4");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(5 * 1024 * 1024 * 1024).expect("sparse");
    let e = app
        .assets()
        .import(&me, &p, &big, None)
        .await
        .expect_err("too large");
    assert!(
        matches!(e, CoreError::TooLarge { max, .. } if max == 4 * 1024 * 1024 * 1024),
        "{e}"
    );
    assert!(e.to_string().contains("is too large"), "{e}");
    // A lower limit, as a caller may set.
    let path = write(&files, "poster.png", &png(64, 64, 3));
    let opts = ImportOptions {
        name: None,
        max_bytes: 1000,
    };
    let e = app
        .assets()
        .import_with(&me, &p, &path, opts)
        .await
        .expect_err("limit");
    assert!(matches!(e, CoreError::TooLarge { max: 1000, .. }), "{e}");
    assert!(app.assets().list(&p).await.expect("list").is_empty());
    assert!(files_under(&dir.path().join("blobs")).is_empty());
}

#[tokio::test]
async fn a_new_version_must_be_of_the_same_kind() {
    let dir = TempDir::new().expect("tmp");
    let files = TempDir::new().expect("files");
    let app = common::open(&dir).await;
    let me = app.me().await;
    let p = project(&app).await;
    let img = write(&files, "poster", &png(4, 4, 1));
    app.assets()
        .import(&me, &p, &img, None)
        .await
        .expect("image");
    let pdf = write(
        &files,
        "poster.pdf",
        b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
    );
    let e = app
        .assets()
        .import(&me, &p, &pdf, Some("poster"))
        .await
        .expect_err("kind");
    assert!(
        e.to_string()
            .contains("“poster” is an image, and a new version must be one too"),
        "{e}"
    );
    let doc = app.assets().import(&me, &p, &pdf, None).await.expect("pdf");
    assert_eq!(doc.asset.kind, AssetKind::Pdf);
    assert_eq!(
        app.assets().versions(&doc.asset.id).await.expect("v").len(),
        1
    );
}
