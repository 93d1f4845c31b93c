//! The signed ledger's costs: verifying 100,000 events with every signature, and what the
//! ledger adds to each state change (linking, hashing, signing the event and its head,
//! storing both). Run in release:
//!
//!     cargo run --release -p greenlight-core --example bench_ledger [-- EVENTS RUNS]
//!
//! A real SQLite database (WAL, synchronous=FULL) in a temporary folder, keys in a private
//! secrets file. The events are 100 projects' chains of `project.updated` events by one
//! person, appended through the store exactly as use-cases append them (one transaction per
//! 1,000). Verification is the whole use-case (`ledger().verify()`): reading every row,
//! relinking and rehashing every event, checking every key rule and every event and head
//! signature (Ed25519 batch verification on every core), and every revision.

use greenlight_core::domain::events::payloads::ProjectState;
use greenlight_core::domain::events::EventBody;
use greenlight_core::domain::ledger::EventDraft;
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{Greenlight, OpenConfig};
use std::sync::Arc;
use std::time::Instant;

/// A field of /proc/self/status, in kB (0 where there is none).
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 * p) as usize).min(v.len() - 1)]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let events: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir()?;
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("keys")));
    let app = Greenlight::open(cfg).await?;
    let me = app.profiles().local_actor().await?;
    const PROJECTS: usize = 100;
    let mut projects = Vec::new();
    for i in 0..PROJECTS {
        let p = app
            .projects()
            .create(
                &me,
                NewProject {
                    title: format!("Project {i}"),
                    logline: "A logline long enough to look like one people write.".into(),
                    kind: ProjectKind::Feature,
                },
            )
            .await?;
        projects.push(p.id);
    }
    let draft = |n: usize| EventDraft {
        actor: me.id.clone(),
        subject: format!("project:{}", projects[n % PROJECTS]),
        project_id: Some(projects[n % PROJECTS].clone()),
        body: EventBody::ProjectUpdated(ProjectState {
            title: format!("Project {} (take {n})", n % PROJECTS),
            logline: "A logline long enough to look like one people write.".into(),
            kind: ProjectKind::Feature,
            archived: false,
        }),
    };
    let start = Instant::now();
    let existing = app.store().all_events().await?.len();
    let mut n = existing;
    while n < events {
        let mut tx = app.store().begin().await?;
        for _ in 0..1000.min(events - n) {
            tx.append_event(draft(n), n as i64).await?;
            n += 1;
        }
        tx.commit().await?;
    }
    println!(
        "{n} events in {PROJECTS} projects + the workspace, written in {:.1} s",
        start.elapsed().as_secs_f64()
    );

    // Verification of everything.
    let mut times = Vec::new();
    for run in 1..=runs {
        // Peak memory of the verification alone: the high-water mark reset just before.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let idle = status_kb("VmRSS:");
        let start = Instant::now();
        let report = app.ledger().verify().await?;
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let peak = status_kb("VmHWM:").saturating_sub(idle) as f64 / 1024.0;
        assert!(report.ok, "{report:?}");
        println!(
            "verify run {run}: {ms:.0} ms ({} events, {} chains, {} signatures), peak {peak:.0} MB above idle",
            report.events_checked, report.chains_checked, report.signatures_checked
        );
        times.push(ms);
    }
    println!(
        "verify median: {:.0} ms for {n} events (target <= 1000 ms)",
        median(times)
    );

    // What the ledger adds to a state change: the append inside its transaction (head lock,
    // key checks, link, hash, two signatures, two writes). The rest of the transaction (the
    // change itself, the commit's fsync) is the change's own.
    let mut appends = Vec::new();
    for i in 0..2000 {
        let mut tx = app.store().begin().await?;
        let start = Instant::now();
        tx.append_event(draft(n + i), (n + i) as i64).await?;
        appends.push(start.elapsed().as_secs_f64() * 1000.0);
        tx.commit().await?;
    }
    // And a whole state change through core, for scale (project update, with its commit).
    let mut changes = Vec::new();
    for i in 0..300 {
        let start = Instant::now();
        app.projects()
            .update(
                &me,
                &projects[0],
                &greenlight_core::domain::project::ProjectPatch {
                    title: Some(format!("Renamed {i}")),
                    logline: None,
                    kind: None,
                },
            )
            .await?;
        changes.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "ledger append per change: median {:.3} ms, p95 {:.3} ms (target <= 1 ms median); a whole project update: median {:.2} ms",
        median(appends.clone()),
        percentile(appends, 0.95),
        median(changes)
    );
    app.close().await;
    Ok(())
}
