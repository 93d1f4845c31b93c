//! The one error shape of the IPC boundary.

use greenlight_core::CoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the UI branches on. Everything else is in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    Conflict,
    TooLarge,
    UnsupportedFile,
    StorageUnavailable,
    /// The OS keyring could not be reached (locked, or no Secret Service).
    KeyringUnavailable,
    /// The project's AI policy refused the request.
    PolicyBlocked,
    /// An AI provider failed; the message says how.
    AiFailed,
    Io,
    Internal,
}

/// Every command fails with this: a code for the UI's logic and a message for the person.
/// Internal detail goes to the log (`tracing`), never into `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<CoreError> for IpcError {
    fn from(e: CoreError) -> Self {
        let code = match &e {
            CoreError::Invalid(_) => ErrorCode::InvalidInput,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::TooLarge { .. } => ErrorCode::TooLarge,
            CoreError::UnsupportedFile { .. } => ErrorCode::UnsupportedFile,
            CoreError::StorageUnavailable(_) => ErrorCode::StorageUnavailable,
            CoreError::Io { .. } => ErrorCode::Io,
            CoreError::Keyring(_) => ErrorCode::KeyringUnavailable,
            CoreError::PolicyBlocked(_) => ErrorCode::PolicyBlocked,
            CoreError::Ai(_) => ErrorCode::AiFailed,
            CoreError::Internal(_) => ErrorCode::Internal,
        };
        if code == ErrorCode::Internal {
            tracing::error!(error = ?e, "command failed");
            return IpcError {
                code,
                message: "Something went wrong inside Greenlight; nothing was changed. The details are in the log.".into(),
            };
        }
        tracing::info!(error = %e, "command refused");
        let mut message = e.to_string();
        if let Some(first) = message.get(0..1) {
            let upper = first.to_uppercase();
            message.replace_range(0..1, &upper);
        }
        IpcError { code, message }
    }
}

pub type CmdResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use super::*;
    use greenlight_domain::DomainError;

    #[test]
    fn serialized_shape_is_code_and_message() {
        let e = IpcError::from(CoreError::Invalid(DomainError::Empty {
            field: "Project title",
        }));
        let json = serde_json::to_value(&e).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"code": "invalid_input", "message": "Project title cannot be empty"})
        );
    }

    #[test]
    fn internal_detail_stays_out_of_the_message() {
        let e = IpcError::from(CoreError::Internal("sqlx: secret detail".into()));
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(!e.message.contains("secret detail"));
    }
}
