//! Greenlight's use-cases.
//!
//! [`Greenlight`] is the one entry point the app shell and the CLI share; its use-cases are
//! grouped by feature behind facades (`app.projects()`, `app.documents()`, `app.revisions()`,
//! `app.ai()`, `app.providers()`, `app.ledger()`, `app.profiles()`,
//! `app.suggestions()`). Every use-case that
//! changes state takes the acting person ([`Actor`]) and does its change in one store
//! transaction that also appends the typed ledger event describing it, on the project's own
//! chain, so the provenance record can never disagree with the data.

mod ai;
mod app;
pub mod assets;
mod blocking;
pub mod comments;
pub mod database;
pub mod disclosures;
mod documents;
mod error;
pub mod export;
pub mod export_credentials;
pub mod files;
pub mod import;
pub mod keys;
mod ledger;
pub mod live;
pub mod members;
pub mod moving;
mod open;
mod permissions;
mod profile;
mod projects;
pub mod provenance;
pub mod reports;
pub mod reviews;
mod revisions;
mod runs;
mod sample;
pub mod secrets;
pub mod structure;
mod suggestions;
pub mod summaries;
pub mod workflows;

pub use ai::{Ai, PreparedRun, Providers};
pub use app::Greenlight;
pub use assets::{AssetContent, Assets, ImportOptions};
pub use database::{Database, TeamServer, DATABASE_URL_ENV};
pub use documents::Documents;
pub use error::CoreError;
pub use greenlight_domain as domain;
pub use greenlight_domain::actor::Actor;
pub use ledger::Ledger;
pub use members::Members;
pub use open::{default_data_dir, OpenConfig, DATA_DIR_ENV, DB_FILE_NAME};
pub use profile::Profiles;
pub use projects::Projects;
pub use revisions::Revisions;
pub use suggestions::Suggestions;

pub type Result<T> = std::result::Result<T, CoreError>;

/// Unix time in milliseconds, the one clock of the app.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
