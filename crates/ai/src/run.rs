//! The run envelope shared by every provider: `Started` first, exactly one `Finished` last,
//! cancellation, and abort-on-drop.
//!
//! The driver future is polled from inside [`RunStream::poll_next`] (no task is spawned), so
//! dropping the stream drops the driver and with it the HTTP response: the connection closes
//! and the provider stops generating.

use crate::error::AiError;
use crate::event::{FinishReason, Outcome, RunInfo, StreamEvent};
use futures_util::Stream;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

type Driver = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The events of one run. See [`crate::event`] for the order guaranteed.
pub struct RunStream {
    info: RunInfo,
    driver: Option<Driver>,
    rx: mpsc::Receiver<StreamEvent>,
}

/// Hands events from a provider's driver to the stream, remembering whether text was sent.
#[derive(Clone)]
pub struct Emitter {
    tx: mpsc::Sender<StreamEvent>,
    partial: Arc<AtomicBool>,
}

impl Emitter {
    pub async fn delta(&self, text: String) {
        if text.is_empty() {
            return;
        }
        let _ = self.tx.send(StreamEvent::Delta(text)).await;
        // Only once sent: a run cut short (cancelled, out of time) while this send waits for
        // room drops the send unsent (tokio's `send` is cancel-safe), and `partial` must then
        // not claim text the stream never carried.
        self.partial.store(true, Ordering::Relaxed);
    }

    pub async fn usage(&self, input_tokens: Option<u64>, output_tokens: Option<u64>) {
        if input_tokens.is_some() || output_tokens.is_some() {
            let _ = self
                .tx
                .send(StreamEvent::Usage {
                    input_tokens,
                    output_tokens,
                })
                .await;
        }
    }

    pub async fn retrying(&self, attempt: u32, wait: Duration, error: AiError) {
        let _ = self
            .tx
            .send(StreamEvent::Retrying {
                attempt,
                wait,
                error,
            })
            .await;
    }

    /// Whether any text has been sent (after which no retry may happen).
    pub fn has_output(&self) -> bool {
        self.partial.load(Ordering::Relaxed)
    }

    /// The terminal outcome for a failure at this point.
    pub fn failed(&self, error: AiError) -> Outcome {
        Outcome::Failed {
            error,
            partial: self.has_output(),
        }
    }
}

/// Wraps a provider's driver into a [`RunStream`]. The driver emits deltas and usage and
/// returns the outcome; this function owns `Started`, cancellation and the single `Finished`.
pub fn run_stream<F, Fut>(info: RunInfo, cancel: CancellationToken, body: F) -> RunStream
where
    F: FnOnce(Emitter) -> Fut + Send + 'static,
    Fut: Future<Output = Outcome> + Send + 'static,
{
    let (tx, rx) = mpsc::channel(64);
    let emitter = Emitter {
        tx: tx.clone(),
        partial: Arc::new(AtomicBool::new(false)),
    };
    let started = info.clone();
    let driver = async move {
        let _ = tx.send(StreamEvent::Started(started)).await;
        let partial = emitter.partial.clone();
        let outcome = if cancel.is_cancelled() {
            Outcome::Cancelled { partial: false }
        } else {
            let work = body(emitter);
            tokio::select! {
                biased;
                _ = cancel.cancelled() => Outcome::Cancelled { partial: partial.load(Ordering::Relaxed) },
                outcome = work => outcome,
            }
        };
        let _ = tx.send(StreamEvent::Finished(outcome)).await;
    };
    RunStream {
        info,
        driver: Some(Box::pin(driver)),
        rx,
    }
}

impl RunStream {
    /// Who answers this run (also the payload of the `Started` event).
    pub fn info(&self) -> &RunInfo {
        &self.info
    }

    /// Drains the run into one result (for callers that do not show progress).
    pub async fn into_result(mut self) -> RunResult {
        use futures_util::StreamExt;
        let mut result = RunResult {
            info: self.info.clone(),
            text: String::new(),
            input_tokens: None,
            output_tokens: None,
            retries: 0,
            outcome: Outcome::Failed {
                error: AiError::TruncatedStream,
                partial: false,
            },
        };
        while let Some(event) = self.next().await {
            match event {
                StreamEvent::Started(_) => {}
                StreamEvent::Retrying { .. } => result.retries += 1,
                StreamEvent::Delta(t) => result.text.push_str(&t),
                StreamEvent::Usage {
                    input_tokens,
                    output_tokens,
                } => {
                    result.input_tokens = input_tokens;
                    result.output_tokens = output_tokens;
                }
                StreamEvent::Finished(o) => result.outcome = o,
            }
        }
        result
    }
}

impl Stream for RunStream {
    type Item = StreamEvent;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<StreamEvent>> {
        if let Poll::Ready(Some(event)) = self.rx.poll_recv(cx) {
            return Poll::Ready(Some(event));
        }
        if let Some(driver) = self.driver.as_mut() {
            if driver.as_mut().poll(cx).is_ready() {
                self.driver = None;
            }
        }
        // The driver may have queued an event, or finished and dropped its sender.
        self.rx.poll_recv(cx)
    }
}

/// A whole run, collected.
#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    pub info: RunInfo,
    /// Everything streamed, also when the run failed or was cancelled (see `outcome`).
    pub text: String,
    pub input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    pub retries: u32,
    pub outcome: Outcome,
}

impl RunResult {
    /// True when the text is a complete answer.
    pub fn is_complete(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Done {
                finish_reason: FinishReason::Stop
            }
        )
    }
}
