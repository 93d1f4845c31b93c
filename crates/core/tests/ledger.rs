//! The ledger through core: one chain per project, tampering detected and located by chain,
//! revision texts checked against their recorded hashes, a schema-1 database migrated and
//! still verifiable, and concurrent writers on the same and on different chains.

mod common;

use common::{new_project, open, LocalActor};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::ids::ProjectId;
use greenlight_core::domain::ledger::ChainId;
use greenlight_core::{Greenlight, OpenConfig, DB_FILE_NAME};
use tempfile::TempDir;

fn doc(project: &ProjectId, title: &str, text: &str) -> NewDocument {
    NewDocument {
        project_id: project.clone(),
        title: title.into(),
        kind: DocumentKind::Screenplay,
        format: DocumentFormat::Fountain,
        text: text.into(),
    }
}

async fn chain_seqs(app: &Greenlight, chain: &ChainId) -> Vec<i64> {
    app.store()
        .chain_events(chain)
        .await
        .expect("events")
        .iter()
        .map(|e| e.seq)
        .collect()
}

#[tokio::test]
async fn each_project_has_its_own_chain_and_the_workspace_one() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let me = app.me().await;
    let a = app
        .projects()
        .create(&me, new_project("A"))
        .await
        .expect("a");
    let b = app
        .projects()
        .create(&me, new_project("B"))
        .await
        .expect("b");
    app.documents()
        .create(&me, doc(&a.id, "Pilot", "Hello."))
        .await
        .expect("doc");
    app.profiles().rename(&me, "Dana").await.expect("rename");
    // Each chain begins with the key's registration. A: then project.created,
    // document.created, revision.saved. B: project.created.
    assert_eq!(
        chain_seqs(&app, &ChainId::Project(a.id.clone())).await,
        [1, 2, 3, 4]
    );
    assert_eq!(
        chain_seqs(&app, &ChainId::Project(b.id.clone())).await,
        [1, 2]
    );
    // Workspace: profile.created, profile.renamed.
    assert_eq!(chain_seqs(&app, &ChainId::Workspace).await, [1, 2, 3]);
    let report = app.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
    assert_eq!((report.chains_checked, report.events_checked), (3, 9));
    // Every event and every head is signed.
    assert_eq!(report.signatures_checked, 9 + 3);
    assert_eq!(report.unsigned_events, 0);
    assert_eq!(report.revisions_checked, 1);
    // Every event names its actor: the person at this desk.
    let events = app.store().all_events().await.expect("all");
    assert!(events.iter().all(|e| e.actor == me.id));
}

#[tokio::test]
async fn tampering_is_detected_and_located_in_its_chain() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let me = app.me().await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let p = app
            .projects()
            .create(&me, new_project(&format!("P{i}")))
            .await
            .expect("create");
        ids.push(p.id);
    }
    assert!(app.ledger().verify().await.expect("verify").ok);
    // The triggers refuse edits through SQL...
    let refused = app
        .store()
        .execute_raw_for_tests("UPDATE events SET actor = 'mallory' WHERE seq = 1")
        .await;
    assert!(refused.is_err());
    // ...so a tamperer drops them first; verification still finds the edit, in P1's chain only.
    app.store()
        .execute_raw_for_tests(&format!(
            "DROP TRIGGER events_append_only_update;
             UPDATE events SET payload = replace(payload, 'P1', 'PX') WHERE chain = '{}';",
            ids[1]
        ))
        .await
        .expect("tamper");
    let report = app.ledger().verify().await.expect("verify");
    assert!(!report.ok);
    assert_eq!(report.problems.len(), 1, "{report:?}");
    let p = &report.problems[0];
    assert_eq!(p.chain, ids[1].to_string());
    assert_eq!(p.chain_name, "project “P1”");
    assert_eq!(p.seq, Some(2));
    assert!(p.reason.contains("changed"), "{}", p.reason);
}

#[tokio::test]
async fn a_cut_chain_tail_and_a_replaced_revision_text_are_detected() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let me = app.me().await;
    let p = app
        .projects()
        .create(&me, new_project("Cut"))
        .await
        .expect("p");
    let d = app
        .documents()
        .create(&me, doc(&p.id, "Pilot", "The cup is blue."))
        .await
        .expect("doc");
    let rev = d.head_revision_id.clone().expect("head");
    app.store()
        .execute_raw_for_tests(&format!(
            "DROP TRIGGER revisions_immutable_update;
             UPDATE revisions SET text = 'The cup is red.' WHERE id = '{rev}';
             DROP TRIGGER events_append_only_delete;
             DELETE FROM events WHERE chain = '{}' AND seq = 4;",
            p.id
        ))
        .await
        .expect("tamper");
    let report = app.ledger().verify().await.expect("verify");
    let cut = report
        .problems
        .iter()
        .find(|x| x.seq == Some(4))
        .expect("the cut is found");
    assert!(
        cut.reason.contains("removed from the end"),
        "{}",
        cut.reason
    );
    assert_eq!(cut.chain, p.id.to_string());
    // The revision.saved event was the one cut: the revision is named, and the break is why.
    let text = report
        .problems
        .iter()
        .find(|x| x.revision_id.as_deref() == Some(rev.as_str()))
        .expect("the revision is found");
    assert!(
        text.reason.contains("cannot be vouched for"),
        "{}",
        text.reason
    );

    // A text replaced while its event survives is named as such (in an intact chain: events
    // after a break are not trusted, so they vouch for nothing).
    let p2 = app
        .projects()
        .create(&me, new_project("Intact"))
        .await
        .expect("p2");
    let d2 = app
        .documents()
        .create(&me, doc(&p2.id, "Second", "Lena checks the cup."))
        .await
        .expect("doc");
    let rev2 = d2.head_revision_id.expect("head");
    app.store()
        .execute_raw_for_tests(&format!(
            "UPDATE revisions SET text = 'Lena drinks the cup.' WHERE id = '{rev2}'"
        ))
        .await
        .expect("tamper text");
    let report = app.ledger().verify().await.expect("verify");
    let changed = report
        .problems
        .iter()
        .find(|x| x.revision_id.as_deref() == Some(rev2.as_str()))
        .expect("the changed text is found");
    assert!(
        changed.reason.contains("does not match the hash"),
        "{}",
        changed.reason
    );
}

