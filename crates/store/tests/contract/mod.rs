//! The store contract: behaviour every backend must have. Each check takes a fresh, empty
//! [`Store`]; a backend's test file instantiates them all with `contract_tests!`.

use greenlight_domain::document::{Document, DocumentFormat, DocumentKind};
use greenlight_domain::events::payloads::{ProjectState, RevisionSaved};
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{DocumentId, ProjectId, RevisionId, UserId};
use greenlight_domain::ledger::{ChainId, EventDraft};
use greenlight_domain::profile::Profile;
use greenlight_domain::project::{Project, ProjectKind};
use greenlight_domain::revision::{content_hash, Revision, RevisionMeta};
use greenlight_store::{Store, StoreError};

fn profile() -> Profile {
    Profile {
        id: UserId::new(),
        name: "Maya".into(),
        created_at: 1,
    }
}

fn project(title: &str) -> Project {
    Project {
        id: ProjectId::new(),
        title: title.into(),
        logline: String::new(),
        kind: ProjectKind::Feature,
        archived: false,
        created_at: 10,
        updated_at: 10,
    }
}

fn document(p: &Project) -> Document {
    Document {
        id: DocumentId::new(),
        project_id: p.id.clone(),
        title: "Draft".into(),
        kind: DocumentKind::Screenplay,
        format: DocumentFormat::Fountain,
        head_revision_id: None,
        created_at: 11,
        updated_at: 11,
    }
}

fn revision(d: &Document, author: &Profile, parent: Option<RevisionId>, text: &str) -> Revision {
    Revision {
        meta: RevisionMeta {
            id: RevisionId::new(),
            document_id: d.id.clone(),
            parent_id: parent,
            author_id: author.id.clone(),
            author_name: author.name.clone(),
            content_hash: content_hash(text),
            word_count: text.split_whitespace().count() as i64,
            created_at: 12,
        },
        text: text.into(),
    }
}

fn draft(actor: &Profile, p: Option<&Project>, n: i64) -> EventDraft {
    EventDraft {
        actor: actor.id.clone(),
        subject: format!("test:{n}"),
        project_id: p.map(|p| p.id.clone()),
        body: EventBody::ProjectUpdated(ProjectState {
            title: format!("Title {n}"),
            logline: String::new(),
            kind: ProjectKind::Feature,
            archived: false,
        }),
    }
}

/// The event that records a saved revision (as core writes it), so `verify` can vouch for it.
fn saved(actor: &Profile, d: &Document, r: &Revision) -> EventDraft {
    EventDraft {
        actor: actor.id.clone(),
        subject: format!("revision:{}", r.meta.id),
        project_id: Some(d.project_id.clone()),
        body: EventBody::RevisionSaved(RevisionSaved {
            document_id: d.id.clone(),
            title: d.title.clone(),
            revision_id: r.meta.id.clone(),
            parent_id: r.meta.parent_id.clone(),
            content_hash: r.meta.content_hash.clone(),
            word_count: r.meta.word_count,
            word_delta: r.meta.word_count,
        }),
    }
}

/// Seeds a profile, a project, a document with one revision; returns them.
async fn seed(store: &Store) -> (Profile, Project, Document, Revision) {
    let me = profile();
    let p = project("Pilot");
    let d = document(&p);
    let r = revision(&d, &me, None, "INT. ROOM - DAY");
    let mut tx = store.begin().await.expect("begin");
    tx.insert_profile(&me).await.expect("profile");
    tx.insert_project(&p).await.expect("project");
    tx.insert_document(&d).await.expect("document");
    let d = tx.insert_revision(&r).await.expect("revision");
    tx.append_event(saved(&me, &d, &r), 12)
        .await
        .expect("event");
    tx.commit().await.expect("commit");
    (me, p, d, r)
}

pub async fn round_trips_every_entity(store: Store) {
    let (me, p, d, r) = seed(&store).await;
    assert_eq!(store.get_project(&p.id).await.expect("project"), p);
    assert_eq!(store.get_profile(&me.id).await.expect("profile"), me);
    let got = store.get_document(&d.id).await.expect("document");
    assert_eq!(got.head_revision_id.as_ref(), Some(&r.meta.id));
    assert_eq!(store.get_revision(&r.meta.id).await.expect("revision"), r);
    let docs = store.list_documents(&p.id).await.expect("docs");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].revision_count, 1);
    assert_eq!(docs[0].word_count, 4);
}

pub async fn missing_rows_are_not_found(store: Store) {
    let err = store
        .get_project(&ProjectId::from("nope"))
        .await
        .expect_err("missing");
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "project",
                ..
            }
        ),
        "{err:?}"
    );
    let err = store
        .get_revision(&RevisionId::from("nope"))
        .await
        .expect_err("missing");
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "revision",
                ..
            }
        ),
        "{err:?}"
    );
}

pub async fn uncommitted_transactions_leave_nothing(store: Store) {
    let me = profile();
    let p = project("Ghost");
    {
        let mut tx = store.begin().await.expect("begin");
        tx.insert_profile(&me).await.expect("profile");
        tx.insert_project(&p).await.expect("project");
        tx.append_event(draft(&me, Some(&p), 1), 1)
            .await
            .expect("event");
        // dropped without commit
    }
    assert!(store.list_projects(true).await.expect("list").is_empty());
    assert!(store.all_events().await.expect("events").is_empty());
    assert!(store.verify_ledger().await.expect("verify").ok);
}

