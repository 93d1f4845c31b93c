use greenlight_domain::DomainError;
use greenlight_store::StoreError;
use std::path::PathBuf;
use thiserror::Error;

/// Why a use-case failed. Every message is written for the person using the app: it names
/// what was wrong and, where there is one, what to do.
#[derive(Debug, Error)]
pub enum CoreError {
    #[error("{0}")]
    Invalid(#[from] DomainError),
    #[error("{what} not found (it may have been removed)")]
    NotFound { what: &'static str, id: String },
    #[error("{0}. Reload to see the newest version, then apply your change again")]
    Conflict(String),
    #[error("{what} is too large ({size} bytes; the limit is {max} bytes)")]
    TooLarge { what: String, size: u64, max: u64 },
    #[error("{file} cannot be imported: {reason}")]
    UnsupportedFile { file: String, reason: String },
    #[error("{0}")]
    StorageUnavailable(StoreError),
    /// The team server cannot be reached (network, server down): retry later; nothing typed
    /// is lost.
    #[error("{0}")]
    Offline(StoreError),
    /// The database refused: the login may not do this (not a member, not its own row).
    #[error("{0}")]
    Forbidden(String),
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Keyring(String),
    /// This person has no usable signing key here (lost, or replaced on another computer):
    /// nothing can be recorded in their name until they create one.
    #[error("{0}")]
    NoSigningKey(StoreError),
    #[error("{0}")]
    PolicyBlocked(String),
    #[error("{0}")]
    Ai(String),
    /// `verify` found the record altered (the problems were reported; this is the verdict).
    #[error("{0}")]
    LedgerBroken(String),
    #[error("something went wrong inside Greenlight; nothing was changed ({0})")]
    Internal(String),
}

impl From<StoreError> for CoreError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { what, id } => Self::NotFound { what, id },
            StoreError::Conflict(msg) => Self::Conflict(msg),
            StoreError::Duplicate(msg) => Self::Conflict(msg),
            StoreError::Forbidden(msg) => Self::Forbidden(format!(
                "the database refused this: {msg}. Only members of a project can see or change it; ask one of its members to add you"
            )),
            e @ StoreError::Unreachable { .. } => Self::Offline(e),
            e @ (StoreError::NoSigningKey { .. } | StoreError::KeyRetired { .. }) => {
                Self::NoSigningKey(e)
            }
            e @ (StoreError::Locked { .. }
            | StoreError::Corrupt { .. }
            | StoreError::NotWritable { .. }
            | StoreError::AuthFailed { .. }
            | StoreError::TlsUnavailable { .. }
            | StoreError::Tls { .. }
            | StoreError::NoSchema { .. }
            | StoreError::SchemaTooNew { .. }
            | StoreError::SchemaOutdated { .. }) => Self::StorageUnavailable(e),
            other => {
                tracing::error!(error = ?other, "store failure");
                Self::Internal(other.to_string())
            }
        }
    }
}
