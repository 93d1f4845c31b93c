//! The short form of the durability harness, run by the test command: writer processes are
//! SIGKILLed at random moments, and every acknowledged revision must survive intact with every
//! ledger chain verifying.

use greenlight_core::{Greenlight, OpenConfig};
use greenlight_durability::{check_acceptances, read_acks, run};
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

#[tokio::test(flavor = "multi_thread")]
async fn sigkilled_acceptances_are_whole_or_absent() {
    let dir = tempfile::tempdir().expect("tmp");
    let accepter = Path::new(env!("CARGO_BIN_EXE_durability-accepter"));
    let f = run(accepter, dir.path(), 12, 2, 4, 7)
        .await
        .expect("harness");
    assert!(f.acknowledged > 0, "nothing was accepted: {f:?}");
    assert_eq!((f.lost, f.corrupt, f.verify_failures), (0, 0, 0), "{f:?}");
    // With the accepters' own keys (their secrets file): the check below signs a save.
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = std::sync::Arc::new(greenlight_core::secrets::SecretsFile::new(
        dir.path().join("keys.json"),
    ));
    let app = Greenlight::open(cfg).await.expect("open");
    let a = check_acceptances(&app).await.expect("check");
    assert_eq!(a.documents, 2, "{a:?}");
    assert!(a.accepted >= f.acknowledged, "{a:?} {f:?}");
    assert_eq!(
        (a.half_applied, a.unattributed, a.odd_states),
        (0, 0, 0),
        "{a:?}"
    );
    // The check catches what it claims to: a revision no acceptance names is half-applied.
    let me = app.profiles().local_actor().await.expect("me");
    let project = app
        .projects()
        .list(true)
        .await
        .expect("projects")
        .into_iter()
        .find(|p| p.project.title.starts_with("accepter-"))
        .expect("an accepter's project");
    let doc = app
        .documents()
        .list(&project.project.id)
        .await
        .expect("docs")[0]
        .document
        .clone();
    app.revisions()
        .save(
            &me,
            &doc.id,
            doc.head_revision_id.as_ref(),
            "not an acceptance".into(),
            None,
        )
        .await
        .expect("save");
    let after = check_acceptances(&app).await.expect("check");
    assert_eq!(after.half_applied, 1, "{after:?}");
    app.close().await;
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
