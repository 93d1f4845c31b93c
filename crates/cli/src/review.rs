//! `greenlight review request|decide|list|show`: reviews of document revisions through a
//! project's approval workflow. `--json` prints what the app shows (`ReviewInfo`, `Inbox`).

use crate::render::Out;
use crate::Session;
use clap::{Args, Subcommand, ValueEnum};
use greenlight_core::domain::error::fields;
use greenlight_core::domain::ids::{DocumentId, ProjectId, ReviewId};
use greenlight_core::domain::workflow::{ReviewInfo, StageStatus, Verdict};
use greenlight_core::domain::DomainError;
use greenlight_core::reviews::{DecideInput, ReviewRequest};
use greenlight_core::CoreError;
use serde::Serialize;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Subcommand)]
pub enum ReviewCmd {
    /// Ask for a review of a document's newest revision or an asset's newest version
    Request(RequestArgs),
    /// Decide a stage of a review (the one waiting for you unless --stage names it)
    Decide(DecideArgs),
    /// Reviews: what waits for you and what you asked for, or a project's or document's
    List(ListArgs),
    /// One review: its stages, every decision with its comment, and the words changed since
    /// the last approval
    Show { review: String },
}

#[derive(Args)]
pub struct RequestArgs {
    /// The document (its newest revision) or asset (its newest version) to review
    pub subject: String,
    /// The project's workflow template by name (its only or "default" one otherwise)
    #[arg(long)]
    pub workflow: Option<String>,
    /// When the review should be done: a time (2026-12-24T18:00:00Z) or a span from now (3d,
    /// 36h)
    #[arg(long)]
    pub due: Option<String>,
    /// Only these scenes (4 or 3-5); scene-scoped stages keep their approval through
    /// revisions that leave them alone
    #[arg(long)]
    pub scenes: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum VerdictArg {
    Approve,
    ApproveWithChanges,
    RequestChanges,
    Reject,
}

#[derive(Args)]
pub struct DecideArgs {
    pub review: String,
    #[arg(value_enum)]
    pub verdict: VerdictArg,
    #[arg(long)]
    pub comment: Option<String>,
    /// The stage to decide (by default the first one waiting for you)
    #[arg(long)]
    pub stage: Option<String>,
    /// The revision you looked at; refused when a newer one is under review now
    #[arg(long)]
    pub revision: Option<String>,
}

#[derive(Args)]
pub struct ListArgs {
    /// Only the reviews waiting for your decision
    #[arg(long)]
    pub waiting_for_me: bool,
    /// A project's reviews
    #[arg(long, conflicts_with_all = ["document", "waiting_for_me"])]
    pub project: Option<String>,
    /// A document's reviews
    #[arg(long, conflicts_with = "waiting_for_me")]
    pub document: Option<String>,
}

pub async fn run(s: &Session, out: &Out, cmd: ReviewCmd) -> Result<(), CoreError> {
    let reviews = s.app.reviews();
    match cmd {
        ReviewCmd::Request(a) => {
            let due_at = a.due.as_deref().map(parse_due).transpose()?;
            let request = ReviewRequest {
                workflow: a.workflow,
                due_at,
                scenes: a.scenes,
            };
            let doc = DocumentId(a.subject.clone());
            let r = match s.app.documents().get(&doc).await {
                Ok(_) => reviews.request(&s.actor, &doc, request).await?,
                Err(CoreError::NotFound { .. }) => {
                    let asset = greenlight_core::domain::ids::AssetId(a.subject);
                    reviews.request_asset(&s.actor, &asset, request).await?
                }
                Err(e) => return Err(e),
            };
            one(out, &r);
        }
        ReviewCmd::Decide(a) => {
            let verdict = match a.verdict {
                VerdictArg::Approve => Verdict::Approve,
                VerdictArg::ApproveWithChanges => Verdict::ApproveWithChanges,
                VerdictArg::RequestChanges => Verdict::RequestChanges,
                VerdictArg::Reject => Verdict::Reject,
            };
            let r = reviews
                .decide(
                    &s.actor,
                    &ReviewId(a.review),
                    DecideInput {
                        stage: a.stage,
                        subject_id: a.revision,
                        verdict,
                        comment: a.comment,
                    },
                )
                .await?;
            one(out, &r);
        }
        ReviewCmd::List(a) => {
            let list = match (a.project, a.document) {
                (Some(p), _) => reviews.of_project(&s.actor, &ProjectId(p)).await?,
                (None, Some(d)) => reviews.of_document(&s.actor, &DocumentId(d)).await?,
                (None, None) => {
                    let inbox = reviews.inbox(&s.actor).await?;
                    if a.waiting_for_me {
                        inbox.waiting
                    } else {
                        if out.json(&inbox) {
                            return Ok(());
                        }
                        println!(
                            "Waiting for you ({}, {} overdue):",
                            inbox.waiting.len(),
                            inbox.overdue
                        );
                        lines(&inbox.waiting);
                        println!("You asked for ({}):", inbox.requested.len());
                        lines(&inbox.requested);
                        return Ok(());
                    }
                }
            };
            if !out.json(&list) {
                lines(&list);
            }
        }
        ReviewCmd::Show { review } => {
            let id = ReviewId(review);
            let r = reviews.get(&s.actor, &id).await?;
            let decisions = reviews.decisions(&id).await?;
            let changed = reviews.changes_since_approval(&id).await?;
            #[derive(Serialize)]
            #[serde(rename_all = "camelCase")]
            struct Shown<'a> {
                review: &'a ReviewInfo,
                decisions: &'a [greenlight_core::domain::workflow::ReviewDecisionRecord],
                changes_since_approval: &'a Option<greenlight_core::domain::diff::WordDiff>,
            }
            if out.json(&Shown {
                review: &r,
                decisions: &decisions,
                changes_since_approval: &changed,
            }) {
                return Ok(());
            }
            one(out, &r);
            for d in &decisions {
                println!(
                    "  round {} · {} · {} by {}{}",
                    d.round,
                    d.stage,
                    d.verdict.as_str().replace('_', " "),
                    d.by_name,
                    d.comment
                        .as_deref()
                        .map(|c| format!(": “{c}”"))
                        .unwrap_or_default()
                );
            }
            if let Some(diff) = changed {
                println!(
                    "  since the last approval: +{} −{} words",
                    diff.words_inserted, diff.words_deleted
                );
            }
        }
    }
    Ok(())
}