/// A database written by the schema-1 app (one global chain), kept as a fixture.
const SCHEMA1: &[u8] = include_bytes!("../../store/tests/fixtures/schema1.db");

async fn open_schema1(dir: &TempDir) -> Greenlight {
    std::fs::write(dir.path().join(DB_FILE_NAME), SCHEMA1).expect("fixture");
    Greenlight::open(OpenConfig::new(dir.path()))
        .await
        .expect("open")
}

#[tokio::test]
async fn a_schema_1_database_is_relinked_once_and_verifies() {
    let dir = TempDir::new().expect("tmp");
    let app = open_schema1(&dir).await;
    let report = app.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
    // 11 schema-1 events re-linked + the key's registration + ledger.migrated, plus the
    // schema-1 chain itself (11). The re-linked events predate signatures.
    assert_eq!(report.events_checked, 13 + 11, "{report:?}");
    assert_eq!(report.unsigned_events, 11);
    assert_eq!(
        report.chains_checked, 4,
        "workspace, two projects, the schema-1 chain"
    );
    assert_eq!(report.revisions_checked, 2);
    let events = app.store().all_events().await.expect("events");
    assert_eq!(events.len(), 13);
    assert_eq!(events.iter().filter(|e| e.schema_version == 1).count(), 11);
    // Every payload, old or new, reads through the typed events.
    for e in &events {
        e.body().unwrap_or_else(|err| panic!("{}: {err}", e.kind));
    }
    let feed = app.ledger().activity(None, 50).await.expect("feed");
    assert!(feed.iter().all(|a| a.summary != a.kind), "{feed:?}");
    assert_eq!(feed[0].kind, "ledger.migrated");
    // Projects keep their chains in their original order.
    let projects = app.projects().list(true).await.expect("projects");
    for p in &projects {
        let seqs = chain_seqs(&app, &ChainId::Project(p.project.id.clone())).await;
        assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
    }
    // New work appends after the re-linked events.
    let me = app.me().await;
    app.projects()
        .update(
            &me,
            &projects[0].project.id,
            &greenlight_core::domain::project::ProjectPatch {
                title: Some("Renamed".into()),
                logline: None,
                kind: None,
            },
        )
        .await
        .expect("update");
    app.close().await;

    // Reopening does not migrate twice.
    let again = Greenlight::open(OpenConfig::new(dir.path()))
        .await
        .expect("reopen");
    // (The update registered the key on its project's chain first.)
    assert_eq!(again.store().all_events().await.expect("e").len(), 15);
    assert!(again.ledger().verify().await.expect("verify").ok);

    // The schema-1 chain stays under watch: tampering with it is found.
    again
        .store()
        .execute_raw_for_tests(
            "DROP TRIGGER legacy_events_read_only_update;
             UPDATE legacy_events SET payload = replace(payload, 'Night Shoot', 'Day Shoot') WHERE seq = 2;",
        )
        .await
        .expect("tamper");
    let report = again.ledger().verify().await.expect("verify");
    assert!(!report.ok);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.chain == "legacy" && p.seq == Some(2)),
        "{report:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_append_to_the_same_and_to_different_chains() {
    let dir = TempDir::new().expect("tmp");
    let first = open(&dir).await;
    let me = first.me().await;
    let shared = first
        .projects()
        .create(&me, new_project("Shared"))
        .await
        .expect("p");
    let other = first
        .projects()
        .create(&me, new_project("Other"))
        .await
        .expect("p");
    // Two handles on one file: two pools, as two windows or the app and the CLI would have.
    let second = open(&dir).await;
    const SAVES: usize = 15;
    let mut tasks = Vec::new();
    for (i, (app, project)) in [
        (first.clone(), shared.id.clone()),
        (second.clone(), shared.id.clone()),
        (second.clone(), other.id.clone()),
    ]
    .into_iter()
    .enumerate()
    {
        let me = me.clone();
        tasks.push(tokio::spawn(async move {
            let d = app
                .documents()
                .create(&me, doc(&project, &format!("W{i}"), "start"))
                .await
                .expect("doc");
            let mut parent = d.head_revision_id;
            for n in 0..SAVES {
                let r = app
                    .revisions()
                    .save(
                        &me,
                        &d.id,
                        parent.as_ref(),
                        format!("writer {i} save {n}"),
                        None,
                    )
                    .await
                    .expect("save");
                parent = Some(r.meta.id);
            }
        }));
    }
    for t in tasks {
        t.await.expect("writer");
    }
    // Shared: created + 2 writers × (document, first revision, SAVES revisions).
    let shared_seqs = chain_seqs(&first, &ChainId::Project(shared.id.clone())).await;
    // (Plus the key's registration: both writers are the same person.)
    assert_eq!(shared_seqs.len(), 2 + 2 * (2 + SAVES));
    assert_eq!(
        shared_seqs,
        (1..=shared_seqs.len() as i64).collect::<Vec<_>>()
    );
    let other_seqs = chain_seqs(&first, &ChainId::Project(other.id.clone())).await;
    assert_eq!(other_seqs.len(), 2 + 2 + SAVES);
    let report = second.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
    assert_eq!(report.revisions_checked, 3 * (1 + SAVES) as i64);
}
