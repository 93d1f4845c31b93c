//! The short form of the durability harness, run by the test command: writer processes are
//! SIGKILLed at random moments, and every acknowledged revision must survive intact with every
//! ledger chain verifying.

use greenlight_durability::{read_acks, run};
use std::path::Path;

#[tokio::test(flavor = "multi_thread")]
async fn sigkilled_writers_lose_no_acknowledged_revision() {
    let dir = tempfile::tempdir().expect("tmp");
    let writer = Path::new(env!("CARGO_BIN_EXE_durability-writer"));
    let f = run(writer, dir.path(), 12, 2, 4, 42)
        .await
        .expect("harness");
    assert_eq!(f.kills, 12);
    assert!(
        f.acknowledged > 0,
        "the writers acknowledged nothing: {f:?}"
    );
    assert_eq!(f.lost, 0, "{f:?}");
    assert_eq!(f.corrupt, 0, "{f:?}");
    assert_eq!(f.verify_failures, 0, "{f:?}");
}

#[test]
fn a_cut_ack_line_is_not_counted() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("a");
    std::fs::write(&p, "r1 h1\nr2 h2\nr3 h").expect("write");
    let acks = read_acks(&p);
    assert_eq!(acks.len(), 2);
    assert_eq!(acks[1].revision, "r2");
}
