//! Team mode against a real PostgreSQL server: identity comes from the login, membership and
//! append-only history are enforced by the database itself. The refusals are proven with plain
//! SQL as each login, not through Greenlight's code (a modified client gets no further).

mod common;
#[path = "../../store/tests/support/mod.rs"]
mod support;

use common::new_project;
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::policy::AiPolicy;
use greenlight_core::domain::summary_tree::{Scope, SummaryKind};
use greenlight_core::domain::workflow::Role;
use greenlight_core::secrets::SecretsFile;
use greenlight_core::summaries::SummaryRequest;
use greenlight_core::{Actor, CoreError, Database, Greenlight, OpenConfig, TeamServer};
use sqlx::{Executor, Row};
use std::sync::Arc;
use tempfile::TempDir;

/// Greenlight opened on `db` as `login` (keys in a file, so no keyring is needed).
async fn open_as(db: &str, login: &str, dir: &TempDir) -> Greenlight {
    try_open_as(db, login, dir).await.expect("open as login")
}

async fn try_open_as(db: &str, login: &str, dir: &TempDir) -> Result<Greenlight, CoreError> {
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("secrets.json")));
    cfg.database = Database::Team(TeamServer::new(support::config_as(db, login)));
    Greenlight::open(cfg).await
}

/// Alice's project with one document and one saved revision, made through Greenlight.
struct AliceWork {
    project: String,
    document: String,
    revision: String,
    alice: Actor,
}

async fn alice_writes(app: &Greenlight) -> AliceWork {
    let alice = app.profiles().local_actor().await.expect("actor");
    let p = app
        .projects()
        .create(&alice, new_project("Alice's Pilot"))
        .await
        .expect("project");
    let d = app
        .documents()
        .create(
            &alice,
            NewDocument {
                project_id: p.id.clone(),
                title: "Draft".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: String::new(),
            },
        )
        .await
        .expect("document");
    let r = app
        .revisions()
        .save(
            &alice,
            &d.id,
            d.head_revision_id.as_ref(),
            "INT. ROOM - DAY".into(),
            None,
        )
        .await
        .expect("save");
    AliceWork {
        project: p.id.to_string(),
        document: d.id.to_string(),
        revision: r.meta.id.to_string(),
        alice,
    }
}

async fn count(conn: &mut sqlx::PgConnection, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(&mut *conn)
        .await
        .expect(sql)
        .get::<i64, _>(0)
}

async fn refused(conn: &mut sqlx::PgConnection, sql: &str) -> String {
    match conn.execute(sql).await {
        Ok(done) => panic!("{sql} was allowed ({} rows)", done.rows_affected()),
        Err(e) => e.to_string(),
    }
}

async fn changes(conn: &mut sqlx::PgConnection, sql: &str) -> u64 {
    conn.execute(sql).await.expect(sql).rows_affected()
}

