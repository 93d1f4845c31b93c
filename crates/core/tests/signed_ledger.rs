//! The signed ledger against a tamperer with write access to the database file: every case
//! is done with SQL straight on the database (the app's triggers dropped first), and each is
//! detected and located. Also: keys kept in the real OS keyring (a lost key, a new one, old
//! events still verifying), and `verify --against` an earlier report.

mod common;

use common::{new_project, LocalActor};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::ids::ProjectId;
use greenlight_core::domain::ledger::keys::short;
use greenlight_core::domain::ledger::{
    canonical_bytes, event_hash, ChainId, Event, LedgerKey, SignedHead,
};
use greenlight_core::keys::KeyStatus;
use greenlight_core::secrets::{Credentials, Keyring};
use greenlight_core::{Actor, CoreError, Greenlight, OpenConfig};
use std::sync::Arc;
use tempfile::TempDir;

/// A keyring service of this test's own (in the test session's private keyring).
fn keyring() -> Arc<dyn Credentials> {
    Arc::new(Keyring::new(format!(
        "greenlight-test-signing-{}",
        uuid::Uuid::new_v4()
    )))
}

async fn open_with(dir: &TempDir, creds: &Arc<dyn Credentials>) -> Greenlight {
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = creds.clone();
    Greenlight::open(cfg).await.expect("open")
}

/// A project with a document saved three times: a chain of a few signed events.
async fn project_with_work(app: &Greenlight, me: &Actor, title: &str) -> ProjectId {
    let p = app
        .projects()
        .create(me, new_project(title))
        .await
        .expect("project");
    let d = app
        .documents()
        .create(
            me,
            NewDocument {
                project_id: p.id.clone(),
                title: "Pilot".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: "INT. DINER - NIGHT\n\nMara waits.".into(),
            },
        )
        .await
        .expect("doc");
    let mut parent = d.head_revision_id.clone().expect("head");
    for take in [
        "Mara waits. Rain.",
        "Mara waits. Rain falls.",
        "Mara leaves.",
    ] {
        let r = app
            .revisions()
            .save(
                me,
                &d.id,
                Some(&parent),
                format!("INT. DINER - NIGHT\n\n{take}"),
                None,
            )
            .await
            .expect("save");
        parent = r.meta.id;
    }
    p.id
}

async fn events_of(app: &Greenlight, chain: &ProjectId) -> Vec<Event> {
    app.store()
        .chain_events(&ChainId::Project(chain.clone()))
        .await
        .expect("events")
}

async fn sql(app: &Greenlight, sql: &str) {
    app.store()
        .execute_raw_for_tests(&format!(
            "DROP TRIGGER IF EXISTS events_append_only_update;
             DROP TRIGGER IF EXISTS events_append_only_delete;
             DROP TRIGGER IF EXISTS revisions_immutable_update;
             {sql}"
        ))
        .await
        .expect("tamper");
}

fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Verifies and returns the one problem found, which must be in `chain` at `seq`.
async fn broken_at(app: &Greenlight, chain: &ProjectId, seq: i64) -> String {
    let report = app.ledger().verify().await.expect("verify");
    assert!(!report.ok, "not detected");
    let ours: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.revision_id.is_none())
        .collect();
    assert_eq!(ours.len(), 1, "{:#?}", report.problems);
    assert_eq!(ours[0].chain, chain.as_str());
    assert_eq!(ours[0].seq, Some(seq), "{:#?}", report.problems);
    ours[0].reason.clone()
}

struct Scene {
    _dir: TempDir,
    app: Greenlight,
    project: ProjectId,
    events: Vec<Event>,
}

async fn scene() -> Scene {
    let dir = TempDir::new().expect("tmp");
    let app = open_with(&dir, &keyring()).await;
    let me = app.me().await;
    let project = project_with_work(&app, &me, "Night Shoot").await;
    let report = app.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
    assert_eq!(report.unsigned_events, 0);
    let events = events_of(&app, &project).await;
    // key.registered, project.created, document.created, revision.saved × 4.
    assert_eq!(events.len(), 7);
    Scene {
        _dir: dir,
        app,
        project,
        events,
    }
}

