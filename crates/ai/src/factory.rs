//! How a configuration becomes a provider. `core` is handed a [`ProviderFactory`], so the app
//! uses [`WireProviders`] (the real wire protocols and the offline engine) while tests and
//! benchmarks hand it an in-process model ([`crate::scripted`]) without a TCP server.

use crate::config::{ProviderConfig, ProviderKind};
use crate::http::HttpProvider;
use crate::offline::OfflineProvider;
use crate::provider::Provider;
use crate::providers::{anthropic::AnthropicWire, ollama::OllamaWire, openai::OpenAiWire};
use std::sync::Arc;

/// Builds the provider that answers for a configuration.
pub trait ProviderFactory: Send + Sync + std::fmt::Debug {
    fn build(&self, config: ProviderConfig) -> Box<dyn Provider>;
}

/// The production factory: each kind speaks its own wire protocol over HTTP; the offline
/// engine runs in process.
#[derive(Debug, Clone, Copy, Default)]
pub struct WireProviders;

impl ProviderFactory for WireProviders {
    fn build(&self, config: ProviderConfig) -> Box<dyn Provider> {
        build_provider(config)
    }
}

/// The production provider for `config` (what [`WireProviders`] builds).
pub fn build_provider(config: ProviderConfig) -> Box<dyn Provider> {
    match config.kind {
        ProviderKind::OpenAiCompatible => Box::new(HttpProvider::new(config, Arc::new(OpenAiWire))),
        ProviderKind::Anthropic => Box::new(HttpProvider::new(config, Arc::new(AnthropicWire))),
        ProviderKind::Ollama => Box::new(HttpProvider::new(config, Arc::new(OllamaWire))),
        ProviderKind::Offline => Box::new(OfflineProvider::new(config)),
    }
}
