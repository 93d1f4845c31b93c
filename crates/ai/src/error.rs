//! Every way a provider run can fail, classified once, with words a writer understands.
//!
//! Invariant: no variant carries an API key. Details copied from provider replies go through
//! [`crate::secret::Secret::scrub`] and are cut to [`MAX_DETAIL_CHARS`]; they are for `tracing`,
//! while [`AiError::user_message`] never shows them.

use std::time::Duration;

pub const MAX_DETAIL_CHARS: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AiError {
    #[error("rate limited (retry after {retry_after:?})")]
    RateLimited { retry_after: Option<Duration> },
    #[error("provider overloaded (retry after {retry_after:?})")]
    Overloaded { retry_after: Option<Duration> },
    #[error("provider unavailable: HTTP {status}")]
    Unavailable { status: u16 },
    #[error("credentials rejected: HTTP {status}")]
    AuthRejected { status: u16 },
    #[error("quota or spend limit exhausted: {detail}")]
    QuotaExhausted { detail: String },
    #[error("context too long: {detail}")]
    ContextTooLong { detail: String },
    #[error("model not found: {model}")]
    ModelNotFound { model: String },
    #[error("request rejected: HTTP {status}: {detail}")]
    BadRequest { status: u16, detail: String },
    #[error("network error: {detail}")]
    Network { detail: String },
    #[error("no data for {after:?}")]
    Timeout { after: Duration },
    #[error("malformed reply: {detail}")]
    MalformedReply { detail: String },
    #[error("stream ended without its end marker")]
    TruncatedStream,
    #[error("provider reported an error: {detail}")]
    Provider { detail: String },
    #[error("configuration: {detail}")]
    Config { detail: String },
}

impl AiError {
    /// A stable code for the IPC layer and the UI to branch on.
    pub fn code(&self) -> &'static str {
        match self {
            AiError::RateLimited { .. } => "rate_limited",
            AiError::Overloaded { .. } => "overloaded",
            AiError::Unavailable { .. } => "unavailable",
            AiError::AuthRejected { .. } => "auth_rejected",
            AiError::QuotaExhausted { .. } => "quota_exhausted",
            AiError::ContextTooLong { .. } => "context_too_long",
            AiError::ModelNotFound { .. } => "model_not_found",
            AiError::BadRequest { .. } => "bad_request",
            AiError::Network { .. } => "network",
            AiError::Timeout { .. } => "timeout",
            AiError::MalformedReply { .. } => "malformed_reply",
            AiError::TruncatedStream => "truncated_stream",
            AiError::Provider { .. } => "provider_error",
            AiError::Config { .. } => "config",
        }
    }

    /// Worth another attempt (before the first token only). Quota, auth, context and
    /// configuration errors are permanent: retrying them only burns time or money.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            AiError::RateLimited { .. }
                | AiError::Overloaded { .. }
                | AiError::Unavailable { .. }
                | AiError::Network { .. }
                | AiError::Timeout { .. }
                | AiError::TruncatedStream
        )
    }

    /// The wait the provider asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            AiError::RateLimited { retry_after } | AiError::Overloaded { retry_after } => {
                *retry_after
            }
            _ => None,
        }
    }

    /// What happened, in words, naming the provider by its configured display name.
    pub fn user_message(&self, provider: &str) -> String {
        match self {
            AiError::RateLimited {
                retry_after: Some(d),
            } => format!(
                "{provider} is rate limiting requests; it asked to wait {}.",
                seconds(*d)
            ),
            AiError::RateLimited { retry_after: None } => {
                format!("{provider} is rate limiting requests. Try again in a minute.")
            }
            AiError::Overloaded { .. } => {
                format!("{provider} is overloaded right now. Try again in a few minutes.")
            }
            AiError::Unavailable { status } => format!(
                "{provider} is temporarily unavailable (server error {status}). Try again later."
            ),
            AiError::AuthRejected { .. } => {
                format!("The key for '{provider}' was rejected. Check it in Settings → Providers.")
            }
            AiError::QuotaExhausted { .. } => format!(
                "The account behind '{provider}' has run out of quota or hit its spend limit. \
                 Add credit or raise the limit with the provider, or choose another provider."
            ),
            AiError::ContextTooLong { .. } => format!(
                "The text is too long for the model behind '{provider}'. \
                 Select a shorter passage or choose a model with a larger context."
            ),
            AiError::ModelNotFound { model } => format!(
                "'{provider}' has no model called '{model}'. Pick another model in Settings \
                 (for Ollama, pull it first)."
            ),
            AiError::BadRequest { status, .. } => format!(
                "'{provider}' refused the request (error {status}). Check the model and \
                 provider settings."
            ),
            AiError::Network { .. } => format!(
                "Could not reach '{provider}'. Check the network connection and the provider's \
                 address in Settings."
            ),
            AiError::Timeout { after } => format!(
                "'{provider}' sent nothing for {}. It may be busy or still loading the model.",
                seconds(*after)
            ),
            AiError::MalformedReply { .. } => format!(
                "'{provider}' answered with something that is not a model reply (for example \
                 an error page). Check the provider's address in Settings."
            ),
            AiError::TruncatedStream => {
                format!("The answer from '{provider}' was cut off before it finished.")
            }
            AiError::Provider { .. } => {
                format!("'{provider}' reported an error while answering.")
            }
            AiError::Config { detail } => {
                format!("The settings for '{provider}' are incomplete: {detail}.")
            }
        }
    }

    /// The notice shown while waiting to retry, e.g. "Anthropic is overloaded; retrying in 4 s".
    pub fn retry_message(&self, provider: &str, wait: Duration) -> String {
        let what = match self {
            AiError::RateLimited { .. } => "is rate limiting requests",
            AiError::Overloaded { .. } => "is overloaded",
            AiError::Unavailable { .. } => "is temporarily unavailable",
            AiError::Timeout { .. } => "is not answering",
            AiError::TruncatedStream => "cut its answer off",
            _ => "could not be reached",
        };
        format!("{provider} {what}; retrying in {}", seconds(wait))
    }
}

/// "4 s": whole seconds, at least 1.
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64().round().max(1.0);
    format!("{s} s")
}

/// Cuts provider text to a bounded, key-free detail.
pub(crate) fn detail(text: &str, key: Option<&crate::Secret>) -> String {
    let text = match key {
        Some(k) => k.scrub(text),
        None => text.to_owned(),
    };
    let mut out: String = text.chars().take(MAX_DETAIL_CHARS).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_message_reads_well() {
        let e = AiError::Overloaded { retry_after: None };
        assert_eq!(
            e.retry_message("Anthropic", Duration::from_millis(3_900)),
            "Anthropic is overloaded; retrying in 4 s"
        );
        assert!(e.is_retryable());
        assert!(!AiError::QuotaExhausted {
            detail: String::new()
        }
        .is_retryable());
        assert_eq!(
            AiError::AuthRejected { status: 401 }.user_message("Studio OpenAI"),
            "The key for 'Studio OpenAI' was rejected. Check it in Settings → Providers."
        );
    }
}
