//! The store contract: behaviour every backend must have. Each check takes a fresh, empty
//! [`Store`]; a backend's test file instantiates them all with `contract_tests!`. Together
//! they call every public method of `Store` and `Tx`.

use greenlight_domain::ai::{AiOutcome, AiRunRecord, AiTask, ProviderKindName};
use greenlight_domain::document::{Document, DocumentFormat, DocumentKind};
use greenlight_domain::events::payloads::{ProjectState, RevisionSaved};
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{DocumentId, ProjectId, RevisionId, SuggestionId, UserId};
use greenlight_domain::ledger::LedgerKey;
use greenlight_domain::ledger::{ChainId, EventDraft};
use greenlight_domain::policy::AiPolicy;
use greenlight_domain::profile::Profile;
use greenlight_domain::project::{Project, ProjectKind};
use greenlight_domain::revision::{content_hash, Revision, RevisionMeta};
use greenlight_domain::suggestion::{RejectReason, SuggestionState};
use greenlight_domain::workflow::Role;
use greenlight_store::{ProviderRow, Store, StoreError, Tx};
use sha2::{Digest, Sha256};
use std::sync::Arc;

mod assets;
pub use assets::*;

/// Adds `me` in `tx` with a registered signing key, which `store` then signs their events
/// with (a key made from their id: tests need no randomness).
pub async fn person_with_key(store: &Store, tx: &mut Tx, me: &Profile) {
    tx.insert_profile(me).await.expect("profile");
    let seed: [u8; 32] = Sha256::digest(me.id.as_str().as_bytes()).into();
    let key = LedgerKey::from_seed(me.id.clone(), &seed);
    tx.register_signing_key(&me.id, &key.key_id(), None, 1)
        .await
        .expect("key");
    store.sign_as(Arc::new(key));
}

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
    person_with_key(store, &mut tx, &me).await;
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
        person_with_key(&store, &mut tx, &me).await;
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
    // The project's chain: the key's registration and the seeded revision.saved, then n =
    // 0, 2, 4. The workspace chain: the key's registration, then n = 1, 3. Each chain is
    // numbered from 1 and linked within itself.
    for (chain, want) in [
        (ChainId::Project(p.id.clone()), vec![1, 2, 3, 4, 5]),
        (ChainId::Workspace, vec![1, 2, 3]),
    ] {
        let events = store.chain_events(&chain).await.expect("chain");
        assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), want);
        assert_eq!(events[0].prev_hash, greenlight_domain::ledger::GENESIS);
        for pair in events.windows(2) {
            assert_eq!(pair[1].prev_hash, pair[0].hash);
        }
        assert!(events.iter().all(|e| e.chain == chain));
    }
    assert_eq!(store.all_events().await.expect("all").len(), 8);
    let recent = store.recent_events(Some(&p.id), 10).await.expect("recent");
    assert_eq!(
        recent.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [5, 4, 3, 2, 1]
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
    assert_eq!((report.chains_checked, report.events_checked), (2, 8));
    assert_eq!(report.revisions_checked, 1);
    assert_eq!(report.heads.len(), 2);
    // Events of one kind, on one chain or on all; the key registry and the chains agree.
    let project_chain = ChainId::Project(p.id.clone());
    let updates = store
        .events_of_kind(Some(&project_chain), "project.updated")
        .await
        .expect("kind");
    assert_eq!(updates.len(), 3);
    let registrations = store
        .events_of_kind(None, "key.registered")
        .await
        .expect("kind");
    assert_eq!(registrations.len(), 2);
    let keys = store.signing_keys_of(&me.id).await.expect("keys");
    assert_eq!(keys.len(), 1);
    assert_eq!(store.signing_keys().await.expect("all keys"), keys);
    assert!(store
        .key_registered_on(p.id.as_str(), &keys[0].key_id)
        .await
        .expect("on chain"));
    assert!(!store
        .key_registered_on(p.id.as_str(), &"ab".repeat(32))
        .await
        .expect("not on chain"));
    let (seq, hash) = store
        .chain_head(p.id.as_str())
        .await
        .expect("head")
        .expect("a head");
    assert_eq!(
        store.event_hash_at(p.id.as_str(), seq).await.expect("at"),
        Some(hash)
    );
    assert_eq!(
        store
            .event_hash_at(p.id.as_str(), seq + 1)
            .await
            .expect("past"),
        None
    );
}

