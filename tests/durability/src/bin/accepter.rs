//! An accepting writer for the durability harness: asks an in-process fake model for a take on
//! one line of its own document, accepts it, and records each acknowledged acceptance (after
//! `accept` returned) in its ack file, forever. It is meant to be killed with SIGKILL at any
//! moment: between a suggestion and its acceptance, or in the middle of either.

use greenlight_ai::scripted::{Script, ScriptedFactory};
use greenlight_core::domain::ai::{ProviderInput, ProviderKindName};
use greenlight_core::domain::suggestion_record::VaryRequest;
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{CoreError, Greenlight, OpenConfig};
use greenlight_durability::{child, record_ack, ACCEPTER_LINES};
use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    child::main("durability-accepter", accept_forever)
}

async fn accept_forever(data: String, acks: String, id: String) -> Result<(), CoreError> {
    let model = ScriptedFactory::new(Script::text("unused"));
    let mut cfg = OpenConfig::new(&data);
    cfg.providers = Arc::new(model.clone());
    cfg.credentials = Arc::new(SecretsFile::new(format!("{data}/keys.json")));
    let app = Greenlight::open(cfg).await?;
    let me = app.profiles().local_actor().await?;
    let mut ack_file = child::ack_file(&acks)?;
    let provider = match app
        .providers()
        .list()
        .await?
        .into_iter()
        .find(|p| p.name == "Fake")
    {
        Some(p) => p.id,
        None => {
            app.providers()
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
                .id
        }
    };
    let title = format!("accepter-{id}");
    let doc = child::own_document(&app, &me, &title, || {
        (0..ACCEPTER_LINES)
            .map(|i| format!("Line {i}: the cup is blue in every shot.\n"))
            .collect()
    })
    .await?;
    let pid = std::process::id();
    let mut n: u64 = 0;
    loop {
        n += 1;
        // The line to vary: one of the document's lines, without its newline.
        let head = app.documents().get(&doc.id).await?.head_revision_id;
        let text = match head {
            Some(h) => app.revisions().get(&h).await?.text,
            None => String::new(),
        };
        let line = (n as usize) % ACCEPTER_LINES;
        let start: usize = text.lines().take(line).map(|l| l.chars().count() + 1).sum();
        let len = text.lines().nth(line).map_or(0, |l| l.chars().count());
        model.push(Script::text(&format!("Line {line}: take {n} of {pid}.")));
        let out = app
            .suggestions()
            .vary(
                &me,
                VaryRequest {
                    document_id: doc.id.clone(),
                    start,
                    end: start + len,
                    instruction: "tighten".into(),
                    preset: None,
                    takes: 1,
                    provider_id: Some(provider.clone()),
                },
            )
            .await?;
        let Some(take) = out.suggestions.first() else {
            return Err(CoreError::Ai(format!("no take: {:?}", out.failed)));
        };
        let applied = app.suggestions().accept(&me, &take.id, None, None).await?;
        record_ack(
            &mut ack_file,
            &applied.revision.id,
            &applied.revision.content_hash,
        )
        .map_err(|e| child::ack_error(&acks, e))?;
    }
}