#[tokio::test]
async fn another_login_can_neither_see_nor_change_a_project_it_is_not_a_member_of() {
    let db = support::fresh_database().await;
    let (alice, bob) = (support::fresh_login().await, support::fresh_login().await);
    let (da, db_dir) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let app_a = open_as(&db, &alice, &da).await;
    let work = alice_writes(&app_a).await;
    let app_b = open_as(&db, &bob, &db_dir).await;
    let bob_actor = app_b.profiles().local_actor().await.expect("bob");

    let mut sql = support::plain_sql_as(&db, &bob).await;
    // Invisible.
    for table in [
        "projects",
        "documents",
        "revisions",
        "project_members",
        "ai_runs",
    ] {
        assert_eq!(
            count(&mut sql, &format!("SELECT count(*) FROM {table}")).await,
            0,
            "{table}"
        );
    }
    let p = &work.project;
    assert_eq!(
        count(
            &mut sql,
            &format!("SELECT count(*) FROM events WHERE chain = '{p}'")
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &mut sql,
            &format!("SELECT count(*) FROM ledger_heads WHERE chain = '{p}'")
        )
        .await,
        0
    );
    // Unwritable: updates find nothing, inserts into it are refused.
    assert_eq!(
        changes(
            &mut sql,
            &format!("UPDATE projects SET title = 'Mine' WHERE id = '{p}'")
        )
        .await,
        0
    );
    assert_eq!(
        changes(
            &mut sql,
            &format!(
                "UPDATE documents SET title = 'Mine' WHERE id = '{}'",
                work.document
            )
        )
        .await,
        0
    );
    assert_eq!(
        changes(
            &mut sql,
            &format!("DELETE FROM project_members WHERE project_id = '{p}'")
        )
        .await,
        0
    );
    let b = bob_actor.id.as_str();
    for insert in [
        format!("INSERT INTO documents VALUES ('d-bob', '{p}', 'Planted', 'notes', 'markdown', NULL, 1, 1)"),
        format!("INSERT INTO revisions VALUES ('r-bob', '{}', '{}', '{b}', 'x', 'h', 1, 1)", work.document, work.revision),
        format!("INSERT INTO project_members VALUES ('{p}', '{b}', '{b}', 1)"),
        format!("INSERT INTO events (chain, seq, id, at, actor, kind, schema_version, subject, payload, prev_hash, hash) VALUES ('{p}', 99, 'e-bob', 1, '{b}', 'project.updated', 2, 's', '{{}}', 'x', 'y')"),
        format!("INSERT INTO project_policies VALUES ('{p}', '{{}}', 1)"),
    ] {
        let why = refused(&mut sql, &insert).await;
        assert!(why.contains("row-level security") || why.contains("violates foreign key"), "{insert}: {why}");
    }
    // Through Greenlight the same: a link to Alice's project is "not found".
    let err = app_b
        .projects()
        .get(&greenlight_core::domain::ids::ProjectId(p.clone()))
        .await
        .expect_err("bob must not open it");
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    assert!(err.to_string().contains("not shared with you"), "{err}");
    assert!(app_b.projects().list(true).await.expect("list").is_empty());

    // Once Alice adds Bob, he sees it and may work on it.
    app_a
        .members()
        .add(
            &work.alice,
            &greenlight_core::domain::ids::ProjectId(p.clone()),
            &bob_actor.id,
        )
        .await
        .expect("add bob");
    assert_eq!(count(&mut sql, "SELECT count(*) FROM projects").await, 1);
    assert_eq!(count(&mut sql, "SELECT count(*) FROM revisions").await, 2);
    let listed = app_b.projects().list(true).await.expect("list");
    assert_eq!(listed.len(), 1);
}

#[tokio::test]
async fn no_login_can_rewrite_history_or_write_as_someone_else() {
    let db = support::fresh_database().await;
    let (alice, bob) = (support::fresh_login().await, support::fresh_login().await);
    let (da, db_dir) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let app_a = open_as(&db, &alice, &da).await;
    let work = alice_writes(&app_a).await;
    let bob_id = open_as(&db, &bob, &db_dir)
        .await
        .profiles()
        .local_actor()
        .await
        .expect("bob")
        .id;
    // Alice is a member of her project, and still cannot rewrite it.
    let mut sql = support::plain_sql_as(&db, &alice).await;
    let (p, d, r) = (&work.project, &work.document, &work.revision);
    for attempt in [
        format!("UPDATE revisions SET text = 'rewritten' WHERE id = '{r}'"),
        format!("DELETE FROM revisions WHERE id = '{r}'"),
        format!("UPDATE events SET payload = '{{}}' WHERE chain = '{p}'"),
        format!("DELETE FROM events WHERE chain = '{p}'"),
        "TRUNCATE events".to_owned(),
        format!("UPDATE ledger_heads SET seq = seq - 1 WHERE chain = '{p}'"),
        format!("DELETE FROM ledger_heads WHERE chain = '{p}'"),
        // Writing as Bob.
        format!("INSERT INTO revisions VALUES ('r-forged', '{d}', '{r}', '{bob_id}', 'x', 'h', 1, 1)"),
        format!("INSERT INTO events (chain, seq, id, at, actor, kind, schema_version, subject, payload, prev_hash, hash) VALUES ('{p}', 99, 'e-forged', 1, '{bob_id}', 'project.updated', 2, 's', '{{}}', 'x', 'y')"),
        // Granting herself the right to import someone else's history into existing work.
        format!("INSERT INTO project_imports (project_id) VALUES ('{p}'); INSERT INTO revisions VALUES ('r-forged2', '{d}', '{r}', '{bob_id}', 'x', 'h', 1, 1)"),
        // ... or into a new project, without recording the move before commit.
        format!("BEGIN; INSERT INTO projects VALUES ('p-new', 'New', '', 'feature', false, 1, 1); INSERT INTO project_imports (project_id) VALUES ('p-new'); INSERT INTO documents VALUES ('d-new', 'p-new', 'D', 'notes', 'markdown', NULL, 1, 1); INSERT INTO revisions VALUES ('r-forged3', 'd-new', NULL, '{bob_id}', 'x', 'h', 1, 1); COMMIT"),
    ] {
        let why = refused(&mut sql, &attempt).await;
        assert!(
            why.contains("immutable") || why.contains("append-only") || why.contains("moved") || why.contains("move was not finished") || why.contains("permission denied") || why.contains("must be the person logged in") || why.contains("row-level security"),
            "{attempt}: {why}"
        );
    }
    assert_eq!(
        changes(
            &mut sql,
            &format!("UPDATE profiles SET name = 'Mallory' WHERE id = '{bob_id}'")
        )
        .await,
        0
    );
    // Even the owner of the tables cannot change a revision: the triggers refuse everyone.
    let mut admin = support::plain_sql_as(&db, "postgres").await;
    let why = refused(
        &mut admin,
        &format!("UPDATE revisions SET text = 'x' WHERE id = '{r}'"),
    )
    .await;
    assert!(why.contains("immutable"), "{why}");
    // And the record is intact.
    let report = app_a.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
}