pub async fn archived_projects_are_listed_only_on_request(store: Store) {
    let mut a = project("Active");
    let mut b = project("Archived");
    b.archived = true;
    a.updated_at = 20;
    let mut tx = store.begin().await.expect("begin");
    tx.insert_profile(&profile()).await.expect("profile");
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

pub async fn people_are_renamed_and_named(store: Store) {
    let me = profile();
    let mut tx = store.begin().await.expect("begin");
    person_with_key(&store, &mut tx, &me).await;
    tx.commit().await.expect("commit");
    let mut tx = store.begin().await.expect("begin");
    tx.rename_profile(&me.id, "Maya R.").await.expect("rename");
    let err = tx
        .rename_profile(&UserId::from("nobody"), "X")
        .await
        .expect_err("missing");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    drop(tx);
    // The failed statement rolled the whole transaction back, rename included.
    assert_eq!(store.get_profile(&me.id).await.expect("get").name, "Maya");
    let mut tx = store.begin().await.expect("begin");
    tx.rename_profile(&me.id, "Maya R.").await.expect("rename");
    tx.commit().await.expect("commit");
    assert_eq!(
        store.profile_names().await.expect("names"),
        vec![(me.id.clone(), "Maya R.".to_owned())]
    );
}

pub async fn projects_and_documents_update_in_a_transaction(store: Store) {
    let (_me, mut p, mut d, r) = seed(&store).await;
    let mut tx = store.begin().await.expect("begin");
    let read = tx.project(&p.id).await.expect("project in tx");
    assert_eq!(read, p);
    p.title = "Pilot (final)".into();
    p.archived = true;
    p.updated_at = 99;
    tx.update_project(&p).await.expect("update project");
    let read = tx.document(&d.id).await.expect("document in tx");
    assert_eq!(read.head_revision_id.as_ref(), Some(&r.meta.id));
    d = read;
    d.title = "Draft 2".into();
    d.updated_at = 98;
    tx.update_document(&d).await.expect("update document");
    let meta = tx.revision_meta(&r.meta.id).await.expect("meta in tx");
    assert_eq!(meta, r.meta);
    tx.commit().await.expect("commit");
    assert_eq!(store.get_project(&p.id).await.expect("project"), p);
    assert_eq!(store.get_document(&d.id).await.expect("document"), d);
    assert_eq!(
        store.get_revision_meta(&r.meta.id).await.expect("meta"),
        r.meta
    );
    let listed = store.list_projects(true).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].document_count, 1);
    assert_eq!(listed[0].last_activity_at, 12, "newest event of its chain");
    assert!(store.list_projects(false).await.expect("list").is_empty());
}

fn provider_row(name: &str) -> ProviderRow {
    ProviderRow {
        id: format!("prov-{name}"),
        name: name.into(),
        kind: ProviderKindName::OpenaiCompatible,
        base_url: "http://127.0.0.1:11434/v1".into(),
        model: "llama3".into(),
        own_network: true,
    }
}

pub async fn providers_round_trip_and_names_are_unique(store: Store) {
    let a = provider_row("Studio");
    let mut tx = store.begin().await.expect("begin");
    tx.upsert_provider(&a, 5).await.expect("insert");
    tx.commit().await.expect("commit");
    assert_eq!(store.get_provider(&a.id).await.expect("get"), a);
    let mut changed = a.clone();
    changed.model = "llama3.1".into();
    changed.own_network = false;
    let mut tx = store.begin().await.expect("begin");
    tx.upsert_provider(&changed, 6).await.expect("update");
    tx.commit().await.expect("commit");
    assert_eq!(store.list_providers().await.expect("list"), vec![changed]);
    let mut twin = provider_row("Studio");
    twin.id = "prov-other".into();
    let mut tx = store.begin().await.expect("begin");
    let err = tx.upsert_provider(&twin, 7).await.expect_err("same name");
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    drop(tx);
    let mut tx = store.begin().await.expect("begin");
    tx.delete_provider(&a.id).await.expect("delete");
    let err = tx.delete_provider(&a.id).await.expect_err("gone");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    drop(tx);
    let mut tx = store.begin().await.expect("begin");
    tx.delete_provider(&a.id).await.expect("delete");
    tx.commit().await.expect("commit");
    assert!(store.list_providers().await.expect("list").is_empty());
    let err = store.get_provider(&a.id).await.expect_err("gone");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}

pub async fn policies_default_and_upsert(store: Store) {
    let (_me, p, _d, _r) = seed(&store).await;
    assert_eq!(
        store.get_policy(&p.id).await.expect("default"),
        AiPolicy::default()
    );
    for local_only in [true, false] {
        let policy = AiPolicy {
            local_only,
            protected_names: vec!["MAYA".into()],
            ..AiPolicy::default()
        };
        let mut tx = store.begin().await.expect("begin");
        tx.set_policy(&p.id, &policy, 3).await.expect("set");
        tx.commit().await.expect("commit");
        assert_eq!(store.get_policy(&p.id).await.expect("get"), policy);
    }
}

