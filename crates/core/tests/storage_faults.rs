//! The database going wrong underneath the app: locked, corrupt, not writable. Each gets a
//! message that names the problem, and nothing saved is changed.

mod common;

use common::LocalActor;

use common::{new_project, write};
use greenlight_core::{CoreError, Greenlight, OpenConfig};
use std::time::Duration;
use tempfile::TempDir;

#[tokio::test]
async fn locked_database_is_reported_as_locked() {
    let dir = TempDir::new().expect("tmp");
    let mut cfg = OpenConfig::new(dir.path());
    cfg.store.busy_timeout = Duration::from_millis(200);
    let app = Greenlight::open(cfg.clone()).await.expect("open");
    let other = Greenlight::open(cfg).await.expect("second handle");
    let held = other.store().begin().await.expect("lock");
    let err = app
        .projects()
        .create(&app.me().await, new_project("Blocked"))
        .await
        .expect_err("locked");
    assert!(matches!(err, CoreError::StorageUnavailable(_)), "{err:?}");
    assert!(err.to_string().contains("locked"), "{err}");
    drop(held);
    app.projects()
        .create(&app.me().await, new_project("After"))
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
