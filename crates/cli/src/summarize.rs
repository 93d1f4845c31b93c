//! `greenlight summarize DOC [--scope all|scene:N|scenes:A-B] [--kind summary|logline|synopsis]
//! [--provider ID]`.

use crate::render::Out;
use crate::Session;
use greenlight_core::domain::ids::DocumentId;
use greenlight_core::domain::summary_record::{SummaryEvent, SummaryReport};
use greenlight_core::domain::summary_tree::{Scope, SummaryKind};
use greenlight_core::summaries::SummaryRequest;
use greenlight_core::CoreError;
use serde::Serialize;

#[derive(clap::Args)]
pub struct SummarizeArgs {
    document: String,
    /// all, scene:N, scenes:A-B or chars:A-B (the characters A to B, end exclusive: a selection)
    #[arg(long, default_value = "all", value_parser = parse_scope)]
    scope: Scope,
    /// summary (the tree's), logline or synopsis (written from the summary of the scope)
    #[arg(long, default_value = "summary", value_parser = parse_kind)]
    kind: SummaryKind,
    /// A configured provider's id [default: the built-in offline engine]
    #[arg(long, default_value = "offline")]
    provider: String,
}

fn parse_scope(s: &str) -> Result<Scope, String> {
    Scope::parse(s).ok_or_else(|| {
        format!("'{s}' is not a scope; use all, scene:N, scenes:A-B or chars:A-B (a selection)")
    })
}

fn parse_kind(s: &str) -> Result<SummaryKind, String> {
    SummaryKind::parse(s)
        .ok_or_else(|| format!("'{s}' is not a kind of summary; use summary, logline or synopsis"))
}

#[derive(Serialize)]
struct FlagOut<'a> {
    name: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    scope: &'a str,
    scenes: &'a [i64],
    text: &'a str,
    citations: &'a [i64],
    flags: Vec<FlagOut<'a>>,
    reused: bool,
}

#[derive(Serialize)]
struct ReportOut<'a> {
    nodes: Vec<NodeOut<'a>>,
    calls_made: usize,
    nodes_reused: usize,
}

pub async fn run(s: &Session, out: &Out, args: SummarizeArgs) -> Result<(), CoreError> {
    let quiet = out.json;
    let report = s
        .app
        .summaries()
        .summarize(
            &s.actor,
            &SummaryRequest {
                document: DocumentId(args.document),
                scope: args.scope,
                kind: args.kind,
                provider: args.provider,
            },
            move |event| {
                if let (SummaryEvent::Node { done, total, .. }, false) = (event, quiet) {
                    eprint!("\rsummarizing: {done}/{total} nodes");
                }
            },
        )
        .await?;
    if !quiet {
        eprintln!();
    }
    print(out, &report);
    Ok(())
}

fn print(out: &Out, r: &SummaryReport) {
    let shown = ReportOut {
        nodes: r
            .nodes
            .iter()
            .map(|n| NodeOut {
                scope: &n.scope,
                scenes: &n.scenes,
                text: &n.text,
                citations: &n.citations,
                flags: n
                    .flags
                    .iter()
                    .map(|f| FlagOut {
                        name: &f.name,
                        reason: &f.reason,
                    })
                    .collect(),
                reused: n.reused,
            })
            .collect(),
        calls_made: r.calls_made,
        nodes_reused: r.nodes_reused,
    };
    if out.json(&shown) {
        return;
    }
    if let Some(root) = r.nodes.last() {
        println!("{} ({} scenes)\n", root.scope, root.scenes.len());
        for s in &root.sentences {
            let cites: Vec<String> = s.citations.iter().map(|c| format!("S{c}")).collect();
            println!("  {} [{}]", s.text, cites.join(", "));
            for f in &s.flags {
                println!("    ! {}: {}", f.name, f.reason);
            }
        }
    }
    println!(
        "\n{} nodes: {} recomputed, {} reused",
        r.nodes.len(),
        r.calls_made,
        r.nodes_reused
    );
}