fn run_record(p: &Project, d: &Document, id: &str, started_at: i64) -> AiRunRecord {
    AiRunRecord {
        id: id.into(),
        project_id: p.id.clone(),
        document_id: Some(d.id.clone()),
        task: AiTask::Variation,
        provider_id: "offline".into(),
        provider_name: "Offline".into(),
        model: "extractive".into(),
        local: true,
        template_id: "variation".into(),
        template_version: 2,
        params: "{}".into(),
        prompt_hash: "abc".into(),
        input_tokens: None,
        output_tokens: None,
        latency_ms: None,
        outcome: None,
        partial: false,
        message: None,
        output: String::new(),
        started_at,
        finished_at: None,
    }
}

pub async fn ai_runs_are_recorded_from_start_to_finish(store: Store) {
    let (_me, p, d, _r) = seed(&store).await;
    let first = run_record(&p, &d, "run-1", 20);
    let second = run_record(&p, &d, "run-2", 21);
    let mut tx = store.begin().await.expect("begin");
    tx.insert_ai_run(&first).await.expect("first");
    tx.insert_ai_run(&second).await.expect("second");
    tx.commit().await.expect("commit");
    let open = store.unfinished_ai_runs().await.expect("unfinished");
    assert_eq!(open, vec![first.clone(), second.clone()], "oldest first");
    let finished = AiRunRecord {
        input_tokens: Some(100),
        output_tokens: Some(40),
        latency_ms: Some(900),
        outcome: Some(AiOutcome::Cancelled),
        partial: true,
        message: Some("stopped by Maya".into()),
        output: "INT. ROOM".into(),
        finished_at: Some(30),
        ..first.clone()
    };
    let mut tx = store.begin().await.expect("begin");
    tx.finish_ai_run(&finished).await.expect("finish");
    tx.commit().await.expect("commit");
    assert_eq!(
        store.unfinished_ai_runs().await.expect("unfinished"),
        vec![second.clone()]
    );
    assert_eq!(
        store.list_ai_runs(&p.id, 10).await.expect("list"),
        vec![second, finished],
        "newest first"
    );
    assert_eq!(store.list_ai_runs(&p.id, 1).await.expect("list").len(), 1);
}

pub async fn a_fresh_database_has_nothing_to_upgrade(store: Store) {
    assert_eq!(
        store
            .upgrade_legacy_ledger(&UserId::from("someone"), 1)
            .await
            .expect("upgrade"),
        None
    );
    let report = store.verify_ledger().await.expect("verify");
    assert!(report.ok, "{report:?}");
    assert_eq!(report.events_checked, 0);
}

pub async fn concurrent_saves_of_one_document_never_lose_an_update(store: Store) {
    let (me, _p, d, r1) = seed(&store).await;
    // Eight writers all start from the same head: exactly one wins, the rest get a conflict,
    // and the chain stays linear.
    let mut writers = Vec::new();
    for n in 0..8 {
        let store = store.clone();
        let (me, d, parent) = (me.clone(), d.clone(), r1.meta.id.clone());
        writers.push(tokio::spawn(async move {
            let r = revision(&d, &me, Some(parent), &format!("take {n}"));
            let mut tx = store.begin().await?;
            let doc = tx.insert_revision(&r).await?;
            tx.append_event(saved(&me, &doc, &r), 13 + n).await?;
            tx.commit().await?;
            Ok::<_, StoreError>(r.meta.id)
        }));
    }
    let mut won = Vec::new();
    for w in writers {
        match w.await.expect("join") {
            Ok(id) => won.push(id),
            Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("a writer failed with something other than a conflict: {e:?}"),
        }
    }
    assert_eq!(won.len(), 1, "exactly one save from the same parent wins");
    let doc = store.get_document(&d.id).await.expect("doc");
    assert_eq!(doc.head_revision_id.as_ref(), Some(&won[0]));
    assert_eq!(store.list_revisions(&d.id).await.expect("list").len(), 2);
    let report = store.verify_ledger().await.expect("verify");
    assert!(report.ok, "{report:?}");
}

pub async fn concurrent_appends_never_fork_a_chain(store: Store) {
    let (me, p, _d, _r) = seed(&store).await;
    let mut writers = Vec::new();
    for n in 0..12 {
        let store = store.clone();
        let (me, p) = (me.clone(), p.clone());
        writers.push(tokio::spawn(async move {
            // Alternate between the project's chain and the workspace chain.
            let proj = if n % 2 == 0 { Some(&p) } else { None };
            let mut tx = store.begin().await?;
            tx.append_event(draft(&me, proj, n), 100 + n).await?;
            tx.commit().await
        }));
    }
    for w in writers {
        w.await.expect("join").expect("append");
    }
    let project_chain = store
        .chain_events(&ChainId::Project(p.id.clone()))
        .await
        .expect("chain");
    assert_eq!(
        project_chain.iter().map(|e| e.seq).collect::<Vec<_>>(),
        (1..=8).collect::<Vec<_>>()
    );
    // The key's registration, once, then the six events.
    let workspace = store
        .chain_events(&ChainId::Workspace)
        .await
        .expect("chain");
    assert_eq!(workspace.len(), 7);
    assert_eq!(
        workspace
            .iter()
            .filter(|e| e.kind == "key.registered")
            .count(),
        1
    );
    let report = store.verify_ledger().await.expect("verify");
    assert!(report.ok, "{report:?}");
    assert_eq!(report.events_checked, 15);
    // Every event and both heads.
    assert_eq!(report.signatures_checked, 17);
}

