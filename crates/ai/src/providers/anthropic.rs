//! Anthropic Messages over SSE. The stream is `message_start`, content blocks with
//! `content_block_delta` (`text_delta`), `ping`s, `message_delta` (stop reason, output usage)
//! and `message_stop`, the end marker. `event: error` may arrive at any point.

use super::messages_json;
use crate::classify::{stream_error, ErrorBody};
use crate::config::{ProviderConfig, ProviderKind};
use crate::error::AiError;
use crate::framing::{Frame, Framing};
use crate::request::ChatRequest;
use crate::wire::{finish_reason, join, json, Wire, WireEvent, WireParser};
use serde_json::{json, Value};

pub const API_VERSION: &str = "2023-06-01";

pub struct AnthropicWire;

fn authed(
    builder: reqwest::RequestBuilder,
    config: &ProviderConfig,
) -> Result<reqwest::RequestBuilder, AiError> {
    let key = config.api_key.as_ref().ok_or(AiError::Config {
        detail: "no API key is set".into(),
    })?;
    // Sensitive, like reqwest's bearer header: kept out of Debug output and HPACK tables.
    let mut value =
        reqwest::header::HeaderValue::from_str(key.expose()).map_err(|_| AiError::Config {
            detail: "the API key contains characters that cannot be sent".into(),
        })?;
    value.set_sensitive(true);
    Ok(builder
        .header("x-api-key", value)
        .header("anthropic-version", API_VERSION))
}

impl Wire for AnthropicWire {
    fn framing(&self) -> Framing {
        Framing::Sse
    }

    fn chat(
        &self,
        client: &reqwest::Client,
        config: &ProviderConfig,
        req: &ChatRequest,
    ) -> Result<reqwest::RequestBuilder, AiError> {
        let mut body = json!({
            "model": config.model,
            "max_tokens": req.max_tokens,
            "messages": messages_json(req),
            "stream": true,
        });
        if let Some(system) = &req.system {
            body["system"] = json!(system);
        }
        if let Some(t) = req.temperature {
            body["temperature"] = json!(t);
        }
        let url = join(&config.effective_base_url(), "/v1/messages");
        Ok(authed(client.post(url), config)?.json(&body))
    }

    fn parser(&self, config: &ProviderConfig) -> Box<dyn WireParser> {
        Box::new(AnthropicParser {
            model: config.model.clone(),
            key: config.api_key.clone(),
        })
    }
}

pub fn models_request(
    client: &reqwest::Client,
    config: &ProviderConfig,
) -> Result<reqwest::RequestBuilder, AiError> {
    authed(
        client.get(join(&config.effective_base_url(), "/v1/models")),
        config,
    )
}

struct AnthropicParser {
    model: String,
    key: Option<crate::Secret>,
}

fn u64_at(v: &Value, path: &[&str]) -> Option<u64> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_u64()
}

impl WireParser for AnthropicParser {
    fn frame(&mut self, frame: Frame, out: &mut Vec<WireEvent>) -> Result<(), AiError> {
        let Frame::Sse { event, data } = frame else {
            return Ok(());
        };
        let v: Value = json(&data)?;
        let kind = v
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or(event.as_str());
        match kind {
            "message_start" => {
                if let Some(n) = u64_at(&v, &["message", "usage", "input_tokens"]) {
                    out.push(WireEvent::InputTokens(n));
                }
            }
            "content_block_delta" => {
                let delta = v.get("delta");
                let is_text =
                    delta.and_then(|d| d.get("type")).and_then(Value::as_str) == Some("text_delta");
                if let (true, Some(text)) = (
                    is_text,
                    delta.and_then(|d| d.get("text")).and_then(Value::as_str),
                ) {
                    out.push(WireEvent::Delta(text.to_owned()));
                }
            }
            "message_delta" => {
                if let Some(r) = v
                    .get("delta")
                    .and_then(|d| d.get("stop_reason"))
                    .and_then(Value::as_str)
                {
                    out.push(WireEvent::Finish(finish_reason(r)));
                }
                if let Some(n) = u64_at(&v, &["usage", "output_tokens"]) {
                    out.push(WireEvent::OutputTokens(n));
                }
            }
            "message_stop" => out.push(WireEvent::End),
            "error" => {
                let body = ErrorBody::parse(&data).unwrap_or_default();
                return Err(stream_error(
                    ProviderKind::Anthropic,
                    &body,
                    &self.model,
                    self.key.as_ref(),
                ));
            }
            // ping, content_block_start/stop and future event types carry no text.
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Message, TemplateRef};
    use crate::Secret;

    #[test]
    fn the_key_header_is_marked_sensitive() {
        let config = ProviderConfig::new("p", "P", ProviderKind::Anthropic, "", "m")
            .with_key(Secret::new("sk-ant-0123456789"));
        let req = ChatRequest {
            system: None,
            messages: vec![Message::user("hello")],
            max_tokens: 16,
            temperature: None,
            template: TemplateRef {
                id: "t".into(),
                version: 1,
            },
            params: Default::default(),
            source: None,
        };
        let client = reqwest::Client::new();
        let built = [
            AnthropicWire.chat(&client, &config, &req),
            models_request(&client, &config),
        ];
        for builder in built {
            let request = builder
                .and_then(|b| {
                    b.build().map_err(|e| AiError::Config {
                        detail: e.to_string(),
                    })
                })
                .expect("request");
            let key = request.headers().get("x-api-key").expect("x-api-key");
            assert!(key.is_sensitive(), "x-api-key is not marked sensitive");
            assert!(!format!("{:?}", request.headers()).contains("0123456789"));
        }
    }
}
