//! OpenAI-compatible chat completions over SSE (OpenAI, Ollama `/v1`, LM Studio, llama.cpp
//! server, vLLM). The stream ends with `data: [DONE]`; we ask for the usage chunk with
//! `stream_options.include_usage`.

use super::messages_json;
use crate::classify::{stream_error, ErrorBody};
use crate::config::{ProviderConfig, ProviderKind};
use crate::error::AiError;
use crate::framing::{Frame, Framing};
use crate::request::ChatRequest;
use crate::wire::{finish_reason, join, json, Wire, WireEvent, WireParser};
use serde::Deserialize;
use serde_json::json;

pub struct OpenAiWire;

impl Wire for OpenAiWire {
    fn framing(&self) -> Framing {
        Framing::Sse
    }

    fn chat(
        &self,
        client: &reqwest::Client,
        config: &ProviderConfig,
        req: &ChatRequest,
    ) -> Result<reqwest::RequestBuilder, AiError> {
        let base = config.effective_base_url();
        let mut messages = Vec::new();
        if let Some(system) = &req.system {
            messages.push(json!({ "role": "system", "content": system }));
        }
        messages.extend(messages_json(req));
        let mut body = json!({
            "model": config.model,
            "messages": messages,
            "stream": true,
            "stream_options": { "include_usage": true },
        });
        // OpenAI's own API wants `max_completion_tokens` (reasoning models reject `max_tokens`);
        // local servers know `max_tokens`.
        let limit_field = if base.contains("api.openai.com") {
            "max_completion_tokens"
        } else {
            "max_tokens"
        };
        body[limit_field] = json!(req.max_tokens);
        if let Some(t) = req.temperature {
            body["temperature"] = json!(t);
        }
        Ok(
            with_auth(client.post(join(&base, "/chat/completions")), config)
                .header("accept", "text/event-stream")
                .json(&body),
        )
    }

    fn parser(&self, config: &ProviderConfig) -> Box<dyn WireParser> {
        Box::new(OpenAiParser {
            model: config.model.clone(),
            key: config.api_key.clone(),
        })
    }
}

fn with_auth(builder: reqwest::RequestBuilder, config: &ProviderConfig) -> reqwest::RequestBuilder {
    match &config.api_key {
        Some(key) => builder.bearer_auth(key.expose()),
        None => builder,
    }
}

pub fn models_request(
    client: &reqwest::Client,
    config: &ProviderConfig,
) -> reqwest::RequestBuilder {
    with_auth(
        client.get(join(&config.effective_base_url(), "/models")),
        config,
    )
}

struct OpenAiParser {
    model: String,
    key: Option<crate::Secret>,
}

#[derive(Deserialize)]
struct Chunk {
    #[serde(default)]
    choices: Vec<Choice>,
    usage: Option<Usage>,
    error: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Choice {
    delta: Option<Delta>,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Delta {
    content: Option<String>,
}

#[derive(Deserialize)]
struct Usage {
    prompt_tokens: Option<u64>,
    completion_tokens: Option<u64>,
}

impl WireParser for OpenAiParser {
    fn frame(&mut self, frame: Frame, out: &mut Vec<WireEvent>) -> Result<(), AiError> {
        let Frame::Sse { data, .. } = frame else {
            return Ok(());
        };
        if data.trim() == "[DONE]" {
            out.push(WireEvent::End);
            return Ok(());
        }
        let chunk: Chunk = json(&data)?;
        if chunk.error.is_some() {
            let body = ErrorBody::parse(&data).unwrap_or_default();
            return Err(stream_error(
                ProviderKind::OpenAiCompatible,
                &body,
                &self.model,
                self.key.as_ref(),
            ));
        }
        for choice in chunk.choices {
            if let Some(text) = choice.delta.and_then(|d| d.content) {
                out.push(WireEvent::Delta(text));
            }
            if let Some(reason) = choice.finish_reason {
                out.push(WireEvent::Finish(finish_reason(&reason)));
            }
        }
        if let Some(u) = chunk.usage {
            if let Some(n) = u.prompt_tokens {
                out.push(WireEvent::InputTokens(n));
            }
            if let Some(n) = u.completion_tokens {
                out.push(WireEvent::OutputTokens(n));
            }
        }
        Ok(())
    }
}