pub async fn members_are_added_listed_and_removed(store: Store) {
    let (me, p, _d, _r) = seed(&store).await;
    let mut tx = store.begin().await.expect("begin");
    // (On a team server the database already made the creator a member.)
    tx.add_member(&p.id, &me.id, &me.id, 40).await.expect("add");
    assert!(
        !tx.add_member(&p.id, &me.id, &me.id, 41)
            .await
            .expect("again"),
        "adding a member twice changes nothing"
    );
    assert_eq!(tx.member_count(&p.id).await.expect("count"), 1);
    assert_eq!(tx.person(&me.id).await.expect("person").name, me.name);
    tx.commit().await.expect("commit");
    let members = store.members(&p.id).await.expect("members");
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].person.id, me.id);
    assert_eq!(members[0].added_by, me.id);
    let people = store.people().await.expect("people");
    assert_eq!(people.len(), 1);
    if let Some(login) = &people[0].login {
        let found = store.person_by_login(login).await.expect("by login");
        assert_eq!(found.map(|p| p.id), Some(me.id.clone()));
    }
    assert_eq!(
        store.person_by_login("nobody-here").await.expect("none"),
        None
    );
    // Roles: the creator holds every role (on a team server the database gave them), a second
    // member gets and loses roles; removing a member takes their roles with them.
    let mut tx = store.begin().await.expect("begin");
    for role in Role::ALL {
        tx.grant_role(&p.id, &me.id, role, &me.id, 42)
            .await
            .expect("grant");
    }
    let other = greenlight_store::Person {
        id: UserId::new(),
        name: "Bea Moved".into(),
        email: String::new(),
        login: None,
    };
    tx.import_person(&other, 43).await.expect("person");
    assert!(tx
        .add_member(&p.id, &other.id, &me.id, 44)
        .await
        .expect("add"));
    assert!(tx
        .grant_role(&p.id, &other.id, Role::Producer, &me.id, 45)
        .await
        .expect("grant"));
    assert!(!tx
        .grant_role(&p.id, &other.id, Role::Producer, &me.id, 46)
        .await
        .expect("again"));
    tx.grant_role(&p.id, &other.id, Role::LegalReviewer, &me.id, 47)
        .await
        .expect("grant");
    assert_eq!(
        tx.roles_of(&p.id, &other.id).await.expect("roles"),
        vec![Role::Producer, Role::LegalReviewer]
    );
    assert!(tx
        .revoke_role(&p.id, &other.id, Role::Producer)
        .await
        .expect("revoke"));
    assert!(!tx
        .revoke_role(&p.id, &other.id, Role::Admin)
        .await
        .expect("not held"));
    assert_eq!(tx.role_count(&p.id, Role::Admin).await.expect("admins"), 1);
    tx.commit().await.expect("commit");
    assert_eq!(
        store.roles_of(&p.id, &me.id).await.expect("mine"),
        Role::ALL.to_vec()
    );
    let listed = store.members(&p.id).await.expect("members");
    assert_eq!(listed.len(), 2);
    let roles_listed = |id: &UserId| {
        listed
            .iter()
            .find(|m| &m.person.id == id)
            .map(|m| m.roles.clone())
    };
    assert_eq!(roles_listed(&other.id), Some(vec![Role::LegalReviewer]));
    assert_eq!(roles_listed(&me.id), Some(Role::ALL.to_vec()));
    let mut tx = store.begin().await.expect("begin");
    tx.remove_member(&p.id, &other.id).await.expect("remove");
    let err = tx.remove_member(&p.id, &other.id).await.expect_err("gone");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert!(tx
        .roles_of(&p.id, &other.id)
        .await
        .expect("none")
        .is_empty());
}

