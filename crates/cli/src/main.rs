//! `greenlight`: Greenlight's use-cases on the command line, for scripts, batch jobs and
//! diagnosis. It opens the same database as the app (`--data-dir` or `GREENLIGHT_DATA_DIR`),
//! or a team's server (`--database-url` or `GREENLIGHT_DATABASE_URL`).

mod ai;
mod asset;
mod comment;
mod members;
mod moving;
mod render;
mod report;
mod review;
mod suggest;
mod summarize;
mod team;
mod verify;
mod workflow;

use clap::{Args, Parser, Subcommand};
use greenlight_core::domain::document::DocumentKind;
use greenlight_core::domain::ids::{DocumentId, ProjectId, RevisionId};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::domain::structure::{ExportFormat, ScriptStructure};
use greenlight_core::domain::workflow::Role;
use greenlight_core::export::render;
use greenlight_core::files::write_atomically;
use greenlight_core::import::convert_file;
use greenlight_core::secrets::SecretsFile;
use greenlight_core::structure::structure_of;
use greenlight_core::{
    default_data_dir, Actor, CoreError, Database, Greenlight, OpenConfig, TeamServer,
};
use members::MembersCmd;
use std::io::Write;
use std::path::{Path, PathBuf};
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
    /// Keep API keys in this file (mode 600) instead of the OS keyring, for machines without
    /// one [default: $GREENLIGHT_SECRETS_FILE, else the OS keyring]
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "GREENLIGHT_SECRETS_FILE"
    )]
    secrets_file: Option<PathBuf>,
    /// A team's PostgreSQL server instead of the local database:
    /// postgres://LOGIN@HOST:PORT/DATABASE[?sslmode=disable|require|verify-full&sslrootcert=CA.pem].
    /// Never put the password in it: it comes from the OS keyring, PGPASSWORD or ~/.pgpass
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "GREENLIGHT_DATABASE_URL",
        hide_env_values = true
    )]
    database_url: Option<String>,
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
    /// Check every ledger chain (one per project, one for the workspace), every signature and
    /// every revision's text against its recorded hash; names each chain and event that broke
    Verify(verify::VerifyArgs),
    /// A provenance report of a document or a whole project, as HTML, PDF or JSON
    Report(report::ReportArgs),
    /// Disclosures of AI use: material given to a writer, a writer's elected use, a
    /// performer's consent; list them
    #[command(subcommand)]
    Disclose(report::DiscloseCmd),
    /// Your signing keys: show, or make a new one on this computer (rotate)
    #[command(subcommand)]
    Keys(verify::KeysCmd),
    /// AI providers (keys live in the OS keyring)
    #[command(subcommand)]
    Providers(ai::ProvidersCmd),
    /// Run a one-off AI request (summary, or a variation with --instruction) and stream it
    Ask(ai::AskArgs),
    /// Set up a team's PostgreSQL server (for its administrator; needs --database-url)
    #[command(subcommand)]
    Team(team::TeamCmd),
    /// Ask a model for takes on a passage; each is kept as a pending suggestion
    Vary(suggest::VaryArgs),
    /// Summarize a document as a tree (scenes, sequences, whole), reusing cached nodes;
    /// every sentence cites its scenes, names the script lacks are flagged
    Summarize(summarize::SummarizeArgs),
    /// Suggestions: list, accept (whole, some hunks, or edited), reject, undo
    #[command(subcommand)]
    Suggest(suggest::SuggestCmd),
    /// A project's members and their roles: list, add, remove, roles
    #[command(subcommand)]
    Members(members::MembersCmd),
    /// A project's approval workflow templates: list, set, remove
    #[command(subcommand)]
    Workflow(workflow::WorkflowCmd),
    /// Reviews: request, decide, list (--waiting-for-me), show
    #[command(subcommand)]
    Review(review::ReviewCmd),
    /// Comments on documents and assets: add (or reply), list, resolve
    #[command(subcommand)]
    Comment(comment::CommentCmd),
    /// A project's assets (images, video, audio, PDFs): import, list, versions
    #[command(subcommand)]
    Asset(asset::AssetCmd),
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
    /// List a project's members
    Members { project: String },
    /// Add a person (by login on a team server, or by id) to a project
    AddMember { project: String, person: String },
    /// Remove a person from a project
    RemoveMember { project: String, person: String },
    /// Set the roles a member holds: writer, producer, legal_reviewer, admin (comma-separated;
    /// an admin's call)
    SetRoles {
        project: String,
        person: String,
        #[arg(long, value_delimiter = ',', value_parser = members::parse_role)]
        roles: Vec<Role>,
    },
    /// Move a project with its whole history between the local database and the team server
    /// named by --database-url (the source copy is removed locally, archived on a server)
    Move {
        project: String,
        #[arg(long, value_enum)]
        to: moving::Destination,
    },
}