#[tokio::test]
async fn identity_is_the_login_not_what_a_client_claims() {
    let db = support::fresh_database().await;
    let (alice, bob) = (support::fresh_login().await, support::fresh_login().await);
    let (da, db_dir) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let app_a = open_as(&db, &alice, &da).await;
    let work = alice_writes(&app_a).await;
    // First connect created the person, named after the login, and recorded it.
    assert_eq!(work.alice.name, alice);
    let people = app_a.members().people().await.expect("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].login.as_deref(), Some(alice.as_str()));
    let rev = app_a
        .store()
        .get_revision(&greenlight_core::domain::ids::RevisionId(
            work.revision.clone(),
        ))
        .await
        .expect("rev");
    assert_eq!(rev.meta.author_id, work.alice.id);
    // A client that claims to be Alice while logged in as Bob is refused by the database.
    let app_b = open_as(&db, &bob, &db_dir).await;
    let forged = work.alice.clone();
    let err = app_b
        .projects()
        .create(&forged, new_project("Forged"))
        .await
        .expect_err("bob cannot act as alice");
    // Bob's client holds no key of Alice's, so it cannot sign in her name; and the database
    // refuses an event whose actor is not the login whatever a client signs
    // (`events_actor`, tested with plain SQL in team_reviews).
    assert!(
        matches!(err, CoreError::NoSigningKey(_) | CoreError::Forbidden(_)),
        "{err:?}"
    );
    // A modified client writing SQL itself is refused by the database: an event in Alice's
    // name, or a signing key registered in her name (which would let Bob sign as her).
    let mut sql = support::plain_sql_as(&db, &bob).await;
    let as_alice = sqlx::query(
        "INSERT INTO events (chain, seq, id, at, actor, kind, schema_version, subject, payload, prev_hash, hash)
         VALUES ('workspace', 999, 'forged', 1, $1, 'profile.renamed', 2, 'x', '{}', '', '')",
    )
    .bind(work.alice.id.as_str())
    .execute(&mut sql)
    .await
    .expect_err("an event in Alice's name");
    assert!(as_alice.to_string().contains("actor"), "{as_alice}");
    let key_for_alice =
        sqlx::query("INSERT INTO signing_keys (key_id, user_id, created_at) VALUES ($1, $2, 1)")
            .bind("ab".repeat(32))
            .bind(work.alice.id.as_str())
            .execute(&mut sql)
            .await
            .expect_err("a key in Alice's name");
    assert!(
        key_for_alice.to_string().contains("row-level security"),
        "{key_for_alice}"
    );
    assert!(app_b.projects().list(true).await.expect("list").is_empty());
}

#[tokio::test]
async fn a_member_adds_and_removes_members_and_the_last_one_stays() {
    let db = support::fresh_database().await;
    let (alice, bob) = (support::fresh_login().await, support::fresh_login().await);
    let (da, db_dir) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let app_a = open_as(&db, &alice, &da).await;
    let work = alice_writes(&app_a).await;
    let app_b = open_as(&db, &bob, &db_dir).await;
    let bob_actor = app_b.profiles().local_actor().await.expect("bob");
    let pid = greenlight_core::domain::ids::ProjectId(work.project.clone());
    let found = app_a.members().find_person(&bob).await.expect("by login");
    assert_eq!(found.id, bob_actor.id);
    app_a
        .members()
        .add(&work.alice, &pid, &bob_actor.id)
        .await
        .expect("add");
    let members = app_b.members().list(&pid).await.expect("list");
    assert_eq!(members.len(), 2);
    let bob_listed = members
        .iter()
        .find(|m| m.person.id == bob_actor.id)
        .expect("bob");
    assert_eq!(bob_listed.roles, vec![Role::Writer], "a new member writes");
    // A writer may not remove members; an admin may.
    let err = app_b
        .members()
        .remove(&bob_actor, &pid, &work.alice.id)
        .await
        .expect_err("a writer removing");
    assert!(
        matches!(&err, CoreError::Forbidden(m) if m.contains("as writer you may not add or remove members")),
        "{err:?}"
    );
    app_a
        .members()
        .set_roles(
            &work.alice,
            &pid,
            &bob_actor.id,
            &[Role::Writer, Role::Admin],
        )
        .await
        .expect("make Bob admin");
    // Bob removes Alice; then Bob, the last member, cannot leave.
    app_b
        .members()
        .remove(&bob_actor, &pid, &work.alice.id)
        .await
        .expect("remove");
    let err = app_b
        .members()
        .remove(&bob_actor, &pid, &bob_actor.id)
        .await
        .expect_err("last member");
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    // Alice no longer sees the project.
    assert!(app_a.projects().list(true).await.expect("list").is_empty());
    let kinds: Vec<String> = app_b
        .store()
        .chain_events(&greenlight_core::domain::ledger::ChainId::Project(
            pid.clone(),
        ))
        .await
        .expect("chain")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(
        kinds.contains(&"member.added".to_owned())
            && kinds.contains(&"member.removed".to_owned())
            && kinds.contains(&"member.roles_set".to_owned()),
        "{kinds:?}"
    );
    let report = app_b.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
}

#[tokio::test]
async fn a_server_without_greenlight_or_with_a_newer_schema_is_explained() {
    // No schema.
    let bare = format!("gl_bare_{}", std::process::id());
    let mut admin = support::plain_sql_as("postgres", "postgres").await;
    admin
        .execute(format!("DROP DATABASE IF EXISTS {bare}").as_str())
        .await
        .expect("drop");
    admin
        .execute(format!("CREATE DATABASE {bare}").as_str())
        .await
        .expect("create");
    let dir = TempDir::new().expect("tmp");
    let err = try_open_as(&bare, "postgres", &dir)
        .await
        .expect_err("no schema");
    assert!(err.to_string().contains("team init"), "{err}");
    // A newer schema.
    let db = support::fresh_database().await;
    let mut admin = support::plain_sql_as(&db, "postgres").await;
    admin
        .execute("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'future', true, '\\x00', 1)")
        .await
        .expect("future");
    let login = support::fresh_login().await;
    let err = try_open_as(&db, &login, &dir).await.expect_err("newer");
    assert!(err.to_string().contains("update Greenlight"), "{err}");
    // A login that is no Greenlight person.
    let db = support::fresh_database().await;
    let mut admin = support::plain_sql_as("postgres", "postgres").await;
    let stranger = format!("gl_stranger_{}", std::process::id());
    admin
        .execute(format!("DROP ROLE IF EXISTS {stranger}").as_str())
        .await
        .expect("drop role");
    admin
        .execute(format!("CREATE ROLE {stranger} LOGIN").as_str())
        .await
        .expect("role");
    let err = try_open_as(&db, &stranger, &dir)
        .await
        .expect_err("stranger");
    assert!(err.to_string().contains("add-person"), "{err}");
}

#[tokio::test]
async fn tls_required_but_not_offered_and_an_unreachable_server_fail_clearly_and_quickly() {
    let db = support::fresh_database().await;
    let login = support::fresh_login().await;
    let dir = TempDir::new().expect("tmp");
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("secrets.json")));
    let mut server = support::config_as(&db, &login);
    server.tls = greenlight_core::database::TlsMode::Require;
    cfg.database = Database::Team(TeamServer::new(server.clone()));
    let err = Greenlight::open(cfg.clone()).await.expect_err("no tls");
    assert!(err.to_string().contains("does not offer TLS"), "{err}");
    // Nothing listens on port 1: refused at once; the bound is the connect timeout (5 s).
    server.tls = greenlight_core::database::TlsMode::Disable;
    server.port = 1;
    cfg.database = Database::Team(TeamServer::new(server));
    let started = std::time::Instant::now();
    let err = Greenlight::open(cfg).await.expect_err("unreachable");
    assert!(matches!(err, CoreError::Offline(_)), "{err:?}");
    assert!(err.to_string().contains("cannot reach"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_password_comes_from_the_keyring_never_the_url() {
    let err = TeamServer::from_url("postgres://alice:hunter2@db.studio.test/greenlight")
        .expect_err("password in url");
    let message = err.to_string();
    assert!(
        message.contains("PGPASSWORD") && message.contains("pgpass") && message.contains("keyring"),
        "{message}"
    );
    assert!(!message.contains("hunter2"), "{message}");
    let err = TeamServer::from_url("postgres://alice@db.studio.test/greenlight?password=hunter2")
        .expect_err("password in query");
    assert!(!err.to_string().contains("hunter2"));
}

/// A local (SQLite) Greenlight in `dir`.
async fn open_local(dir: &TempDir) -> Greenlight {
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("secrets.json")));
    Greenlight::open(cfg).await.expect("open local")
}

