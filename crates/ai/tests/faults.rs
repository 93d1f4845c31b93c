//! Every fault ends in exactly one terminal outcome (checked by `run` → `assert_envelope`),
//! with streamed text kept and marked partial, retries only before the first token, and
//! permanent errors never retried.

mod support;

use greenlight_ai::{AiError, Outcome, ProviderKind};
use std::time::{Duration, Instant};
use support::server::{Reply, Step, TestServer};
use support::*;

fn failed(events: &[greenlight_ai::StreamEvent]) -> (AiError, bool) {
    match outcome(events) {
        Outcome::Failed { error, partial } => (error, partial),
        other => panic!("expected a failure, got {other:?}"),
    }
}

/// The first `frames` frames of a transcript (frames end with a blank line, lines for NDJSON).
fn head(kind: ProviderKind, frames: usize) -> String {
    let (body, _) = stream_fixture(kind);
    let sep = if kind == ProviderKind::Ollama {
        "\n"
    } else {
        "\n\n"
    };
    body.split_inclusive(sep).take(frames).collect()
}

#[tokio::test]
async fn connection_dropped_mid_stream_keeps_partial_text_and_does_not_retry() {
    for kind in STREAMING {
        let (_, content_type) = stream_fixture(kind);
        let reply = Reply::stream(content_type, head(kind, 6).as_bytes(), 7).step(Step::Drop);
        let server = TestServer::start(vec![reply, Reply::sse("")]).await;
        let events = run(config(kind, &server.url())).await;
        let (error, partial) = failed(&events);
        assert!(
            matches!(error, AiError::Network { .. }),
            "{kind:?}: {error:?}"
        );
        assert!(partial);
        assert!(EXPECTED.starts_with(&text(&events)) && !text(&events).is_empty());
        assert_eq!(
            server.request_count(),
            1,
            "{kind:?}: no retry after the first token"
        );
    }
}

#[tokio::test]
async fn clean_eof_without_end_marker_is_a_truncated_stream() {
    // OpenAI without `data: [DONE]`, Anthropic without `message_stop`, Ollama without `done`.
    for kind in STREAMING {
        let (body, content_type) = stream_fixture(kind);
        let frames = body
            .matches(if kind == ProviderKind::Ollama {
                "\n"
            } else {
                "\n\n"
            })
            .count();
        let reply = Reply::stream(content_type, head(kind, frames - 1).as_bytes(), 40);
        let server = TestServer::start(vec![reply]).await;
        let events = run(config(kind, &server.url())).await;
        let (error, partial) = failed(&events);
        assert_eq!(error, AiError::TruncatedStream, "{kind:?}");
        assert!(partial, "{kind:?}");
        assert_eq!(server.request_count(), 1);
    }
}

#[tokio::test]
async fn empty_reply_before_any_token_is_retried() {
    let (body, _) = stream_fixture(ProviderKind::OpenAiCompatible);
    let server = TestServer::start(vec![Reply::sse(""), Reply::sse(&body)]).await;
    let events = run(config(ProviderKind::OpenAiCompatible, &server.url())).await;
    assert_eq!(retries(&events).len(), 1);
    assert_eq!(retries(&events)[0].1, AiError::TruncatedStream);
    assert_eq!(text(&events), EXPECTED);
    assert!(matches!(outcome(&events), Outcome::Done { .. }));
}

