//! Benchmark: a person's review inbox with 100,000 reviews in the database, on the embedded
//! SQLite database and on PostgreSQL (as an ordinary login, under row-level security).
//!
//! 200 projects with 5 documents each; on the server the person holds the producer role in 40
//! of them (a writer in the rest). Every document has 100 reviews: 90 finished (locked), 10
//! under way whose open stage is the producer's (in the person's 40 projects) or the legal
//! reviewer's. So on the server 2,000 of 100,000 reviews wait for the person; on one computer
//! the one person holds every role, so all 10,000 under way do (a harder case). Times the whole inbox (`reviews().inbox()`: the indexed query, then each review's
//! state read and checked) and the store's query alone, 50 times each after 5 warm-ups.
//!
//!     cargo run --release -p greenlight-core --example bench_inbox            # SQLite
//!     GREENLIGHT_TEST_PG=postgres://postgres@127.0.0.1:55432/postgres \
//!       cargo run --release -p greenlight-core --example bench_inbox -- pg    # PostgreSQL

use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::ids::{DocumentId, ProjectId, ReviewId};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::domain::workflow::{ReviewState, Role, StageStatus, WorkflowTemplate};
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{Database, Greenlight, OpenConfig, TeamServer};
use greenlight_store::{
    team_add_person, team_init, OpenOptions, OpenStage, PgOptions, ServerConfig, Store,
    StoredReview, TlsMode,
};
use sqlx::{ConnectOptions, Connection, Executor};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Instant;

const PROJECTS: usize = 200;
const DOCS_PER_PROJECT: usize = 5;
const REVIEWS_PER_DOC: usize = 100;
const UNDER_WAY_PER_DOC: usize = 10;
const MINE_EVERY: usize = 5;
const RUNS: usize = 50;