pub async fn workflow_templates_are_saved_replaced_and_removed(store: Store) {
    let (me, p, _d, _r) = seed(&store).await;
    assert!(store.workflows(&p.id).await.expect("none").is_empty());
    let mut tx = store.begin().await.expect("begin");
    // (On a team server the creator is the project's admin, who alone may write templates.)
    tx.add_member(&p.id, &me.id, &me.id, 40)
        .await
        .expect("member");
    tx.grant_role(&p.id, &me.id, Role::Admin, &me.id, 40)
        .await
        .expect("admin");
    let w = |name: &str, template: &str, at: i64| greenlight_store::StoredWorkflow {
        name: name.into(),
        template: template.into(),
        updated_by: me.id.clone(),
        updated_at: at,
    };
    tx.put_workflow(&p.id, &w("Pilot", "{\"v\":1}", 41))
        .await
        .expect("put");
    tx.put_workflow(&p.id, &w("Feature", "{\"v\":2}", 42))
        .await
        .expect("put");
    tx.put_workflow(&p.id, &w("Pilot", "{\"v\":3}", 43))
        .await
        .expect("replace");
    assert_eq!(tx.workflows(&p.id).await.expect("in tx").len(), 2);
    tx.commit().await.expect("commit");
    let listed = store.workflows(&p.id).await.expect("list");
    assert_eq!(
        listed
            .iter()
            .map(|w| (w.name.as_str(), w.template.as_str(), w.updated_at))
            .collect::<Vec<_>>(),
        vec![("Feature", "{\"v\":2}", 42), ("Pilot", "{\"v\":3}", 43)]
    );
    let mut tx = store.begin().await.expect("begin");
    assert!(tx.remove_workflow(&p.id, "Pilot").await.expect("remove"));
    assert!(!tx.remove_workflow(&p.id, "Pilot").await.expect("gone"));
    tx.commit().await.expect("commit");
    assert_eq!(store.workflows(&p.id).await.expect("list").len(), 1);
}

pub async fn reviews_are_versioned_and_found_by_the_inbox_query(store: Store) {
    use greenlight_domain::ids::ReviewId;
    use greenlight_domain::workflow::WorkflowTemplate;
    use greenlight_store::{OpenStage, StoredDecision, StoredReview};
    let (me, p, d, r) = seed(&store).await;
    let mut tx = store.begin().await.expect("begin");
    tx.add_member(&p.id, &me.id, &me.id, 40)
        .await
        .expect("member");
    tx.grant_role(&p.id, &me.id, Role::Producer, &me.id, 40)
        .await
        .expect("producer");
    let review = StoredReview {
        id: ReviewId::new(),
        project_id: p.id.clone(),
        subject_kind: "revision".into(),
        document_id: Some(d.id.clone()),
        asset_id: None,
        subject_id: r.meta.id.to_string(),
        subject_author: me.id.clone(),
        approved_subject_id: None,
        title: "Draft".into(),
        scope: Some("1-2".into()),
        workflow_name: "default".into(),
        workflow: serde_json::to_string(&WorkflowTemplate::default_template()).expect("json"),
        state: "{}".into(),
        status: "in_review".into(),
        round: 1,
        requested_by: me.id.clone(),
        requested_by_name: me.name.clone(),
        requested_at: 50,
        due_at: Some(90),
        updated_at: 50,
        version: 1,
    };
    tx.insert_review(&review).await.expect("insert");
    let open = |stage: &str, role: &str| OpenStage {
        stage: stage.into(),
        role: role.into(),
        round: 1,
        opened_at: 50,
        due_at: None,
    };
    tx.set_open_stages(
        &review,
        &[
            open("producer", "producer"),
            open("legal", "legal_reviewer"),
        ],
    )
    .await
    .expect("open");
    tx.commit().await.expect("commit");
    assert_eq!(store.review(&review.id).await.expect("get"), review);
    // Waiting for me: an open stage of one of my roles that I have not decided.
    let waiting = store.reviews_waiting_for(&me.id).await.expect("waiting");
    assert_eq!(
        waiting.len(),
        1,
        "one review, however many of its stages wait"
    );
    assert_eq!(
        store
            .reviews_requested_by(&me.id)
            .await
            .expect("mine")
            .len(),
        1
    );
    assert_eq!(
        store
            .reviews_of_project(&p.id)
            .await
            .expect("project")
            .len(),
        1
    );
    assert_eq!(
        store.reviews_of_document(&d.id).await.expect("doc").len(),
        1
    );

    let decision = |verdict: &str| StoredDecision {
        round: 1,
        stage: "producer".into(),
        person_id: me.id.clone(),
        person_name: me.name.clone(),
        verdict: verdict.into(),
        comment: Some("Fine.".into()),
        subject_id: r.meta.id.to_string(),
        decided_at: 60,
    };
    let mut tx = store.begin().await.expect("begin");
    assert!(tx
        .insert_decision(&review.id, &decision("request_changes"))
        .await
        .expect("decide"));
    // (Requesting changes: on a team server the author's own approval would be refused.)
    // A second decision by the same person on the same stage and round is not recorded.
    assert!(!tx
        .insert_decision(&review.id, &decision("reject"))
        .await
        .expect("again"));
    let mut changed = review.clone();
    changed.state = "{\"round\":1}".into();
    changed.approved_subject_id = Some(r.meta.id.to_string());
    changed.updated_at = 60;
    changed.version = 2;
    assert!(tx.update_review(&changed).await.expect("update"));
    // A change computed from version 1 again lost the race.
    assert!(!tx.update_review(&changed).await.expect("stale"));
    tx.set_open_stages(&changed, &[open("producer", "producer")])
        .await
        .expect("open");
    assert_eq!(
        tx.reviews_of_document(&d.id).await.expect("of doc").len(),
        1
    );
    assert_eq!(
        tx.active_reviews_of_document(&d.id)
            .await
            .expect("active")
            .len(),
        1
    );
    tx.commit().await.expect("commit");
    assert_eq!(store.review(&review.id).await.expect("get"), changed);
    let record = store.review_decisions(&review.id).await.expect("record");
    assert_eq!(record.len(), 1);
    assert_eq!(record[0].verdict, "request_changes");
    assert_eq!(record[0].comment.as_deref(), Some("Fine."));
    assert_eq!(record[0].person_name, me.name);
    // The open stage is one I decided in this round: nothing waits for me.
    assert!(store
        .reviews_waiting_for(&me.id)
        .await
        .expect("waiting")
        .is_empty());
    let mut tx = store.begin().await.expect("begin");
    let moved = tx.moved_reviews(&p.id).await.expect("bundle");
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].decisions.len(), 1);
    assert_eq!(moved[0].open.len(), 1);
    tx.rollback().await.expect("rollback");
    assert!(store
        .reviews_of_asset(&greenlight_domain::ids::AssetId::from("none"))
        .await
        .expect("none")
        .is_empty());
    let missing = store.review(&ReviewId::new()).await.expect_err("missing");
    assert!(
        matches!(missing, StoreError::NotFound { .. }),
        "{missing:?}"
    );
}

