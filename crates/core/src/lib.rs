//! Greenlight's use-cases.
//!
//! [`Greenlight`] is the one entry point the app shell and the CLI share. Every method that
//! changes state does so in one store transaction that also appends the ledger event
//! describing the change, so the provenance record can never disagree with the data.

mod activity;
mod ai;
mod app;
mod documents;
mod error;
pub mod export;
pub mod files;
pub mod import;
mod profile;
mod projects;
mod revisions;
mod sample;
pub mod secrets;
pub mod structure;

pub use ai::PreparedRun;
pub use app::{default_data_dir, Greenlight, OpenConfig, DATA_DIR_ENV, DB_FILE_NAME};
pub use error::CoreError;
pub use greenlight_domain as domain;

pub type Result<T> = std::result::Result<T, CoreError>;

/// Unix time in milliseconds, the one clock of the app.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
