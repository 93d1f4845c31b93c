//! The HTTP provider: one driver for every wire protocol. Owns the attempt loop (retry only
//! before the first token), timeouts, truncation detection and error classification.

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
use crate::wire::{Wire, WireEvent};
use futures_util::StreamExt;
use std::sync::Arc;
use std::time::SystemTime;
use tokio_util::sync::CancellationToken;

/// Error bodies longer than this are cut before classification.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub struct HttpProvider {
    config: Arc<ProviderConfig>,
    client: reqwest::Client,
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

pub fn client(config: &ProviderConfig) -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(config.limits.connect_timeout)
        .build()
        .unwrap_or_default()
}

impl Provider for HttpProvider {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    fn stream(&self, req: ChatRequest, cancel: CancellationToken) -> RunStream {
        let info = RunInfo::new(&self.config, &req);
        let (config, client, wire) = (self.config.clone(), self.client.clone(), self.wire.clone());
        run_stream(info, cancel, move |emit| async move {
            drive(&config, &client, wire.as_ref(), &req, &emit).await
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
    let mut attempt = 1u32;
    loop {
        // Usage of this attempt, sent only when the run ends (a retried attempt may have
        // reported input tokens before failing; at most one `Usage` per run).
        let mut usage = (None, None);
        let result = attempt_once(config, client, wire, req, emit, &mut usage).await;
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
        let Some(wait) = wait.filter(|_| !give_up) else {
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
    let key = config.api_key.as_ref();
    let request = wire.chat(client, config, req)?;
    let response = tokio::time::timeout(idle, request.send())
        .await
        .map_err(|_| AiError::Timeout { after: idle })?
        .map_err(|e| network(e, key))?;
    let status = response.status();
    let headers = response.headers().clone();
    let mut body = response.bytes_stream();

    if !status.is_success() {
        let mut text = Vec::new();
        while let Ok(Some(Ok(chunk))) = tokio::time::timeout(idle, body.next()).await {
            text.extend_from_slice(&chunk);
            if text.len() > MAX_ERROR_BODY {
                break;
            }
        }
        let text = String::from_utf8_lossy(&text);
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

pub fn network(e: reqwest::Error, key: Option<&crate::Secret>) -> AiError {
    // `without_url` keeps credentials that may sit in a URL out of the detail.
    let e = e.without_url();
    let mut detail = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(&e);
    while let Some(s) = source {
        if !detail.is_empty() {
            detail.push_str(": ");
        }
        detail.push_str(&s.to_string());
        source = s.source();
    }
    AiError::Network {
        detail: crate::error::detail(&detail, key),
    }
}
