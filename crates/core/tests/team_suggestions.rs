//! Suggestions and attribution on a team server: the database itself keeps them to the
//! project's members, keeps what a model wrote and each revision's attribution unchanged,
//! and lets a person record decisions only as themselves. Proven with plain SQL as each
//! login, as in `team.rs`.

mod common;
#[path = "../../store/tests/support/mod.rs"]
mod support;

use common::new_project;
use greenlight_ai::scripted::{Script, ScriptedFactory};
use greenlight_core::domain::ai::{ProviderInput, ProviderKindName};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::suggestion::{RejectReason, SuggestionState};
use greenlight_core::domain::suggestion_record::VaryRequest;
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{CoreError, Database, Greenlight, OpenConfig, TeamServer};
use sqlx::{Executor, Row};
use std::sync::Arc;
use tempfile::TempDir;

const TEXT: &str = "INT. DINER - NIGHT\n\nOdile drinks her coffee.\n\nOdile walks home.\n";

async fn open_as(db: &str, login: &str, dir: &TempDir, model: &ScriptedFactory) -> Greenlight {
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("secrets.json")));
    cfg.providers = Arc::new(model.clone());
    cfg.database = Database::Team(TeamServer::new(support::config_as(db, login)));
    Greenlight::open(cfg).await.expect("open as login")
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

fn char_range(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).expect("needle");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

#[tokio::test]
async fn only_members_see_and_decide_suggestions_and_nobody_rewrites_them() {
    let db = support::fresh_database().await;
    let (alice, bob) = (support::fresh_login().await, support::fresh_login().await);
    let (da, dbob) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let model = ScriptedFactory::new(Script::text("unused"));
    let app_a = open_as(&db, &alice, &da, &model).await;
    let me = app_a.profiles().local_actor().await.expect("alice");
    let p = app_a
        .projects()
        .create(&me, new_project("Alice's Pilot"))
        .await
        .expect("project");
    let d = app_a
        .documents()
        .create(
            &me,
            NewDocument {
                project_id: p.id.clone(),
                title: "Draft".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: TEXT.into(),
            },
        )
        .await
        .expect("document");
    let prov = app_a
        .providers()
        .save(
            &me,
            None,
            ProviderInput {
                name: "Studio Claude".into(),
                kind: ProviderKindName::Anthropic,
                base_url: "https://api.example.invalid".into(),
                model: "claude-test".into(),
                own_network: false,
                api_key: Some("sk-ant-test-000".into()),
            },
        )
        .await
        .expect("provider")
        .id;
    let vary = |text: &str, passage: &str| {
        let (start, end) = char_range(text, passage);
        VaryRequest {
            document_id: d.id.clone(),
            start,
            end,
            instruction: "tighten".into(),
            preset: None,
            takes: 1,
            provider_id: Some(prov.clone()),
        }
    };
    model.push(Script::text("Odile sips her coffee."));
    let accepted = app_a
        .suggestions()
        .vary(&me, vary(TEXT, "Odile drinks her coffee."))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    app_a
        .suggestions()
        .accept(&me, &accepted.id, None, None)
        .await
        .expect("accept");
    let now = TEXT.replace("drinks", "sips");
    model.push(Script::text("Odile runs home."));
    let pending = app_a
        .suggestions()
        .vary(&me, vary(&now, "Odile walks home."))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    let report = app_a
        .suggestions()
        .attribution(&d.id, None)
        .await
        .expect("attribution");
    assert_eq!(report.ai_chars, 4, "“sips”");

    // Bob, no member: sees nothing, changes nothing, plants nothing.
    let app_b = open_as(&db, &bob, &dbob, &model).await;
    let bob_actor = app_b.profiles().local_actor().await.expect("bob");
    let b = bob_actor.id.as_str();
    let mut sql = support::plain_sql_as(&db, &bob).await;
    for table in ["suggestions", "revision_attributions"] {
        assert_eq!(
            count(&mut sql, &format!("SELECT count(*) FROM {table}")).await,
            0,
            "{table}"
        );
    }
    assert_eq!(
        changes(
            &mut sql,
            &format!(
                "UPDATE suggestions SET state = 'rejected', decided_by = '{b}' WHERE id = '{}'",
                pending.id
            )
        )
        .await,
        0
    );
    let head = d.head_revision_id.clone().expect("head");
    let why = refused(
        &mut sql,
        &format!(
            "INSERT INTO suggestions (id, project_id, document_id, base_revision_id,
             anchor_revision_id, anchor_start, anchor_end, passage, passage_hash, instruction,
             provider_id, provider_name, model, local, run_id, take_text, hunks, state,
             created_by, created_at) VALUES ('s-bob', '{}', '{}', '{head}', '{head}', 0, 4,
             'INT.', 'h', 'x', 'p', 'P', 'm', true, 'run', 'EXT.', '[]', 'pending', '{b}', 1)",
            p.id, d.id
        ),
    )
    .await;
    assert!(why.contains("row-level security"), "{why}");
    let why = refused(
        &mut sql,
        &format!(
            "INSERT INTO revision_attributions VALUES ('{head}', '{}', '{{\"spans\":[]}}', 0, 0, 1)",
            d.id
        ),
    )
    .await;
    assert!(
        why.contains("row-level security") || why.contains("revision's author"),
        "{why}"
    );
    let err = app_b.suggestions().list(&d.id).await.expect_err("hidden");
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let err = app_b
        .suggestions()
        .reject(&bob_actor, &pending.id, RejectReason::OffTone, None)
        .await
        .expect_err("hidden");
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");

    // Alice herself cannot rewrite what the model wrote, delete a suggestion, record a
    // decision as Bob, or change an attribution.
    let mut asql = support::plain_sql_as(&db, &alice).await;
    for statement in [
        format!(
            "UPDATE suggestions SET take_text = 'Odile flies home.' WHERE id = '{}'",
            pending.id
        ),
        format!(
            "UPDATE suggestions SET model = 'human' WHERE id = '{}'",
            accepted.id
        ),
        format!("DELETE FROM suggestions WHERE id = '{}'", pending.id),
        format!(
            "UPDATE suggestions SET state = 'rejected', decided_by = '{b}' WHERE id = '{}'",
            pending.id
        ),
        "UPDATE revision_attributions SET ai_chars = 0".to_owned(),
        "DELETE FROM revision_attributions".to_owned(),
    ] {
        let why = refused(&mut asql, &statement).await;
        assert!(
            why.contains("never changes")
                || why.contains("permission denied")
                || why.contains("row-level security")
                || why.contains("immutable"),
            "{statement}: {why}"
        );
    }

    // Once a member, Bob sees them and decides as himself; but he cannot record an
    // attribution for Alice's revision, nor write over her decision.
    app_a
        .members()
        .add(&me, &p.id, &bob_actor.id)
        .await
        .expect("add bob");
    assert_eq!(count(&mut sql, "SELECT count(*) FROM suggestions").await, 2);
    assert_eq!(
        app_b.suggestions().list(&d.id).await.expect("list").len(),
        2
    );
    let why = refused(
        &mut sql,
        &format!(
            "INSERT INTO revision_attributions VALUES ('{head}', '{}', '{{\"spans\":[]}}', 0, 0, 1)",
            d.id
        ),
    )
    .await;
    assert!(why.contains("revision's author"), "{why}");
    let why = refused(
        &mut sql,
        &format!(
            "UPDATE suggestions SET note = 'mine now' WHERE id = '{}'",
            accepted.id
        ),
    )
    .await;
    assert!(why.contains("row-level security"), "{why}");
    let rejected = app_b
        .suggestions()
        .reject(&bob_actor, &pending.id, RejectReason::NotMyVoice, None)
        .await
        .expect("bob rejects");
    assert_eq!(rejected.state, SuggestionState::Rejected);
    assert_eq!(rejected.decision.map(|d| d.by), Some(bob_actor.id.clone()));
    assert!(app_b.ledger().verify().await.expect("verify").ok);
}

