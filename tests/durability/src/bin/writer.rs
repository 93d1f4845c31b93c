//! A writer process for the durability harness: saves revisions of its own document forever,
//! recording each acknowledged commit (after `save` returned) in its ack file. It is meant to
//! be killed with SIGKILL at any moment.

use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::{CoreError, Greenlight, OpenConfig};
use greenlight_durability::record_ack;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(data), Some(acks), Some(id)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: durability-writer DATA_DIR ACK_FILE WRITER_ID");
        return ExitCode::FAILURE;
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(write_forever(data, acks, id)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("writer {id}: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn write_forever(data: &str, acks: &str, id: &str) -> Result<(), CoreError> {
    let app = Greenlight::open(OpenConfig::new(data)).await?;
    let me = app.profiles().local_actor().await?;
    let io = |source| CoreError::Io {
        action: "Cannot write",
        path: acks.into(),
        source,
    };
    let mut ack_file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(acks)
        .map_err(io)?;
    // Its own project and document, found again after each restart.
    let title = format!("writer-{id}");
    let projects = app.projects().list(true).await?;
    let project = match projects.into_iter().find(|p| p.project.title == title) {
        Some(p) => p.project,
        None => {
            app.projects()
                .create(
                    &me,
                    NewProject {
                        title: title.clone(),
                        logline: String::new(),
                        kind: ProjectKind::Other,
                    },
                )
                .await?
        }
    };
    let doc = match app.documents().list(&project.id).await?.into_iter().next() {
        Some(d) => d.document,
        None => {
            app.documents()
                .create(
                    &me,
                    NewDocument {
                        project_id: project.id.clone(),
                        title: title.clone(),
                        kind: DocumentKind::Notes,
                        format: DocumentFormat::Plain,
                        text: String::new(),
                    },
                )
                .await?
        }
    };
    let mut parent = doc.head_revision_id;
    let filler = "The cup is blue in every shot. ".repeat(40);
    let mut n: u64 = 0;
    loop {
        n += 1;
        let text = format!("{title} revision {n} ({})\n{filler}", std::process::id());
        let rev = app
            .revisions()
            .save(&me, &doc.id, parent.as_ref(), text, None)
            .await?;
        record_ack(&mut ack_file, &rev.meta.id, &rev.meta.content_hash).map_err(io)?;
        parent = Some(rev.meta.id);
    }
}
