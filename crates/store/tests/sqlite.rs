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
