//! A provider that answers with a redirect must not get the script text or the key sent to
//! another server: redirects are never followed, for a chat run or a model listing, and the
//! run ends with an error naming where the provider tried to send it.

mod support;

use greenlight_ai::{list_models, AiError, Outcome, ProviderKind};
use support::server::{Reply, TestServer};
use support::*;

/// Server A answers `status` pointing at the same path on server B; B would answer properly.
async fn redirecting(status: u16, path: &str, b_reply: Reply) -> (TestServer, TestServer) {
    let b = TestServer::start(vec![b_reply; 4]).await;
    let location = format!("{}{path}", b.url());
    let a = TestServer::start(vec![
        Reply::new(status, "text/plain")
            .header("location", &location);
        4
    ])
    .await;
    (a, b)
}

fn expected(status: u16, b: &TestServer) -> AiError {
    AiError::Redirected {
        status,
        to_host: Some(b.addr.to_string()),
    }
}

fn assert_nothing_reached(b: &TestServer) {
    let seen = b.requests.lock().map(|r| r.clone()).unwrap_or_default();
    assert!(seen.is_empty(), "the redirect target received {seen:?}");
}

#[tokio::test]
async fn chat_run_does_not_follow_a_redirect_to_another_server() {
    let cases = [
        (ProviderKind::OpenAiCompatible, "/v1/chat/completions", 307),
        (ProviderKind::Anthropic, "/v1/messages", 307),
        (ProviderKind::Anthropic, "/v1/messages", 308),
        (ProviderKind::OpenAiCompatible, "/v1/chat/completions", 302),
    ];
    for (kind, path, status) in cases {
        let (body, content_type) = stream_fixture(kind);
        let (a, b) = redirecting(
            status,
            path,
            Reply::stream(content_type, body.as_bytes(), 64),
        )
        .await;
        let cfg = config(kind, &a.url());
        let events = run(cfg.clone()).await;
        assert_nothing_reached(&b);
        match outcome(&events) {
            Outcome::Failed { error, partial } => {
                assert_eq!(error, expected(status, &b), "{kind:?}");
                assert!(!partial);
                let message = error.user_message(&cfg.name);
                assert!(message.contains(&b.addr.to_string()), "{message}");
                assert!(message.contains("does not follow redirects"), "{message}");
                assert!(message.contains("base URL"), "{message}");
            }
            other => panic!("{kind:?} {status}: expected a failure, got {other:?}"),
        }
        assert!(retries(&events).is_empty(), "a redirect is never retried");
        assert_eq!(a.request_count(), 1, "{kind:?}");
    }
}

#[tokio::test]
async fn model_listing_does_not_follow_a_redirect_to_another_server() {
    let cases = [
        (
            ProviderKind::OpenAiCompatible,
            "/v1/models",
            "openai_models.json",
        ),
        (
            ProviderKind::Anthropic,
            "/v1/models",
            "anthropic_models.json",
        ),
    ];
    for (kind, path, listing) in cases {
        let models = Reply::body(200, "application/json", &fixture(listing));
        let (a, b) = redirecting(307, path, models).await;
        let listed = list_models(&config(kind, &a.url())).await;
        assert_nothing_reached(&b);
        assert_eq!(listed, Err(expected(307, &b)), "{kind:?}");
        assert_eq!(a.request_count(), 1);
    }
}

#[tokio::test]
async fn a_redirect_cannot_put_the_key_on_screen() {
    // The provider already has the key; it must not get it shown or logged by naming a host
    // made of it (hosts are lowercased when parsed).
    let location = format!("http://{}.example:8443/v1/models", KEY.to_ascii_lowercase());
    let a = TestServer::start(vec![
        Reply::new(307, "text/plain").header("location", &location)
    ])
    .await;
    let cfg = config(ProviderKind::Anthropic, &a.url());
    let error = list_models(&cfg).await.expect_err("a redirect");
    assert_eq!(
        error,
        AiError::Redirected {
            status: 307,
            to_host: Some("[redacted]".into())
        }
    );
    let shown = format!("{error:?} {error} {}", error.user_message(&cfg.name)).to_lowercase();
    assert!(!shown.contains("0123456789abcdef"), "{shown}");
}