#[derive(Subcommand)]
enum DocCmd {
    /// List the documents of a project
    List { project: String },
    /// Import a .fdx, .fountain, .md or .txt file as a new document
    Import {
        file: PathBuf,
        #[arg(long)]
        project: String,
        /// screenplay, treatment, outline, synopsis, bible or notes
        #[arg(long, value_parser = parse_document_kind)]
        kind: Option<DocumentKind>,
    },
    /// Write a document's newest (or a given) revision — or convert a file — to a file or stdout
    Export(ExportArgs),
    /// List a document's revisions, newest first
    History { document: String },
    /// A screenplay's scenes (a document id, or a .fountain/.fdx file to inspect without importing)
    Scenes { source: String },
    /// A screenplay's characters (a document id, or a .fountain/.fdx file)
    Characters { source: String },
    /// Word diff between two revisions
    Diff { from: String, to: String },
    /// Save UTF-8 text from a file (or stdin) as a new revision of a document
    Save(SaveArgs),
    /// Which characters of a revision came from which suggestion, with AI-touched totals
    Attribution {
        document: String,
        /// A revision id; the newest when omitted
        #[arg(long)]
        revision: Option<String>,
    },
    /// What an exported file's Content Credentials (its `.c2pa` sidecar) say, checked
    /// against the file
    Credentials {
        /// The exported file (its sidecar is the same name ending in .c2pa)
        file: PathBuf,
    },
}

#[derive(Args)]
struct SaveArgs {
    /// The document's id
    document: String,
    /// The file whose text becomes the new revision; stdin when omitted or `-`
    file: Option<PathBuf>,
    /// The revision the text was edited from [default: the document's newest]; the save is
    /// refused as a conflict when someone saved a newer one meanwhile
    #[arg(long, value_name = "REVISION")]
    parent: Option<String>,
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
    /// original, fountain, fdx, txt or pdf [default: from the output file's extension, else original]
    #[arg(long, value_parser = parse_export_format)]
    format: Option<ExportFormat>,
}

fn parse_export_format(s: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(s).ok_or_else(|| {
        format!("'{s}' is not an export format; use original, fountain, fdx, txt or pdf")
    })
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
    let secrets_file = cli.secrets_file.is_some();
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            if matches!(e, CoreError::Keyring(_)) && !secrets_file {
                eprintln!(
                    "hint: on a machine without a keyring, keep keys in a private file instead: --secrets-file FILE (or GREENLIGHT_SECRETS_FILE)"
                );
            }
            ExitCode::FAILURE
        }
    }
}

/// The opened app and who acts in this run of the command (built once).
pub struct Session {
    pub app: Greenlight,
    pub actor: Actor,
}

async fn run(cli: Cli) -> Result<(), CoreError> {
    let data_dir = cli.data_dir.clone().unwrap_or_else(default_data_dir);
    let mut cfg = OpenConfig::new(data_dir);
    if let Some(file) = &cli.secrets_file {
        cfg.credentials = std::sync::Arc::new(SecretsFile::new(file));
    }
    let team = match cli.database_url.as_deref().filter(|u| !u.trim().is_empty()) {
        Some(url) => Some(TeamServer::from_url(url.trim())?),
        None => None,
    };
    let out = render::Out { json: cli.json };
    let command = match cli.command {
        Command::Team(cmd) => return team::run(team, cfg.credentials.clone(), &out, cmd).await,
        Command::Project(ProjectCmd::Move { project, to }) => {
            return moving::run(cfg, team, &out, project, to).await
        }
        other => other,
    };
    if let Some(team) = team {
        cfg.database = Database::Team(team);
    }
    let app = Greenlight::open(cfg).await?;
    let result = match app.profiles().local_actor().await {
        Ok(actor) => {
            let session = Session {
                app: app.clone(),
                actor,
            };
            dispatch(&session, &out, command).await
        }
        Err(e) => Err(e),
    };
    app.close().await;
    result
}

