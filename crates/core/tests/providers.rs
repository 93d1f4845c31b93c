//! Provider settings that protect keys and text: remote servers only over https, plain http
//! only for this computer or a server marked as on our own network, and a key that never
//! follows a provider to another host.

mod common;

use common::LocalActor;
use greenlight_core::domain::ai::{ProviderInput, ProviderKindName};
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{CoreError, Greenlight, OpenConfig};
use std::sync::Arc;
use tempfile::TempDir;

async fn open(dir: &TempDir) -> Greenlight {
    let mut cfg = OpenConfig::new(dir.path().join("data"));
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("keys")));
    Greenlight::open(cfg).await.expect("open")
}

fn input(url: &str, own_network: bool, key: Option<&str>) -> ProviderInput {
    ProviderInput {
        name: "Studio vLLM".into(),
        kind: ProviderKindName::OpenaiCompatible,
        base_url: url.into(),
        model: "llama".into(),
        own_network,
        api_key: key.map(Into::into),
    }
}

#[tokio::test]
async fn plain_http_is_refused_for_remote_servers_and_allowed_on_our_own_network() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let me = app.me().await;
    let p = app.providers();
    let refused = p
        .save(
            &me,
            None,
            input("http://api.example.com/v1", false, Some("sk-1")),
        )
        .await
        .expect_err("plain http to the internet");
    match &refused {
        CoreError::Invalid(e) => {
            assert_eq!(e.field(), Some("baseUrl"));
            assert!(e.to_string().contains("https://"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    let studio = p
        .save(&me, None, input("http://192.168.1.20:8000/v1", false, None))
        .await;
    assert!(studio.is_err(), "a private address needs the mark");
    let studio = p
        .save(&me, None, input("http://192.168.1.20:8000/v1", true, None))
        .await
        .expect("marked as our own network");
    assert!(studio.local && studio.own_network);
    let public = p
        .save(&me, None, input("https://8.8.8.8/v1", true, None))
        .await
        .expect_err("a public address cannot be marked");
    assert!(public.to_string().contains("public"), "{public}");
    let mut cloud = input("https://api.example.com/v1", false, None);
    cloud.name = "Studio cloud".into();
    let remote = p.save(&me, None, cloud).await.expect("https");
    assert!(!remote.local);
    // Nothing refused was written.
    assert_eq!(p.list().await.expect("list").len(), 3, "offline + 2 saved");
}

#[tokio::test]
async fn moving_a_provider_to_another_host_forgets_its_key() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let me = app.me().await;
    let p = app.providers();
    let saved = p
        .save(
            &me,
            None,
            input("https://a.example.com/v1", false, Some("sk-a-123456")),
        )
        .await
        .expect("save");
    assert!(saved.key_set);
    // Same host, another path: the key stays.
    let same = p
        .save(
            &me,
            Some(&saved.id),
            input("https://a.example.com/v2", false, None),
        )
        .await
        .expect("same host");
    assert!(same.key_set);
    // Another host without a new key: forgotten, never sent there.
    let moved = p
        .save(
            &me,
            Some(&saved.id),
            input("https://b.example.com/v1", false, None),
        )
        .await
        .expect("moved");
    assert!(!moved.key_set, "the key did not follow the provider");
    let keys = std::fs::read_to_string(dir.path().join("keys")).unwrap_or_default();
    assert!(!keys.contains("sk-a-123456"), "{keys}");
    // Moving with a key entered again keeps that key.
    let again = p
        .save(
            &me,
            Some(&saved.id),
            input("https://c.example.com/v1", false, Some("sk-c-654321")),
        )
        .await
        .expect("moved with key");
    assert!(again.key_set);
}