pub async fn stale_parent_is_a_conflict(store: Store) {
    let (me, _p, d, r1) = seed(&store).await;
    let r2 = revision(&d, &me, Some(r1.meta.id.clone()), "two");
    let mut tx = store.begin().await.expect("begin");
    tx.insert_revision(&r2).await.expect("r2");
    tx.commit().await.expect("commit");
    let stale = revision(&d, &me, Some(r1.meta.id.clone()), "stale");
    let mut tx = store.begin().await.expect("begin");
    let err = tx.insert_revision(&stale).await.expect_err("conflict");
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    drop(tx);
    let revs = store.list_revisions(&d.id).await.expect("list");
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[0].id, r2.meta.id, "newest first");
}

pub async fn revisions_and_events_are_immutable(store: Store) {
    let (me, _p, _d, r) = seed(&store).await;
    let mut tx = store.begin().await.expect("begin");
    tx.append_event(draft(&me, None, 1), 1)
        .await
        .expect("event");
    tx.commit().await.expect("commit");
    for sql in [
        format!("UPDATE revisions SET text = 'x' WHERE id = '{}'", r.meta.id),
        format!("DELETE FROM revisions WHERE id = '{}'", r.meta.id),
        "UPDATE events SET actor = 'x'".to_owned(),
        "DELETE FROM events".to_owned(),
    ] {
        assert!(
            store.execute_raw_for_tests(&sql).await.is_err(),
            "{sql} was allowed"
        );
    }
    assert_eq!(
        store.get_revision(&r.meta.id).await.expect("rev").text,
        r.text
    );
}

pub async fn events_chain_and_filter_by_project(store: Store) {
    let (me, p, _d, _r) = seed(&store).await;
    let mut tx = store.begin().await.expect("begin");
    for n in 0..5 {
        let proj = if n % 2 == 0 { Some(&p) } else { None };
        tx.append_event(draft(&me, proj, n), 100 + n)
            .await
            .expect("event");
    }
    tx.commit().await.expect("commit");
    // The project's chain: the seeded revision.saved, then n = 0, 2, 4. The workspace
    // chain: n = 1, 3. Each chain is numbered from 1 and linked within itself.
    for (chain, want) in [
        (ChainId::Project(p.id.clone()), vec![1, 2, 3, 4]),
        (ChainId::Workspace, vec![1, 2]),
    ] {
        let events = store.chain_events(&chain).await.expect("chain");
        assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), want);
        assert_eq!(events[0].prev_hash, greenlight_domain::ledger::GENESIS);
        for pair in events.windows(2) {
            assert_eq!(pair[1].prev_hash, pair[0].hash);
        }
        assert!(events.iter().all(|e| e.chain == chain));
    }
    assert_eq!(store.all_events().await.expect("all").len(), 6);
    let recent = store.recent_events(Some(&p.id), 10).await.expect("recent");
    assert_eq!(
        recent.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [4, 3, 2, 1]
    );
    let newest = store.recent_events(None, 2).await.expect("recent");
    assert_eq!(
        newest
            .iter()
            .map(|e| e.subject.as_str())
            .collect::<Vec<_>>(),
        ["test:4", "test:3"],
        "newest first across chains"
    );
    let report = store.verify_ledger().await.expect("verify");
    assert!(report.ok, "{report:?}");
    assert_eq!((report.chains_checked, report.events_checked), (2, 6));
    assert_eq!(report.revisions_checked, 1);
}

pub async fn archived_projects_are_listed_only_on_request(store: Store) {
    let mut a = project("Active");
    let mut b = project("Archived");
    b.archived = true;
    a.updated_at = 20;
    let mut tx = store.begin().await.expect("begin");
    tx.insert_project(&a).await.expect("a");
    tx.insert_project(&b).await.expect("b");
    tx.commit().await.expect("commit");
    let active = store.list_projects(false).await.expect("list");
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].project.title, "Active");
    assert_eq!(store.list_projects(true).await.expect("list").len(), 2);
}

pub async fn settings_upsert(store: Store) {
    assert_eq!(store.get_setting("k").await.expect("get"), None);
    for v in ["1", "2"] {
        let mut tx = store.begin().await.expect("begin");
        tx.set_setting("k", v).await.expect("set");
        tx.commit().await.expect("commit");
    }
    assert_eq!(
        store.get_setting("k").await.expect("get").as_deref(),
        Some("2")
    );
}

/// Instantiates every contract check as a test, given an async `fn() -> Store` making a fresh
/// empty store of the backend under test.
#[macro_export]
macro_rules! contract_tests {
    ($make:path) => {
        $crate::contract_tests!(@each $make,
            round_trips_every_entity,
            missing_rows_are_not_found,
            uncommitted_transactions_leave_nothing,
            stale_parent_is_a_conflict,
            revisions_and_events_are_immutable,
            events_chain_and_filter_by_project,
            archived_projects_are_listed_only_on_request,
            settings_upsert
        );
    };
    (@each $make:path, $($name:ident),*) => {
        $(
            #[tokio::test]
            async fn $name() {
                let (store, _guard) = $make().await;
                contract::$name(store).await;
            }
        )*
    };
}