#[tokio::test]
async fn an_edited_payload_is_found_at_its_event() {
    let s = scene().await;
    let e = &s.events[3];
    sql(
        &s.app,
        &format!(
            "UPDATE events SET payload = replace(payload, 'Pilot', 'Pilote') WHERE id = {}",
            q(e.id.as_str())
        ),
    )
    .await;
    let why = broken_at(&s.app, &s.project, e.seq).await;
    assert!(why.contains("changed"), "{why}");
}

#[tokio::test]
async fn a_deleted_row_and_swapped_rows_are_found() {
    let s = scene().await;
    sql(
        &s.app,
        &format!(
            "DELETE FROM events WHERE id = {}",
            q(s.events[2].id.as_str())
        ),
    )
    .await;
    let why = broken_at(&s.app, &s.project, 4).await;
    assert!(why.contains("missing or reordered"), "{why}");

    let s = scene().await;
    let (a, b) = (&s.events[4], &s.events[5]);
    sql(
        &s.app,
        &format!(
            "UPDATE events SET seq = -1 WHERE id = {a};
             UPDATE events SET seq = {sa} WHERE id = {b};
             UPDATE events SET seq = {sb} WHERE id = {a};",
            a = q(a.id.as_str()),
            b = q(b.id.as_str()),
            sa = a.seq,
            sb = b.seq
        ),
    )
    .await;
    let why = broken_at(&s.app, &s.project, a.seq).await;
    assert!(why.contains("previous event"), "{why}");
}

#[tokio::test]
async fn a_tail_cut_with_its_head_rewritten_is_found() {
    let s = scene().await;
    let keep = &s.events[4];
    // The tamperer cuts the last two events and points the head at the new last one,
    // keeping its signature columns: the head's signature was never made for that event.
    sql(
        &s.app,
        &format!(
            "DELETE FROM events WHERE chain = {c} AND seq > {n};
             UPDATE ledger_heads SET seq = {n}, hash = {h} WHERE chain = {c};",
            c = q(s.project.as_str()),
            n = keep.seq,
            h = q(&keep.hash)
        ),
    )
    .await;
    let why = broken_at(&s.app, &s.project, keep.seq).await;
    assert!(why.contains("head signature does not verify"), "{why}");
    // Putting the event's own signature on the head does not help: heads are signed apart.
    sql(
        &s.app,
        &format!(
            "UPDATE ledger_heads SET signature = {sig} WHERE chain = {c};",
            c = q(s.project.as_str()),
            sig = q(keep.signature.as_deref().expect("signed"))
        ),
    )
    .await;
    let why = broken_at(&s.app, &s.project, keep.seq).await;
    assert!(why.contains("head signature does not verify"), "{why}");
    // Dropping the head's signature altogether is named too.
    sql(
        &s.app,
        &format!(
            "UPDATE ledger_heads SET key_id = NULL, signature = NULL WHERE chain = {}",
            q(s.project.as_str())
        ),
    )
    .await;
    let why = broken_at(&s.app, &s.project, keep.seq).await;
    assert!(why.contains("head is not signed"), "{why}");
}

#[tokio::test]
async fn a_replaced_revision_text_is_found() {
    let s = scene().await;
    let docs = s.app.documents().list(&s.project).await.expect("docs");
    let doc = &docs[0].document;
    let head = doc.head_revision_id.clone().expect("head");
    sql(
        &s.app,
        &format!(
            "UPDATE revisions SET text = 'INT. DINER - NIGHT\n\nMara stays.' WHERE id = {}",
            q(head.as_str())
        ),
    )
    .await;
    let report = s.app.ledger().verify().await.expect("verify");
    let p = report
        .problems
        .iter()
        .find(|p| p.revision_id.as_deref() == Some(head.as_str()))
        .expect("the revision is named");
    assert!(p.reason.contains("does not match the hash"), "{}", p.reason);
}

