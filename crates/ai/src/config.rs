//! Provider settings as the admin configures them, and whether a provider runs on this machine.

use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ProviderKind {
    /// `POST {base_url}/chat/completions` — OpenAI, Ollama's `/v1`, LM Studio, llama.cpp, vLLM.
    OpenAiCompatible,
    /// `POST {base_url}/v1/messages` — Anthropic Messages API.
    Anthropic,
    /// `POST {base_url}/api/chat` — Ollama's native NDJSON API.
    Ollama,
    /// The built-in extractive engine: no model, no network.
    Offline,
}

impl ProviderKind {
    pub fn label(self) -> &'static str {
        match self {
            ProviderKind::OpenAiCompatible => "OpenAI-compatible",
            ProviderKind::Anthropic => "Anthropic",
            ProviderKind::Ollama => "Ollama",
            ProviderKind::Offline => "Offline",
        }
    }

    /// The base URL used when the config leaves it empty.
    pub fn default_base_url(self) -> &'static str {
        match self {
            ProviderKind::OpenAiCompatible => "https://api.openai.com/v1",
            ProviderKind::Anthropic => "https://api.anthropic.com",
            ProviderKind::Ollama => "http://127.0.0.1:11434",
            ProviderKind::Offline => "",
        }
    }
}

/// The "model" name recorded for the offline engine's results (bump when its ranking changes).
pub const OFFLINE_ENGINE_MODEL: &str = "greenlight-extractive-v1";

/// Where a provider runs. Shown with every result (principle 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Locality {
    Local,
    Remote,
}

/// One configured provider. The key is never serialized: persistence stores the rest and the
/// key lives in the OS keyring.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderConfig {
    pub id: String,
    /// Display name chosen by the admin, used in every user-facing message.
    pub name: String,
    pub kind: ProviderKind,
    /// Empty means [`ProviderKind::default_base_url`].
    #[serde(default)]
    pub base_url: String,
    pub model: String,
    #[serde(skip)]
    pub api_key: Option<Secret>,
    /// The person marked this server as on their own network (a private address or an
    /// internal name): plain http is allowed and it counts as local (see [`crate::address`]).
    #[serde(default)]
    pub own_network: bool,
    #[serde(default)]
    pub limits: Limits,
}

/// Retry, time and size limits. Defaults suit real providers; tests shrink them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Limits {
    /// Attempts in total (1 = no retry). Retries happen only before the first token.
    pub max_attempts: u32,
    /// First backoff; doubled each attempt, jittered by ±25 %.
    pub initial_backoff: Duration,
    /// No single wait is longer; a `retry-after` beyond it fails the run instead of waiting.
    pub max_backoff: Duration,
    pub connect_timeout: Duration,
    /// Longest silence between two reads of the body (local models can be slow to load).
    pub idle_timeout: Duration,
    /// Most bytes one reply may have. A real answer is a few kilobytes of text (a whole
    /// rewritten feature script in JSON-escaped deltas is a few megabytes); past this the
    /// provider is broken or hostile, and reading on would only fill memory.
    pub max_reply_bytes: u64,
    /// Longest a whole run may take, retries and their waits included, from the first request
    /// to the last byte. The idle timeout alone never ends a provider that keeps sending.
    pub max_run_time: Duration,
    /// Upper bound for Ollama's `num_ctx`.
    pub max_context_tokens: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(300),
            max_reply_bytes: 16 * 1024 * 1024,
            max_run_time: Duration::from_secs(15 * 60),
            max_context_tokens: 131_072,
        }
    }
}

impl ProviderConfig {
    pub fn new(id: &str, name: &str, kind: ProviderKind, base_url: &str, model: &str) -> Self {
        Self {
            id: id.to_owned(),
            name: name.to_owned(),
            kind,
            base_url: base_url.to_owned(),
            model: model.to_owned(),
            api_key: None,
            own_network: false,
            limits: Limits::default(),
        }
    }

    pub fn with_key(mut self, key: Secret) -> Self {
        self.api_key = Some(key);
        self
    }

    /// The configured base URL without a trailing slash, or the kind's default.
    pub fn effective_base_url(&self) -> String {
        let base = self.base_url.trim();
        let base = if base.is_empty() {
            self.kind.default_base_url()
        } else {
            base
        };
        base.trim_end_matches('/').to_owned()
    }

    /// Local = the offline engine, a base URL on this computer (loopback, `localhost`), or a
    /// server the person marked as on their own network at a private address or internal
    /// name. Anything unparsable counts as remote, so a typo never weakens a local-only policy.
    pub fn locality(&self) -> Locality {
        if self.kind == ProviderKind::Offline
            || crate::address::is_local(&self.effective_base_url(), self.own_network)
        {
            Locality::Local
        } else {
            Locality::Remote
        }
    }

    pub fn is_local(&self) -> bool {
        self.locality() == Locality::Local
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(kind: ProviderKind, base: &str) -> ProviderConfig {
        ProviderConfig::new("p", "P", kind, base, "m")
    }

    #[test]
    fn locality_from_base_url() {
        use ProviderKind::*;
        assert!(cfg(Offline, "").is_local());
        assert!(cfg(Ollama, "").is_local());
        assert!(cfg(OpenAiCompatible, "http://localhost:1234/v1").is_local());
        assert!(cfg(OpenAiCompatible, "http://127.0.0.2:8080/v1").is_local());
        assert!(cfg(OpenAiCompatible, "http://[::1]:8000/v1").is_local());
        assert!(!cfg(OpenAiCompatible, "").is_local());
        assert!(!cfg(OpenAiCompatible, "http://localhost.evil.com/v1").is_local());
        assert!(!cfg(OpenAiCompatible, "http://192.168.1.4:11434").is_local());
        assert!(!cfg(Anthropic, "not a url").is_local());
    }

    #[test]
    fn key_is_not_serialized() {
        let c = cfg(ProviderKind::Anthropic, "").with_key(Secret::new("sk-ant-secret"));
        let json = serde_json::to_string(&c).unwrap_or_default();
        assert!(!json.contains("sk-ant-secret"));
        assert!(!format!("{c:?}").contains("sk-ant-secret"));
    }
}