#[tokio::test]
async fn rate_limited_429_honours_retry_after_then_succeeds() {
    let limited = Reply::body(429, "application/json", &fixture("openai_rate_limit.json"))
        .header("retry-after", "1");
    let server = TestServer::start(vec![limited, Reply::sse(&fixture("openai_stream.sse"))]).await;
    let t0 = Instant::now();
    let events = run(config(ProviderKind::OpenAiCompatible, &server.url())).await;
    let elapsed = t0.elapsed();
    let r = retries(&events);
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0].1,
        AiError::RateLimited {
            retry_after: Some(Duration::from_secs(1))
        }
    );
    assert!(
        r[0].0 >= Duration::from_secs(1),
        "announced wait {:?}",
        r[0].0
    );
    assert!(elapsed >= Duration::from_secs(1), "waited only {elapsed:?}");
    assert_eq!(
        r[0].1.retry_message("Studio OpenAI", r[0].0),
        "Studio OpenAI is rate limiting requests; retrying in 1 s"
    );
    assert_eq!(text(&events), EXPECTED);
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn rate_limit_reset_header_is_honoured_without_retry_after() {
    let limited = Reply::body(429, "application/json", &fixture("openai_rate_limit.json"))
        .header("x-ratelimit-remaining-requests", "0")
        .header("x-ratelimit-reset-requests", "400ms")
        .header("x-ratelimit-reset-tokens", "10ms");
    let server = TestServer::start(vec![limited, Reply::sse(&fixture("openai_stream.sse"))]).await;
    let t0 = Instant::now();
    let events = run(config(ProviderKind::OpenAiCompatible, &server.url())).await;
    assert!(t0.elapsed() >= Duration::from_millis(400));
    assert_eq!(
        retries(&events)[0].1.retry_after(),
        Some(Duration::from_millis(400))
    );
    assert_eq!(text(&events), EXPECTED);
}

#[tokio::test]
async fn anthropic_529_overloaded_is_retried_then_gives_up() {
    let overloaded = || {
        Reply::body(
            529,
            "application/json",
            &fixture("anthropic_overloaded.json"),
        )
    };
    // Once, then success.
    let server = TestServer::start(vec![
        overloaded(),
        Reply::sse(&fixture("anthropic_stream.sse")),
    ])
    .await;
    let events = run(config(ProviderKind::Anthropic, &server.url())).await;
    assert!(matches!(retries(&events)[0].1, AiError::Overloaded { .. }));
    assert!(retries(&events)[0]
        .1
        .retry_message("Studio Claude", Duration::from_secs(4))
        .starts_with("Studio Claude is overloaded; retrying in 4 s"));
    assert_eq!(text(&events), EXPECTED);
    // Always: three attempts (the configured maximum), then one failure.
    let server =
        TestServer::start(vec![overloaded(), overloaded(), overloaded(), overloaded()]).await;
    let events = run(config(ProviderKind::Anthropic, &server.url())).await;
    assert_eq!(
        failed(&events),
        (AiError::Overloaded { retry_after: None }, false)
    );
    assert_eq!(retries(&events).len(), 2);
    assert_eq!(server.request_count(), 3);
}