#[tokio::test]
async fn a_project_moves_to_the_team_server_and_back_with_its_whole_history() {
    let db = support::fresh_database().await;
    let login = support::fresh_login().await;
    let (dl, dt) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let local = open_local(&dl).await;
    let team = open_as(&db, &login, &dt).await;
    let work = alice_writes(&local).await;
    let pid = greenlight_core::domain::ids::ProjectId(work.project.clone());
    let chain = greenlight_core::domain::ledger::ChainId::Project(pid.clone());
    // Its own workflow, and a cached summary, move (or are dropped with the local copy) too.
    let mut festival = greenlight_core::domain::workflow::WorkflowTemplate::default_template();
    festival.name = "Festival cut".into();
    local
        .workflows()
        .save(&work.alice, &pid, festival.clone())
        .await
        .expect("workflow");
    local
        .summaries()
        .summarize(
            &work.alice,
            &SummaryRequest {
                document: greenlight_core::domain::ids::DocumentId(work.document.clone()),
                scope: Scope::All,
                kind: SummaryKind::Summary,
                provider: "offline".into(),
            },
            |_| {},
        )
        .await
        .expect("summary");
    let before = local.store().chain_events(&chain).await.expect("chain");
    let me_team = team.profiles().local_actor().await.expect("team actor");

    let report = local
        .move_project(&work.alice, &team, &me_team, &pid)
        .await
        .expect("move to team");
    assert!(report.verified);
    assert_eq!((report.documents, report.revisions), (1, 2));
    assert_eq!(report.source, "removed");
    // The destination holds the same chain byte for byte, then the mover's record.
    let there = team.store().chain_events(&chain).await.expect("chain");
    assert_eq!(&there[..before.len()], &before[..]);
    assert_eq!(
        there.last().map(|e| e.kind.as_str()),
        Some("project.moved_in")
    );
    assert_eq!(
        there.last().map(|e| e.actor.clone()),
        Some(me_team.id.clone())
    );
    let rev = team
        .store()
        .get_revision(&greenlight_core::domain::ids::RevisionId(
            work.revision.clone(),
        ))
        .await
        .expect("revision moved");
    assert_eq!(rev.text, "INT. ROOM - DAY");
    assert_eq!(
        rev.meta.author_id, work.alice.id,
        "authors keep their identity"
    );
    assert!(team.ledger().verify().await.expect("verify").ok);
    let moved_flows = team.workflows().list(&pid).await.expect("workflows");
    assert_eq!(
        moved_flows
            .iter()
            .map(|w| w.template().clone())
            .collect::<Vec<_>>(),
        vec![festival]
    );
    // The local copy is gone, and its removal is on the workspace chain with the head.
    assert!(local.projects().list(true).await.expect("list").is_empty());
    let report_local = local.ledger().verify().await.expect("verify");
    assert!(report_local.ok, "{report_local:?}");
    let moved_out = local
        .store()
        .chain_events(&greenlight_core::domain::ledger::ChainId::Workspace)
        .await
        .expect("workspace")
        .into_iter()
        .find(|e| e.kind == "project.moved_out")
        .expect("moved_out recorded");
    assert!(moved_out
        .payload
        .contains(&before.last().expect("events").hash));

    // The team works on it, then it comes back with everything.
    let doc = team
        .documents()
        .get(&greenlight_core::domain::ids::DocumentId(
            work.document.clone(),
        ))
        .await
        .expect("doc");
    team.revisions()
        .save(
            &me_team,
            &doc.id,
            doc.head_revision_id.as_ref(),
            "INT. ROOM - NIGHT".into(),
            None,
        )
        .await
        .expect("team save");
    let back = team
        .move_project(&me_team, &local, &work.alice, &pid)
        .await
        .expect("move back");
    assert!(back.verified);
    assert_eq!(back.source, "archived");
    assert_eq!(back.revisions, 3);
    let head = local
        .documents()
        .get(&doc.id)
        .await
        .expect("doc")
        .head_revision_id;
    let text = local
        .store()
        .get_revision(&head.expect("head"))
        .await
        .expect("rev")
        .text;
    assert_eq!(text, "INT. ROOM - NIGHT");
    assert!(local.ledger().verify().await.expect("verify").ok);
    let archived = team
        .projects()
        .get(&pid)
        .await
        .expect("still on the server");
    assert!(archived.archived);
    assert!(team.ledger().verify().await.expect("verify").ok);
}

