//! `team-bench`: team mode's latency figures (docs/BENCHMARKS.md), in release:
//!
//!     eval "$(scripts/pg.sh start)"
//!     cargo run --release -p greenlight-durability --bin team-bench
//!
//! 1. Revision save of a 30,000-word document, 300 saves with ~1 % of the words changed
//!    each, on the embedded SQLite database and on PostgreSQL over loopback, side by side.
//! 2. Live-update latency between two clients (two logins, two connection pools) on
//!    loopback: from a save's acknowledged commit to the other client's notification.

use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::live::LiveEvent;
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{CoreError, Database, Greenlight, OpenConfig, TeamServer};
use greenlight_durability::team::provision;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const WORDS: usize = 30_000;
const SAVES: usize = 300;
const PINGS: usize = 300;

fn text(round: usize) -> String {
    const VOCAB: [&str; 12] = [
        "Maya", "takes", "the", "blue", "cup", "night", "door", "waits", "light", "camera",
        "rolls", "again",
    ];
    let mut out = String::with_capacity(WORDS * 6);
    for i in 0..WORDS {
        out.push_str(if (i + round * 7).is_multiple_of(97) {
            "changed"
        } else {
            VOCAB[(i * 7 + i / 13) % VOCAB.len()]
        });
        out.push(if i % 12 == 11 { '\n' } else { ' ' });
    }
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn cfg(scratch: &Path, database: Database, name: &str) -> OpenConfig {
    let mut cfg = OpenConfig::new(scratch.join(name));
    cfg.credentials = Arc::new(SecretsFile::new(scratch.join(format!("{name}.json"))));
    cfg.database = database;
    cfg
}

fn team(url: &str, database: &str, login: &str) -> Result<Database, CoreError> {
    let mut t = TeamServer::from_url(url)?;
    t.server.database = database.to_owned();
    t.server.user = login.to_owned();
    t.server.tls = greenlight_core::database::TlsMode::Disable;
    Ok(Database::Team(t))
}

async fn saves(app: &Greenlight) -> Result<Vec<f64>, CoreError> {
    let me = app.profiles().local_actor().await?;
    let p = app
        .projects()
        .create(
            &me,
            NewProject {
                title: "Bench".into(),
                logline: String::new(),
                kind: ProjectKind::Feature,
            },
        )
        .await?;
    let doc = app
        .documents()
        .create(
            &me,
            NewDocument {
                project_id: p.id,
                title: "30k".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: text(0),
            },
        )
        .await?;
    let mut head = doc.head_revision_id.clone();
    let mut ms = Vec::with_capacity(SAVES);
    for round in 1..=SAVES {
        let body = text(round);
        let t = Instant::now();
        let rev = app
            .revisions()
            .save(&me, &doc.id, head.as_ref(), body, None)
            .await?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        head = Some(rev.meta.id);
    }
    ms.sort_by(f64::total_cmp);
    Ok(ms)
}

async fn live_latency(
    alice: &Greenlight,
    bob: &Greenlight,
) -> Result<(Vec<f64>, Vec<f64>), CoreError> {
    let a = alice.profiles().local_actor().await?;
    let b = bob.profiles().local_actor().await?;
    let p = alice
        .projects()
        .create(
            &a,
            NewProject {
                title: "Live".into(),
                logline: String::new(),
                kind: ProjectKind::Feature,
            },
        )
        .await?;
    alice.members().add(&a, &p.id, &b.id).await?;
    let doc = bob
        .documents()
        .create(
            &b,
            NewDocument {
                project_id: p.id.clone(),
                title: "Ping".into(),
                kind: DocumentKind::Notes,
                format: DocumentFormat::Markdown,
                text: String::new(),
            },
        )
        .await?;
    let mut live = alice
        .live()
        .ok_or_else(|| CoreError::Internal("no live feed".into()))?;
    // Drain what the setup announced.
    tokio::time::sleep(Duration::from_millis(200)).await;
    while live.try_recv().is_ok() {}
    let mut head = doc.head_revision_id.clone();
    let (mut from_commit, mut from_start) = (Vec::new(), Vec::new());
    for n in 0..PINGS {
        let chain = p.id.to_string();
        let waiter = tokio::spawn({
            let mut live = live.resubscribe();
            async move {
                loop {
                    match live.recv().await {
                        Ok(LiveEvent::Changed { chain: c, .. }) if c == chain => {
                            return Some(Instant::now())
                        }
                        Ok(_) => continue,
                        Err(_) => return None,
                    }
                }
            }
        });
        let start = Instant::now();
        let rev = bob
            .revisions()
            .save(&b, &doc.id, head.as_ref(), format!("ping {n}"), None)
            .await?;
        let acked = Instant::now();
        head = Some(rev.meta.id);
        let got = tokio::time::timeout(Duration::from_secs(5), waiter)
            .await
            .map_err(|_| CoreError::Internal("a notification did not arrive within 5 s".into()))?
            .map_err(|e| CoreError::Internal(format!("waiter: {e}")))?
            .ok_or_else(|| CoreError::Internal("live feed closed".into()))?;
        from_commit.push(got.saturating_duration_since(acked).as_secs_f64() * 1000.0);
        from_start.push(got.duration_since(start).as_secs_f64() * 1000.0);
        while live.try_recv().is_ok() {}
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    from_commit.sort_by(f64::total_cmp);
    from_start.sort_by(f64::total_cmp);
    Ok((from_commit, from_start))
}

#[tokio::main]
async fn main() -> Result<(), CoreError> {
    let url = std::env::var("GREENLIGHT_TEST_PG").map_err(|_| {
        CoreError::Internal("set GREENLIGHT_TEST_PG (eval \"$(scripts/pg.sh start)\")".into())
    })?;
    let scratch =
        std::env::temp_dir().join(format!("greenlight-team-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| CoreError::Internal(e.to_string()))?;
    let database = format!("gl_bench_{}", std::process::id());
    let logins = [
        format!("gl_bench_a_{}", std::process::id()),
        format!("gl_bench_b_{}", std::process::id()),
    ];
    provision(&url, &database, &logins, &scratch).await?;

    let sqlite = Greenlight::open(cfg(&scratch, Database::Local, "local")).await?;
    let pg = Greenlight::open(cfg(&scratch, team(&url, &database, &logins[0])?, "alice")).await?;
    println!("revision save, {WORDS}-word document, {SAVES} saves:");
    for (name, app) in [
        ("SQLite (embedded)", &sqlite),
        ("PostgreSQL (loopback)", &pg),
    ] {
        let ms = saves(app).await?;
        println!(
            "  {name:<22} median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            percentile(&ms, 0.5),
            percentile(&ms, 0.99),
            ms[ms.len() - 1]
        );
    }
    let bob = Greenlight::open(cfg(&scratch, team(&url, &database, &logins[1])?, "bob")).await?;
    let (commit, start) = live_latency(&pg, &bob).await?;
    println!("live update, {PINGS} saves by another client:");
    println!(
        "  from the acknowledged commit: median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&commit, 0.5),
        percentile(&commit, 0.99),
        commit[commit.len() - 1]
    );
    println!(
        "  from the start of the save:   median {:.2} ms, p99 {:.2} ms",
        percentile(&start, 0.5),
        percentile(&start, 0.99)
    );
    sqlite.close().await;
    pg.close().await;
    bob.close().await;
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}
