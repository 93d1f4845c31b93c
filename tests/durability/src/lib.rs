//! The durability harness (issue 8): writer processes over `greenlight-core` save revisions
//! and append one line per *acknowledged* commit to a side file (after the commit returned,
//! fsynced); the driver SIGKILLs them at random moments, again and again, then reopens the
//! database and checks that every acknowledged revision is present with exactly its text, no
//! revision is half-written, and every ledger chain verifies.
//!
//! The same driver runs accepting writers (`durability-accepter`): they ask a fake model for a
//! take and accept it, again and again, so a kill lands between a suggestion and its
//! acceptance or inside either; [`check_acceptances`] then finds no half-applied acceptance.
//!
//! `durability --kills N [--accept]` is the long form (recorded in docs/BENCHMARKS.md); the
//! integration test runs a short form in the test command.

pub mod child;
pub mod team;

/// Lines of an accepting writer's document (each round varies the next one).
pub const ACCEPTER_LINES: usize = 40;

use greenlight_core::domain::ids::{RevisionId, SuggestionId};
use greenlight_core::domain::revision::content_hash;
use greenlight_core::domain::suggestion::SuggestionState;
use greenlight_core::{CoreError, Greenlight, OpenConfig};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// One acknowledged commit, as the writer recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ack {
    pub revision: String,
    pub hash: String,
}

/// Appends an ack line and makes it durable before the writer goes on.
pub fn record_ack(
    file: &mut std::fs::File,
    revision: &RevisionId,
    hash: &str,
) -> std::io::Result<()> {
    file.write_all(format!("{revision} {hash}\n").as_bytes())?;
    file.sync_data()
}

/// Reads every complete ack line (a line cut by the kill has no newline and is ignored: its
/// commit may or may not have happened, and nobody was told it did).
pub fn read_acks(path: &Path) -> Vec<Ack> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let complete = match text.rfind('\n') {
        Some(i) => &text[..=i],
        None => "",
    };
    complete
        .lines()
        .filter_map(|l| {
            let (r, h) = l.split_once(' ')?;
            Some(Ack {
                revision: r.to_owned(),
                hash: h.to_owned(),
            })
        })
        .collect()
}

/// What a run of the harness found.
#[derive(Debug, Default, Clone)]
pub struct Findings {
    pub kills: usize,
    pub acknowledged: usize,
    pub lost: usize,
    pub corrupt: usize,
    pub verify_failures: usize,
    pub elapsed: Duration,
}

/// Checks every ack not yet checked against the database; returns (lost, corrupt).
pub async fn check_acks(
    app: &Greenlight,
    acks: &[Ack],
    checked: &mut HashSet<String>,
) -> Result<(usize, usize), CoreError> {
    let (mut lost, mut corrupt) = (0, 0);
    for ack in acks {
        if !checked.insert(ack.revision.clone()) {
            continue;
        }
        match app.revisions().get(&RevisionId(ack.revision.clone())).await {
            Ok(rev) => {
                if rev.meta.content_hash != ack.hash || content_hash(&rev.text) != ack.hash {
                    corrupt += 1;
                }
            }
            Err(CoreError::NotFound { .. }) => lost += 1,
            Err(e) => return Err(e),
        }
    }
    Ok((lost, corrupt))
}

