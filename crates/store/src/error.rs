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
    #[error("{0} already exists")]
    Duplicate(String),
    #[error("not allowed: {0}")]
    Forbidden(String),
    #[error("cannot reach the database server {server}: {reason}. Check the host and port, your network, and that the server is running")]
    Unreachable { server: String, reason: String },
    #[error("the database server {server} refused the login “{login}”: wrong password, or no such login. Check the password in your keyring, PGPASSWORD or ~/.pgpass, or ask whoever runs the server")]
    AuthFailed { server: String, login: String },
    #[error("the database server {server} does not offer TLS, but this connection requires it. Ask whoever runs the server to enable TLS (see docs/TEAM.md), or choose another TLS mode")]
    TlsUnavailable { server: String },
    #[error("secure connection to {server} failed: {reason}")]
    Tls { server: String, reason: String },
    #[error("{server} has no Greenlight schema yet. Whoever administers the server runs `greenlight team init --database-url …` once (see docs/TEAM.md); ask them")]
    NoSchema { server: String },
    #[error("{server} was set up by a newer Greenlight (schema {found}, this app knows up to {known}); update Greenlight")]
    SchemaTooNew {
        server: String,
        found: i64,
        known: i64,
    },
    #[error("{server} has an older Greenlight schema (version {found}, this app needs {known}); whoever administers the server runs `greenlight team init --database-url …` again to upgrade it")]
    SchemaOutdated {
        server: String,
        found: i64,
        known: i64,
    },
    #[error("there is no signing key for {person} on this computer, so nothing can be recorded in their name: create one (Settings → Your signing key, or `greenlight keys rotate`)")]
    NoSigningKey { person: String },
    #[error("this computer's signing key {key}… was replaced by a newer key (made on another computer, or after a loss): create a new one here (Settings → Your signing key, or `greenlight keys rotate`)")]
    KeyRetired { key: String },
    #[error("stored data is invalid: {0}")]
    InvalidData(String),
    #[error("could not upgrade the database schema: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl StoreError {
    /// Classifies a driver error (SQLite result codes, PostgreSQL SQLSTATEs, connection
    /// failures), so that "locked", "corrupt", "not allowed" or "unreachable" reach the person
    /// as such instead of as a generic failure. `path` names the database for messages.
    pub(crate) fn classify(err: sqlx::Error, path: &str) -> Self {
        match &err {
            sqlx::Error::Database(db) => {
                if let Some(found) = Self::classify_db(db.as_ref(), path) {
                    return found;
                }
            }
            sqlx::Error::Io(e) => {
                return Self::Unreachable {
                    server: path.into(),
                    reason: e.to_string(),
                }
            }
            sqlx::Error::PoolTimedOut => {
                return Self::Unreachable {
                    server: path.into(),
                    reason: "no answer in time".into(),
                }
            }
            sqlx::Error::PoolClosed => {
                return Self::Unreachable {
                    server: path.into(),
                    reason: "the connection was closed".into(),
                }
            }
            sqlx::Error::Tls(e) => {
                let reason = e.to_string();
                if reason.contains("does not support TLS") {
                    return Self::TlsUnavailable {
                        server: path.into(),
                    };
                }
                return Self::Tls {
                    server: path.into(),
                    reason,
                };
            }
            _ => {}
        }
        Self::Database(err)
    }

    fn classify_db(db: &dyn sqlx::error::DatabaseError, path: &str) -> Option<Self> {
        let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
        let message = db.message().to_owned();
        let postgres = db
            .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
            .is_some();
        if !postgres {
            let sqlite = code.parse::<i64>().unwrap_or_default();
            match sqlite & 0xff {
                5 | 6 => return Some(Self::Locked { path: path.into() }),
                11 | 26 => return Some(Self::Corrupt { path: path.into() }),
                8 | 14 => {
                    return Some(Self::NotWritable {
                        path: path.into(),
                        reason: message,
                    })
                }
                _ => {}
            }
        } else {
            // PostgreSQL SQLSTATE classes.
            match code.as_str() {
                "42501" => return Some(Self::Forbidden(message)),
                "28P01" | "28000" => {
                    return Some(Self::AuthFailed {
                        server: path.into(),
                        login: login_in(&message),
                    })
                }
                "40001" | "40P01" | "55P03" => return Some(Self::Locked { path: path.into() }),
                "57P01" | "57P02" | "57P03" | "08000" | "08003" | "08006" | "08001" | "08004" => {
                    return Some(Self::Unreachable {
                        server: path.into(),
                        reason: message,
                    })
                }
                "42P01" => {
                    return Some(Self::NoSchema {
                        server: path.into(),
                    })
                }
                _ => {}
            }
        }
        if message.contains("append-only") || message.contains("immutable") {
            return Some(Self::Conflict(message));
        }
        if db.kind() == sqlx::error::ErrorKind::UniqueViolation {
            return Some(Self::Duplicate(message));
        }
        None
    }
}

/// The login named in PostgreSQL's authentication message (`… for user "x"`).
fn login_in(message: &str) -> String {
    message
        .split('"')
        .nth(1)
        .map(str::to_owned)
        .unwrap_or_default()
}
