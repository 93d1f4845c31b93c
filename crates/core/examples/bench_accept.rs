//! Benchmark: accepting a suggestion into a 30,000-word document (a new revision through the
//! same path as a person's save, with its attribution and ledger event). Each round asks the
//! fake model (in-process, no network) for one take on a passage, then times only the accept.
//! Run in release:
//!
//!     cargo run --release -p greenlight-core --example bench_accept

use greenlight_ai::scripted::{Script, ScriptedFactory};
use greenlight_core::domain::ai::{ProviderInput, ProviderKindName};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::domain::suggestion_record::VaryRequest;
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{Greenlight, OpenConfig};
use std::sync::Arc;
use std::time::Instant;

const ROUNDS: usize = 200;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let model = ScriptedFactory::new(Script::text("Maya slams the binder shut and walks out."));
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
                name: "Fake".into(),
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
    let text = "Maya checks the binder while the crew resets the lights.\n\n".repeat(3_000);
    let doc = app
        .documents()
        .create(
            &me,
            NewDocument {
                project_id: p.id,
                title: "30k".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text,
            },
        )
        .await?;
    let mut ms = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        // A different passage each round, so earlier acceptances do not stale it.
        let start = (round * 61 * 7) % 150_000;
        let start = start - start % 59;
        let out = app
            .suggestions()
            .vary(
                &me,
                VaryRequest {
                    document_id: doc.id.clone(),
                    start,
                    end: start + 56,
                    instruction: "tighten".into(),
                    preset: None,
                    takes: 1,
                    provider_id: Some(provider.clone()),
                },
            )
            .await?;
        let Some(s) = out.suggestions.first() else {
            return Err(format!("no take: {:?}", out.failed).into());
        };
        let t = Instant::now();
        app.suggestions().accept(&me, &s.id, None, None).await?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "accept into a 30,000-word document ({ROUNDS} acceptances): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms[ms.len() - 1]
    );
    app.close().await;
    Ok(())
}
