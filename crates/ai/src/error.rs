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
    /// The provider answered with a redirect (3xx). Redirects are never followed, so the
    /// request body and key went nowhere else; `to_host` is `host[:port]` of the `Location`
    /// (never its path or credentials), `None` when it named no usable address.
    #[error("redirected (HTTP {status}) to {to_host:?}")]
    Redirected {
        status: u16,
        to_host: Option<String>,
    },
    /// The reply grew past [`crate::Limits::max_reply_bytes`].
    #[error("reply larger than {max_bytes} bytes")]
    ReplyTooLarge { max_bytes: u64 },
    /// The run was still going after [`crate::Limits::max_run_time`].
    #[error("still answering after {after:?}")]
    TookTooLong { after: Duration },
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
            AiError::Redirected { .. } => "redirected",
            AiError::ReplyTooLarge { .. } => "reply_too_large",
            AiError::TookTooLong { .. } => "took_too_long",
        }
    }

    /// Worth another attempt (before the first token only). Quota, auth, context and
    /// configuration errors are permanent: retrying them only burns time or money. A redirect
    /// or a reply past a cap says the provider is wrong or hostile, and asking it again would
    /// only repeat that.
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
            AiError::Redirected { to_host, .. } => format!(
                "'{provider}' tried to redirect the request to {}. Greenlight does not follow \
                 redirects for AI providers, so nothing was sent there. Check the provider's \
                 base URL in Settings.",
                to_host.as_deref().unwrap_or("another address")
            ),
            AiError::ReplyTooLarge { max_bytes } => format!(
                "The answer from '{provider}' grew past {}, far more than any real answer, so \
                 Greenlight stopped reading it. Any text received so far is kept, marked \
                 incomplete. Check the provider's address in Settings, or try a shorter passage.",
                size(*max_bytes)
            ),
            AiError::TookTooLong { after } => format!(
                "'{provider}' was still answering after {}, longer than Greenlight waits for one \
                 answer, so it stopped waiting. Any text received so far is kept, marked \
                 incomplete. Try a shorter passage or a faster model.",
                span(*after)
            ),
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

/// "15 min" from two minutes on, otherwise whole seconds.
fn span(d: Duration) -> String {
    if d >= Duration::from_secs(120) {
        format!("{} min", (d.as_secs_f64() / 60.0).round())
    } else {
        seconds(d)
    }
}

/// "16 MB" (binary megabytes, as the limit is set), or bytes below one megabyte.
fn size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} bytes")
    }
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

    #[test]
    fn hostile_reply_errors_are_final_and_say_what_to_do() {
        let cases = [
            (
                AiError::Redirected {
                    status: 307,
                    to_host: Some("attacker.example:8443".into()),
                },
                "redirected",
                "redirect the request to attacker.example:8443. Greenlight does not follow \
                 redirects for AI providers, so nothing was sent there. Check the provider's \
                 base URL in Settings.",
            ),
            (
                AiError::Redirected {
                    status: 301,
                    to_host: None,
                },
                "redirected",
                "to another address",
            ),
            (
                AiError::ReplyTooLarge {
                    max_bytes: 16 * 1024 * 1024,
                },
                "reply_too_large",
                "grew past 16 MB",
            ),
            (
                AiError::TookTooLong {
                    after: Duration::from_secs(900),
                },
                "took_too_long",
                "still answering after 15 min",
            ),
        ];
        for (error, code, words) in cases {
            assert_eq!(error.code(), code);
            assert!(!error.is_retryable(), "{error:?}");
            assert_eq!(error.retry_after(), None);
            let message = error.user_message("Studio Claude");
            assert!(message.contains("Studio Claude"), "{message}");
            assert!(message.contains(words), "{message}");
        }
    }
}