/// Recomputes every hash of `chain` from event `from` on (links, hashes, head), as a
/// tamperer with the schema but without anyone's private key can; `edit` changes the events
/// first. Returns the SQL that writes the result.
fn relinked(events: &[Event], from: usize, edit: impl Fn(&mut Event)) -> String {
    let mut out = String::new();
    let mut prev = events[from - 1].hash.clone();
    let mut last = None;
    for e in &events[from..] {
        let mut e = e.clone();
        edit(&mut e);
        e.prev_hash = prev;
        e.hash = event_hash(&e);
        prev = e.hash.clone();
        out.push_str(&format!(
            "UPDATE events SET payload = {}, prev_hash = {}, hash = {}, key_id = {}, signature = {} WHERE id = {};\n",
            q(&e.payload),
            q(&e.prev_hash),
            q(&e.hash),
            e.key_id.as_deref().map_or("NULL".into(), q),
            e.signature.as_deref().map_or("NULL".into(), q),
            q(e.id.as_str())
        ));
        last = Some(e);
    }
    if let Some(e) = last {
        out.push_str(&format!(
            "UPDATE ledger_heads SET seq = {}, hash = {} WHERE chain = {};\n",
            e.seq,
            q(&e.hash),
            q(e.chain.as_str())
        ));
    }
    out
}

#[tokio::test]
async fn a_chain_recomputed_without_the_keys_is_found() {
    let s = scene().await;
    // Hashes and links all recomputed after an edit: every link holds, no signature does.
    let edit = relinked(&s.events, 3, |e| {
        if e.seq == 4 {
            e.payload = e.payload.replace("Pilot", "Pilote");
        }
    });
    sql(&s.app, &edit).await;
    let why = broken_at(&s.app, &s.project, 4).await;
    assert!(why.contains("signature does not verify"), "{why}");

    // The same with the signatures stripped, as if the events predated signatures.
    let s = scene().await;
    let strip = relinked(&s.events, 1, |e| {
        e.key_id = None;
        e.signature = None;
    });
    sql(
        &s.app,
        &format!(
            "{strip} UPDATE ledger_heads SET key_id = NULL, signature = NULL WHERE chain = {};",
            q(s.project.as_str())
        ),
    )
    .await;
    let why = broken_at(&s.app, &s.project, 2).await;
    assert!(why.contains("not signed"), "{why}");
}

#[tokio::test]
async fn an_event_re_signed_with_another_members_key_is_found() {
    let s = scene().await;
    // Another person's key, registered on this chain as theirs (as a member's would be).
    let other = LedgerKey::from_seed("someone-else".into(), &[9; 32]);
    let victim = &s.events[5];
    let mut forged = victim.clone();
    forged.payload = forged.payload.replace("Rain falls", "Snow falls");
    forged.key_id = Some(other.key_id());
    forged.hash = event_hash(&forged);
    forged.signature = Some(other.sign(&canonical_bytes(&forged)));
    let mut rest = relinked(&s.events, 6, |_| {});
    rest = rest.replace(&s.events[5].hash, &forged.hash);
    sql(
        &s.app,
        &format!(
            "UPDATE events SET payload = {}, hash = {}, key_id = {}, signature = {} WHERE id = {};
             {rest}",
            q(&forged.payload),
            q(&forged.hash),
            q(&other.key_id()),
            q(forged.signature.as_deref().unwrap_or_default()),
            q(victim.id.as_str())
        ),
    )
    .await;
    let why = broken_at(&s.app, &s.project, victim.seq).await;
    assert!(why.contains("not registered on this chain"), "{why}");
}

