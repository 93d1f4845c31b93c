//! What every killable child process of the harness shares: its arguments and runtime, its
//! ack file, and its own project and document, found again after each restart.

use greenlight_core::domain::actor::Actor;
use greenlight_core::domain::document::{Document, DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::{CoreError, Greenlight};
use std::fs::File;
use std::future::Future;
use std::process::ExitCode;

/// Runs `body(data_dir, ack_file, writer_id)` on a single-threaded runtime, from the command
/// line `NAME DATA_DIR ACK_FILE WRITER_ID`; the error, if any, goes to stderr.
pub fn main<F, Fut>(name: &str, body: F) -> ExitCode
where
    F: FnOnce(String, String, String) -> Fut,
    Fut: Future<Output = Result<(), CoreError>>,
{
    let mut args = std::env::args().skip(1);
    let (Some(data), Some(acks), Some(id)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: {name} DATA_DIR ACK_FILE WRITER_ID");
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
    let who = format!("{name} {id}");
    match rt.block_on(body(data, acks, id)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{who}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The ack file, opened for appending.
pub fn ack_file(path: &str) -> Result<File, CoreError> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|source| ack_error(path, source))
}

/// An ack that could not be written.
pub fn ack_error(path: &str, source: std::io::Error) -> CoreError {
    CoreError::Io {
        action: "Cannot write",
        path: path.into(),
        source,
    }
}

/// The project titled `title` and its document, created (with `text`) on the first start.
pub async fn own_document(
    app: &Greenlight,
    me: &Actor,
    title: &str,
    text: impl FnOnce() -> String,
) -> Result<Document, CoreError> {
    let projects = app.projects().list(true).await?;
    let project = match projects.into_iter().find(|p| p.project.title == title) {
        Some(p) => p.project,
        None => {
            app.projects()
                .create(
                    me,
                    NewProject {
                        title: title.to_owned(),
                        logline: String::new(),
                        kind: ProjectKind::Other,
                    },
                )
                .await?
        }
    };
    match app.documents().list(&project.id).await?.into_iter().next() {
        Some(d) => Ok(d.document),
        None => {
            app.documents()
                .create(
                    me,
                    NewDocument {
                        project_id: project.id.clone(),
                        title: title.to_owned(),
                        kind: DocumentKind::Notes,
                        format: DocumentFormat::Plain,
                        text: text(),
                    },
                )
                .await
        }
    }
}
