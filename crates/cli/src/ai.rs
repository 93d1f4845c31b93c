//! `greenlight providers …` and `greenlight ask`.

use crate::render::Out;
use crate::Session;
use clap::{Args, Subcommand};
use greenlight_core::domain::ai::{
    AiOutcome, AiRunEvent, AiRunRequest, AiTask, ProviderInput, ProviderKindName,
};
use greenlight_core::domain::ids::{DocumentId, ProjectId};
use greenlight_core::CoreError;
use std::io::Write;

#[derive(Subcommand)]
pub enum ProvidersCmd {
    /// List providers (the built-in offline engine first)
    List,
    /// Add a provider; the key is read from $GREENLIGHT_API_KEY or --key-stdin, never an argument
    Add {
        name: String,
        /// openai_compatible, anthropic or ollama
        #[arg(long, value_parser = parse_kind)]
        kind: ProviderKindName,
        /// Base URL [default: the kind's public endpoint]; https:// unless the server is on this
        /// computer (or on your own network, with --own-network)
        #[arg(long, default_value = "")]
        url: String,
        #[arg(long)]
        model: String,
        /// The server is on your own network (a private address or internal name): plain
        /// http:// is allowed and it counts as local
        #[arg(long)]
        own_network: bool,
        /// Read the API key from standard input
        #[arg(long)]
        key_stdin: bool,
    },
    /// Ask a provider which models it serves
    Test { id: String },
    /// Remove a provider and its key
    Remove { id: String },
}

fn parse_kind(s: &str) -> Result<ProviderKindName, String> {
    ProviderKindName::parse(s)
        .filter(|k| *k != ProviderKindName::Offline)
        .ok_or_else(|| {
            format!("'{s}' is not a provider kind; use openai_compatible, anthropic or ollama")
        })
}

#[derive(Args)]
pub struct AskArgs {
    /// The project whose AI policy applies
    #[arg(long)]
    project: String,
    /// A document whose newest revision is the text (unless --text is given)
    #[arg(long)]
    doc: Option<String>,
    /// Provider id [default: the offline engine]
    #[arg(long, default_value = "offline")]
    provider: String,
    /// Propose a variation following this instruction instead of summarizing
    #[arg(long)]
    instruction: Option<String>,
    /// The passage to send (instead of the document's text)
    #[arg(long)]
    text: Option<String>,
}

pub async fn providers(s: &Session, out: &Out, cmd: ProvidersCmd) -> Result<(), CoreError> {
    let providers = s.app.providers();
    match cmd {
        ProvidersCmd::List => out.providers(&providers.list().await?),
        ProvidersCmd::Add {
            name,
            kind,
            url,
            model,
            own_network,
            key_stdin,
        } => {
            let key = if key_stdin {
                let mut k = String::new();
                std::io::stdin()
                    .read_line(&mut k)
                    .map_err(|source| CoreError::Io {
                        action: "Cannot read the key from",
                        path: "<stdin>".into(),
                        source,
                    })?;
                Some(k.trim().to_owned())
            } else {
                std::env::var("GREENLIGHT_API_KEY").ok()
            };
            let info = providers
                .save(
                    &s.actor,
                    None,
                    ProviderInput {
                        name,
                        kind,
                        base_url: url,
                        model,
                        own_network,
                        api_key: key.filter(|k| !k.is_empty()).map(Into::into),
                    },
                )
                .await?;
            if info.key_set && !out.json {
                eprintln!("The key is kept in {}.", s.app.credentials_location());
            }
            out.providers(&[info]);
        }
        ProvidersCmd::Test { id } => {
            let report = providers.test(&id).await?;
            out.connection(&report);
            if !report.ok {
                return Err(CoreError::Ai(report.message));
            }
        }
        ProvidersCmd::Remove { id } => providers.remove(&s.actor, &id).await?,
    }
    Ok(())
}

/// Streams the answer to stdout as it arrives; status lines go to stderr.
pub async fn ask(s: &Session, out: &Out, args: AskArgs) -> Result<(), CoreError> {
    let task = if args.instruction.is_some() {
        AiTask::Variation
    } else {
        AiTask::Summarize
    };
    let run = s
        .app
        .ai()
        .prepare_run(
            &s.actor,
            AiRunRequest {
                project_id: ProjectId(args.project),
                document_id: args.doc.map(DocumentId),
                provider_id: args.provider,
                task,
                instruction: args.instruction.unwrap_or_default(),
                text: args.text,
            },
        )
        .await?;
    let json = out.json;
    let record = run
        .execute(|event| {
            if json {
                return;
            }
            match event {
                AiRunEvent::Started {
                    provider_name,
                    model,
                    local,
                    template,
                    ..
                } => eprintln!(
                    "{provider_name} · {model} · {} · {template}",
                    if local { "local" } else { "remote" }
                ),
                AiRunEvent::Retrying { message, .. } => eprintln!("{message}"),
                AiRunEvent::Delta { text } => {
                    print!("{text}");
                    let _ = std::io::stdout().flush();
                }
                AiRunEvent::Usage { .. } => {}
                AiRunEvent::Finished { .. } => println!(),
            }
        })
        .await?;
    out.run_record(&record);
    match record.outcome {
        Some(AiOutcome::Done) => Ok(()),
        Some(AiOutcome::Blocked) => Err(CoreError::PolicyBlocked(
            record.message.unwrap_or_else(|| "blocked by policy".into()),
        )),
        Some(AiOutcome::Cancelled) => Err(CoreError::Ai("the run was cancelled".into())),
        _ => Err(CoreError::Ai(
            record
                .message
                .unwrap_or_else(|| "the provider failed".into()),
        )),
    }
}