async fn dispatch(s: &Session, out: &render::Out, cmd: Command) -> Result<(), CoreError> {
    let (app, actor) = (&s.app, &s.actor);
    match cmd {
        Command::Project(ProjectCmd::List { all }) => {
            out.projects(&app.projects().list(all).await?)
        }
        Command::Project(ProjectCmd::Create {
            title,
            logline,
            kind,
        }) => out.project(
            &app.projects()
                .create(
                    actor,
                    NewProject {
                        title,
                        logline,
                        kind,
                    },
                )
                .await?,
        ),
        Command::Project(ProjectCmd::Members { project }) => {
            members::run(s, out, MembersCmd::List { project }).await?
        }
        Command::Project(ProjectCmd::AddMember { project, person }) => {
            members::run(
                s,
                out,
                MembersCmd::Add {
                    project,
                    person,
                    roles: None,
                },
            )
            .await?
        }
        Command::Project(ProjectCmd::SetRoles {
            project,
            person,
            roles,
        }) => {
            members::run(
                s,
                out,
                MembersCmd::Roles {
                    project,
                    person,
                    roles,
                },
            )
            .await?
        }
        Command::Project(ProjectCmd::RemoveMember { project, person }) => {
            members::run(s, out, MembersCmd::Remove { project, person }).await?
        }
        Command::Members(cmd) => members::run(s, out, cmd).await?,
        Command::Workflow(cmd) => workflow::run(s, out, cmd).await?,
        Command::Review(cmd) => review::run(s, out, cmd).await?,
        Command::Comment(cmd) => comment::run(s, out, cmd).await?,
        Command::Asset(cmd) => asset::run(s, out, cmd).await?,
        Command::Doc(DocCmd::List { project }) => {
            out.documents(&app.documents().list(&ProjectId(project)).await?)
        }
        Command::Doc(DocCmd::Import {
            file,
            project,
            kind,
        }) => out.imported(
            &app.documents()
                .import(actor, &ProjectId(project), &file, kind)
                .await?,
        ),
        Command::Doc(DocCmd::Export(args)) => export(s, out, args).await?,
        Command::Doc(DocCmd::History { document }) => {
            out.revisions(&app.revisions().list(&DocumentId(document)).await?)
        }
        Command::Doc(DocCmd::Scenes { source }) => {
            out.scenes(&structure_of_source(app, &source).await?)
        }
        Command::Doc(DocCmd::Characters { source }) => {
            out.characters(&structure_of_source(app, &source).await?)
        }
        Command::Doc(DocCmd::Diff { from, to }) => out.diff(
            &app.revisions()
                .diff(&RevisionId(from), &RevisionId(to))
                .await?,
        ),
        Command::Doc(DocCmd::Save(args)) => save(s, out, args).await?,
        Command::Doc(DocCmd::Credentials { file }) => {
            let media_type = match file
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("pdf") => "application/pdf",
                Some("fdx") => "application/xml",
                Some("md" | "markdown") => "text/markdown",
                _ => "text/plain",
            };
            out.credentials(&greenlight_core::export_credentials::read_sidecar(
                &file, media_type,
            )?);
        }
        Command::Doc(DocCmd::Attribution { document, revision }) => {
            suggest::attribution(s, out, document, revision).await?
        }
        Command::Vary(args) => suggest::vary(s, out, args).await?,
        Command::Summarize(args) => summarize::run(s, out, args).await?,
        Command::Suggest(cmd) => suggest::suggest(s, out, cmd).await?,
        Command::Providers(cmd) => ai::providers(s, out, cmd).await?,
        Command::Ask(args) => ai::ask(s, out, args).await?,
        // Handled before opening the app (they need the server, or two databases).
        Command::Team(_) | Command::Project(ProjectCmd::Move { .. }) => {}
        Command::Verify(args) => verify::verify(s, out, args).await?,
        Command::Keys(cmd) => verify::keys(s, out, cmd).await?,
        Command::Report(args) => report::report(s, out, args).await?,
        Command::Disclose(cmd) => report::disclose(s, out, cmd).await?,
    }
    Ok(())
}

