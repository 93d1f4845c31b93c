//! The three wire protocols, and listing a provider's models ("test connection").

pub mod anthropic;
pub mod ollama;
pub mod openai;

use crate::classify::{http_error, looks_like_html};
use crate::config::{ProviderConfig, ProviderKind};
use crate::error::AiError;
use crate::http::{client, network};
use std::time::SystemTime;

/// The models a provider offers; also the "test connection" check, so every failure is
/// classified the same way as in a chat run (a bad key reads "The key for … was rejected").
pub async fn list_models(config: &ProviderConfig) -> Result<Vec<String>, AiError> {
    let client = client(config);
    let request = match config.kind {
        ProviderKind::OpenAiCompatible => openai::models_request(&client, config),
        ProviderKind::Anthropic => anthropic::models_request(&client, config)?,
        ProviderKind::Ollama => ollama::models_request(&client, config),
        ProviderKind::Offline => return Ok(vec![crate::config::OFFLINE_ENGINE_MODEL.to_owned()]),
    };
    let key = config.api_key.as_ref();
    let response = tokio::time::timeout(config.limits.idle_timeout, request.send())
        .await
        .map_err(|_| AiError::Timeout {
            after: config.limits.idle_timeout,
        })?
        .map_err(|e| network(e, key))?;
    let status = response.status();
    let hint = crate::headers::retry_after(response.headers(), SystemTime::now());
    let body = response.text().await.map_err(|e| network(e, key))?;
    if !status.is_success() {
        return Err(http_error(
            config.kind,
            status.as_u16(),
            hint,
            &body,
            &config.model,
            key,
        ));
    }
    if looks_like_html(&body) {
        return Err(AiError::MalformedReply {
            detail: "an HTML page instead of a model list".into(),
        });
    }
    let value: serde_json::Value = crate::wire::json(&body)?;
    let (list, field) = match config.kind {
        ProviderKind::Ollama => (value.get("models"), "name"),
        _ => (value.get("data"), "id"),
    };
    let list = list
        .and_then(|l| l.as_array())
        .ok_or(AiError::MalformedReply {
            detail: "the model list is missing".into(),
        })?;
    Ok(list
        .iter()
        .filter_map(|m| m.get(field).and_then(|v| v.as_str()).map(str::to_owned))
        .collect())
}

/// Messages as `{role, content}` objects, in order.
pub(crate) fn messages_json(req: &crate::ChatRequest) -> Vec<serde_json::Value> {
    req.messages
        .iter()
        .map(|m| {
            let role = match m.role {
                crate::Role::User => "user",
                crate::Role::Assistant => "assistant",
            };
            serde_json::json!({ "role": role, "content": m.content })
        })
        .collect()
}