fn median_p95(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| ms[((ms.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.95))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pg = std::env::args().nth(1).as_deref() == Some("pg");
    let dir = tempfile::tempdir()?;
    let mut cfg = OpenConfig::new(dir.path().join("data"));
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("keys")));
    // The person, and a second person who owns the projects and adds them.
    let (app, owner, seed_store, query_store, backend) = if pg {
        let admin = std::env::var("GREENLIGHT_TEST_PG")?;
        let db = format!("gl_bench_inbox_{}", std::process::id());
        let mut conn = sqlx::postgres::PgConnectOptions::from_str(&admin)?
            .connect()
            .await?;
        conn.execute(format!("CREATE DATABASE {db}").as_str())
            .await?;
        conn.close().await?;
        let mut server = ServerConfig::from_url(&admin)?;
        server.database = db.clone();
        server.tls = TlsMode::Disable;
        team_init(&server, None, PgOptions::default()).await?;
        let as_login = |login: &str| {
            let mut c = server.clone();
            c.user = login.to_owned();
            c
        };
        for login in ["bench_owner", "bench_me"] {
            team_add_person(&server, None, PgOptions::default(), login, login, "", 1).await?;
        }
        let mut owner_cfg = OpenConfig::new(dir.path().join("owner"));
        owner_cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("owner-keys")));
        owner_cfg.database = Database::Team(TeamServer::new(as_login("bench_owner")));
        let owner = Greenlight::open(owner_cfg).await?;
        cfg.database = Database::Team(TeamServer::new(as_login("bench_me")));
        let app = Greenlight::open(cfg).await?;
        // The rows are written as the administrator (the triggers still check each one).
        let store = Store::open_postgres(&server, None, PgOptions::default()).await?;
        let mine = Store::open_postgres(&as_login("bench_me"), None, PgOptions::default()).await?;
        (app, Some(owner), store, mine, format!("PostgreSQL ({db})"))
    } else {
        let app = Greenlight::open(cfg).await?;
        let path = dir.path().join("data").join(greenlight_core::DB_FILE_NAME);
        let store = Store::open_sqlite(&path, OpenOptions::default()).await?;
        (app, None, store.clone(), store, "SQLite".to_owned())
    };
    let me = app.profiles().local_actor().await?;
    let maker = match &owner {
        Some(o) => o,
        None => &app,
    };
    let maker_actor = maker.profiles().local_actor().await?;

    let started = Instant::now();
    let mut docs: Vec<(ProjectId, DocumentId, String, bool)> = Vec::new();
    for p in 0..PROJECTS {
        let project = maker
            .projects()
            .create(
                &maker_actor,
                NewProject {
                    title: format!("Show {p}"),
                    logline: String::new(),
                    kind: ProjectKind::Series,
                },
            )
            .await?;
        let mine = p % MINE_EVERY == 0;
        if let Some(o) = &owner {
            o.members().add(&maker_actor, &project.id, &me.id).await?;
            let roles: &[Role] = if mine {
                &[Role::Producer]
            } else {
                &[Role::Writer]
            };
            o.members()
                .set_roles(&maker_actor, &project.id, &me.id, roles)
                .await?;
        }
        for d in 0..DOCS_PER_PROJECT {
            let doc = maker
                .documents()
                .create(
                    &maker_actor,
                    NewDocument {
                        project_id: project.id.clone(),
                        title: format!("Episode {d}"),
                        kind: DocumentKind::Screenplay,
                        format: DocumentFormat::Fountain,
                        text: format!("INT. ROOM {d} - DAY\n\nSomeone waits.\n"),
                    },
                )
                .await?;
            let head = doc.head_revision_id.clone().ok_or("no revision")?;
            docs.push((project.id.clone(), doc.id, head.to_string(), mine));
        }
    }
    let template = WorkflowTemplate::default_template();
    let workflow = template.validate()?;
    let json = serde_json::to_string(&template)?;
    let (open_state, _) = ReviewState::start(&workflow, 1);
    let mut producer_open = open_state.clone();
    producer_open.stages[0].status = StageStatus::Approved { at: 1 };
    producer_open.stages[1].status = StageStatus::Open { since: 2 };
    let mut legal_open = producer_open.clone();
    legal_open.stages[1].status = StageStatus::Approved { at: 2 };
    legal_open.stages[2].status = StageStatus::Open { since: 3 };
    let mut locked = legal_open.clone();
    locked.stages[2].status = StageStatus::Approved { at: 3 };
    locked.status = greenlight_core::domain::workflow::ReviewStatus::Locked;
    let mut tx = seed_store.begin().await?;
    let mut n = 0i64;
    for (project, doc, head, mine) in &docs {
        for i in 0..REVIEWS_PER_DOC {
            n += 1;
            let under_way = i >= REVIEWS_PER_DOC - UNDER_WAY_PER_DOC;
            let (state, stage, role) = match (under_way, *mine) {
                (false, _) => (&locked, None, None),
                (true, true) => (&producer_open, Some("producer"), Some("producer")),
                (true, false) => (&legal_open, Some("legal"), Some("legal_reviewer")),
            };
            let r = StoredReview {
                id: ReviewId::new(),
                project_id: project.clone(),
                subject_kind: "revision".into(),
                document_id: Some(doc.clone()),
                asset_id: None,
                subject_id: head.clone(),
                subject_author: maker_actor.id.clone(),
                approved_subject_id: Some(head.clone()),
                title: "Episode".into(),
                scope: None,
                workflow_name: "default".into(),
                workflow: json.clone(),
                state: serde_json::to_string(state)?,
                status: if under_way { "in_review" } else { "locked" }.into(),
                round: 1,
                requested_by: maker_actor.id.clone(),
                requested_by_name: String::new(),
                requested_at: n,
                due_at: None,
                updated_at: n,
                version: 1,
            };
            tx.insert_review(&r).await?;
            if let (Some(stage), Some(role)) = (stage, role) {
                let open = OpenStage {
                    stage: stage.into(),
                    role: role.into(),
                    round: 1,
                    opened_at: n,
                    due_at: None,
                };
                tx.set_open_stages(&r, &[open]).await?;
            }
        }
    }
    tx.commit().await?;
    if pg {
        // Fresh statistics, as autovacuum would have them on a server in use.
        let mut conn =
            sqlx::postgres::PgConnectOptions::from_str(&std::env::var("GREENLIGHT_TEST_PG")?)?
                .database(&format!("gl_bench_inbox_{}", std::process::id()))
                .connect()
                .await?;
        conn.execute("ANALYZE").await?;
    }
    println!(
        "{backend}: {n} reviews in {} projects seeded in {:.1} s",
        PROJECTS,
        started.elapsed().as_secs_f64()
    );

    let inbox = app.reviews().inbox(&me).await?;
    println!(
        "waiting for the person: {} shown (the list keeps the newest {}), requested by them: {}",
        inbox.waiting.len(),
        greenlight_store::REVIEW_LIST_LIMIT,
        inbox.requested.len()
    );
    let person_store: &Store = &query_store;
    let time = |label: &'static str, ms: Vec<f64>| {
        let (median, p95) = median_p95(ms);
        println!("{label}: median {median:.2} ms, p95 {p95:.2} ms ({RUNS} runs)");
    };
    let mut whole = Vec::new();
    let mut query = Vec::new();
    for i in 0..(RUNS + 5) {
        let t = Instant::now();
        let got = app.reviews().inbox(&me).await?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        std::hint::black_box(got);
        let t = Instant::now();
        let rows = person_store.reviews_waiting_for(&me.id).await?;
        let q = t.elapsed().as_secs_f64() * 1000.0;
        std::hint::black_box(rows);
        if i >= 5 {
            whole.push(ms);
            query.push(q);
        }
    }
    time("inbox (query + states read, as the person)", whole);
    time("the waiting-for query alone (store, as the person)", query);
    Ok(())
}