#[tokio::test]
async fn an_interrupted_move_leaves_the_source_untouched_and_no_half_project() {
    let db = support::fresh_database().await;
    let login = support::fresh_login().await;
    let (dl, dt) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let local = open_local(&dl).await;
    let team = open_as(&db, &login, &dt).await;
    let work = alice_writes(&local).await;
    let pid = greenlight_core::domain::ids::ProjectId(work.project.clone());
    let me_team = team.profiles().local_actor().await.expect("team actor");
    // The server already has a document with the same id (in another project): the copy
    // fails halfway through, after the project, its members and its import were written.
    let other = team
        .projects()
        .create(&me_team, new_project("Other"))
        .await
        .expect("other");
    let mut sql = support::plain_sql_as(&db, &login).await;
    sql.execute(
        format!(
            "INSERT INTO documents VALUES ('{}', '{}', 'Clash', 'notes', 'markdown', NULL, 1, 1)",
            work.document, other.id
        )
        .as_str(),
    )
    .await
    .expect("clash");
    let before_local = local.store().project_bundle(&pid).await.expect("bundle");
    let err = local
        .move_project(&work.alice, &team, &me_team, &pid)
        .await
        .expect_err("the move must fail");
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    // Destination: no trace of the project.
    assert!(team.projects().get(&pid).await.is_err());
    let mut admin = support::plain_sql_as(&db, "postgres").await;
    for (table, col) in [
        ("projects", "id"),
        ("events", "chain"),
        ("project_members", "project_id"),
        ("project_imports", "project_id"),
    ] {
        let n: i64 = sqlx::query(&format!(
            "SELECT count(*) FROM {table} WHERE {col} = '{}'",
            work.project
        ))
        .fetch_one(&mut admin)
        .await
        .expect("count")
        .get(0);
        assert_eq!(n, 0, "{table}");
    }
    // Source: exactly as before.
    let after_local = local.store().project_bundle(&pid).await.expect("bundle");
    assert_eq!(after_local.events, before_local.events);
    assert_eq!(after_local.revisions, before_local.revisions);
    assert!(local.ledger().verify().await.expect("verify").ok);
}

