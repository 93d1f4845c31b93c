//! Provenance report of a 120-page script with 500 AI-touched spans: building the report
//! (legal view, reviews, disclosures, verification) and writing it as PDF, HTML and JSON.
//! Run in release:
//!
//!     cargo run --release -p greenlight-core --example bench_report [-- PAGES SPANS RUNS]
//!
//! A real SQLite database in a temporary folder; the 500 spans come from 500 takes asked of
//! an in-process model and accepted one by one, each through the same use-cases as the app
//! (vary, accept), so the ledger, the suggestions and the attribution are as a real script's.

use greenlight_ai::scripted::{Script, ScriptedFactory};
use greenlight_core::domain::ai::{ProviderInput, ProviderKindName};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::domain::suggestion_record::VaryRequest;
use greenlight_core::reports::{render, ReportFormat, ReportOf};
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{Greenlight, OpenConfig};
use std::sync::Arc;
use std::time::Instant;

/// About one page of a screenplay (≈ 55 lines, ≈ 210 words): a scene heading, action and
/// five exchanges, each with a line a take can replace (`take N-K`).
fn page(n: usize) -> String {
    let mut out = format!(
        "INT. SOUNDSTAGE {n} - NIGHT\n\nThe crew resets for take {n}. Maya checks the binder, then the clock, then the binder again. A boom microphone drifts into frame and out again while the director waits for the light to settle on the table.\n\n"
    );
    for k in 1..=SPOTS {
        out.push_str(&format!(
            "MAYA\nWe have time for one more if nobody talks.\n\nDANNY\n(quietly)\nNobody ever talks on take {n}-{k}.\n\nMaya writes the time down and underlines it twice.\n\n"
        ));
    }
    out
}

/// Lines per page a take can replace.
const SPOTS: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let pages: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(120);
    let spans: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(500);
    let runs: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(5);
    let dir = tempfile::tempdir()?;
    let model = ScriptedFactory::new(Script::text("unused"));
    let mut cfg = OpenConfig::new(dir.path());
    cfg.providers = Arc::new(model.clone());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("keys")));
    let app = Greenlight::open(cfg).await?;
    let me = app.profiles().local_actor().await?;
    let project = app
        .projects()
        .create(
            &me,
            NewProject {
                title: "Bench Feature".into(),
                logline: String::new(),
                kind: ProjectKind::Feature,
            },
        )
        .await?;
    let text: String = (1..=pages).map(page).collect();
    let doc = app
        .documents()
        .create(
            &me,
            NewDocument {
                project_id: project.id.clone(),
                title: "Bench Feature".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text,
            },
        )
        .await?;
    let provider = app
        .providers()
        .save(
            &me,
            None,
            ProviderInput {
                name: "Bench model".into(),
                kind: ProviderKindName::Ollama,
                base_url: "http://127.0.0.1:11434".into(),
                model: "bench".into(),
                own_network: false,
                api_key: None,
            },
        )
        .await?
        .id;
    let start = Instant::now();
    // One take per span, on successive pages' dialogue lines.
    for n in 0..spans.min(pages * SPOTS) {
        let (page_no, spot) = (n % pages + 1, n / pages + 1);
        let head = app.documents().get(&doc.id).await?.head_revision_id;
        let current = app
            .revisions()
            .get(head.as_ref().ok_or("no head")?)
            .await?
            .text;
        let needle = format!("Nobody ever talks on take {page_no}-{spot}.");
        let Some(byte) = current.find(&needle) else {
            continue;
        };
        let from = current[..byte].chars().count();
        model.push(Script::text(&format!(
            "Nobody breathes on take {page_no}-{spot}."
        )));
        let take = app
            .suggestions()
            .vary(
                &me,
                VaryRequest {
                    document_id: doc.id.clone(),
                    start: from,
                    end: from + needle.chars().count(),
                    instruction: "sharper".into(),
                    preset: None,
                    takes: 1,
                    provider_id: Some(provider.clone()),
                },
            )
            .await?
            .suggestions
            .into_iter()
            .next()
            .ok_or("no take")?;
        app.suggestions().accept(&me, &take.id, None, None).await?;
    }
    println!(
        "{pages} pages, {spans} takes accepted in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let of = ReportOf::Document {
        document_id: doc.id.clone(),
    };
    let (mut build, mut pdf, mut html, mut json) = (vec![], vec![], vec![], vec![]);
    let mut ends = vec![];
    let mut sizes = (0, 0, 0, 0, 0);
    for _ in 0..runs {
        let t = Instant::now();
        let report = app.reports().build(&me, &of).await?;
        build.push(t.elapsed().as_secs_f64() * 1000.0);
        for (format, out) in [
            (ReportFormat::Pdf, &mut pdf),
            (ReportFormat::Html, &mut html),
            (ReportFormat::Json, &mut json),
        ] {
            let t = Instant::now();
            let bytes = render(&report, format)?;
            out.push(t.elapsed().as_secs_f64() * 1000.0);
            match format {
                ReportFormat::Pdf => sizes.0 = bytes.len(),
                ReportFormat::Html => sizes.1 = bytes.len(),
                ReportFormat::Json => sizes.2 = bytes.len(),
            }
        }
        ends.push(build[build.len() - 1] + pdf[pdf.len() - 1]);
        sizes.3 = report.documents[0].spans.len();
        sizes.4 = report.documents[0].total_words as usize;
    }
    let b = median(build);
    let p = median(pdf);
    println!(
        "report of {} words, {} AI-touched passages: build median {b:.0} ms; render PDF {p:.0} ms ({} KB), HTML {:.0} ms ({} KB), JSON {:.0} ms ({} KB)",
        sizes.4,
        sizes.3,
        sizes.0 / 1024,
        median(html),
        sizes.1 / 1024,
        median(json),
        sizes.2 / 1024
    );
    println!(
        "PDF report end to end (build + render, per run): median {:.0} ms (target <= 2000 ms)",
        median(ends)
    );
    app.close().await;
    Ok(())
}