pub async fn comments_keep_what_they_say_and_only_threads_resolve(store: Store) {
    use greenlight_domain::ids::CommentId;
    use greenlight_store::StoredComment;
    let (me, p, d, _r) = seed(&store).await;
    let mut tx = store.begin().await.expect("begin");
    tx.add_member(&p.id, &me.id, &me.id, 40)
        .await
        .expect("member");
    let root = StoredComment {
        id: CommentId::new(),
        project_id: p.id.clone(),
        document_id: Some(d.id.clone()),
        asset_id: None,
        review_id: None,
        round: None,
        thread_id: CommentId::from("placeholder"),
        reply_to: None,
        anchor: "{\"kind\":\"whole\"}".into(),
        quote: Some("ROOM".into()),
        body: "Which room?".into(),
        author_id: me.id.clone(),
        author_name: me.name.clone(),
        created_at: 50,
        resolved_at: None,
        resolved_by: None,
        resolved_by_name: None,
    };
    let root = StoredComment {
        thread_id: root.id.clone(),
        ..root
    };
    tx.insert_comment(&root).await.expect("comment");
    let reply = StoredComment {
        id: CommentId::new(),
        reply_to: Some(root.id.clone()),
        body: "The kitchen.".into(),
        created_at: 51,
        ..root.clone()
    };
    tx.insert_comment(&reply).await.expect("reply");
    assert!(tx
        .set_thread_resolved(&root.id, Some((&me.id, 60)))
        .await
        .expect("resolve"));
    assert!(!tx
        .set_thread_resolved(&root.id, Some((&me.id, 61)))
        .await
        .expect("again"));
    assert_eq!(tx.project_comments(&p.id).await.expect("all").len(), 2);
    tx.commit().await.expect("commit");
    let listed = store.comments_of_document(&d.id).await.expect("list");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].resolved_at, Some(60));
    assert_eq!(
        listed[0].resolved_by_name.as_deref(),
        Some(me.name.as_str())
    );
    assert_eq!(listed[1].thread_id, root.id);
    assert_eq!(
        store.comment(&reply.id).await.expect("get").body,
        "The kitchen."
    );
    let mut tx = store.begin().await.expect("begin");
    assert_eq!(tx.comment(&root.id).await.expect("in tx").id, root.id);
    assert!(tx
        .set_thread_resolved(&root.id, None)
        .await
        .expect("reopen"));
    tx.commit().await.expect("commit");
    // What a comment says never changes, even by plain SQL through the store's own path.
    let mut tx = store.begin().await.expect("begin");
    let changed = tx
        .insert_comment(&StoredComment {
            body: "rewritten".into(),
            ..reply.clone()
        })
        .await;
    assert!(changed.is_err(), "a second comment with the same id");
    tx.rollback().await.expect("rollback");
    assert!(store
        .comments_of_asset(&greenlight_domain::ids::AssetId::from("none"))
        .await
        .expect("none")
        .is_empty());
    assert_eq!(
        store.comment(&reply.id).await.expect("get").body,
        "The kitchen."
    );
}

