//! The built-in offline engine: extractive summaries with no model and no network, so the app
//! is useful without a key. Its output is labelled as selected text (see [`summary::LABEL`]).

pub mod scenes;
pub mod summary;

use crate::config::ProviderConfig;
use crate::event::{FinishReason, Outcome, RunInfo};
use crate::provider::Provider;
use crate::request::{ChatRequest, Role};
use crate::run::{run_stream, RunStream};
use tokio_util::sync::CancellationToken;

pub use summary::{summarize, ExtractiveSummary, SceneSummary, LABEL};

pub use crate::config::OFFLINE_ENGINE_MODEL as ENGINE_MODEL;

/// The template whose answer the engine keeps to one sentence.
const LOGLINE_TEMPLATE: &str = "summarize.logline";

pub struct OfflineProvider {
    config: ProviderConfig,
}

impl OfflineProvider {
    pub fn new(config: ProviderConfig) -> Self {
        Self { config }
    }
}

impl Provider for OfflineProvider {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    fn stream(&self, req: ChatRequest, cancel: CancellationToken) -> RunStream {
        let info = RunInfo::new(&self.config, &req);
        run_stream(info, cancel, move |emit| async move {
            let source = req.source.clone().or_else(|| {
                req.messages
                    .iter()
                    .rev()
                    .find(|m| m.role == Role::User)
                    .map(|m| m.content.clone())
            });
            let mut summary = summarize(source.as_deref().unwrap_or(""));
            // A logline is one sentence: the first the engine picked, in story order (it
            // follows no instructions, so this is the one template it reads).
            if req.template.id == LOGLINE_TEMPLATE {
                summary.keep_first(1);
            }
            let text = summary.render();
            for line in text.split_inclusive('\n') {
                emit.delta(line.to_owned()).await;
                tokio::task::yield_now().await; // lets a cancellation land between lines
            }
            Outcome::Done {
                finish_reason: FinishReason::Stop,
            }
        })
    }
}