/// Runs `kills` rounds: start `writers` writer processes on `data`, let them work for a
/// random 5–120 ms, SIGKILL them all, and check the acknowledged commits so far (the ledger is
/// verified every `verify_every` rounds and at the end).
pub async fn run(
    writer_bin: &Path,
    data: &Path,
    kills: usize,
    writers: usize,
    verify_every: usize,
    seed: u64,
) -> Result<Findings, CoreError> {
    let started = Instant::now();
    let mut rng = fastrand::Rng::with_seed(seed);
    let acks_dir = data.join("acks");
    std::fs::create_dir_all(&acks_dir).map_err(|source| CoreError::Io {
        action: "Cannot create",
        path: acks_dir.clone(),
        source,
    })?;
    let ack_file = |w: usize| -> PathBuf { acks_dir.join(format!("writer-{w}.acks")) };
    let mut findings = Findings::default();
    let mut checked = HashSet::new();
    for round in 0..kills {
        let mut children: Vec<Child> = Vec::new();
        for w in 0..writers {
            let child = Command::new(writer_bin)
                .arg(data)
                .arg(ack_file(w))
                .arg(w.to_string())
                .spawn()
                .map_err(|source| CoreError::Io {
                    action: "Cannot start",
                    path: writer_bin.to_path_buf(),
                    source,
                })?;
            children.push(child);
        }
        tokio::time::sleep(Duration::from_millis(rng.u64(5..120))).await;
        for c in &mut children {
            // `Child::kill` is SIGKILL on Unix: no destructor, no flush, no rollback runs.
            let _ = c.kill();
        }
        for c in &mut children {
            let _ = c.wait();
        }
        findings.kills += 1;
        let last = round + 1 == kills;
        if last || (round + 1) % verify_every.max(1) == 0 {
            let app = Greenlight::open(OpenConfig::new(data)).await?;
            let acks: Vec<Ack> = (0..writers).flat_map(|w| read_acks(&ack_file(w))).collect();
            findings.acknowledged = acks.len();
            let (lost, corrupt) = check_acks(&app, &acks, &mut checked).await?;
            findings.lost += lost;
            findings.corrupt += corrupt;
            let report = app.ledger().verify().await?;
            if !report.ok {
                findings.verify_failures += 1;
                let first: Vec<_> = report.problems.iter().take(3).collect();
                eprintln!(
                    "verify failed after round {round}: {} problem(s), first: {first:?}",
                    report.problems.len()
                );
            }
            app.close().await;
        }
    }
    findings.elapsed = started.elapsed();
    Ok(findings)
}

/// What [`check_acceptances`] found in the accepting writers' documents.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AcceptFindings {
    pub documents: usize,
    pub accepted: usize,
    /// Pending or stale suggestions (asked for, not accepted before a kill).
    pub open: usize,
    /// Revisions after the first that no accepted suggestion names: a half-applied acceptance.
    pub half_applied: usize,
    /// Accepted suggestions whose revision is missing or does not attribute any text to them.
    pub unattributed: usize,
    /// Suggestions in a state an accepting writer never puts them in.
    pub odd_states: usize,
}

/// Checks every accepting writer's document: each revision after the first was saved by
/// exactly one acceptance, whose suggestion says so and whose text is attributed to it.
pub async fn check_acceptances(app: &Greenlight) -> Result<AcceptFindings, CoreError> {
    let mut f = AcceptFindings::default();
    for p in app.projects().list(true).await? {
        if !p.project.title.starts_with("accepter-") {
            continue;
        }
        for d in app.documents().list(&p.project.id).await? {
            let doc = d.document.id;
            f.documents += 1;
            let suggestions = app.suggestions().list(&doc).await?;
            let mut by_revision: HashMap<RevisionId, SuggestionId> = HashMap::new();
            for s in &suggestions {
                match s.state {
                    SuggestionState::Accepted => {
                        f.accepted += 1;
                        match s
                            .decision
                            .as_ref()
                            .and_then(|d| d.accepted_revision_id.clone())
                        {
                            Some(r) => {
                                by_revision.insert(r, s.id.clone());
                            }
                            None => f.unattributed += 1,
                        }
                    }
                    SuggestionState::Pending | SuggestionState::Stale => f.open += 1,
                    _ => f.odd_states += 1,
                }
            }
            for rev in app.revisions().list(&doc).await? {
                if rev.parent_id.is_none() {
                    continue;
                }
                let Some(sid) = by_revision.remove(&rev.id) else {
                    f.half_applied += 1;
                    continue;
                };
                let report = app.suggestions().attribution(&doc, Some(&rev.id)).await?;
                if !report
                    .spans
                    .iter()
                    .any(|s| s.suggestion_id.as_ref() == Some(&sid))
                {
                    f.unattributed += 1;
                }
            }
            // Accepted suggestions whose revision does not exist.
            f.unattributed += by_revision.len();
        }
    }
    Ok(f)
}