#[tokio::test]
async fn auth_401_fails_at_once_with_the_provider_name() {
    let server = TestServer::start(vec![Reply::body(
        401,
        "application/json",
        &fixture("openai_invalid_key.json"),
    )])
    .await;
    let events = run(config(ProviderKind::OpenAiCompatible, &server.url())).await;
    let (error, partial) = failed(&events);
    assert_eq!(
        (error.clone(), partial),
        (AiError::AuthRejected { status: 401 }, false)
    );
    assert!(error
        .user_message("Studio OpenAI")
        .starts_with("The key for 'Studio OpenAI' was rejected"));
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn insufficient_quota_429_is_permanent_and_not_retried() {
    let quota = Reply::body(
        429,
        "application/json",
        &fixture("openai_insufficient_quota.json"),
    )
    .header("retry-after", "1");
    let server = TestServer::start(vec![quota, Reply::sse(&fixture("openai_stream.sse"))]).await;
    let events = run(config(ProviderKind::OpenAiCompatible, &server.url())).await;
    assert!(matches!(failed(&events).0, AiError::QuotaExhausted { .. }));
    assert!(retries(&events).is_empty());
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn context_too_long_is_classified_for_openai_and_anthropic() {
    let cases = [
        (
            ProviderKind::OpenAiCompatible,
            400,
            "openai_context_length.json",
        ),
        (
            ProviderKind::Anthropic,
            400,
            "anthropic_prompt_too_long.json",
        ),
    ];
    for (kind, status, file) in cases {
        let server = TestServer::start(vec![Reply::body(
            status,
            "application/json",
            &fixture(file),
        )])
        .await;
        let events = run(config(kind, &server.url())).await;
        assert!(
            matches!(failed(&events).0, AiError::ContextTooLong { .. }),
            "{kind:?}"
        );
        assert_eq!(server.request_count(), 1);
    }
}

#[tokio::test]
async fn anthropic_error_event_mid_stream_is_terminal_and_partial() {
    let server = TestServer::start(vec![
        Reply::sse(&fixture("anthropic_error_midstream.sse")),
        Reply::sse(&fixture("anthropic_stream.sse")),
    ])
    .await;
    let events = run(config(ProviderKind::Anthropic, &server.url())).await;
    assert_eq!(
        failed(&events),
        (AiError::Overloaded { retry_after: None }, true)
    );
    assert_eq!(text(&events), "Odile spots the café");
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn ollama_error_line_and_missing_model() {
    let body = format!(
        "{}{{\"error\":\"an unexpected error occurred\"}}\n",
        head(ProviderKind::Ollama, 2)
    );
    let server = TestServer::start(vec![Reply::stream(
        "application/x-ndjson",
        body.as_bytes(),
        64,
    )])
    .await;
    let events = run(config(ProviderKind::Ollama, &server.url())).await;
    assert!(matches!(failed(&events), (AiError::Provider { .. }, true)));
    let server = TestServer::start(vec![Reply::body(
        404,
        "application/json",
        &fixture("ollama_model_missing.json"),
    )])
    .await;
    let events = run(config(ProviderKind::Ollama, &server.url())).await;
    assert_eq!(
        failed(&events).0,
        AiError::ModelNotFound {
            model: "llama3.2".into()
        }
    );
}

#[tokio::test]
async fn html_page_instead_of_a_reply_is_malformed() {
    let page = fixture("proxy_error.html");
    // 200 with an HTML page (a captive portal or a wrong base URL): malformed, not retried.
    let server = TestServer::start(vec![Reply::body(200, "text/html", &page)]).await;
    let events = run(config(ProviderKind::OpenAiCompatible, &server.url())).await;
    assert!(matches!(
        failed(&events),
        (AiError::MalformedReply { .. }, false)
    ));
    assert_eq!(server.request_count(), 1);
    // Same page with a wrong content type: caught by sniffing the body.
    let server = TestServer::start(vec![Reply::body(200, "text/event-stream", &page)]).await;
    let events = run(config(ProviderKind::Anthropic, &server.url())).await;
    assert!(matches!(failed(&events).0, AiError::MalformedReply { .. }));
    // A proxy's 502 page is a server error: retried, then the real answer.
    let server = TestServer::start(vec![
        Reply::body(502, "text/html", &page),
        Reply::sse(&fixture("openai_stream.sse")),
    ])
    .await;
    let events = run(config(ProviderKind::OpenAiCompatible, &server.url())).await;
    assert_eq!(retries(&events)[0].1, AiError::Unavailable { status: 502 });
    assert_eq!(text(&events), EXPECTED);
    // Garbage JSON inside an SSE stream.
    let server = TestServer::start(vec![Reply::sse("data: {\"choices\": [tru\n\n")]).await;
    let events = run(config(ProviderKind::OpenAiCompatible, &server.url())).await;
    assert!(matches!(failed(&events).0, AiError::MalformedReply { .. }));
}

#[tokio::test]
async fn error_event_before_any_text_is_retried_and_usage_reported_once() {
    let early = format!(
        "{}event: error\ndata: {{\"type\":\"error\",\"error\":{{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}}}\n\n",
        head(ProviderKind::Anthropic, 3)
    );
    let server = TestServer::start(vec![
        Reply::sse(&early),
        Reply::sse(&fixture("anthropic_stream.sse")),
    ])
    .await;
    let events = run(config(ProviderKind::Anthropic, &server.url())).await;
    assert_eq!(retries(&events).len(), 1);
    assert_eq!(text(&events), EXPECTED);
    assert_eq!(usage(&events), Some((Some(42), Some(13))));
}