#[tokio::test]
async fn another_persons_save_is_announced_live() {
    let db = support::fresh_database().await;
    let (alice, bob) = (support::fresh_login().await, support::fresh_login().await);
    let (da, db_dir) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let app_a = open_as(&db, &alice, &da).await;
    let app_b = open_as(&db, &bob, &db_dir).await;
    let work = alice_writes(&app_a).await;
    let pid = greenlight_core::domain::ids::ProjectId(work.project.clone());
    let bob_actor = app_b.profiles().local_actor().await.expect("bob");
    app_a
        .members()
        .add(&work.alice, &pid, &bob_actor.id)
        .await
        .expect("add");
    let mut live = app_a.live().expect("team mode has live updates");
    let doc = app_b
        .documents()
        .get(&greenlight_core::domain::ids::DocumentId(
            work.document.clone(),
        ))
        .await
        .expect("doc");
    app_b
        .revisions()
        .save(
            &bob_actor,
            &doc.id,
            doc.head_revision_id.as_ref(),
            "Bob's take".into(),
            None,
        )
        .await
        .expect("bob saves");
    let seen = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            match live.recv().await {
                Ok(greenlight_core::live::LiveEvent::Changed { chain, .. })
                    if chain == work.project =>
                {
                    return chain
                }
                Ok(_) => continue,
                Err(e) => panic!("live feed closed: {e}"),
            }
        }
    })
    .await
    .expect("announced");
    assert_eq!(seen, work.project);
    assert!(open_local(&TempDir::new().expect("tmp"))
        .await
        .live()
        .is_none());
}

