//! AI use-cases: providers (keys in the OS keyring), the project's AI policy, and runs that
//! stream a provider's answer while recording it. Principle 1 holds by construction: nothing
//! here writes to a document; a run's output is a suggestion kept in its record.

mod policy;
mod providers;
mod run;

pub use providers::Providers;
pub(crate) use run::mark_interrupted;
pub use run::PreparedRun;

use crate::app::Greenlight;

/// AI for a project: its policy, runs (prepare, execute, cancel) and their records.
pub struct Ai<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// AI: policies and runs.
    pub fn ai(&self) -> Ai<'_> {
        Ai { app: self }
    }
}

use greenlight_ai::{ProviderConfig, ProviderKind};
use greenlight_domain::ai::ProviderKindName;

/// Id of the built-in offline engine, which is always available.
pub const OFFLINE_ID: &str = "offline";
pub const OFFLINE_NAME: &str = "Offline engine (extractive)";
pub const OFFLINE_MODEL: &str = "greenlight-extractive-v1";

pub(crate) fn kind_to_ai(k: ProviderKindName) -> ProviderKind {
    match k {
        ProviderKindName::OpenaiCompatible => ProviderKind::OpenAiCompatible,
        ProviderKindName::Anthropic => ProviderKind::Anthropic,
        ProviderKindName::Ollama => ProviderKind::Ollama,
        ProviderKindName::Offline => ProviderKind::Offline,
    }
}

pub(crate) fn offline_config() -> ProviderConfig {
    ProviderConfig::new(
        OFFLINE_ID,
        OFFLINE_NAME,
        ProviderKind::Offline,
        "",
        OFFLINE_MODEL,
    )
}