#[tokio::test]
async fn a_project_moves_to_the_team_server_and_back_with_its_suggestions_and_attribution() {
    let db = support::fresh_database().await;
    let login = support::fresh_login().await;
    let (dl, dt) = (TempDir::new().expect("tmp"), TempDir::new().expect("tmp"));
    let model = ScriptedFactory::new(Script::text("unused"));
    let mut cfg = OpenConfig::new(dl.path());
    cfg.credentials = Arc::new(SecretsFile::new(dl.path().join("secrets.json")));
    cfg.providers = Arc::new(model.clone());
    let local = Greenlight::open(cfg).await.expect("open local");
    let team = open_as(&db, &login, &dt, &model).await;
    let me = local.profiles().local_actor().await.expect("me");
    let me_team = team.profiles().local_actor().await.expect("team actor");
    let p = local
        .projects()
        .create(&me, new_project("Moving Pilot"))
        .await
        .expect("project");
    let d = local
        .documents()
        .create(
            &me,
            NewDocument {
                project_id: p.id.clone(),
                title: "Draft".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: TEXT.into(),
            },
        )
        .await
        .expect("document");
    let prov = local
        .providers()
        .save(
            &me,
            None,
            ProviderInput {
                name: "Local model".into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: "http://127.0.0.1:9/v1".into(),
                model: "fake".into(),
                own_network: false,
                api_key: None,
            },
        )
        .await
        .expect("provider")
        .id;
    model.push(Script::text("Odile sips her coffee."));
    model.push(Script::text("Odile gulps her coffee."));
    let (start, end) = char_range(TEXT, "Odile drinks her coffee.");
    let takes = local
        .suggestions()
        .vary(
            &me,
            VaryRequest {
                document_id: d.id.clone(),
                start,
                end,
                instruction: "tighten".into(),
                preset: None,
                takes: 2,
                provider_id: Some(prov),
            },
        )
        .await
        .expect("vary")
        .suggestions;
    local
        .suggestions()
        .accept(&me, &takes[0].id, None, None)
        .await
        .expect("accept");
    let before = local
        .suggestions()
        .attribution(&d.id, None)
        .await
        .expect("attribution");
    assert_eq!(before.ai_words, 1);
    let listed = local.suggestions().list(&d.id).await.expect("list");

    local
        .move_project(&me, &team, &me_team, &p.id)
        .await
        .expect("move to team");
    assert_eq!(
        team.suggestions().list(&d.id).await.expect("list there"),
        listed
    );
    assert_eq!(
        team.suggestions()
            .attribution(&d.id, None)
            .await
            .expect("attribution there"),
        before
    );
    assert!(team.ledger().verify().await.expect("verify").ok);

    team.move_project(&me_team, &local, &me, &p.id)
        .await
        .expect("move back");
    let back = local.suggestions().list(&d.id).await.expect("list back");
    assert_eq!(back.len(), 2);
    assert_eq!(
        back.iter().map(|s| s.state).collect::<Vec<_>>(),
        listed.iter().map(|s| s.state).collect::<Vec<_>>()
    );
    assert_eq!(
        local
            .suggestions()
            .attribution(&d.id, None)
            .await
            .expect("attribution back")
            .ai_chars,
        before.ai_chars
    );
}