#[tokio::test]
async fn a_wrong_password_is_refused_clearly_and_the_keyring_password_is_used() {
    let db = support::fresh_database().await;
    // The test cluster asks this one login for a password (scripts/pg.sh).
    let login = "gl_password_test";
    let mut admin = support::plain_sql_as("postgres", "postgres").await;
    let _ = admin
        .execute(
            format!(
                "CREATE ROLE {login} LOGIN IN ROLE {}",
                greenlight_core::database::PEOPLE_ROLE
            )
            .as_str(),
        )
        .await;
    admin
        .execute(format!("ALTER ROLE {login} PASSWORD 'right horse battery'").as_str())
        .await
        .expect("password");
    let dir = TempDir::new().expect("tmp");
    let creds: Arc<dyn greenlight_core::secrets::Credentials> =
        Arc::new(SecretsFile::new(dir.path().join("secrets.json")));
    let server = support::config_as(&db, login);
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = creds.clone();
    let mut team = TeamServer::new(server.clone());
    team.password = Some(greenlight_ai_secret("zebra-7781"));
    cfg.database = Database::Team(team);
    let err = Greenlight::open(cfg.clone())
        .await
        .expect_err("wrong password");
    let message = err.to_string();
    assert!(
        message.contains("refused the login") && message.contains(login),
        "{message}"
    );
    assert!(
        !message.contains("zebra"),
        "the password must not be echoed: {message}"
    );
    // Kept in the keyring (here: its file stand-in), the right one opens the session.
    greenlight_core::database::remember_password(
        &creds,
        &server,
        greenlight_ai_secret("right horse battery"),
    )
    .await
    .expect("remember");
    cfg.database = Database::Team(TeamServer::new(server));
    let app = Greenlight::open(cfg)
        .await
        .expect("opens with the keyring's password");
    assert!(app.is_team());
}

fn greenlight_ai_secret(s: &str) -> greenlight_core::secrets::Secret {
    greenlight_core::secrets::Secret::new(s)
}

/// Each role through Greenlight: a person holding only that role tries every use-case that
/// changes a project, and is allowed or refused exactly as `domain::permission` says.
#[tokio::test]
async fn each_role_may_do_what_the_permission_table_says_and_nothing_else() {
    use greenlight_core::domain::permission::{allowed, Action};
    let db = support::fresh_database().await;
    let alice = support::fresh_login().await;
    let da = TempDir::new().expect("tmp");
    let app_a = open_as(&db, &alice, &da).await;
    let work = alice_writes(&app_a).await;
    let pid = greenlight_core::domain::ids::ProjectId(work.project.clone());
    let doc = greenlight_core::domain::ids::DocumentId(work.document.clone());
    // A third person to add and to give roles to.
    let carol = support::fresh_login().await;
    let dc = TempDir::new().expect("tmp");
    let carol_id = open_as(&db, &carol, &dc)
        .await
        .profiles()
        .local_actor()
        .await
        .expect("carol")
        .id;
    for role in Role::ALL {
        let login = support::fresh_login().await;
        let dir = TempDir::new().expect("tmp");
        let app = open_as(&db, &login, &dir).await;
        let me = app.profiles().local_actor().await.expect("actor");
        app_a
            .members()
            .add(&work.alice, &pid, &me.id)
            .await
            .expect("add");
        app_a
            .members()
            .set_roles(&work.alice, &pid, &me.id, &[role])
            .await
            .expect("roles");
        assert_eq!(app.roles_of(&me, &pid).await.expect("roles"), vec![role]);
        let head = app
            .documents()
            .get(&doc)
            .await
            .expect("doc")
            .head_revision_id;
        // A document of its own to review (one review is under way per document).
        let to_review = app_a
            .documents()
            .create(
                &work.alice,
                NewDocument {
                    project_id: pid.clone(),
                    title: format!("For the {role}"),
                    kind: DocumentKind::Screenplay,
                    format: DocumentFormat::Fountain,
                    text: "INT. ROOM - DAY".into(),
                },
            )
            .await
            .expect("document to review");
        let tries: Vec<(Action, Result<(), CoreError>)> = vec![
            (
                Action::RequestReview,
                app.reviews()
                    .request(&me, &to_review.id, Default::default())
                    .await
                    .map(drop),
            ),
            (
                Action::ChangeText,
                app.revisions()
                    .save(
                        &me,
                        &doc,
                        head.as_ref(),
                        format!("INT. ROOM - {role}"),
                        None,
                    )
                    .await
                    .map(drop),
            ),
            (
                Action::CreateDocument,
                app.documents()
                    .create(
                        &me,
                        NewDocument {
                            project_id: pid.clone(),
                            title: format!("Notes of the {role}"),
                            kind: DocumentKind::Notes,
                            format: DocumentFormat::Plain,
                            text: "notes".into(),
                        },
                    )
                    .await
                    .map(drop),
            ),
            (
                Action::AskAi,
                app.summaries()
                    .summarize(
                        &me,
                        &SummaryRequest {
                            document: doc.clone(),
                            scope: Scope::All,
                            kind: SummaryKind::Summary,
                            provider: "offline".into(),
                        },
                        |_| {},
                    )
                    .await
                    .map(drop),
            ),
            (
                Action::SetAiPolicy,
                app.ai()
                    .set_policy(&me, &pid, AiPolicy::default())
                    .await
                    .map(drop),
            ),
            (
                Action::ManageMembers,
                app.members().add(&me, &pid, &carol_id).await.map(drop),
            ),
            (
                Action::EditWorkflows,
                app.workflows()
                    .save(
                        &me,
                        &pid,
                        greenlight_core::domain::workflow::WorkflowTemplate::default_template(),
                    )
                    .await
                    .map(drop),
            ),
            (
                Action::ManageRoles,
                app.members()
                    .set_roles(&me, &pid, &carol_id, &[Role::Producer])
                    .await
                    .map(drop),
            ),
        ];
        for (action, outcome) in tries {
            match (allowed(&[role], action), outcome) {
                (true, Ok(())) => {}
                (false, Err(CoreError::Forbidden(why))) => {
                    assert!(why.contains(role.label()), "{role:?} × {action:?}: {why}")
                }
                (expected, got) => panic!("{role:?} × {action:?}: allowed {expected}, got {got:?}"),
            }
        }
    }
}

