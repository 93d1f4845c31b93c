//! `greenlight report DOC|PROJECT --format html|pdf|json --out FILE` and
//! `greenlight disclose material|elected-use|performer|list`: provenance reports and
//! disclosures of AI use.

use crate::render::Out;
use crate::Session;
use clap::{Args, Subcommand};
use greenlight_core::domain::disclosure::{DisclosureInput, DisclosureRecord};
use greenlight_core::domain::error::fields;
use greenlight_core::domain::ids::{AssetId, DocumentId, ProjectId};
use greenlight_core::domain::DomainError;
use greenlight_core::reports::{ReportFormat, ReportOf};
use greenlight_core::{CoreError, Greenlight};
use std::path::PathBuf;

#[derive(Args)]
pub struct ReportArgs {
    /// A document id, or a project id for the whole project
    target: String,
    /// html, pdf or json
    #[arg(long, default_value = "html", value_parser = parse_format)]
    format: ReportFormat,
    /// Where to write it (refused if it exists, unless --force)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Replace FILE if it exists
    #[arg(long)]
    force: bool,
}

fn parse_format(s: &str) -> Result<ReportFormat, String> {
    ReportFormat::parse(s)
        .ok_or_else(|| format!("'{s}' is not a report format; use html, pdf or json"))
}

#[derive(Subcommand)]
pub enum DiscloseCmd {
    /// Record that material a model produced was given to a writer
    Material {
        #[arg(long)]
        project: String,
        /// The writer (login on a team server, or id)
        #[arg(long)]
        to: String,
        /// Which material ("the AI outline of episode 3")
        #[arg(long)]
        material: String,
        /// The document it is, if it is one
        #[arg(long)]
        document: Option<String>,
    },
    /// Record the company's consent to a writer's own elected use of AI (under the project's
    /// AI policy as it stands)
    ElectedUse {
        #[arg(long)]
        project: String,
        #[arg(long)]
        writer: String,
        /// The use consented to
        #[arg(long = "use")]
        described_use: String,
    },
    /// Record a performer's consent for a use of their voice or likeness
    Performer {
        #[arg(long)]
        project: String,
        #[arg(long)]
        performer: String,
        /// The agreement's or release's reference
        #[arg(long)]
        consent: String,
        #[arg(long = "use")]
        described_use: String,
        /// The voice or likeness asset, if there is one
        #[arg(long)]
        asset: Option<String>,
    },
    /// A project's disclosures, or (with --to-me) what was disclosed to you
    List {
        #[arg(long, required_unless_present = "to_me")]
        project: Option<String>,
        #[arg(long)]
        to_me: bool,
    },
}

/// A document or a project, by id.
async fn target(app: &Greenlight, id: &str) -> Result<ReportOf, CoreError> {
    let doc = DocumentId(id.to_owned());
    if app.documents().get(&doc).await.is_ok() {
        return Ok(ReportOf::Document { document_id: doc });
    }
    let project = ProjectId(id.to_owned());
    match app.projects().get(&project).await {
        Ok(_) => Ok(ReportOf::Project {
            project_id: project,
        }),
        Err(_) => Err(CoreError::NotFound {
            what: "document or project",
            id: id.to_owned(),
        }),
    }
}

pub async fn report(s: &Session, out: &Out, args: ReportArgs) -> Result<(), CoreError> {
    if args.out.exists() && !args.force {
        return Err(CoreError::Invalid(DomainError::Refused {
            field: fields::REPORT,
            reason: format!(
                "{} exists; choose another file, or add --force to replace it",
                args.out.display()
            ),
        }));
    }
    let of = target(&s.app, &args.target).await?;
    let written = s
        .app
        .reports()
        .export(&s.actor, &of, args.format, &args.out)
        .await?;
    let report = &written.report;
    if !out.json(&serde_json::json!({
        "path": args.out.display().to_string(),
        "format": args.format.extension(),
        "bytes": written.bytes,
        "aiShare": report.summary.ai_share,
        "verified": report.verification.ok,
    })) {
        println!(
            "{} written: {} document(s), {:.1} % of words AI-touched, record {}",
            args.out.display(),
            report.summary.documents,
            report.summary.ai_share * 100.0,
            if report.verification.ok {
                "intact"
            } else {
                "ALTERED"
            }
        );
    }
    Ok(())
}

pub async fn disclose(s: &Session, out: &Out, cmd: DiscloseCmd) -> Result<(), CoreError> {
    let (app, actor) = (&s.app, &s.actor);
    let person =
        |who: String| async move { Ok::<_, CoreError>(app.members().find_person(&who).await?.id) };
    let (project, input) = match cmd {
        DiscloseCmd::List { project, to_me } => {
            let list = match (to_me, project) {
                (true, _) | (false, None) => app.disclosures().to_me(actor).await?,
                (false, Some(p)) => app.disclosures().of_project(actor, &ProjectId(p)).await?,
            };
            show(out, &list);
            return Ok(());
        }
        DiscloseCmd::Material {
            project,
            to,
            material,
            document,
        } => (
            project,
            DisclosureInput::MaterialProvided {
                to: person(to).await?,
                material,
                document_id: document.map(DocumentId),
            },
        ),
        DiscloseCmd::ElectedUse {
            project,
            writer,
            described_use,
        } => (
            project,
            DisclosureInput::ElectedUse {
                writer: person(writer).await?,
                described_use,
            },
        ),
        DiscloseCmd::Performer {
            project,
            performer,
            consent,
            described_use,
            asset,
        } => (
            project,
            DisclosureInput::PerformerConsent {
                performer,
                consent_reference: consent,
                described_use,
                asset_id: asset.map(AssetId),
            },
        ),
    };
    let record = app
        .disclosures()
        .record(actor, &ProjectId(project), input)
        .await?;
    show(out, std::slice::from_ref(&record));
    Ok(())
}

fn show(out: &Out, list: &[DisclosureRecord]) {
    if out.json(&list) {
        return;
    }
    if list.is_empty() {
        println!("no disclosures");
    }
    for d in list {
        println!(
            "{}  {}  {} {}",
            crate::render::utc(d.at),
            d.id,
            d.recorded_by_name,
            d.summary
        );
    }
}
