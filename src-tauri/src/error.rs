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
    /// The team server cannot be reached right now; retry (what the person typed is kept).
    Offline,
    /// The database refused: the login may not do this (e.g. not a member of the project).
    Forbidden,
    /// The OS keyring could not be reached (locked, or no Secret Service).
    KeyringUnavailable,
    /// The person has no usable signing key on this computer: offer to create one.
    NoSigningKey,
    /// The project's AI policy refused the request.
    PolicyBlocked,
    /// An AI provider failed; the message says how.
    AiFailed,
    Io,
    Internal,
}

impl ErrorCode {
    /// Every code, in declaration order (exported to TypeScript as `ERROR_CODES`).
    pub const ALL: [ErrorCode; 14] = [
        Self::InvalidInput,
        Self::NotFound,
        Self::Conflict,
        Self::TooLarge,
        Self::UnsupportedFile,
        Self::StorageUnavailable,
        Self::Offline,
        Self::Forbidden,
        Self::KeyringUnavailable,
        Self::NoSigningKey,
        Self::PolicyBlocked,
        Self::AiFailed,
        Self::Io,
        Self::Internal,
    ];
}

/// Every command fails with this: a code for the UI's logic and a message for the person.
/// Internal detail goes to the log (`tracing`), never into `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    /// For `invalid_input`: the input field that was wrong, named as the command's input type
    /// names it (`title`, `logline`, `kind`, ...), so a form shows the message next to it.
    /// `null` when the error is not about one field.
    pub field: Option<String>,
}

impl IpcError {
    /// An error about no particular field.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
        }
    }
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
            CoreError::Offline(_) => ErrorCode::Offline,
            CoreError::Forbidden(_) => ErrorCode::Forbidden,
            CoreError::Io { .. } => ErrorCode::Io,
            CoreError::Keyring(_) => ErrorCode::KeyringUnavailable,
            CoreError::NoSigningKey(_) => ErrorCode::NoSigningKey,
            CoreError::PolicyBlocked(_) => ErrorCode::PolicyBlocked,
            CoreError::Ai(_) => ErrorCode::AiFailed,
            CoreError::LedgerBroken(_) => ErrorCode::Conflict,
            CoreError::Internal(_) => ErrorCode::Internal,
        };
        if code == ErrorCode::Internal {
            tracing::error!(error = ?e, "command failed");
            return IpcError::new(
                code,
                "Something went wrong inside Greenlight; nothing was changed. The details are in the log.",
            );
        }
        let field = match &e {
            CoreError::Invalid(d) => d.field().map(str::to_owned),
            _ => None,
        };
        tracing::info!(error = %e, "command refused");
        let mut message = e.to_string();
        if let Some(first) = message.get(0..1) {
            let upper = first.to_uppercase();
            message.replace_range(0..1, &upper);
        }
        IpcError {
            code,
            message,
            field,
        }
    }
}

pub type CmdResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use super::*;
    use greenlight_domain::error::{fields, Field};
    use greenlight_domain::DomainError;

    fn invalid(field: Field) -> IpcError {
        IpcError::from(CoreError::Invalid(DomainError::Empty { field }))
    }

    #[test]
    fn serialized_shape_is_code_message_and_field() {
        let json = serde_json::to_value(invalid(fields::PROJECT_TITLE)).expect("json");
        assert_eq!(
            json,
            serde_json::json!({
                "code": "invalid_input",
                "message": "Project title cannot be empty",
                "field": "title"
            })
        );
        let e = IpcError::from(CoreError::NotFound {
            what: "project",
            id: "x".into(),
        });
        let json = serde_json::to_value(&e).expect("json");
        assert_eq!(
            json,
            serde_json::json!({
                "code": "not_found",
                "message": "Project not found (it may have been removed)",
                "field": null
            })
        );
    }

    #[test]
    fn an_invalid_input_carries_its_field_key() {
        for (field, key) in [
            (fields::PROVIDER_NAME, "name"),
            (fields::MODEL, "model"),
            (fields::PROTECTED_NAME, "protectedNames"),
            (fields::TEXT, "text"),
            (fields::INSTRUCTION, "instruction"),
        ] {
            assert_eq!(
                invalid(field).field.as_deref(),
                Some(key),
                "{}",
                field.label
            );
        }
        let e = IpcError::from(CoreError::Invalid(DomainError::Refused {
            field: fields::BASE_URL,
            reason: "use https://".into(),
        }));
        assert_eq!(e.field.as_deref(), Some("baseUrl"));
        assert_eq!(e.message, "Base URL: use https://");
    }

    #[test]
    fn only_invalid_input_carries_a_field() {
        let e = IpcError::from(CoreError::Conflict("a newer revision exists".into()));
        assert_eq!((e.code, e.field), (ErrorCode::Conflict, None));
        let e = IpcError::from(CoreError::TooLarge {
            what: "text".into(),
            size: 9,
            max: 1,
        });
        assert_eq!((e.code, e.field), (ErrorCode::TooLarge, None));
    }

    #[test]
    fn internal_detail_stays_out_of_the_message() {
        let e = IpcError::from(CoreError::Internal("sqlx: secret detail".into()));
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(!e.message.contains("secret detail"));
        assert_eq!(e.field, None);
    }

    #[test]
    fn all_lists_every_code_once() {
        // ts-rs reads the enum itself, so its union names every variant: ALL must match it.
        let decl = ErrorCode::decl(&ts_rs::Config::new());
        let in_decl: Vec<&str> = decl.split('"').skip(1).step_by(2).collect();
        let in_all: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| {
                serde_json::to_value(c)
                    .expect("json")
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        assert_eq!(in_all, in_decl, "{decl}");
    }
}
