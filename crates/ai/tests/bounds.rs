//! A provider cannot make a run grow or last without bound: a reply is capped in bytes and a
//! run in total time (besides the idle timeout), a single SSE event is capped however many
//! `data:` lines it spreads over, and listing models is bounded the same way. A run that hits
//! a cap fails clearly, keeps the text received so far, marked partial, and is not retried.
//!
//! The servers here would go on for a long time (up to 1 GiB, or minutes): each is bounded by
//! its own loop count so that a failing test still ends, and stops when the client hangs up.

mod support;

use greenlight_ai::{list_models, AiError, Limits, Outcome, ProviderConfig, ProviderKind};
use std::time::Duration;
use support::server::{Reply, Step, TestServer};
use support::*;

const MIB: usize = 1024 * 1024;

/// One frame carrying `text` as a delta, in the kind's wire format.
fn delta_frame(kind: ProviderKind, text: &str) -> String {
    match kind {
        ProviderKind::OpenAiCompatible => {
            format!("data: {{\"choices\":[{{\"delta\":{{\"content\":\"{text}\"}}}}]}}\n\n")
        }
        ProviderKind::Anthropic => format!(
            "event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\
             \"delta\":{{\"type\":\"text_delta\",\"text\":\"{text}\"}}}}\n\n"
        ),
        _ => format!(
            "{{\"message\":{{\"role\":\"assistant\",\"content\":\"{text}\"}},\"done\":false}}\n"
        ),
    }
}

fn content_type(kind: ProviderKind) -> &'static str {
    stream_fixture(kind).1
}

/// A 200 reply that repeats `bytes` `times` times, `every` apart.
fn repeating(kind: ProviderKind, bytes: &[u8], times: usize, every: Duration) -> Reply {
    Reply::new(200, content_type(kind)).step(Step::Repeat {
        bytes: bytes.to_vec(),
        times,
        every,
    })
}

fn limited(kind: ProviderKind, server: &TestServer, set: impl Fn(&mut Limits)) -> ProviderConfig {
    let mut cfg = config(kind, &server.url());
    set(&mut cfg.limits);
    cfg
}

fn failure(events: &[greenlight_ai::StreamEvent]) -> (AiError, bool) {
    match outcome(events) {
        Outcome::Failed { error, partial } => (error, partial),
        other => panic!("expected a failure, got {other:?}"),
    }
}

