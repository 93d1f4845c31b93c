//! Greenlight's provider layer: every AI feature talks to a model through [`Provider`].
//!
//! - Providers: OpenAI-compatible chat completions, Anthropic Messages, Ollama's native API,
//!   and an offline extractive engine ([`offline`]) that needs no model and no network.
//! - A run is a [`RunStream`] of [`StreamEvent`]s: `Started` (who answers, local or remote,
//!   template and prompt hash), `Retrying` (only before the first token), `Delta`s, at most one
//!   `Usage`, and exactly one `Finished` with an [`Outcome`]: done, failed (classified
//!   [`AiError`], partial text kept and marked) or cancelled.
//! - Dropping the stream aborts the HTTP request; cancelling the token ends the run with
//!   `Cancelled`.
//! - Prompts come from versioned [`templates`].
//!
//! The crate knows nothing of keyrings, databases or the UI: `core` passes the key in a
//! [`Secret`] and applies the project's policy before calling.

pub mod address;
mod backoff;
pub mod classify;
pub mod config;
pub mod error;
pub mod event;
mod factory;
pub mod framing;
pub mod headers;
mod http;
pub mod offline;
mod provider;
pub mod providers;
pub mod request;
mod run;
pub mod scripted;
pub mod secret;
pub mod templates;
mod transport;
mod wire;

pub use config::{Limits, Locality, ProviderConfig, ProviderKind};
pub use error::AiError;
pub use event::{FinishReason, Outcome, RunInfo, StreamEvent};
pub use factory::{build_provider, ProviderFactory, WireProviders};
pub use provider::Provider;
pub use providers::list_models;
pub use request::{ChatRequest, Message, PromptRecord, Role, TemplateRef};
pub use run::{RunResult, RunStream};
pub use secret::Secret;
pub use tokio_util::sync::CancellationToken;
