//! What differs between wire protocols: how to build the request and how to read frames.
//! Everything else (retries, timeouts, truncation, cancellation) lives in [`crate::http`].

use crate::config::ProviderConfig;
use crate::error::AiError;
use crate::event::FinishReason;
use crate::framing::{Frame, Framing};
use crate::request::ChatRequest;

/// One normalized piece of a provider's stream.
#[derive(Debug, Clone, PartialEq)]
pub enum WireEvent {
    Delta(String),
    InputTokens(u64),
    OutputTokens(u64),
    Finish(FinishReason),
    /// The protocol's end marker: `[DONE]`, `message_stop`, `"done": true`.
    End,
}

pub trait Wire: Send + Sync + 'static {
    fn framing(&self) -> Framing;

    /// The streaming chat request (URL, headers, JSON body).
    fn chat(
        &self,
        client: &reqwest::Client,
        config: &ProviderConfig,
        req: &ChatRequest,
    ) -> Result<reqwest::RequestBuilder, AiError>;

    /// A fresh parser for one attempt.
    fn parser(&self, config: &ProviderConfig) -> Box<dyn WireParser>;
}

pub trait WireParser: Send {
    /// Reads one frame. An error event inside the stream is returned as a classified error.
    fn frame(&mut self, frame: Frame, out: &mut Vec<WireEvent>) -> Result<(), AiError>;
}

/// Parses JSON from a frame, naming the problem without echoing the payload.
pub fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, AiError> {
    serde_json::from_str(text).map_err(|e| AiError::MalformedReply {
        detail: format!("unexpected data in the stream: {e}"),
    })
}

/// `base` + `path`, without doubling a `/v1` that the admin already typed.
pub fn join(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    match path.strip_prefix("/v1") {
        Some(rest) if base.ends_with("/v1") => format!("{base}{rest}"),
        _ => format!("{base}{path}"),
    }
}

/// Maps OpenAI-style and Anthropic-style stop reasons.
pub fn finish_reason(raw: &str) -> FinishReason {
    match raw {
        "stop" | "end_turn" | "stop_sequence" | "tool_calls" | "tool_use" => FinishReason::Stop,
        "length" | "max_tokens" | "model_context_window_exceeded" => FinishReason::Length,
        "content_filter" | "refusal" => FinishReason::ContentFilter,
        _ => FinishReason::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_does_not_double_v1() {
        assert_eq!(
            join("https://api.anthropic.com", "/v1/messages"),
            "https://api.anthropic.com/v1/messages"
        );
        assert_eq!(
            join("https://api.anthropic.com/v1/", "/v1/messages"),
            "https://api.anthropic.com/v1/messages"
        );
        assert_eq!(
            join("http://localhost:11434", "/api/chat"),
            "http://localhost:11434/api/chat"
        );
    }
}
