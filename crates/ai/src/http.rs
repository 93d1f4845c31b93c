//! The HTTP provider: one driver for every wire protocol. Owns the attempt loop (retry only
//! before the first token), timeouts and caps, truncation detection and error classification.
//!
//! A run is bounded three ways: `idle_timeout` between reads, `max_reply_bytes` per reply and
//! `max_run_time` for the whole run, retries and their waits included. Hitting a cap ends the
//! run as a failure that keeps the text streamed so far; none of them is retried.

use crate::backoff;
use crate::classify::{http_error, looks_like_html};
use crate::config::ProviderConfig;
use crate::error::AiError;
use crate::event::RunInfo;
use crate::event::{FinishReason, Outcome};
use crate::framing::Decoder;
use crate::provider::Provider;
use crate::request::ChatRequest;
use crate::run::{run_stream, Emitter, RunStream};
use crate::transport::{client, error_body, exceeds, network, redirected};
use crate::wire::{Wire, WireEvent};
use futures_util::StreamExt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

pub struct HttpProvider {
    config: Arc<ProviderConfig>,
    /// A client that cannot be built as required (no redirects, no proxy when local) fails
    /// every run rather than falling back to a default client.
    client: Result<reqwest::Client, AiError>,
    wire: Arc<dyn Wire>,
}

impl HttpProvider {
    pub fn new(config: ProviderConfig, wire: Arc<dyn Wire>) -> Self {
        let client = client(&config);
        Self {
            config: Arc::new(config),
            client,
            wire,
        }
    }
}

/// `after` from now; a duration too large to add means no practical limit.
pub fn deadline_after(after: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(after)
        .or_else(|| now.checked_add(Duration::from_secs(30 * 365 * 86_400)))
        .unwrap_or(now)
}

impl Provider for HttpProvider {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    fn stream(&self, req: ChatRequest, cancel: CancellationToken) -> RunStream {
        let info = RunInfo::new(&self.config, &req);
        let (config, client, wire) = (self.config.clone(), self.client.clone(), self.wire.clone());
        run_stream(info, cancel, move |emit| async move {
            match client {
                Ok(client) => drive(&config, &client, wire.as_ref(), &req, &emit).await,
                Err(error) => emit.failed(error),
            }
        })
    }
}

async fn drive(
    config: &ProviderConfig,
    client: &reqwest::Client,
    wire: &dyn Wire,
    req: &ChatRequest,
    emit: &Emitter,
) -> Outcome {
    let max_time = config.limits.max_run_time;
    let deadline = deadline_after(max_time);
    let mut attempt = 1u32;
    loop {
        // Usage of this attempt, sent only when the run ends (a retried attempt may have
        // reported input tokens before failing; at most one `Usage` per run).
        let mut usage = (None, None);
        let exchange = attempt_once(config, client, wire, req, emit, &mut usage);
        // On time-out the exchange is dropped, which closes the connection.
        let result = tokio::time::timeout_at(deadline, exchange)
            .await
            .unwrap_or(Err(AiError::TookTooLong { after: max_time }));
        let error = match result {
            Ok(finish_reason) => {
                emit.usage(usage.0, usage.1).await;
                return Outcome::Done { finish_reason };
            }
            Err(e) => e,
        };
        tracing::warn!(provider = %config.id, attempt, error = %error, "provider attempt failed");
        let wait = backoff::delay(&config.limits, attempt, error.retry_after());
        let give_up =
            emit.has_output() || !error.is_retryable() || attempt >= config.limits.max_attempts;
        // A wait that would outlast the run ends it now, with the reason it failed.
        let in_time = |w: &Duration| Instant::now().checked_add(*w).is_some_and(|t| t < deadline);
        let Some(wait) = wait.filter(|w| !give_up && in_time(w)) else {
            emit.usage(usage.0, usage.1).await;
            return emit.failed(error);
        };
        emit.retrying(attempt, wait, error).await;
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

/// One HTTP exchange. Text is emitted as it arrives; the result is the finish reason, or the
/// classified error.
async fn attempt_once(
    config: &ProviderConfig,
    client: &reqwest::Client,
    wire: &dyn Wire,
    req: &ChatRequest,
    emit: &Emitter,
    usage: &mut (Option<u64>, Option<u64>),
) -> Result<FinishReason, AiError> {
    let idle = config.limits.idle_timeout;
    let max_bytes = config.limits.max_reply_bytes;
    let key = config.api_key.as_ref();
    let request = wire.chat(client, config, req)?;
    let response = tokio::time::timeout(idle, request.send())
        .await
        .map_err(|_| AiError::Timeout { after: idle })?
        .map_err(|e| network(e, key))?;
    let status = response.status();
    if status.is_redirection() {
        return Err(redirected(&response, key));
    }
    let headers = response.headers().clone();
    if !status.is_success() {
        let text = error_body(response, idle).await;
        let hint = crate::headers::retry_after(&headers, SystemTime::now());
        return Err(http_error(
            config.kind,
            status.as_u16(),
            hint,
            &text,
            &config.model,
            key,
        ));
    }
    let content_type = headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("text/html") {
        return Err(AiError::MalformedReply {
            detail: format!("HTTP {status} with an HTML page instead of a stream"),
        });
    }

    let mut body = response.bytes_stream();
    let mut received = 0u64;
    let mut decoder = Decoder::new(wire.framing());
    let mut parser = wire.parser(config);
    let mut events = Vec::new();
    let mut finish = None;
    let mut first = true;
    loop {
        let chunk = match tokio::time::timeout(idle, body.next()).await {
            Err(_) => return Err(AiError::Timeout { after: idle }),
            Ok(Some(Err(e))) => return Err(network(e, key)),
            Ok(Some(Ok(chunk))) => chunk,
            Ok(None) => break,
        };
        received = received.saturating_add(chunk.len() as u64);
        if exceeds(received, max_bytes) {
            return Err(AiError::ReplyTooLarge { max_bytes });
        }
        if first && looks_like_html(&String::from_utf8_lossy(&chunk)) {
            return Err(AiError::MalformedReply {
                detail: "an HTML page instead of a stream".into(),
            });
        }
        first = false;
        for frame in decoder.push(&chunk)? {
            parser.frame(frame, &mut events)?;
        }
        if apply(&mut events, emit, usage, &mut finish).await {
            return Ok(finish.unwrap_or(FinishReason::Stop));
        }
    }
    // EOF: a lenient last frame may still carry the end marker; anything unreadable there is
    // the tail of a cut-off reply.
    for frame in decoder.finish().map_err(|_| AiError::TruncatedStream)? {
        parser
            .frame(frame, &mut events)
            .map_err(|_| AiError::TruncatedStream)?;
    }
    if apply(&mut events, emit, usage, &mut finish).await {
        return Ok(finish.unwrap_or(FinishReason::Stop));
    }
    Err(AiError::TruncatedStream)
}

/// Emits parsed events; true once the end marker was seen.
async fn apply(
    events: &mut Vec<WireEvent>,
    emit: &Emitter,
    usage: &mut (Option<u64>, Option<u64>),
    finish: &mut Option<FinishReason>,
) -> bool {
    for event in events.drain(..) {
        match event {
            WireEvent::Delta(t) => emit.delta(t).await,
            WireEvent::InputTokens(n) => usage.0 = Some(n),
            WireEvent::OutputTokens(n) => usage.1 = Some(n),
            WireEvent::Finish(r) => *finish = Some(r),
            WireEvent::End => return true,
        }
    }
    false
}
