//! Shared helpers for the provider tests: configs pointed at the scripted server, fixture
//! loading, and the run-envelope invariant every run must keep.

#![allow(dead_code)]

pub mod server;

use futures_util::StreamExt;
use greenlight_ai::{
    build_provider, CancellationToken, ChatRequest, Limits, Outcome, ProviderConfig, ProviderKind,
    Secret, StreamEvent,
};
use std::time::Duration;

pub const EXPECTED: &str = "Odile spots the café sign — wrong century. 🎬 Ça va?";
pub const KEY: &str = "sk-live-SECRET-0123456789abcdef";

pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A config for `kind` at the test server, with a key and test-sized limits.
pub fn config(kind: ProviderKind, base: &str) -> ProviderConfig {
    let (name, base, model) = match kind {
        ProviderKind::OpenAiCompatible => ("Studio OpenAI", format!("{base}/v1"), "gpt-4o-mini"),
        ProviderKind::Anthropic => ("Studio Claude", base.to_owned(), "claude-sonnet-4-20250514"),
        ProviderKind::Ollama => ("Ollama", base.to_owned(), "llama3.2"),
        ProviderKind::Offline => ("Offline", String::new(), ""),
    };
    let mut c = ProviderConfig::new("p1", name, kind, &base, model).with_key(Secret::new(KEY));
    c.limits = Limits {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(20),
        max_backoff: Duration::from_secs(3),
        connect_timeout: Duration::from_secs(2),
        idle_timeout: Duration::from_secs(3),
        max_reply_bytes: Limits::default().max_reply_bytes,
        max_run_time: Duration::from_secs(30),
        max_context_tokens: 131_072,
    };
    c
}

pub fn request() -> ChatRequest {
    let t = greenlight_ai::templates::get("rewrite.variation").expect("template");
    t.render(
        &[
            ("instruction", "tighten"),
            ("text", "ODILE\nWe are very nearly good."),
        ],
        None,
    )
    .expect("render")
}

/// Runs to the end and checks the envelope.
pub async fn run(config: ProviderConfig) -> Vec<StreamEvent> {
    let provider = build_provider(config);
    let events: Vec<StreamEvent> = provider
        .stream(request(), CancellationToken::new())
        .collect()
        .await;
    assert_envelope(&events);
    events
}

/// `Started` first; exactly one `Finished`, last; `Retrying` only before the first `Delta`; at
/// most one `Usage`; `partial` true exactly when text was streamed.
pub fn assert_envelope(events: &[StreamEvent]) {
    assert!(
        matches!(events.first(), Some(StreamEvent::Started(_))),
        "{events:?}"
    );
    let finished = events
        .iter()
        .filter(|e| matches!(e, StreamEvent::Finished(_)))
        .count();
    assert_eq!(finished, 1, "{events:?}");
    assert!(
        matches!(events.last(), Some(StreamEvent::Finished(_))),
        "{events:?}"
    );
    let first_delta = events
        .iter()
        .position(|e| matches!(e, StreamEvent::Delta(_)));
    let last_retry = events
        .iter()
        .rposition(|e| matches!(e, StreamEvent::Retrying { .. }));
    if let (Some(d), Some(r)) = (first_delta, last_retry) {
        assert!(r < d, "retry after the first token: {events:?}");
    }
    let usage = events
        .iter()
        .filter(|e| matches!(e, StreamEvent::Usage { .. }))
        .count();
    assert!(usage <= 1, "{events:?}");
    let streamed = first_delta.is_some();
    match outcome(events) {
        Outcome::Failed { partial, .. } | Outcome::Cancelled { partial } => {
            assert_eq!(partial, streamed, "partial flag wrong: {events:?}")
        }
        Outcome::Done { .. } => {}
    }
}

pub fn outcome(events: &[StreamEvent]) -> Outcome {
    match events.last() {
        Some(StreamEvent::Finished(o)) => o.clone(),
        other => panic!("no outcome: {other:?}"),
    }
}

pub fn text(events: &[StreamEvent]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            StreamEvent::Delta(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

pub fn usage(events: &[StreamEvent]) -> Option<(Option<u64>, Option<u64>)> {
    events.iter().find_map(|e| match e {
        StreamEvent::Usage {
            input_tokens,
            output_tokens,
        } => Some((*input_tokens, *output_tokens)),
        _ => None,
    })
}

pub fn retries(events: &[StreamEvent]) -> Vec<(Duration, greenlight_ai::AiError)> {
    events
        .iter()
        .filter_map(|e| match e {
            StreamEvent::Retrying { wait, error, .. } => Some((*wait, error.clone())),
            _ => None,
        })
        .collect()
}

/// The fixture for a streaming provider, its content type, and how it ends.
pub fn stream_fixture(kind: ProviderKind) -> (String, &'static str) {
    match kind {
        ProviderKind::OpenAiCompatible => (fixture("openai_stream.sse"), "text/event-stream"),
        ProviderKind::Anthropic => (
            fixture("anthropic_stream.sse"),
            "text/event-stream; charset=utf-8",
        ),
        ProviderKind::Ollama => (fixture("ollama_stream.ndjson"), "application/x-ndjson"),
        ProviderKind::Offline => (String::new(), ""),
    }
}

pub const STREAMING: [ProviderKind; 3] = [
    ProviderKind::OpenAiCompatible,
    ProviderKind::Anthropic,
    ProviderKind::Ollama,
];
