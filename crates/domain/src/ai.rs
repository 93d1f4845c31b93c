//! AI as the app shows it: configured providers, run requests, the events of a streaming run
//! and the record each run leaves. These are IPC shapes; the provider layer is `greenlight-ai`.

use crate::ids::{DocumentId, ProjectId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The wire protocol a provider speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKindName {
    /// OpenAI, or anything speaking its chat completions API (Ollama's /v1, LM Studio,
    /// llama.cpp server, vLLM).
    OpenaiCompatible,
    Anthropic,
    /// Ollama's native `/api/chat`.
    Ollama,
    /// The built-in extractive engine: no model, no network.
    Offline,
}

impl ProviderKindName {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OpenaiCompatible => "openai_compatible",
            Self::Anthropic => "anthropic",
            Self::Ollama => "ollama",
            Self::Offline => "offline",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::OpenaiCompatible,
            Self::Anthropic,
            Self::Ollama,
            Self::Offline,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A configured provider. The key itself never leaves the OS keyring: only whether one is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderInfo {
    pub id: String,
    pub name: String,
    pub kind: ProviderKindName,
    /// Empty means the kind's default.
    pub base_url: String,
    pub model: String,
    pub key_set: bool,
    /// Runs on this machine or the studio's own network (the offline engine, a loopback
    /// address, or a server marked as on our own network).
    pub local: bool,
    /// The person marked this server as on their own network.
    pub own_network: bool,
    /// The offline engine, which is always there and cannot be removed.
    pub built_in: bool,
}

/// What a person fills in to add or change a provider. `Debug` never shows the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderInput {
    pub name: String,
    pub kind: ProviderKindName,
    /// `https://` for a remote server; plain `http://` only for this computer or, when
    /// `own_network` is set, a server at a private address or internal name.
    pub base_url: String,
    pub model: String,
    /// The person says the server is on their own network: it counts as local.
    #[serde(default)]
    pub own_network: bool,
    /// `None` keeps the stored key; `Some("")` removes it; anything else replaces it. A key
    /// for a provider whose address moves to another host must be entered again.
    pub api_key: Option<ApiKey>,
}

/// An API key a person typed, on its way to the OS keyring: its bytes are wiped when it is
/// dropped, and `Debug` never shows it. (Keys read back from the keyring travel as
/// `greenlight_ai::Secret`, which keeps the same promises.)
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(type = "string")]
pub struct ApiKey(String);

impl ApiKey {
    /// The key itself, for the keyring only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Drop for ApiKey {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() {
            "\"\""
        } else {
            "[redacted]"
        })
    }
}

impl From<&str> for ApiKey {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl From<String> for ApiKey {
    fn from(s: String) -> Self {
        Self(s)
    }
}

/// The answer of "Test connection".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    pub ok: bool,
    pub models: Vec<String>,
    /// A sentence for the person: what worked, or what went wrong and what to do.
    pub message: String,
}

/// What an AI run is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AiTask {
    /// Summarize the text (the document's newest revision when no text is given).
    Summarize,
    /// Propose a variation of the text following `instruction`. The answer is a suggestion:
    /// nothing is written into the document.
    Variation,
    /// One sentence that sells the story, from a summary of it.
    Logline,
    /// A paragraph telling the story, from a summary of it.
    Synopsis,
}

impl AiTask {
    pub const ALL: [AiTask; 4] = [
        Self::Summarize,
        Self::Variation,
        Self::Logline,
        Self::Synopsis,
    ];

    /// The name stored with a run.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Summarize => "summarize",
            Self::Variation => "variation",
            Self::Logline => "logline",
            Self::Synopsis => "synopsis",
        }
    }

    pub fn parse(s: &str) -> Option<AiTask> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AiRunRequest {
    pub project_id: ProjectId,
    pub document_id: Option<DocumentId>,
    pub provider_id: String,
    pub task: AiTask,
    /// For variations: what to do ("tighten", "make it colder").
    pub instruction: String,
    /// The passage; `None` means the document's newest revision.
    pub text: Option<String>,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AiOutcome {
    Done,
    Failed,
    Cancelled,
    /// Refused by the project's AI policy before anything left the machine.
    Blocked,
    /// Greenlight stopped (a crash, a kill, a power cut) before the run ended; marked so at the
    /// next start, so no run stays without an outcome.
    Interrupted,
}

impl AiOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::Blocked => "blocked",
            Self::Interrupted => "interrupted",
        }
    }
}

/// Why a provider run failed, for the UI to branch on (the message says it in words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AiErrorCode {
    RateLimited,
    Overloaded,
    Unavailable,
    AuthRejected,
    QuotaExhausted,
    ContextTooLong,
    ModelNotFound,
    BadRequest,
    Network,
    Timeout,
    MalformedReply,
    TruncatedStream,
    ProviderError,
    Config,
    /// The provider answered with a redirect, which is never followed.
    Redirected,
    /// The reply grew past the size cap.
    ReplyTooLarge,
    /// The run went on past the total time cap.
    TookTooLong,
}

/// One event of a streaming run, in order: `started`, any `retrying` (only before the first
/// text), `delta`s, at most one `usage`, and exactly one `finished`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum AiRunEvent {
    #[serde(rename_all = "camelCase")]
    Started {
        run_id: String,
        provider_name: String,
        model: String,
        local: bool,
        template: String,
    },
    #[serde(rename_all = "camelCase")]
    Retrying { message: String, wait_ms: i64 },
    #[serde(rename_all = "camelCase")]
    Delta { text: String },
    #[serde(rename_all = "camelCase")]
    Usage {
        input_tokens: Option<i64>,
        output_tokens: Option<i64>,
    },
    #[serde(rename_all = "camelCase")]
    Finished {
        outcome: AiOutcome,
        /// Some text arrived before the run failed or was cancelled: it is kept, marked
        /// incomplete.
        partial: bool,
        /// For a failure or a block: what happened, in words, and what to do.
        message: Option<String>,
        /// For a failure: its class, for the UI to branch on.
        code: Option<AiErrorCode>,
    },
}

/// The record a run leaves (also summarized in the ledger).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AiRunRecord {
    pub id: String,
    pub project_id: ProjectId,
    pub document_id: Option<DocumentId>,
    pub task: AiTask,
    pub provider_id: String,
    pub provider_name: String,
    pub model: String,
    pub local: bool,
    pub template_id: String,
    pub template_version: i64,
    /// Template parameters as recorded (long values are hashed).
    pub params: String,
    pub prompt_hash: String,
    pub input_tokens: Option<i64>,
    pub output_tokens: Option<i64>,
    pub latency_ms: Option<i64>,
    pub outcome: Option<AiOutcome>,
    pub partial: bool,
    pub message: Option<String>,
    pub output: String,
    pub started_at: i64,
    pub finished_at: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_provider_input_never_prints_its_key() {
        let input = ProviderInput {
            name: "Studio".into(),
            kind: ProviderKindName::Anthropic,
            base_url: String::new(),
            model: "m".into(),
            own_network: false,
            api_key: Some("sk-ant-very-secret".into()),
        };
        let shown = format!("{input:?} {input:#?}");
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(shown.contains("[redacted]"));
        // On the wire it is the plain string the UI sent.
        let json = serde_json::to_value(&input).expect("json");
        assert_eq!(json["apiKey"], "sk-ant-very-secret");
        let back: ProviderInput = serde_json::from_value(json).expect("back");
        assert_eq!(
            back.api_key.as_ref().map(ApiKey::expose),
            Some("sk-ant-very-secret")
        );
    }
}