#[tokio::test]
async fn a_forged_event_signed_by_another_registered_person_is_found() {
    // Bob's key is really registered on the chain (he is a member and wrote there). He signs
    // an event in Alice's name with it: the key is his, not its actor's.
    let s = scene().await;
    let me = s.app.me().await;
    let last = s.events.last().expect("last").clone();
    let bob = LedgerKey::from_seed("bob".into(), &[7; 32]);
    let mut registration = last.clone();
    registration.seq = last.seq + 1;
    registration.id = "bob-key".into();
    registration.actor = "bob".into();
    registration.kind = "key.registered".into();
    registration.payload = format!(r#"{{"keyId":"{}","replaces":null}}"#, bob.key_id());
    registration.prev_hash = last.hash.clone();
    registration.key_id = Some(bob.key_id());
    registration.hash = event_hash(&registration);
    registration.signature = Some(bob.sign(&canonical_bytes(&registration)));
    let mut forged = last.clone();
    forged.seq = last.seq + 2;
    forged.id = "forged".into();
    forged.actor = me.id.clone();
    forged.prev_hash = registration.hash.clone();
    forged.key_id = Some(bob.key_id());
    forged.hash = event_hash(&forged);
    forged.signature = Some(bob.sign(&canonical_bytes(&forged)));
    let head_sig = bob.sign(&greenlight_core::domain::ledger::signing::head_message(
        s.project.as_str(),
        forged.seq,
        &forged.hash,
    ));
    let insert = |e: &Event| {
        format!(
            "INSERT INTO events (chain, seq, id, at, actor, kind, schema_version, subject, payload, prev_hash, hash, key_id, signature)
             VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {});",
            q(e.chain.as_str()), e.seq, q(e.id.as_str()), e.at, q(e.actor.as_str()), q(&e.kind),
            e.schema_version, q(&e.subject), q(&e.payload), q(&e.prev_hash), q(&e.hash),
            q(e.key_id.as_deref().unwrap_or_default()), q(e.signature.as_deref().unwrap_or_default())
        )
    };
    sql(
        &s.app,
        &format!(
            "{} {} UPDATE ledger_heads SET seq = {}, hash = {}, key_id = {}, signature = {} WHERE chain = {};",
            insert(&registration),
            insert(&forged),
            forged.seq,
            q(&forged.hash),
            q(&bob.key_id()),
            q(&head_sig),
            q(s.project.as_str())
        ),
    )
    .await;
    let why = broken_at(&s.app, &s.project, forged.seq).await;
    assert!(why.contains("registered to bob"), "{why}");
    assert!(why.contains(short(&bob.key_id())), "{why}");
}

#[tokio::test]
async fn a_lost_key_is_named_and_a_new_one_keeps_old_events_verifying() {
    let dir = TempDir::new().expect("tmp");
    let creds = keyring();
    let app = open_with(&dir, &creds).await;
    let me = app.me().await;
    let first = app.keys().show(&me).await.expect("show");
    assert_eq!(first.status, KeyStatus::Ready);
    let old_key = first.key_id.clone().expect("key");
    let before = project_with_work(&app, &me, "Before").await;
    app.close().await;

    // The keyring loses the key.
    let old_secret = creds
        .get(&format!("signing:{}", me.id))
        .expect("read")
        .expect("old key");
    creds
        .delete(&format!("signing:{}", me.id))
        .expect("remove from keyring");
    let app = open_with(&dir, &creds).await;
    let info = app.keys().show(&me).await.expect("show");
    assert_eq!(info.status, KeyStatus::Missing);
    let err = app
        .projects()
        .create(&me, new_project("After"))
        .await
        .expect_err("nothing is recorded without a key");
    assert!(matches!(err, CoreError::NoSigningKey(_)), "{err:?}");
    assert!(err.to_string().contains("keys rotate"), "{err}");
    assert!(app.ledger().verify().await.expect("verify").ok);

    // A new key: the old one is retired, the change is on the record, and everything
    // (old events with the old key, new ones with the new) verifies.
    let rotated = app.keys().rotate(&me).await.expect("rotate");
    assert_eq!(rotated.status, KeyStatus::Ready);
    let new_key = rotated.key_id.clone().expect("key");
    assert_ne!(new_key, old_key);
    assert_eq!(rotated.history.len(), 2);
    assert_eq!(
        rotated.history[0].replaces.as_deref(),
        Some(old_key.as_str())
    );
    assert!(rotated.history[1].retired_at.is_some());
    // The new key is on the old key's chains at once, naming the key it replaces.
    let registered: Vec<_> = events_of(&app, &before)
        .await
        .into_iter()
        .filter(|e| e.kind == "key.registered")
        .collect();
    assert_eq!(registered.len(), 2);
    assert_eq!(registered[1].key_id.as_deref(), Some(new_key.as_str()));
    assert!(
        registered[1].payload.contains(&old_key),
        "{}",
        registered[1].payload
    );
    let after = project_with_work(&app, &me, "After").await;
    let feed = app.ledger().activity(None, 50).await.expect("feed");
    assert!(
        feed.iter()
            .any(|i| i.summary.contains("new signing key") && i.summary.contains(short(&old_key))),
        "{feed:#?}"
    );
    let report = app.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
    assert_eq!(report.unsigned_events, 0);
    let keys_used: std::collections::BTreeSet<_> = app
        .store()
        .all_events()
        .await
        .expect("events")
        .into_iter()
        .filter_map(|e| e.key_id)
        .collect();
    assert_eq!(keys_used.len(), 2, "before the third key");
    assert!(events_of(&app, &after)
        .await
        .iter()
        .all(|e| e.key_id.as_deref() == Some(new_key.as_str())));
    // A second new key, then work on the first project: each chain's registration names the
    // key it held, and everything verifies.
    let third = app.keys().rotate(&me).await.expect("rotate again");
    assert_eq!(third.history.len(), 3);
    project_with_work(&app, &me, "Third").await;
    let docs = app.documents().list(&before).await.expect("docs");
    let doc = &docs[0].document;
    app.revisions()
        .save(
            &me,
            &doc.id,
            doc.head_revision_id.as_ref(),
            "INT. DINER - NIGHT\n\nMara is back.".into(),
            None,
        )
        .await
        .expect("save with the third key");
    let report = app.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");

    app.close().await;

    // The old key, found again, signs nothing more: it was retired.
    let account = format!("signing:{}", me.id);
    let new_secret = creds.get(&account).expect("read").expect("new key");
    creds
        .set(&account, &old_secret)
        .expect("put the old key back");
    let app = open_with(&dir, &creds).await;
    assert_eq!(
        app.keys().show(&me).await.expect("show").status,
        KeyStatus::Replaced
    );
    let err = app
        .projects()
        .create(&me, new_project("With the old key"))
        .await
        .expect_err("a retired key signs nothing");
    assert!(matches!(err, CoreError::NoSigningKey(_)), "{err:?}");
    app.close().await;
    creds.set(&account, &new_secret).expect("restore");
}

