//! The store contract against the embedded SQLite backend, on real files.

mod contract;

use greenlight_store::{OpenOptions, Store};
use tempfile::TempDir;

async fn fresh() -> (Store, TempDir) {
    let dir = TempDir::new().expect("tmp");
    let store = Store::open_sqlite(&dir.path().join("test.db"), OpenOptions::default())
        .await
        .expect("open");
    (store, dir)
}

contract_tests!(fresh);

#[tokio::test]
async fn reopening_keeps_committed_data_and_migrations_are_idempotent() {
    let dir = TempDir::new().expect("tmp");
    let path = dir.path().join("test.db");
    {
        let store = Store::open_sqlite(&path, OpenOptions::default())
            .await
            .expect("open");
        let mut tx = store.begin().await.expect("begin");
        tx.set_setting("kept", "yes").await.expect("set");
        tx.commit().await.expect("commit");
        store.close().await;
    }
    let store = Store::open_sqlite(&path, OpenOptions::default())
        .await
        .expect("reopen");
    assert_eq!(
        store.get_setting("kept").await.expect("get").as_deref(),
        Some("yes")
    );
}

#[cfg(unix)]
#[tokio::test]
async fn the_data_folder_and_database_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().expect("tmp");
    let data = dir.path().join("fresh").join("greenlight");
    let path = data.join("test.db");
    let store = Store::open_sqlite(&path, OpenOptions::default())
        .await
        .expect("open");
    let mut tx = store.begin().await.expect("begin");
    tx.set_setting("k", "v").await.expect("set");
    tx.commit().await.expect("commit");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700, "data folder");
    assert_eq!(mode(&path), 0o600, "database");
    let wal = data.join("test.db-wal");
    assert!(wal.exists());
    assert_eq!(mode(&wal), 0o600, "write-ahead log");
}

/// A row that fails to decode in the middle of `verify` must not leave its read transaction
/// open on a pooled connection (which would make later writes fail and the WAL grow).
#[tokio::test]
async fn a_decode_failure_inside_verify_leaves_the_pool_usable() {
    use greenlight_domain::events::payloads::ProfileCreated;
    use greenlight_domain::events::EventBody;
    use greenlight_domain::ids::UserId;
    use greenlight_domain::ledger::EventDraft;
    let (store, _dir) = fresh().await;
    let mut tx = store.begin().await.expect("begin");
    let me = greenlight_domain::profile::Profile {
        id: UserId::from("u"),
        name: "U".into(),
        created_at: 0,
    };
    contract::person_with_key(&store, &mut tx, &me).await;
    for n in 0..3 {
        tx.append_event(
            EventDraft {
                actor: UserId::from("u"),
                subject: format!("profile:{n}"),
                project_id: None,
                body: EventBody::ProfileCreated(ProfileCreated { name: "A".into() }),
            },
            n,
        )
        .await
        .expect("append");
    }
    tx.commit().await.expect("commit");
    store
        .execute_raw_for_tests(
            "DROP TRIGGER events_append_only_update; UPDATE events SET at = 'not a time' WHERE seq = 2;",
        )
        .await
        .expect("tamper");
    for _ in 0..6 {
        assert!(
            store.verify_ledger().await.is_err(),
            "the row cannot decode"
        );
    }
    // Every pooled connection must still take a write transaction.
    for n in 0..12 {
        let mut tx = store.begin().await.expect("begin after a failed verify");
        tx.set_setting("after", &n.to_string()).await.expect("set");
        tx.commit().await.expect("commit");
    }
}
