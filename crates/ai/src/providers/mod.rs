//! The three wire protocols, and listing a provider's models ("test connection").

pub mod anthropic;
pub mod ollama;
pub mod openai;

use crate::classify::{http_error, looks_like_html};
use crate::config::{ProviderConfig, ProviderKind};
use crate::error::AiError;
use crate::transport::{client, error_body, network, redirected, whole_body};
use std::time::{Duration, SystemTime};

/// The longest a model listing may take in total: it is one small JSON document, and "test
/// connection" should answer while the user waits. Never longer than the run limit either.
pub const LIST_MODELS_MAX_TIME: Duration = Duration::from_secs(60);

/// The models a provider offers; also the "test connection" check, so every failure is
/// classified the same way as in a chat run (a bad key reads "The key for … was rejected").
/// The exchange is bounded in total time and the body in bytes, like a run.
pub async fn list_models(config: &ProviderConfig) -> Result<Vec<String>, AiError> {
    if config.kind == ProviderKind::Offline {
        return Ok(vec![crate::config::OFFLINE_ENGINE_MODEL.to_owned()]);
    }
    let after = config.limits.max_run_time.min(LIST_MODELS_MAX_TIME);
    tokio::time::timeout(after, fetch_models(config))
        .await
        .unwrap_or(Err(AiError::TookTooLong { after }))
}

async fn fetch_models(config: &ProviderConfig) -> Result<Vec<String>, AiError> {
    let client = client(config)?;
    let request = match config.kind {
        ProviderKind::Anthropic => anthropic::models_request(&client, config)?,
        ProviderKind::Ollama => ollama::models_request(&client, config),
        _ => openai::models_request(&client, config),
    };
    let key = config.api_key.as_ref();
    let idle = config.limits.idle_timeout;
    let response = tokio::time::timeout(idle, request.send())
        .await
        .map_err(|_| AiError::Timeout { after: idle })?
        .map_err(|e| network(e, key))?;
    let status = response.status();
    if status.is_redirection() {
        return Err(redirected(&response, key));
    }
    let hint = crate::headers::retry_after(response.headers(), SystemTime::now());
    if !status.is_success() {
        let body = error_body(response, idle).await;
        return Err(http_error(
            config.kind,
            status.as_u16(),
            hint,
            &body,
            &config.model,
            key,
        ));
    }
    let body = whole_body(response, config.limits.max_reply_bytes, idle, key).await?;
    let body = String::from_utf8_lossy(&body);
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
