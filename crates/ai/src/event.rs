//! The normalized events every provider emits.
//!
//! Invariant (enforced by `run::run_stream`, not by each provider): a run yields
//! `Started` first, then any number of `Retrying` (only before the first `Delta`), `Delta` and at
//! most one `Usage`, and ends with exactly one `Finished`.

use crate::config::{Locality, ProviderConfig, ProviderKind};
use crate::error::AiError;
use crate::request::{ChatRequest, PromptRecord};
use std::time::Duration;

/// Who answered. Attached to every result (principle 4).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunInfo {
    pub provider_id: String,
    pub provider_name: String,
    pub kind: ProviderKind,
    pub model: String,
    pub locality: Locality,
    pub prompt: PromptRecord,
}

impl RunInfo {
    /// Who answers `req` when it is sent to `config`.
    pub fn new(config: &ProviderConfig, req: &ChatRequest) -> Self {
        Self {
            provider_id: config.id.clone(),
            provider_name: config.name.clone(),
            kind: config.kind,
            model: if config.kind == ProviderKind::Offline {
                crate::config::OFFLINE_ENGINE_MODEL.to_owned()
            } else {
                config.model.clone()
            },
            locality: config.locality(),
            prompt: req.record(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FinishReason {
    /// The model ended its answer.
    Stop,
    /// `max_tokens` was reached: the answer is complete as sent but cut by the limit.
    Length,
    /// The provider's content filter ended the answer.
    ContentFilter,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Done {
        finish_reason: FinishReason,
    },
    /// `partial` is true when some text had already been streamed; that text is kept and the
    /// result must be shown as incomplete.
    Failed {
        error: AiError,
        partial: bool,
    },
    Cancelled {
        partial: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum StreamEvent {
    Started(RunInfo),
    /// The attempt failed before any token; the run waits `wait` and tries again.
    Retrying {
        attempt: u32,
        wait: Duration,
        error: AiError,
    },
    Delta(String),
    Usage {
        input_tokens: Option<u64>,
        output_tokens: Option<u64>,
    },
    Finished(Outcome),
}