/// A path that exists is read as a file (converted like an import, nothing stored); anything
/// else is taken as a document id.
async fn structure_of_source(app: &Greenlight, source: &str) -> Result<ScriptStructure, CoreError> {
    let path = Path::new(source);
    if path.is_file() {
        let path = path.to_path_buf();
        return off_runtime(move || Ok(structure_of(&convert_file(&path)?.text))).await;
    }
    app.documents()
        .structure(&DocumentId(source.to_owned()))
        .await
}

/// Runs file reads, parsing and rendering on the blocking pool.
async fn off_runtime<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, CoreError> + Send + 'static,
) -> Result<T, CoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CoreError::Internal(format!("background task: {e}")))?
}

/// Where the export goes and in which format (from `--format`, else the output's extension).
fn export_format(args: &ExportArgs) -> ExportFormat {
    args.format
        .or_else(|| {
            let ext = args
                .out
                .as_ref()?
                .extension()?
                .to_string_lossy()
                .into_owned();
            ExportFormat::from_extension(&ext)
        })
        .unwrap_or(ExportFormat::Original)
}

/// Writes to a file (atomically, like every export) or to stdout.
fn write_out(out: Option<&Path>, bytes: &[u8]) -> Result<(), CoreError> {
    match out {
        Some(p) => write_atomically(p, bytes),
        None => std::io::stdout()
            .write_all(bytes)
            .map_err(|source| CoreError::Io {
                action: "Cannot write",
                path: PathBuf::from("<stdout>"),
                source,
            }),
    }
}

async fn export(s: &Session, out: &render::Out, args: ExportArgs) -> Result<(), CoreError> {
    let app = &s.app;
    // A file instead of a document: convert it without importing anything.
    let source = Path::new(&args.document);
    if source.is_file() {
        let format = export_format(&args);
        let (from, to) = (source.to_path_buf(), args.out.clone());
        off_runtime(move || {
            let converted = convert_file(&from)?;
            write_out(
                to.as_deref(),
                &render(&converted.text, converted.format, format)?,
            )
        })
        .await?;
        if let Some(path) = &args.out {
            out.exported(path, format);
        }
        return Ok(());
    }
    let doc = app
        .documents()
        .get(&DocumentId(args.document.clone()))
        .await?;
    let rev = match args
        .revision
        .clone()
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
    let format = export_format(&args);
    match args.out {
        Some(path) => {
            app.revisions()
                .export(&s.actor, &rev, &path, format)
                .await?;
            out.exported(&path, format);
        }
        None => {
            let text = app.revisions().get(&rev).await?.text;
            write_out(None, &render(&text, doc.format, format)?)?;
        }
    }
    Ok(())
}

/// `doc save`: reads at most one byte more than a document may hold (core refuses it with
/// the limit), insists on UTF-8, and saves on top of `--parent` or the newest revision.
async fn save(s: &Session, out: &render::Out, args: SaveArgs) -> Result<(), CoreError> {
    use greenlight_core::domain::limits::MAX_DOCUMENT_BYTES;
    use std::io::Read;
    let source = args.file.clone().filter(|p| p.as_os_str() != "-");
    let text = off_runtime(move || {
        let limit = MAX_DOCUMENT_BYTES as u64 + 1;
        let mut bytes = Vec::new();
        let (read, path) = match &source {
            Some(p) => (
                std::fs::File::open(p).and_then(|f| f.take(limit).read_to_end(&mut bytes)),
                p.clone(),
            ),
            None => (
                std::io::stdin().lock().take(limit).read_to_end(&mut bytes),
                PathBuf::from("<stdin>"),
            ),
        };
        let text = read.and_then(|_| {
            String::from_utf8(bytes).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text")
            })
        });
        text.map_err(|source| CoreError::Io {
            action: "Cannot read",
            path,
            source,
        })
    })
    .await?;
    let document = DocumentId(args.document);
    let parent = match args.parent {
        Some(p) => Some(RevisionId(p)),
        None => s.app.documents().get(&document).await?.head_revision_id,
    };
    let rev = s
        .app
        .revisions()
        .save(&s.actor, &document, parent.as_ref(), text, None)
        .await?;
    out.revisions(std::slice::from_ref(&rev.meta));
    Ok(())
}