fn suggestion_on(
    me: &Profile,
    d: &Document,
    r: &Revision,
    created_at: i64,
) -> greenlight_domain::suggestion_record::Suggestion {
    use greenlight_domain::suggestion_record::{Suggestion, VariationPreset};
    let passage = "ROOM - DAY";
    let take = "ROOM - NIGHT";
    Suggestion {
        id: SuggestionId::new(),
        project_id: d.project_id.clone(),
        document_id: d.id.clone(),
        base_revision_id: r.meta.id.clone(),
        anchor_revision_id: r.meta.id.clone(),
        anchor_start: 5,
        anchor_end: 15,
        passage: passage.into(),
        passage_hash: content_hash(passage),
        instruction: "make it night".into(),
        preset: Some(VariationPreset::ChangeTone),
        provider_id: "prov-1".into(),
        provider_name: "Studio".into(),
        model: "llama3".into(),
        local: true,
        run_id: "run-1".into(),
        text: take.into(),
        hunks: greenlight_domain::take::hunks(passage, take),
        state: SuggestionState::Pending,
        created_by: me.id.clone(),
        created_at,
        decision: None,
    }
}

pub async fn suggestions_round_trip_and_only_their_decision_changes(store: Store) {
    use greenlight_domain::suggestion_record::Decision;
    let (me, p, d, r) = seed(&store).await;
    let first = suggestion_on(&me, &d, &r, 20);
    let second = suggestion_on(&me, &d, &r, 21);
    let mut tx = store.begin().await.expect("begin");
    tx.insert_suggestion(&first).await.expect("insert");
    tx.insert_suggestion(&second).await.expect("insert");
    tx.commit().await.expect("commit");
    assert_eq!(store.get_suggestion(&first.id).await.expect("get"), first);
    assert_eq!(
        store.list_suggestions(&d.id).await.expect("list"),
        vec![first.clone(), second.clone()],
        "oldest first"
    );

    // A decision (and a rebase) is written; the take is not.
    let r2 = revision(&d, &me, Some(r.meta.id.clone()), "INT. ROOM - NIGHT");
    let decided = greenlight_domain::suggestion_record::Suggestion {
        state: SuggestionState::PartlyAccepted,
        anchor_revision_id: r.meta.id.clone(),
        decision: Some(Decision {
            by: me.id.clone(),
            by_name: me.name.clone(),
            at: 30,
            ms_to_decide: 10,
            reason: None,
            note: Some("kept the night".into()),
            edited: true,
            edit_distance: Some(0.125),
            accepted_revision_id: Some(r2.meta.id.clone()),
            accepted_text: Some("ROOM - NIGHT".into()),
            hunks_accepted: Some(vec![1]),
        }),
        ..first.clone()
    };
    let mut tx = store.begin().await.expect("begin");
    assert_eq!(tx.suggestion(&first.id).await.expect("in tx"), first);
    assert_eq!(
        tx.pending_suggestions(&d.id).await.expect("pending").len(),
        2
    );
    tx.insert_revision(&r2).await.expect("r2");
    tx.update_suggestion(&decided).await.expect("decide");
    let stale = greenlight_domain::suggestion_record::Suggestion {
        state: SuggestionState::Rejected,
        decision: Some(Decision {
            reason: Some(RejectReason::NotMyVoice),
            edited: false,
            edit_distance: None,
            accepted_revision_id: None,
            accepted_text: None,
            hunks_accepted: None,
            note: None,
            ..decided.decision.clone().expect("decision")
        }),
        ..second.clone()
    };
    tx.update_suggestion(&stale).await.expect("reject");
    assert!(tx
        .pending_suggestions(&d.id)
        .await
        .expect("pending")
        .is_empty());
    let missing = greenlight_domain::suggestion_record::Suggestion {
        id: SuggestionId::from("nope"),
        ..first.clone()
    };
    let err = tx.update_suggestion(&missing).await.expect_err("missing");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    drop(tx);
    let mut tx = store.begin().await.expect("begin");
    tx.insert_revision(&r2).await.expect("r2");
    tx.update_suggestion(&decided).await.expect("decide");
    tx.update_suggestion(&stale).await.expect("reject");
    tx.commit().await.expect("commit");
    assert_eq!(store.get_suggestion(&first.id).await.expect("get"), decided);
    assert_eq!(store.get_suggestion(&second.id).await.expect("get"), stale);
    let err = store
        .get_suggestion(&SuggestionId::from("nope"))
        .await
        .expect_err("missing");
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "suggestion",
                ..
            }
        ),
        "{err:?}"
    );
    for sql in [
        format!(
            "UPDATE suggestions SET take_text = 'x' WHERE id = '{}'",
            first.id
        ),
        format!(
            "UPDATE suggestions SET instruction = 'x' WHERE id = '{}'",
            first.id
        ),
        format!("DELETE FROM suggestions WHERE id = '{}'", first.id),
    ] {
        assert!(
            store.execute_raw_for_tests(&sql).await.is_err(),
            "{sql} was allowed"
        );
    }
    // A copy for a moved project: as it was, decision included.
    let bundle = store.project_bundle(&p.id).await.expect("bundle");
    assert_eq!(bundle.suggestions, vec![decided.clone(), stale.clone()]);
    let third = greenlight_domain::suggestion_record::Suggestion {
        id: SuggestionId::new(),
        ..decided.clone()
    };
    let mut tx = store.begin().await.expect("begin");
    tx.import_suggestion(&third).await.expect("import");
    tx.commit().await.expect("commit");
    assert_eq!(store.get_suggestion(&third.id).await.expect("get"), third);
}

