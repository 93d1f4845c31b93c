//! The one provider trait, and how a configuration becomes a provider.

use crate::config::{ProviderConfig, ProviderKind};
use crate::event::RunInfo;
use crate::http::HttpProvider;
use crate::offline::OfflineProvider;
use crate::providers::{anthropic::AnthropicWire, ollama::OllamaWire, openai::OpenAiWire};
use crate::request::ChatRequest;
use crate::run::RunStream;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// A source of model answers.
///
/// `stream` returns at once; work happens while the stream is polled. Cancelling `cancel` ends
/// the run with `Outcome::Cancelled`; dropping the stream aborts the request without an outcome.
pub trait Provider: Send + Sync {
    fn config(&self) -> &ProviderConfig;

    fn stream(&self, req: ChatRequest, cancel: CancellationToken) -> RunStream;
}

pub fn build_provider(config: ProviderConfig) -> Box<dyn Provider> {
    match config.kind {
        ProviderKind::OpenAiCompatible => Box::new(HttpProvider::new(config, Arc::new(OpenAiWire))),
        ProviderKind::Anthropic => Box::new(HttpProvider::new(config, Arc::new(AnthropicWire))),
        ProviderKind::Ollama => Box::new(HttpProvider::new(config, Arc::new(OllamaWire))),
        ProviderKind::Offline => Box::new(OfflineProvider::new(config)),
    }
}

pub fn run_info(config: &ProviderConfig, req: &ChatRequest) -> RunInfo {
    RunInfo {
        provider_id: config.id.clone(),
        provider_name: config.name.clone(),
        kind: config.kind,
        model: if config.kind == ProviderKind::Offline {
            crate::offline::ENGINE_MODEL.to_owned()
        } else {
            config.model.clone()
        },
        locality: config.locality(),
        prompt: req.record(),
    }
}