fn one(out: &Out, r: &ReviewInfo) {
    if out.json(r) {
        return;
    }
    println!(
        "{}  “{}”  round {}  {}",
        r.id,
        r.title,
        r.state.round,
        status(r)
    );
    for (stage, w) in r.state.stages.iter().zip(&r.workflow.stages) {
        let roles: Vec<&str> = w.roles.iter().map(|r| r.label()).collect();
        println!(
            "  {:<12} {:<18} ({}){}",
            stage.name,
            stage.status.as_str().replace('_', " "),
            roles.join(" or "),
            if r.waiting_for_me.contains(&stage.name) {
                "  ← waiting for you"
            } else {
                ""
            }
        );
    }
}

fn lines(list: &[ReviewInfo]) {
    if list.is_empty() {
        println!("  (none)");
    }
    for r in list {
        let open: Vec<&str> = r
            .state
            .stages
            .iter()
            .filter(|s| matches!(s.status, StageStatus::Open { .. }))
            .map(|s| s.name.as_str())
            .collect();
        println!(
            "  {}  “{}”  round {}  {}{}{}",
            r.id,
            r.title,
            r.state.round,
            status(r),
            if open.is_empty() {
                String::new()
            } else {
                format!(" · open: {}", open.join(", "))
            },
            if r.overdue.is_empty() {
                ""
            } else {
                " · OVERDUE"
            }
        );
    }
}

fn status(r: &ReviewInfo) -> String {
    serde_json::to_value(r.state.status)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

/// `2026-12-24T18:00:00Z` or a span from now (`3d`, `36h`), as milliseconds since the epoch.
fn parse_due(s: &str) -> Result<i64, CoreError> {
    let bad = |why: String| {
        CoreError::Invalid(DomainError::Refused {
            field: fields::DUE,
            reason: why,
        })
    };
    let at = match humantime::parse_rfc3339_weak(s) {
        Ok(t) => t,
        Err(_) => {
            let span = humantime::parse_duration(s).map_err(|e| {
                bad(format!(
                    "“{s}” is neither a time (2026-12-24T18:00:00Z) nor a span (3d, 36h): {e}"
                ))
            })?;
            SystemTime::now()
                .checked_add(span)
                .ok_or_else(|| bad(format!("“{s}” is too far away")))?
        }
    };
    let ms = at
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_millis();
    i64::try_from(ms).map_err(|_| bad(format!("“{s}” is too far away")))
}