#[tokio::test]
async fn verify_against_a_report_catches_a_rollback_and_an_edited_report() {
    let dir = TempDir::new().expect("tmp");
    let creds = keyring();
    let app = open_with(&dir, &creds).await;
    let me = app.me().await;
    let p = project_with_work(&app, &me, "Rollback").await;
    app.close().await;
    let db = dir.path().join(greenlight_core::DB_FILE_NAME);
    let backup = dir.path().join("backup.db");
    // (SQLite's WAL is checkpointed on close: the file holds everything.)
    std::fs::copy(&db, &backup).expect("backup");

    let app = open_with(&dir, &creds).await;
    let docs = app.documents().list(&p).await.expect("docs");
    let doc = &docs[0].document;
    app.revisions()
        .save(
            &me,
            &doc.id,
            doc.head_revision_id.as_ref(),
            "INT. DINER - NIGHT\n\nMara comes back.".into(),
            None,
        )
        .await
        .expect("save");
    let report = app.ledger().verify().await.expect("verify");
    assert!(report.ok);
    let heads: Vec<SignedHead> = report.heads.clone();
    assert!(heads.iter().all(|h| h.signature.is_some()));
    // Against itself: intact.
    let same = app.ledger().verify_against(&heads).await.expect("against");
    assert!(same.ok, "{same:?}");
    assert_eq!(same.against_checked, Some(heads.len() as i64));
    // An edited report: its head no longer carries a valid signature.
    let mut edited = heads.clone();
    let i = edited
        .iter()
        .position(|h| h.chain == p.as_str())
        .expect("project head");
    edited[i].seq -= 1;
    let found = app.ledger().verify_against(&edited).await.expect("against");
    assert!(!found.ok);
    assert!(
        found.problems[0].reason.contains("report was edited"),
        "{:?}",
        found.problems
    );
    app.close().await;

    // The database rolled back to the copy: intact inside, but the report's head is gone.
    std::fs::copy(&backup, &db).expect("roll back");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(
            dir.path()
                .join(format!("{}{suffix}", greenlight_core::DB_FILE_NAME)),
        );
    }
    let app = open_with(&dir, &creds).await;
    assert!(app.ledger().verify().await.expect("verify").ok);
    let rolled = app.ledger().verify_against(&heads).await.expect("against");
    assert!(!rolled.ok);
    let problem = rolled
        .problems
        .iter()
        .find(|x| x.chain == p.as_str())
        .expect("the project's chain is named");
    assert!(problem.reason.contains("rolled back"), "{}", problem.reason);
    assert_eq!(problem.chain_name, "project “Rollback”");
    app.close().await;
}
