//! Benchmark: saving revisions of a 30,000-word document, and the word diff between two such
//! revisions. Prints medians and p99 over many runs; run in release:
//!
//!     cargo run --release -p greenlight-core --example bench_revisions
//!
//! Uses a real SQLite database (WAL, synchronous=FULL) in a temporary folder.

use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::{Greenlight, OpenConfig};
use std::time::Instant;

const WORDS: usize = 30_000;
const SAVES: usize = 300;
const DIFFS: usize = 30;

/// A deterministic 30,000-word screenplay-like text.
fn document(seed: u64) -> String {
    const VOCAB: &[&str] = &[
        "the",
        "cup",
        "blue",
        "red",
        "Maya",
        "takes",
        "stage",
        "night",
        "light",
        "waits",
        "door",
        "camera",
        "rolls",
        "again",
        "quietly",
        "table",
        "coffee",
        "truth",
        "binder",
        "continuity",
        "director",
        "looks",
        "away",
        "slowly",
        "dawn",
        "grey",
        "walks",
        "out",
    ];
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    let mut out = String::with_capacity(WORDS * 7);
    for i in 0..WORDS {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_str(VOCAB[(x % VOCAB.len() as u64) as usize]);
        out.push(if i % 12 == 11 { '\n' } else { ' ' });
        if i % 240 == 239 {
            out.push_str("\nINT. STAGE - NIGHT\n\n");
        }
    }
    out
}

/// Changes about 1 % of the words of `text`, as an editing session would.
fn edit(text: &str, round: usize) -> String {
    text.split_inclusive(' ')
        .enumerate()
        .map(|(i, w)| {
            if (i + round * 7).is_multiple_of(97) {
                "changed ".to_owned()
            } else {
                w.to_owned()
            }
        })
        .collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let app = Greenlight::open(OpenConfig::new(dir.path())).await?;
    // Built once per session, as the shell and the CLI do.
    let me = app.profiles().local_actor().await?;
    let project = app
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
    let base = document(1);
    let doc = app
        .documents()
        .create(
            &me,
            NewDocument {
                project_id: project.id,
                title: "30k words".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: base.clone(),
            },
        )
        .await?;
    let mut head = doc.head_revision_id.clone();
    let mut save_ms = Vec::with_capacity(SAVES);
    let mut text = base;
    for round in 0..SAVES {
        text = edit(&text, round);
        let t = Instant::now();
        let rev = app
            .revisions()
            .save(&me, &doc.id, head.as_ref(), text.clone(), None)
            .await?;
        save_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        head = Some(rev.meta.id);
    }
    save_ms.sort_by(f64::total_cmp);

    let revs = app.revisions().list(&doc.id).await?;
    let (newest, older) = (&revs[0].id, &revs[1].id);
    let mut diff_ms = Vec::with_capacity(DIFFS);
    let mut changed = 0;
    for _ in 0..DIFFS {
        let t = Instant::now();
        let d = app.revisions().diff(older, newest).await?;
        diff_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        changed = d.words_inserted + d.words_deleted;
    }
    diff_ms.sort_by(f64::total_cmp);

    println!("document: {WORDS} words, {} bytes", text.len());
    println!(
        "save revision ({SAVES} saves): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&save_ms, 0.5),
        percentile(&save_ms, 0.99),
        save_ms[save_ms.len() - 1]
    );
    println!(
        "word diff incl. loading both revisions ({DIFFS} runs, {changed} words changed): median {:.2} ms, p99 {:.2} ms",
        percentile(&diff_ms, 0.5),
        percentile(&diff_ms, 0.99)
    );
    app.close().await;
    Ok(())
}
