//! Turning a provider's error reply (HTTP status, headers, JSON body, or an error event
//! mid-stream) into one [`AiError`]. This is the only place that knows error shapes.
//!
//! Shapes: OpenAI `{"error":{"message","type","code"}}`; Anthropic
//! `{"type":"error","error":{"type","message"}}`; Ollama `{"error":"text"}`.

use crate::config::ProviderKind;
use crate::error::{detail, AiError};
use crate::secret::Secret;
use std::time::Duration;

/// The parts of an error body that matter, whatever the provider.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ErrorBody {
    pub kind: String,
    pub code: String,
    pub message: String,
}

impl ErrorBody {
    /// Reads a JSON error body; `None` if the text is not such a body.
    pub fn parse(text: &str) -> Option<ErrorBody> {
        let v: serde_json::Value = serde_json::from_str(text.trim()).ok()?;
        let err = v.get("error")?;
        let s = |x: Option<&serde_json::Value>| {
            x.and_then(|x| x.as_str()).unwrap_or_default().to_owned()
        };
        if let Some(msg) = err.as_str() {
            return Some(ErrorBody {
                message: msg.to_owned(),
                ..ErrorBody::default()
            });
        }
        let code = match err.get("code") {
            Some(serde_json::Value::Number(n)) => n.to_string(),
            other => s(other),
        };
        Some(ErrorBody {
            kind: s(err.get("type")),
            code,
            message: s(err.get("message")),
        })
    }
}

/// Classifies a non-success HTTP reply.
pub fn http_error(
    kind: ProviderKind,
    status: u16,
    retry_after: Option<Duration>,
    body: &str,
    model: &str,
    key: Option<&Secret>,
) -> AiError {
    match ErrorBody::parse(body) {
        Some(e) => classify(kind, Some(status), retry_after, &e, model, key),
        // A proxy's error page for a server error is still a server error (and worth a retry).
        None if looks_like_html(body) && status >= 500 => AiError::Unavailable { status },
        None if looks_like_html(body) => AiError::MalformedReply {
            detail: format!("HTTP {status} with an HTML page instead of JSON"),
        },
        None => {
            let e = ErrorBody {
                message: body.to_owned(),
                ..ErrorBody::default()
            };
            classify(kind, Some(status), retry_after, &e, model, key)
        }
    }
}

/// Classifies an error event inside a stream (no status, no headers).
pub fn stream_error(
    kind: ProviderKind,
    e: &ErrorBody,
    model: &str,
    key: Option<&Secret>,
) -> AiError {
    classify(kind, None, None, e, model, key)
}

pub fn looks_like_html(text: &str) -> bool {
    // `<!DOCTYPE html>`, `<html>`, `<HTML>`: no JSON or SSE reply starts with `<`.
    text.trim_start().starts_with('<')
}

fn classify(
    kind: ProviderKind,
    status: Option<u16>,
    retry_after: Option<Duration>,
    e: &ErrorBody,
    model: &str,
    key: Option<&Secret>,
) -> AiError {
    let msg = e.message.to_ascii_lowercase();
    let has = |s: &str| e.kind == s || e.code == s;
    let detail = || detail(&e.message, key);

    // Permanent account problems first: OpenAI sends `insufficient_quota` with status 429,
    // which must never be retried as a rate limit.
    if has("insufficient_quota")
        || has("billing_hard_limit_reached")
        || msg.contains("credit balance is too low")
        || msg.contains("exceeded your current quota")
    {
        return AiError::QuotaExhausted { detail: detail() };
    }
    if has("context_length_exceeded")
        || has("request_too_large")
        || msg.contains("prompt is too long")
        || msg.contains("maximum context length")
        || msg.contains("context window")
        || status == Some(413)
    {
        return AiError::ContextTooLong { detail: detail() };
    }
    if has("overloaded_error") || status == Some(529) {
        return AiError::Overloaded { retry_after };
    }
    if has("rate_limit_error") || has("rate_limit_exceeded") || status == Some(429) {
        return AiError::RateLimited { retry_after };
    }
    if has("authentication_error")
        || has("permission_error")
        || has("invalid_api_key")
        || matches!(status, Some(401) | Some(403))
    {
        return AiError::AuthRejected {
            status: status.unwrap_or(401),
        };
    }
    if has("model_not_found")
        || (status == Some(404) && (kind == ProviderKind::Ollama || msg.contains("model")))
        || (has("not_found_error") && msg.contains("model"))
    {
        return AiError::ModelNotFound {
            model: model.to_owned(),
        };
    }
    match status {
        Some(s @ (500..=599)) => AiError::Unavailable { status: s },
        Some(408) => AiError::Unavailable { status: 408 },
        Some(s) => AiError::BadRequest {
            status: s,
            detail: detail(),
        },
        None if has("api_error") || msg.contains("internal") => {
            AiError::Unavailable { status: 500 }
        }
        None => AiError::Provider { detail: detail() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProviderKind::*;

    fn http(kind: ProviderKind, status: u16, body: &str) -> AiError {
        http_error(kind, status, None, body, "m", None)
    }

    #[test]
    fn known_shapes() {
        let quota = r#"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#;
        assert!(matches!(
            http(OpenAiCompatible, 429, quota),
            AiError::QuotaExhausted { .. }
        ));
        let ctx = r#"{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"#;
        assert!(matches!(
            http(OpenAiCompatible, 400, ctx),
            AiError::ContextTooLong { .. }
        ));
        let long = r#"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208310 tokens > 200000 maximum"}}"#;
        assert!(matches!(
            http(Anthropic, 400, long),
            AiError::ContextTooLong { .. }
        ));
        let over = r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#;
        assert!(matches!(
            http(Anthropic, 529, over),
            AiError::Overloaded { .. }
        ));
        let auth = r#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#;
        assert_eq!(
            http(Anthropic, 401, auth),
            AiError::AuthRejected { status: 401 }
        );
        let missing = r#"{"error":"model \"llama9\" not found, try pulling it first"}"#;
        assert!(matches!(
            http(Ollama, 404, missing),
            AiError::ModelNotFound { .. }
        ));
        let html = "<!DOCTYPE html><html><body>Bad gateway</body></html>";
        assert!(matches!(
            http(OpenAiCompatible, 404, html),
            AiError::MalformedReply { .. }
        ));
        assert_eq!(
            http(OpenAiCompatible, 502, html),
            AiError::Unavailable { status: 502 }
        );
        assert_eq!(
            http(OpenAiCompatible, 503, "upstream down"),
            AiError::Unavailable { status: 503 }
        );
    }

    #[test]
    fn key_echoed_in_body_is_scrubbed() {
        let key = Secret::new("sk-test-abcdef123456");
        let body = r#"{"error":{"message":"Bad request for sk-test-abcdef123456","type":"invalid_request_error"}}"#;
        let e = http_error(OpenAiCompatible, 400, None, body, "m", Some(&key));
        assert!(!format!("{e:?} {e}").contains("abcdef123456"));
    }
}