pub async fn attributions_are_recorded_once_per_revision(store: Store) {
    use greenlight_domain::attribution::{Attribution, Edit, Origin};
    let (_me, p, d, r) = seed(&store).await;
    assert_eq!(store.get_attribution(&r.meta.id).await.expect("none"), None);
    let mut a = Attribution::human(15);
    a.apply(&Edit {
        start: 5,
        end: 9,
        inserted: vec![(
            6,
            Origin::Ai {
                suggestion_id: "s1".into(),
                edited: true,
            },
        )],
    })
    .expect("edit");
    let mut tx = store.begin().await.expect("begin");
    assert_eq!(tx.revision(&r.meta.id).await.expect("revision"), r);
    assert!(!tx.document_has_ai_text(&d.id).await.expect("none yet"));
    tx.insert_attribution(&r.meta.id, &d.id, &a, 13)
        .await
        .expect("insert");
    assert!(tx.document_has_ai_text(&d.id).await.expect("now"));
    assert_eq!(
        tx.attribution(&r.meta.id).await.expect("in tx"),
        Some(a.clone())
    );
    tx.commit().await.expect("commit");
    assert_eq!(
        store.get_attribution(&r.meta.id).await.expect("get"),
        Some(a.clone())
    );
    assert!(store.document_has_ai_text(&d.id).await.expect("ai text"));
    let mut tx = store.begin().await.expect("begin");
    let err = tx
        .insert_attribution(&r.meta.id, &d.id, &Attribution::human(15), 14)
        .await
        .expect_err("twice");
    assert!(
        matches!(err, StoreError::Duplicate(_) | StoreError::Conflict(_)),
        "{err:?}"
    );
    drop(tx);
    for sql in [
        "UPDATE revision_attributions SET ai_chars = 0".to_owned(),
        "DELETE FROM revision_attributions".to_owned(),
    ] {
        assert!(
            store.execute_raw_for_tests(&sql).await.is_err(),
            "{sql} was allowed"
        );
    }
    let bundle = store.project_bundle(&p.id).await.expect("bundle");
    assert_eq!(
        bundle.attributions,
        vec![(r.meta.id.clone(), d.id.clone(), a)]
    );
}

pub async fn summary_nodes_are_cached_by_key(store: Store) {
    let (_me, p, d, _r) = seed(&store).await;
    assert_eq!(store.summary_node("sha256:none").await.expect("get"), None);
    let mut n = greenlight_store::CachedNode {
        cache_key: "sha256:abc".into(),
        project_id: p.id.clone(),
        document_id: d.id.clone(),
        scope: "scene:1".into(),
        text: "Maya waits. [S1]".into(),
        run_id: "run-1".into(),
        created_at: 50,
    };
    store.put_summary_node(&n).await.expect("put");
    assert_eq!(
        store.summary_node("sha256:abc").await.expect("get"),
        Some(n.clone())
    );
    n.text = "Maya waits alone. [S1]".into();
    n.run_id = "run-2".into();
    store.put_summary_node(&n).await.expect("replace");
    assert_eq!(
        store.summary_node("sha256:abc").await.expect("get"),
        Some(n)
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
            settings_upsert,
            people_are_renamed_and_named,
            projects_and_documents_update_in_a_transaction,
            providers_round_trip_and_names_are_unique,
            policies_default_and_upsert,
            ai_runs_are_recorded_from_start_to_finish,
            a_fresh_database_has_nothing_to_upgrade,
            concurrent_saves_of_one_document_never_lose_an_update,
            concurrent_appends_never_fork_a_chain,
            members_are_added_listed_and_removed,
            summary_nodes_are_cached_by_key,
            suggestions_round_trip_and_only_their_decision_changes,
            attributions_are_recorded_once_per_revision,
            workflow_templates_are_saved_replaced_and_removed,
            reviews_are_versioned_and_found_by_the_inbox_query,
            comments_keep_what_they_say_and_only_threads_resolve,
            assets_and_versions_round_trip_and_list_the_newest,
            asset_blobs_are_stored_once_per_project_in_chunks
        );
    };
    (@each $make:path, $($name:ident),*) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let (store, _guard) = $make().await;
                contract::$name(store).await;
            }
        )*
    };
}
