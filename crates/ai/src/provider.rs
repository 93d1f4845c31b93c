//! The one provider trait. Implementations (`http`, `offline`, `scripted`) depend on it; it
//! depends on none of them (construction lives in [`crate::factory`]).

use crate::config::ProviderConfig;
use crate::request::ChatRequest;
use crate::run::RunStream;
use tokio_util::sync::CancellationToken;

/// A source of model answers.
///
/// `stream` returns at once; work happens while the stream is polled. Cancelling `cancel` ends
/// the run with `Outcome::Cancelled`; dropping the stream aborts the request without an outcome.
pub trait Provider: Send + Sync {
    fn config(&self) -> &ProviderConfig;

    fn stream(&self, req: ChatRequest, cancel: CancellationToken) -> RunStream;
}
