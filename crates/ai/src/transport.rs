//! How every provider call goes over HTTP: the client, what a redirect becomes, bounded body
//! reads and network errors without secrets.
//!
//! Invariants:
//! - Redirects are never followed. A provider (even one the local-only policy allows) that
//!   answers 3xx could otherwise have the script text and the key re-sent to any host; reqwest
//!   keeps `x-api-key` across hosts. A 3xx is an error naming the host it pointed at.
//! - A local provider's client ignores proxies from the environment, so text labelled "runs on
//!   this computer" never travels through a proxy elsewhere.
//! - No body is read without a byte cap; callers bound the time.

use crate::config::ProviderConfig;
use crate::error::AiError;
use crate::secret::Secret;
use futures_util::StreamExt;
use std::time::Duration;

/// Error bodies longer than this are cut before classification.
pub const MAX_ERROR_BODY: usize = 64 * 1024;

/// The client for one provider. There is deliberately no fallback to a default client, which
/// would follow redirects and use proxies.
pub fn client(config: &ProviderConfig) -> Result<reqwest::Client, AiError> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(config.limits.connect_timeout)
        .redirect(reqwest::redirect::Policy::none());
    if config.is_local() {
        builder = builder.no_proxy();
    }
    builder.build().map_err(|e| network(e, None))
}

/// The error for a 3xx reply: where it pointed (`host[:port]` only; a `Location` path or
/// user info may carry tokens and is never kept). A host that spells out the key (URL parsing
/// lowercases it) is redacted, so a provider cannot put the key on screen or in the logs.
pub fn redirected(response: &reqwest::Response, key: Option<&Secret>) -> AiError {
    let to_host = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|location| response.url().join(location.trim()).ok())
        .and_then(|url| {
            let host = url.host_str()?;
            Some(match url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            })
        })
        .map(|host| match key.map(|k| k.expose().to_ascii_lowercase()) {
            Some(k) if k.len() >= 4 && host.to_ascii_lowercase().contains(&k) => {
                "[redacted]".to_owned()
            }
            _ => host,
        });
    AiError::Redirected {
        status: response.status().as_u16(),
        to_host,
    }
}

/// An error reply's body, at most [`MAX_ERROR_BODY`] bytes. Reading stops quietly at the cap,
/// at the end, on a network error or after `idle` without data: what arrived is classified.
pub async fn error_body(response: reqwest::Response, idle: Duration) -> String {
    let mut body = response.bytes_stream();
    let mut text = Vec::new();
    while let Ok(Some(Ok(chunk))) = tokio::time::timeout(idle, body.next()).await {
        text.extend_from_slice(&chunk);
        if text.len() >= MAX_ERROR_BODY {
            text.truncate(MAX_ERROR_BODY);
            break;
        }
    }
    String::from_utf8_lossy(&text).into_owned()
}

/// A whole (non-streamed) reply body, failing past `max_bytes` without reading further.
pub async fn whole_body(
    response: reqwest::Response,
    max_bytes: u64,
    idle: Duration,
    key: Option<&Secret>,
) -> Result<Vec<u8>, AiError> {
    let mut body = response.bytes_stream();
    let mut out = Vec::new();
    loop {
        let chunk = match tokio::time::timeout(idle, body.next()).await {
            Err(_) => return Err(AiError::Timeout { after: idle }),
            Ok(Some(Err(e))) => return Err(network(e, key)),
            Ok(Some(Ok(chunk))) => chunk,
            Ok(None) => return Ok(out),
        };
        if exceeds(out.len() as u64 + chunk.len() as u64, max_bytes) {
            return Err(AiError::ReplyTooLarge { max_bytes });
        }
        out.extend_from_slice(&chunk);
    }
}

/// Whether `received` bytes are past the cap.
pub fn exceeds(received: u64, max_bytes: u64) -> bool {
    received > max_bytes
}

/// A transport error as a classified [`AiError::Network`], with the key scrubbed and any URL
/// (which may carry credentials) left out.
pub fn network(e: reqwest::Error, key: Option<&Secret>) -> AiError {
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
