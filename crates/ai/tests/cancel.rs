//! Cancellation midway and dropping the stream: the server sees the connection close, and a
//! cancelled run ends with exactly one `Cancelled`.

mod support;

use futures_util::StreamExt;
use greenlight_ai::{build_provider, CancellationToken, Outcome, ProviderKind, StreamEvent};
use std::time::Duration;
use support::server::{Reply, Step, TestServer};
use support::*;

/// A transcript that sends one frame every 50 ms (about 1 s in all).
fn slow_reply(kind: ProviderKind) -> Reply {
    let (body, content_type) = stream_fixture(kind);
    let sep = if kind == ProviderKind::Ollama {
        "\n"
    } else {
        "\n\n"
    };
    let mut reply = Reply::new(200, content_type);
    for frame in body.split_inclusive(sep) {
        reply = reply
            .step(Step::Write(frame.as_bytes().to_vec()))
            .step(Step::Sleep(Duration::from_millis(50)));
    }
    reply
}

async fn wait_for_hang_up(server: &TestServer) -> bool {
    for _ in 0..100 {
        if server.hung_up() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test]
async fn cancel_midway_gives_one_cancelled_and_closes_the_connection() {
    for kind in STREAMING {
        let server = TestServer::start(vec![slow_reply(kind)]).await;
        let provider = build_provider(config(kind, &server.url()));
        let cancel = CancellationToken::new();
        let mut stream = provider.stream(request(), cancel.clone());
        let mut events = Vec::new();
        while let Some(event) = stream.next().await {
            let is_delta = matches!(event, StreamEvent::Delta(_));
            events.push(event);
            if is_delta && text(&events).chars().count() >= 10 {
                cancel.cancel();
            }
        }
        assert_envelope(&events);
        assert_eq!(
            outcome(&events),
            Outcome::Cancelled { partial: true },
            "{kind:?}"
        );
        assert!(
            text(&events).len() < EXPECTED.len(),
            "{kind:?} ran to the end"
        );
        assert!(
            wait_for_hang_up(&server).await,
            "{kind:?}: server did not see the close"
        );
    }
}

#[tokio::test]
async fn cancel_before_start_and_during_backoff() {
    let server = TestServer::start(vec![]).await;
    let provider = build_provider(config(ProviderKind::OpenAiCompatible, &server.url()));
    let cancel = CancellationToken::new();
    cancel.cancel();
    let events: Vec<_> = provider.stream(request(), cancel).collect().await;
    assert_envelope(&events);
    assert_eq!(outcome(&events), Outcome::Cancelled { partial: false });

    // 429 asking for 2 s; cancel while waiting.
    let limited = Reply::body(429, "application/json", &fixture("openai_rate_limit.json"))
        .header("retry-after", "2");
    let server = TestServer::start(vec![limited]).await;
    let provider = build_provider(config(ProviderKind::OpenAiCompatible, &server.url()));
    let cancel = CancellationToken::new();
    let mut stream = provider.stream(request(), cancel.clone());
    let mut events = Vec::new();
    let t0 = std::time::Instant::now();
    while let Some(event) = stream.next().await {
        if matches!(event, StreamEvent::Retrying { .. }) {
            cancel.cancel();
        }
        events.push(event);
    }
    assert_envelope(&events);
    assert_eq!(outcome(&events), Outcome::Cancelled { partial: false });
    assert!(
        t0.elapsed() < Duration::from_secs(2),
        "cancellation waited out the backoff"
    );
}

#[tokio::test]
async fn dropping_the_stream_aborts_the_request() {
    let server = TestServer::start(vec![slow_reply(ProviderKind::Anthropic)]).await;
    let provider = build_provider(config(ProviderKind::Anthropic, &server.url()));
    let mut stream = provider.stream(request(), CancellationToken::new());
    let mut deltas = 0;
    while let Some(event) = stream.next().await {
        if matches!(event, StreamEvent::Delta(_)) {
            deltas += 1;
            if deltas == 2 {
                break;
            }
        }
    }
    drop(stream);
    assert!(
        wait_for_hang_up(&server).await,
        "server did not see the close"
    );
}