/// Waits (up to a few seconds) for the server to notice the client closed the connection.
async fn hung_up(server: &TestServer) -> bool {
    for _ in 0..100 {
        if server.hung_up() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test]
async fn a_reply_that_never_ends_fails_after_the_total_time_keeping_the_text() {
    let after = Duration::from_secs(1);
    for kind in STREAMING {
        // A delta every 10 ms: never idle, never done (the loop ends by itself after ~10 s).
        let frame = delta_frame(kind, "la ");
        let reply = repeating(kind, frame.as_bytes(), 1_000, Duration::from_millis(10));
        let server = TestServer::start(vec![reply.clone(), reply]).await;
        let cfg = limited(kind, &server, |l| l.max_run_time = after);
        let events = run(cfg.clone()).await;
        let (error, partial) = failure(&events);
        assert_eq!(error, AiError::TookTooLong { after }, "{kind:?}");
        assert!(partial, "{kind:?}");
        let text = text(&events);
        assert!(!text.is_empty() && text.split_inclusive(' ').all(|w| w == "la "));
        assert!(retries(&events).is_empty());
        assert_eq!(server.request_count(), 1, "{kind:?}: not retried");
        assert!(
            hung_up(&server).await,
            "{kind:?}: the connection stays open"
        );
        let message = error.user_message(&cfg.name);
        assert!(
            message.contains("1 s") && message.contains("kept"),
            "{message}"
        );
    }
}

#[tokio::test]
async fn keep_alives_forever_before_any_text_fail_after_the_total_time() {
    let after = Duration::from_secs(1);
    let reply = repeating(
        ProviderKind::Anthropic,
        b": ping\n\n",
        1_000,
        Duration::from_millis(10),
    );
    let server = TestServer::start(vec![reply.clone(), reply]).await;
    let cfg = limited(ProviderKind::Anthropic, &server, |l| l.max_run_time = after);
    let events = run(cfg).await;
    assert_eq!(failure(&events), (AiError::TookTooLong { after }, false));
    assert_eq!(server.request_count(), 1, "not retried");
}

/// ~1 GiB of valid deltas, 64 KiB per chunk, each frame carrying ~1 KB of text.
fn gigabyte(kind: ProviderKind) -> Reply {
    let frame = delta_frame(kind, &"x".repeat(1000));
    let chunk = frame.repeat(64 * 1024 / frame.len());
    repeating(
        kind,
        chunk.as_bytes(),
        1024 * MIB / chunk.len(),
        Duration::ZERO,
    )
}

#[tokio::test]
async fn a_gigabyte_reply_fails_at_the_size_cap_keeping_the_text() {
    for (kind, cap) in [
        // The default cap, as shipped.
        (
            ProviderKind::OpenAiCompatible,
            Limits::default().max_reply_bytes,
        ),
        (ProviderKind::Anthropic, MIB as u64),
        (ProviderKind::Ollama, MIB as u64),
    ] {
        let server = TestServer::start(vec![gigabyte(kind), gigabyte(kind)]).await;
        let cfg = limited(kind, &server, |l| l.max_reply_bytes = cap);
        let events = run(cfg.clone()).await;
        let (error, partial) = failure(&events);
        assert_eq!(error, AiError::ReplyTooLarge { max_bytes: cap }, "{kind:?}");
        assert!(partial);
        let text = text(&events);
        assert!(
            !text.is_empty() && text.len() as u64 <= cap,
            "{}",
            text.len()
        );
        assert_eq!(server.request_count(), 1, "{kind:?}: not retried");
        assert!(
            hung_up(&server).await,
            "{kind:?}: the connection stays open"
        );
        let message = error.user_message(&cfg.name);
        assert!(
            message.contains(" MB") && message.contains("kept"),
            "{message}"
        );
    }
}

#[tokio::test]
async fn an_sse_event_spread_over_many_data_lines_is_capped() {
    // 64 lines of ~1 KB per chunk, 80 chunks: one event of ~5 MiB that never ends; each line
    // is short, the reply is under the size cap, only the event is too big.
    let line = format!("data: {}\n", "x".repeat(1000));
    let chunk = line.repeat(64);
    for kind in [ProviderKind::OpenAiCompatible, ProviderKind::Anthropic] {
        let reply = repeating(kind, chunk.as_bytes(), 80, Duration::ZERO);
        let server = TestServer::start(vec![reply.clone(), reply.clone(), reply]).await;
        let events = run(config(kind, &server.url())).await;
        let (error, partial) = failure(&events);
        assert!(
            matches!(&error, AiError::MalformedReply { detail } if detail.contains("event")),
            "{kind:?}: {error:?}"
        );
        assert!(!partial);
        assert_eq!(server.request_count(), 1, "{kind:?}: not retried");
    }
}

#[tokio::test]
async fn listing_models_from_a_body_that_never_finishes_is_bounded_in_time() {
    let after = Duration::from_secs(1);
    // `{"data":[`, then a space every 50 ms for ~30 s, then `]}`: never idle, barely ending.
    let reply = Reply::new(200, "application/json")
        .step(Step::Write(b"{\"data\":[".to_vec()))
        .step(Step::Repeat {
            bytes: b" ".to_vec(),
            times: 600,
            every: Duration::from_millis(50),
        })
        .step(Step::Write(b"]}".to_vec()));
    let server = TestServer::start(vec![reply]).await;
    let cfg = limited(ProviderKind::OpenAiCompatible, &server, |l| {
        l.max_run_time = after
    });
    assert_eq!(list_models(&cfg).await, Err(AiError::TookTooLong { after }));
    assert!(hung_up(&server).await, "the connection stays open");
}

#[tokio::test]
async fn listing_models_from_a_gigabyte_body_is_bounded_in_size() {
    let entry = "{\"id\":\"model-xxxxxxxxxxxxxxxx\"},";
    let chunk = entry.repeat(64 * 1024 / entry.len());
    let reply = Reply::new(200, "application/json")
        .step(Step::Write(b"{\"data\":[".to_vec()))
        .step(Step::Repeat {
            bytes: chunk.as_bytes().to_vec(),
            times: 1024 * MIB / chunk.len(),
            every: Duration::ZERO,
        });
    let server = TestServer::start(vec![reply]).await;
    let cap = MIB as u64;
    let cfg = limited(ProviderKind::OpenAiCompatible, &server, |l| {
        l.max_reply_bytes = cap
    });
    assert_eq!(
        list_models(&cfg).await,
        Err(AiError::ReplyTooLarge { max_bytes: cap })
    );
    assert!(hung_up(&server).await, "the connection stays open");
}
