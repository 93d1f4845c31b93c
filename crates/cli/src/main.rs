//! `greenlight`: Greenlight's use-cases on the command line, for scripts, batch jobs and
//! diagnosis. It opens the same database as the app (`--data-dir` or `GREENLIGHT_DATA_DIR`).

mod render;

use clap::{Args, Parser, Subcommand};
use greenlight_core::domain::document::DocumentKind;
use greenlight_core::domain::ids::{DocumentId, ProjectId, RevisionId};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::{default_data_dir, CoreError, Greenlight, OpenConfig};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "greenlight", version, about = "Greenlight on the command line")]
struct Cli {
    /// Folder holding the database [default: $GREENLIGHT_DATA_DIR, else the OS data folder]
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Projects
    #[command(subcommand)]
    Project(ProjectCmd),
    /// Documents and their revisions
    #[command(subcommand)]
    Doc(DocCmd),
    /// Recompute the event ledger's hash chain and name the first broken event
    Verify,
}

#[derive(Subcommand)]
enum ProjectCmd {
    /// List projects
    List {
        /// Include archived projects
        #[arg(long)]
        all: bool,
    },
    /// Create a project
    Create {
        title: String,
        #[arg(long, default_value = "")]
        logline: String,
        /// feature, series, episode, short or other
        #[arg(long, default_value = "feature", value_parser = parse_project_kind)]
        kind: ProjectKind,
    },
}

#[derive(Subcommand)]
enum DocCmd {
    /// List the documents of a project
    List { project: String },
    /// Import a .txt, .md or .fountain file as a new document
    Import {
        file: PathBuf,
        #[arg(long)]
        project: String,
        /// screenplay, treatment, outline, synopsis, bible or notes
        #[arg(long, value_parser = parse_document_kind)]
        kind: Option<DocumentKind>,
    },
    /// Write a document's newest (or a given) revision to a file, or to stdout
    Export(ExportArgs),
    /// List a document's revisions, newest first
    History { document: String },
    /// Word diff between two revisions
    Diff { from: String, to: String },
}

#[derive(Args)]
struct ExportArgs {
    document: String,
    /// A revision id; the newest when omitted
    #[arg(long)]
    revision: Option<String>,
    /// Output file; stdout when omitted
    #[arg(long, short)]
    out: Option<PathBuf>,
}

fn parse_project_kind(s: &str) -> Result<ProjectKind, String> {
    ProjectKind::parse(s).map_err(|e| e.to_string())
}

fn parse_document_kind(s: &str) -> Result<DocumentKind, String> {
    DocumentKind::parse(s).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), CoreError> {
    let data_dir = cli.data_dir.clone().unwrap_or_else(default_data_dir);
    let app = Greenlight::open(OpenConfig::new(data_dir)).await?;
    let out = render::Out { json: cli.json };
    let result = dispatch(&app, &out, cli.command).await;
    app.close().await;
    result
}

async fn dispatch(app: &Greenlight, out: &render::Out, cmd: Command) -> Result<(), CoreError> {
    match cmd {
        Command::Project(ProjectCmd::List { all }) => out.projects(&app.list_projects(all).await?),
        Command::Project(ProjectCmd::Create {
            title,
            logline,
            kind,
        }) => out.project(
            &app.create_project(NewProject {
                title,
                logline,
                kind,
            })
            .await?,
        ),
        Command::Doc(DocCmd::List { project }) => {
            out.documents(&app.list_documents(&ProjectId(project)).await?)
        }
        Command::Doc(DocCmd::Import {
            file,
            project,
            kind,
        }) => out.document(
            &app.import_document(&ProjectId(project), &file, kind)
                .await?,
        ),
        Command::Doc(DocCmd::Export(args)) => export(app, out, args).await?,
        Command::Doc(DocCmd::History { document }) => {
            out.revisions(&app.list_revisions(&DocumentId(document)).await?)
        }
        Command::Doc(DocCmd::Diff { from, to }) => out.diff(
            &app.diff_revisions(&RevisionId(from), &RevisionId(to))
                .await?,
        ),
        Command::Verify => {
            let report = app.verify_ledger().await?;
            out.verify(&report);
            if !report.ok {
                return Err(CoreError::Conflict(
                    "the event ledger failed verification".into(),
                ));
            }
        }
    }
    Ok(())
}

async fn export(app: &Greenlight, out: &render::Out, args: ExportArgs) -> Result<(), CoreError> {
    let doc = app.get_document(&DocumentId(args.document)).await?;
    let rev = match args
        .revision
        .map(RevisionId)
        .or(doc.head_revision_id.clone())
    {
        Some(r) => r,
        None => {
            return Err(CoreError::NotFound {
                what: "revision",
                id: doc.id.to_string(),
            })
        }
    };
    match args.out {
        Some(path) => {
            app.export_revision(&rev, &path).await?;
            out.exported(&path, doc.format);
        }
        None => print!("{}", app.get_revision(&rev).await?.text),
    }
    Ok(())
}
