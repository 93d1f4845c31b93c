//! Ollama's native `/api/chat` over NDJSON. The last line has `"done": true` with
//! `done_reason`, `prompt_eval_count` and `eval_count`.
//!
//! Ollama silently drops the start of a prompt longer than its context (2048–4096 tokens by
//! default), so every request sets `options.num_ctx` from the prompt's size.

use super::messages_json;
use crate::classify::{stream_error, ErrorBody};
use crate::config::{ProviderConfig, ProviderKind};
use crate::error::AiError;
use crate::framing::{Frame, Framing};
use crate::request::ChatRequest;
use crate::wire::{finish_reason, join, json, Wire, WireEvent, WireParser};
use serde::Deserialize;
use serde_json::json;

pub struct OllamaWire;

/// The smallest context we ask for; below it Ollama's own default is as good.
const MIN_CONTEXT: u32 = 4096;

/// Context tokens for a request: prompt (estimated at 3 characters a token, which
/// over-counts English prose, so the window errs on the large side) + answer + margin,
/// rounded up to a power of two. `None` when that exceeds `max`.
pub fn num_ctx(req: &ChatRequest, max: u32) -> Option<u32> {
    let prompt = u32::try_from(req.prompt_chars().div_ceil(3)).unwrap_or(u32::MAX);
    let needed = prompt.saturating_add(req.max_tokens).saturating_add(256);
    let ctx = needed
        .checked_next_power_of_two()
        .unwrap_or(u32::MAX)
        .max(MIN_CONTEXT);
    if needed > max {
        None
    } else {
        Some(ctx.min(max))
    }
}

impl Wire for OllamaWire {
    fn framing(&self) -> Framing {
        Framing::Ndjson
    }

    fn chat(
        &self,
        client: &reqwest::Client,
        config: &ProviderConfig,
        req: &ChatRequest,
    ) -> Result<reqwest::RequestBuilder, AiError> {
        let ctx = num_ctx(req, config.limits.max_context_tokens).ok_or_else(|| {
            AiError::ContextTooLong {
                detail: format!(
                    "about {} characters do not fit a {}-token context",
                    req.prompt_chars(),
                    config.limits.max_context_tokens
                ),
            }
        })?;
        let mut messages = Vec::new();
        if let Some(system) = &req.system {
            messages.push(json!({ "role": "system", "content": system }));
        }
        messages.extend(messages_json(req));
        let mut options = json!({ "num_ctx": ctx, "num_predict": req.max_tokens });
        if let Some(t) = req.temperature {
            options["temperature"] = json!(t);
        }
        let body = json!({
            "model": config.model,
            "messages": messages,
            "stream": true,
            "options": options,
        });
        let mut builder = client
            .post(join(&config.effective_base_url(), "/api/chat"))
            .json(&body);
        if let Some(key) = &config.api_key {
            builder = builder.bearer_auth(key.expose()); // for Ollama behind an auth proxy
        }
        Ok(builder)
    }

    fn parser(&self, config: &ProviderConfig) -> Box<dyn WireParser> {
        Box::new(OllamaParser {
            model: config.model.clone(),
            key: config.api_key.clone(),
        })
    }
}

pub fn models_request(
    client: &reqwest::Client,
    config: &ProviderConfig,
) -> reqwest::RequestBuilder {
    client.get(join(&config.effective_base_url(), "/api/tags"))
}

struct OllamaParser {
    model: String,
    key: Option<crate::Secret>,
}

#[derive(Deserialize)]
struct Line {
    message: Option<LineMessage>,
    #[serde(default)]
    done: bool,
    done_reason: Option<String>,
    prompt_eval_count: Option<u64>,
    eval_count: Option<u64>,
    error: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct LineMessage {
    #[serde(default)]
    content: String,
}

impl WireParser for OllamaParser {
    fn frame(&mut self, frame: Frame, out: &mut Vec<WireEvent>) -> Result<(), AiError> {
        let Frame::Line(text) = frame else {
            return Ok(());
        };
        let line: Line = json(&text)?;
        if line.error.is_some() {
            let body = ErrorBody::parse(&text).unwrap_or_default();
            return Err(stream_error(
                ProviderKind::Ollama,
                &body,
                &self.model,
                self.key.as_ref(),
            ));
        }
        if let Some(m) = line.message {
            out.push(WireEvent::Delta(m.content));
        }
        if line.done {
            if let Some(n) = line.prompt_eval_count {
                out.push(WireEvent::InputTokens(n));
            }
            if let Some(n) = line.eval_count {
                out.push(WireEvent::OutputTokens(n));
            }
            out.push(WireEvent::Finish(finish_reason(
                line.done_reason.as_deref().unwrap_or("stop"),
            )));
            out.push(WireEvent::End);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Message, TemplateRef};

    fn req(chars: usize, max_tokens: u32) -> ChatRequest {
        ChatRequest {
            system: None,
            messages: vec![Message::user("x".repeat(chars))],
            max_tokens,
            temperature: None,
            template: TemplateRef {
                id: "t".into(),
                version: 1,
            },
            params: Default::default(),
            source: None,
        }
    }

    #[test]
    fn num_ctx_grows_with_the_prompt() {
        assert_eq!(num_ctx(&req(100, 512), 131_072), Some(4096));
        assert_eq!(num_ctx(&req(30_000, 1024), 131_072), Some(16_384));
        assert_eq!(num_ctx(&req(300_000, 1024), 131_072), Some(131_072));
        assert_eq!(num_ctx(&req(600_000, 1024), 131_072), None);
    }
}
