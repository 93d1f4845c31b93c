//! Recorded transcripts of each wire protocol replayed through a local server: normal answers,
//! chunk boundaries inside UTF-8 characters, a slow first token, and model listing.

mod support;

use futures_util::StreamExt;
use greenlight_ai::{
    build_provider, list_models, AiError, CancellationToken, FinishReason, Locality, Outcome,
    ProviderKind, StreamEvent,
};
use std::time::{Duration, Instant};
use support::server::{Reply, Step, TestServer};
use support::*;

#[tokio::test]
async fn openai_transcript_gives_text_usage_and_records_the_request() {
    let server = TestServer::start(vec![Reply::sse(&fixture("openai_stream.sse"))]).await;
    let events = run(config(ProviderKind::OpenAiCompatible, &server.url())).await;
    assert_eq!(text(&events), EXPECTED);
    assert_eq!(usage(&events), Some((Some(42), Some(13))));
    assert_eq!(
        outcome(&events),
        Outcome::Done {
            finish_reason: FinishReason::Stop
        }
    );

    let req = server.request(0);
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("POST", "/v1/chat/completions")
    );
    assert_eq!(
        req.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    let body = req.json();
    assert_eq!(body["stream"], true);
    assert_eq!(body["stream_options"]["include_usage"], true);
    assert_eq!(body["model"], "gpt-4o-mini");
    assert_eq!(body["messages"][0]["role"], "system");
    assert_eq!(body["max_tokens"], 1500);
}

#[tokio::test]
async fn anthropic_transcript_with_ping_and_message_delta_usage() {
    let server = TestServer::start(vec![Reply::sse(&fixture("anthropic_stream.sse"))]).await;
    let events = run(config(ProviderKind::Anthropic, &server.url())).await;
    assert_eq!(text(&events), EXPECTED);
    assert_eq!(usage(&events), Some((Some(42), Some(13))));
    assert_eq!(
        outcome(&events),
        Outcome::Done {
            finish_reason: FinishReason::Stop
        }
    );

    let req = server.request(0);
    assert_eq!(req.path, "/v1/messages");
    assert_eq!(req.header("x-api-key"), Some(KEY));
    assert_eq!(req.header("anthropic-version"), Some("2023-06-01"));
    let body = req.json();
    assert!(body["system"]
        .as_str()
        .is_some_and(|s| s.contains("screenwriter")));
    assert_eq!(body["messages"][0]["role"], "user");
    assert_eq!(body["stream"], true);
}

#[tokio::test]
async fn ollama_transcript_sets_num_ctx_and_reads_eval_counts() {
    let server = TestServer::start(vec![Reply::stream(
        "application/x-ndjson",
        fixture("ollama_stream.ndjson").as_bytes(),
        50,
    )])
    .await;
    let events = run(config(ProviderKind::Ollama, &server.url())).await;
    assert_eq!(text(&events), EXPECTED);
    assert_eq!(usage(&events), Some((Some(42), Some(13))));
    let req = server.request(0);
    assert_eq!(req.path, "/api/chat");
    let body = req.json();
    assert_eq!(body["options"]["num_ctx"], 4096);
    assert_eq!(body["options"]["num_predict"], 1500);
}

#[tokio::test]
async fn every_chunk_boundary_including_inside_utf8_characters() {
    for kind in STREAMING {
        let (body, content_type) = stream_fixture(kind);
        // Chunks of 1 byte split every multi-byte character (é, —, 🎬, Ç); 5 and 13 split
        // frames and `\n\n` pairs at varying offsets.
        for size in [1, 5, 13] {
            let server =
                TestServer::start(vec![Reply::stream(content_type, body.as_bytes(), size)]).await;
            let events = run(config(kind, &server.url())).await;
            assert_eq!(text(&events), EXPECTED, "{kind:?} chunk {size}");
            assert!(
                matches!(outcome(&events), Outcome::Done { .. }),
                "{kind:?} chunk {size}"
            );
        }
    }
}

#[tokio::test]
async fn slow_first_token_is_waited_for_and_started_comes_first() {
    let body = fixture("openai_stream.sse");
    let reply = Reply::new(200, "text/event-stream")
        .step(Step::Sleep(Duration::from_millis(700)))
        .step(Step::Write(body.into_bytes()));
    let server = TestServer::start(vec![reply]).await;
    let provider = build_provider(config(ProviderKind::OpenAiCompatible, &server.url()));
    let t0 = Instant::now();
    let mut stream = provider.stream(request(), CancellationToken::new());
    let first = stream.next().await;
    assert!(
        t0.elapsed() < Duration::from_millis(300),
        "Started must not wait for the model"
    );
    let Some(StreamEvent::Started(info)) = first else {
        panic!("{first:?}")
    };
    assert_eq!(info.locality, Locality::Local); // 127.0.0.1
    assert_eq!(info.provider_name, "Studio OpenAI");
    assert_eq!(info.model, "gpt-4o-mini");
    assert_eq!(info.prompt.template.id, "rewrite.variation");
    assert_eq!(info.prompt.prompt_sha256, request().prompt_sha256());
    let rest: Vec<_> = stream.collect().await;
    assert!(t0.elapsed() >= Duration::from_millis(700));
    assert_eq!(text(&rest), EXPECTED);
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn list_models_for_each_protocol() {
    let cases = [
        (
            ProviderKind::OpenAiCompatible,
            "openai_models.json",
            "/v1/models",
            "gpt-4o-mini",
        ),
        (
            ProviderKind::Anthropic,
            "anthropic_models.json",
            "/v1/models",
            "claude-sonnet-4-20250514",
        ),
        (
            ProviderKind::Ollama,
            "ollama_tags.json",
            "/api/tags",
            "llama3.2:latest",
        ),
    ];
    for (kind, file, path, first) in cases {
        let server =
            TestServer::start(vec![Reply::body(200, "application/json", &fixture(file))]).await;
        let models = list_models(&config(kind, &server.url())).await;
        assert_eq!(
            models.as_ref().map(|m| m[0].as_str()),
            Ok(first),
            "{kind:?}"
        );
        assert_eq!(server.request(0).path, path);
    }
    let server = TestServer::start(vec![Reply::body(
        401,
        "application/json",
        &fixture("anthropic_auth.json"),
    )])
    .await;
    let err = list_models(&config(ProviderKind::Anthropic, &server.url())).await;
    assert_eq!(err, Err(AiError::AuthRejected { status: 401 }));
    let offline = list_models(&config(ProviderKind::Offline, "")).await;
    assert_eq!(offline.map(|m| m.len()), Ok(1));
}
