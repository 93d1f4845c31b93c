//! Benchmark: summarizing a synthetic 120-page, 60-scene script as a tree with a fake provider
//! of fixed latency (200 ms a call) and the concurrency limit (8), against the critical-path
//! limit; then updating after one scene changed. Run in release:
//!
//!     cargo run --release -p greenlight-core --example bench_summaries
//!
//! The fake provider is the in-process scripted model (no network); everything else — the AI
//! run records, ledger events and the summary cache — is the real code on a real SQLite file.

use greenlight_ai::scripted::{Script, ScriptedFactory, Step};
use greenlight_core::domain::ai::{ProviderInput, ProviderKindName};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::domain::summary_tree::{Scope, SummaryKind};
use greenlight_core::secrets::SecretsFile;
use greenlight_core::summaries::{SummaryRequest, CONCURRENCY, FANOUT};
use greenlight_core::{Greenlight, OpenConfig};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SCENES: usize = 60;
const LATENCY: Duration = Duration::from_millis(200);

/// About two pages a scene: 120 pages.
fn script(changed: Option<usize>) -> String {
    (1..=SCENES)
        .map(|i| {
            let action = if Some(i) == changed {
                "Maya tears up the call sheet and walks out into the rain."
            } else {
                "Maya checks the binder while the crew resets the lights."
            };
            let body = format!("{action}\n\nMAYA\nWe have time for one more take.\n\nTHEO\nThen we take it now.\n\n").repeat(6);
            format!("INT. STAGE {i} - NIGHT\n\n{body}")
        })
        .collect()
}

/// The critical path with `CONCURRENCY` calls at once: each level waits for the one below.
fn critical_path() -> Duration {
    let mut nodes = SCENES;
    let mut batches = 0;
    loop {
        batches += nodes.div_ceil(CONCURRENCY);
        if nodes == 1 {
            break;
        }
        nodes = nodes.div_ceil(FANOUT);
    }
    LATENCY * batches as u32
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let model = ScriptedFactory::new(Script {
        steps: vec![
            Step::Wait(LATENCY),
            Step::Delta("The crew waits for the light.".into()),
        ],
        finish: greenlight_ai::FinishReason::Stop,
    });
    let mut cfg = OpenConfig::new(dir.path().join("data"));
    cfg.providers = Arc::new(model);
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("keys")));
    let app = Greenlight::open(cfg).await?;
    let me = app.profiles().local_actor().await?;
    let provider = app
        .providers()
        .save(
            &me,
            None,
            ProviderInput {
                name: "Fake 200 ms".into(),
                kind: ProviderKindName::Ollama,
                base_url: "http://127.0.0.1:11434".into(),
                model: "fake".into(),
                own_network: false,
                api_key: None,
            },
        )
        .await?
        .id;
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
                title: "60 scenes".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: script(None),
            },
        )
        .await?;
    let limit = critical_path();
    let t = Instant::now();
    let request = SummaryRequest {
        document: doc.id.clone(),
        scope: Scope::All,
        kind: SummaryKind::Summary,
        provider: provider.clone(),
    };
    let first = app.summaries().summarize(&me, &request, |_| {}).await?;
    let full = t.elapsed();
    let head = app.documents().get(&doc.id).await?.head_revision_id;
    app.revisions()
        .save(&me, &doc.id, head.as_ref(), script(Some(31)), None)
        .await?;
    let t = Instant::now();
    let update = app.summaries().summarize(&me, &request, |_| {}).await?;
    let after = t.elapsed();
    println!(
        "{SCENES} scenes, {} nodes, {} ms per call, {CONCURRENCY} at once",
        first.nodes.len(),
        LATENCY.as_millis()
    );
    println!(
        "full summary: {} calls in {:.0} ms; critical-path limit {:.0} ms; ratio {:.3}",
        first.calls_made,
        full.as_secs_f64() * 1000.0,
        limit.as_secs_f64() * 1000.0,
        full.as_secs_f64() / limit.as_secs_f64()
    );
    println!(
        "after editing scene 31: {} calls, {} nodes reused, {:.0} ms",
        update.calls_made,
        update.nodes_reused,
        after.as_secs_f64() * 1000.0
    );
    app.close().await;
    Ok(())
}
