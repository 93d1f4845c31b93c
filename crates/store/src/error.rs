use std::path::PathBuf;
use thiserror::Error;

/// Why the store could not do what was asked. Variants are what callers branch on; the source
/// error is kept for logs, and messages are written for a person.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: String },
    #[error("the database is locked by another program; close other copies of Greenlight (or the program using {path}) and try again")]
    Locked { path: String },
    #[error("the database file {path} is damaged or is not a Greenlight database; restore it from a backup, or move it aside to start fresh")]
    Corrupt { path: String },
    #[error("cannot write to {path}: {reason}. Choose a folder you can write to (set GREENLIGHT_DATA_DIR) or fix its permissions")]
    NotWritable { path: PathBuf, reason: String },
    #[error("this change conflicts with one saved in the meantime: {0}")]
    Conflict(String),
    #[error("stored data is invalid: {0}")]
    InvalidData(String),
    #[error("could not upgrade the database schema: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl StoreError {
    /// Classifies a driver error by SQLite's primary result codes, so that "locked" and
    /// "corrupt" reach the person as such instead of as a generic failure.
    pub(crate) fn classify(err: sqlx::Error, path: &str) -> Self {
        if let sqlx::Error::Database(db) = &err {
            let code = db.code().and_then(|c| c.parse::<i64>().ok()).unwrap_or(0);
            match code & 0xff {
                5 | 6 => return Self::Locked { path: path.into() },
                11 | 26 => return Self::Corrupt { path: path.into() },
                8 | 14 => {
                    return Self::NotWritable {
                        path: path.into(),
                        reason: db.message().to_owned(),
                    }
                }
                _ => {}
            }
            if db.message().contains("append-only") || db.message().contains("immutable") {
                return Self::Conflict(db.message().to_owned());
            }
        }
        Self::Database(err)
    }
}