/// The same refusals with plain SQL as each login: a modified client gets no further.
#[tokio::test]
async fn roles_hold_against_plain_sql() {
    let db = support::fresh_database().await;
    let (alice, lena) = (support::fresh_login().await, support::fresh_login().await);
    let (da, dl) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let app_a = open_as(&db, &alice, &da).await;
    let work = alice_writes(&app_a).await;
    let pid = greenlight_core::domain::ids::ProjectId(work.project.clone());
    let app_l = open_as(&db, &lena, &dl).await;
    let lena_id = app_l.profiles().local_actor().await.expect("lena").id;
    app_a
        .members()
        .add(&work.alice, &pid, &lena_id)
        .await
        .expect("add");
    app_a
        .members()
        .set_roles(&work.alice, &pid, &lena_id, &[Role::LegalReviewer])
        .await
        .expect("legal");
    let mut sql = support::plain_sql_as(&db, &lena).await;
    let refused = |r: Result<sqlx::postgres::PgQueryResult, sqlx::Error>, what: &str| match r {
        Err(e) => assert!(
            e.to_string().contains("row-level security") || e.to_string().contains("last admin"),
            "{what}: {e}"
        ),
        Ok(done) => assert_eq!(done.rows_affected(), 0, "{what} went through"),
    };
    // A legal reviewer cannot change script text...
    let r = sqlx::query(
        "INSERT INTO revisions (id, document_id, parent_id, author_id, text, content_hash, word_count, created_at)
         VALUES ('rev-forged', $1, $2, $3, 'forged', 'sha256:x', 1, 1)",
    )
    .bind(&work.document)
    .bind(&work.revision)
    .bind(lena_id.as_str())
    .execute(&mut sql)
    .await;
    refused(r, "a revision by a legal reviewer");
    // ...nor change the AI policy, add members or give herself roles.
    let r = sqlx::query("UPDATE project_policies SET policy = '{}' WHERE project_id = $1")
        .bind(&work.project)
        .execute(&mut sql)
        .await;
    refused(r, "the AI policy changed by a legal reviewer");
    let r = sqlx::query(
        "INSERT INTO member_roles (project_id, person_id, role, granted_by, granted_at)
         VALUES ($1, $2, 'writer', $2, 1)",
    )
    .bind(&work.project)
    .bind(lena_id.as_str())
    .execute(&mut sql)
    .await;
    refused(r, "a role given to oneself");
    let r = sqlx::query("DELETE FROM member_roles WHERE project_id = $1 AND role = 'admin'")
        .bind(&work.project)
        .execute(&mut sql)
        .await;
    refused(r, "the admin's role taken by a legal reviewer");
    let r = sqlx::query("DELETE FROM project_members WHERE project_id = $1 AND person_id <> $2")
        .bind(&work.project)
        .bind(lena_id.as_str())
        .execute(&mut sql)
        .await;
    refused(r, "a member removed by a legal reviewer");
    let r = sqlx::query(
        "INSERT INTO project_workflows (project_id, name, template, updated_by, updated_at)
         VALUES ($1, 'Mine', '{}', $2, 1)",
    )
    .bind(&work.project)
    .bind(lena_id.as_str())
    .execute(&mut sql)
    .await;
    refused(r, "a workflow written by a legal reviewer");
    // The admin, as plain SQL too, cannot take the role from the last admin (herself).
    let mut admin_sql = support::plain_sql_as(&db, &alice).await;
    let r = sqlx::query("DELETE FROM member_roles WHERE project_id = $1 AND role = 'admin'")
        .bind(&work.project)
        .execute(&mut admin_sql)
        .await;
    refused(r, "the last admin's role");
    assert_eq!(
        app_a.roles_of(&work.alice, &pid).await.expect("roles"),
        Role::ALL.to_vec(),
        "nothing changed"
    );
}
