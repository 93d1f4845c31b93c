//! A configured API key never appears in an error, a user message, an event's Debug output
//! or a serialized config, whatever the provider sends back (even a body echoing the key).

mod support;

use greenlight_ai::{list_models, ProviderKind, StreamEvent};
use support::server::{Reply, Step, TestServer};
use support::*;

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(KEY), "{what} leaks the key: {text}");
    assert!(
        !text.contains("0123456789abcdef"),
        "{what} leaks part of the key: {text}"
    );
}

#[tokio::test]
async fn key_never_appears_in_errors_or_debug_output() {
    let echo = format!(
        "{{\"error\":{{\"message\":\"Incorrect API key provided: {KEY}\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}}}"
    );
    let echo_400 = format!("{{\"error\":{{\"message\":\"bad header x-api-key: {KEY}\",\"type\":\"invalid_request_error\"}}}}");
    let midstream = format!("event: error\ndata: {{\"type\":\"error\",\"error\":{{\"type\":\"api_error\",\"message\":\"{KEY}\"}}}}\n\n");
    let scenarios: Vec<(ProviderKind, Vec<Reply>)> = vec![
        (
            ProviderKind::OpenAiCompatible,
            vec![Reply::body(401, "application/json", &echo)],
        ),
        (
            ProviderKind::OpenAiCompatible,
            vec![Reply::body(400, "application/json", &echo_400)],
        ),
        (
            ProviderKind::OpenAiCompatible,
            vec![Reply::body(500, "text/plain", KEY); 3],
        ),
        (ProviderKind::Anthropic, vec![Reply::sse(&midstream)]),
        (
            ProviderKind::Anthropic,
            vec![Reply::sse(&head_of_anthropic()).step(Step::Drop)],
        ),
        (
            ProviderKind::Ollama,
            vec![Reply::body(
                200,
                "application/x-ndjson",
                &format!("{{\"error\":\"{KEY}\"}}\n"),
            )],
        ),
    ];
    for (kind, replies) in scenarios {
        let server = TestServer::start(replies).await;
        let cfg = config(kind, &server.url());
        assert_clean("config Debug", &format!("{cfg:?}"));
        assert_clean(
            "config JSON",
            &serde_json::to_string(&cfg).unwrap_or_default(),
        );
        let events = run(cfg.clone()).await;
        for event in &events {
            assert_clean("event Debug", &format!("{event:?}"));
            if let StreamEvent::Retrying { error, wait, .. } = event {
                assert_clean("retry message", &error.retry_message(&cfg.name, *wait));
            }
        }
        if let greenlight_ai::Outcome::Failed { error, .. } = outcome(&events) {
            assert_clean("Display", &error.to_string());
            assert_clean("user message", &error.user_message(&cfg.name));
        }
    }
    // Network failure (nothing listening) and a model listing that echoes the key.
    let dead = config(ProviderKind::OpenAiCompatible, "http://127.0.0.1:9");
    assert_clean("network error", &format!("{:?}", run(dead).await));
    let server = TestServer::start(vec![Reply::body(401, "application/json", &echo)]).await;
    let listed = list_models(&config(ProviderKind::OpenAiCompatible, &server.url())).await;
    assert_clean("list_models", &format!("{listed:?}"));
}

fn head_of_anthropic() -> String {
    fixture("anthropic_stream.sse")
        .split_inclusive("\n\n")
        .take(5)
        .collect()
}
