//! An in-process model that follows a script: deltas, pauses, usage, retries and failures.
//!
//! For tests and benchmarks of everything above the wire (core's use-cases, the app), so they
//! drive a whole run — started, streamed, recorded, failed or cancelled — without a TCP
//! server. The wire protocols themselves are tested against a local server with recorded
//! transcripts (`tests/replay.rs`); this fake never stands in for them.

use crate::config::ProviderConfig;
use crate::error::AiError;
use crate::event::{FinishReason, Outcome, RunInfo};
use crate::factory::ProviderFactory;
use crate::provider::Provider;
use crate::request::ChatRequest;
use crate::run::{run_stream, RunStream};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// One step of a scripted answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Streams this text.
    Delta(String),
    /// Waits (a slow model, or time to cancel).
    Wait(Duration),
    /// Reports token usage.
    Usage { input: u64, output: u64 },
    /// Announces a retry after a failure (only meaningful before the first delta).
    Retry { error: AiError, wait: Duration },
    /// Ends the run with this failure.
    Fail(AiError),
}

/// A whole scripted answer: its steps, then (unless a step failed) a normal end.
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    pub steps: Vec<Step>,
    pub finish: FinishReason,
}

impl Script {
    /// Streams `text` word by word (each word with its following space), then stops.
    pub fn text(text: &str) -> Self {
        let steps = text
            .split_inclusive(' ')
            .map(|w| Step::Delta(w.to_owned()))
            .collect();
        Self {
            steps,
            finish: FinishReason::Stop,
        }
    }

    /// The same, pausing `each` before every delta.
    pub fn paced(text: &str, each: Duration) -> Self {
        let mut s = Self::text(text);
        s.steps = s
            .steps
            .into_iter()
            .flat_map(|step| [Step::Wait(each), step])
            .collect();
        s
    }

    pub fn then(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }
}

#[derive(Debug, Default)]
struct State {
    queued: VecDeque<Script>,
    requests: Vec<(ProviderConfig, ChatRequest)>,
}

/// Hands every provider it builds the next queued script (or the default one), and keeps
/// every request it was sent, so a test can check what left "the machine".
#[derive(Debug, Clone)]
pub struct ScriptedFactory {
    default: Script,
    state: Arc<Mutex<State>>,
}

impl ScriptedFactory {
    pub fn new(default: Script) -> Self {
        Self {
            default,
            state: Arc::default(),
        }
    }

    /// The next run answers with `script`.
    pub fn push(&self, script: Script) {
        self.lock().queued.push_back(script);
    }

    /// Every request sent so far, with the configuration it was sent to.
    pub fn requests(&self) -> Vec<(ProviderConfig, ChatRequest)> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        match self.state.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

impl ProviderFactory for ScriptedFactory {
    fn build(&self, config: ProviderConfig) -> Box<dyn Provider> {
        Box::new(ScriptedProvider {
            config,
            factory: self.clone(),
        })
    }
}

struct ScriptedProvider {
    config: ProviderConfig,
    factory: ScriptedFactory,
}

impl Provider for ScriptedProvider {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    fn stream(&self, req: ChatRequest, cancel: CancellationToken) -> RunStream {
        let script = {
            let mut state = self.factory.lock();
            state.requests.push((self.config.clone(), req.clone()));
            state
                .queued
                .pop_front()
                .unwrap_or_else(|| self.factory.default.clone())
        };
        let info = RunInfo::new(&self.config, &req);
        run_stream(info, cancel, move |emit| async move {
            let mut attempt = 0;
            for step in script.steps {
                match step {
                    Step::Delta(text) => emit.delta(text).await,
                    Step::Wait(d) => tokio::time::sleep(d).await,
                    Step::Usage { input, output } => emit.usage(Some(input), Some(output)).await,
                    Step::Retry { error, wait } => {
                        attempt += 1;
                        emit.retrying(attempt, wait, error).await;
                    }
                    Step::Fail(error) => return emit.failed(error),
                }
            }
            Outcome::Done {
                finish_reason: script.finish,
            }
        })
    }
}
