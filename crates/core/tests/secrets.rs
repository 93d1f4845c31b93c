//! API keys in the real OS keyring (Secret Service; `scripts/test.sh` runs these tests inside a
//! private D-Bus session with an unlocked gnome-keyring) and nowhere else.

mod common;

use common::LocalActor;

use common::ai::*;
use greenlight_core::domain::ai::{AiOutcome, AiTask, ProviderInput, ProviderKindName};
use greenlight_core::{Greenlight, OpenConfig};
use std::sync::{Arc, Mutex};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Keys live in the real OS keyring and nowhere else: not in the database file (nor its WAL),
/// not in the ledger, not in any IPC-facing value.
#[tokio::test]
async fn keys_live_only_in_the_os_keyring() {
    let dir = TempDir::new().expect("tmp");
    let service = format!("greenlight-test-{}", uuid_like());
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = std::sync::Arc::new(greenlight_core::secrets::Keyring::new(service.clone()));
    let app = Greenlight::open(cfg).await.expect("open");
    let key = format!("sk-test-{}", uuid_like());
    let info = app
        .providers()
        .save(
            &app.me().await,
            None,
            ProviderInput {
                name: "Studio OpenAI".into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: "https://api.invalid/v1".into(),
                model: "gpt-4o-mini".into(),
                own_network: false,
                api_key: Some(key.clone().into()),
            },
        )
        .await
        .unwrap_or_else(|e| {
            panic!("saving a key needs a Secret Service keyring (run scripts/test.sh): {e}")
        });
    assert!(info.key_set);
    // A fresh keyring entry (not the app's handle) reads the key back: it really is stored.
    let entry = keyring::Entry::new(&service, &format!("provider:{}", info.id)).expect("entry");
    assert_eq!(entry.get_password().expect("stored in the keyring"), key);

    let listed = app.providers().list().await.expect("list");
    let json = serde_json::to_string(&listed).expect("json");
    assert!(!json.contains(&key));
    assert!(listed.iter().any(|p| p.id == info.id && p.key_set));
    let report = app.providers().test(&info.id).await.expect("test");
    assert!(
        !report.ok && !report.message.contains(&key),
        "{}",
        report.message
    );

    app.close().await;
    for entry in std::fs::read_dir(dir.path()).expect("dir") {
        let path = entry.expect("entry").path();
        // SQLite may remove its -wal/-shm files as the last connection closes: a file that
        // vanished between the listing and the read holds nothing.
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => panic!("read {}: {e}", path.display()),
        };
        assert!(
            !bytes.windows(key.len()).any(|w| w == key.as_bytes()),
            "the key is in {}",
            path.display()
        );
    }

    // Removing the key (empty string) deletes it from the keyring.
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = std::sync::Arc::new(greenlight_core::secrets::Keyring::new(service.clone()));
    let app = Greenlight::open(cfg).await.expect("reopen");
    let info = app
        .providers()
        .save(
            &app.me().await,
            Some(&info.id),
            ProviderInput {
                name: "Studio OpenAI".into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: "https://api.invalid/v1".into(),
                model: "gpt-4o-mini".into(),
                own_network: false,
                api_key: Some(String::new().into()),
            },
        )
        .await
        .expect("clear key");
    assert!(!info.key_set);
    assert!(matches!(entry.get_password(), Err(keyring::Error::NoEntry)));
}

/// A writer that keeps everything logged, for inspection.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut v) = self.0.lock() {
            v.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A server that rejects every request with 401 and echoes the key it was sent back in the
/// error body, as some proxies do.
async fn echoing_401() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/v1", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let mut buf = vec![0u8; 65536];
            let n = sock.read(&mut buf).await.unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let key = req
                .lines()
                .find_map(|l| {
                    l.strip_prefix("authorization: Bearer ")
                        .or_else(|| l.strip_prefix("Authorization: Bearer "))
                })
                .unwrap_or("")
                .trim()
                .to_owned();
            let body = format!("{{\"error\":{{\"message\":\"Incorrect API key provided: {key}\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}}}");
            let resp = format!("HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
            let _ = sock.write_all(resp.as_bytes()).await;
        }
    });
    url
}

#[tokio::test]
async fn keys_never_reach_logs_errors_or_records() {
    let logs = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer({
            let logs = logs.clone();
            move || logs.clone()
        })
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, _doc) = project_with_doc(&app, SCRIPT).await;
    let key = format!("sk-leak-check-{}", uuid_like());
    let url = echoing_401().await;
    let p = app
        .providers()
        .save(
            &app.me().await,
            None,
            ProviderInput {
                name: "Echoing proxy".into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: url,
                model: "gpt-4o-mini".into(),
                own_network: false,
                api_key: Some(key.clone().into()),
            },
        )
        .await
        .unwrap_or_else(|e| panic!("needs a Secret Service keyring (run scripts/test.sh): {e}"));
    let report = app.providers().test(&p.id).await.expect("test");
    assert!(!report.ok);
    assert!(
        report.message.contains("Echoing proxy"),
        "{}",
        report.message
    );
    let (events, record) = run(
        &app,
        request(&project, &p.id, AiTask::Summarize, Some("text")),
    )
    .await;
    assert_eq!(record.outcome, Some(AiOutcome::Failed));
    let everything = format!(
        "{report:?}{events:?}{record:?}{}",
        serde_json::to_string(&app.ledger().activity(None, 50).await.expect("a")).expect("json")
    );
    assert!(
        !everything.contains(&key),
        "the key leaked into a result: {everything}"
    );
    let logged = String::from_utf8(logs.0.lock().expect("logs").clone()).expect("utf-8");
    assert!(!logged.is_empty(), "the failure was logged");
    assert!(
        !logged.contains(&key),
        "the key leaked into the logs: {logged}"
    );
}
