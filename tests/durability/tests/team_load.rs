//! The team-mode load test's short form: 50 clients for a few seconds on the real PostgreSQL
//! server of the test command; no acknowledged save may be lost or duplicated.

use greenlight_durability::team::run_load;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_clients_lose_and_duplicate_no_acknowledged_save() {
    let url = std::env::var("GREENLIGHT_TEST_PG")
        .expect("GREENLIGHT_TEST_PG: run scripts/test.sh or eval \"$(scripts/pg.sh start)\"");
    let scratch = tempfile::tempdir().expect("tmp");
    let r = run_load(&url, 50, 5, Duration::from_secs(5), scratch.path())
        .await
        .expect("load");
    assert!(r.acknowledged > 50, "too few saves to mean anything: {r:?}");
    assert_eq!((r.lost, r.duplicated, r.wrong_text), (0, 0, 0), "{r:?}");
    assert!(r.chains_ok, "{r:?}");
}
