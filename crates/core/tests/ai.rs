//! AI use-cases end to end: the offline engine, policy blocks, name redaction and cancellation
//! against a local OpenAI-compatible server speaking the real SSE wire format, and API keys in
//! the real OS keyring (Secret Service; `scripts/test.sh` runs these tests inside a private
//! D-Bus session with an unlocked gnome-keyring).

use greenlight_core::domain::ai::{
    AiOutcome, AiRunEvent, AiRunRequest, AiTask, ProviderInput, ProviderKindName,
};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::ids::ProjectId;
use greenlight_core::domain::policy::AiPolicy;
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::{Greenlight, OpenConfig};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

async fn open(dir: &TempDir) -> Greenlight {
    let mut cfg = OpenConfig::new(dir.path());
    cfg.keyring_service = format!("greenlight-test-{}", uuid_like());
    Greenlight::open(cfg).await.expect("open")
}

fn uuid_like() -> String {
    greenlight_core::domain::ids::EventId::new().to_string()
}

async fn project_with_doc(
    app: &Greenlight,
    text: &str,
) -> (ProjectId, greenlight_core::domain::ids::DocumentId) {
    let p = app
        .create_project(NewProject {
            title: "AI".into(),
            logline: String::new(),
            kind: ProjectKind::Feature,
        })
        .await
        .expect("project");
    let d = app
        .create_document(NewDocument {
            project_id: p.id.clone(),
            title: "Draft".into(),
            kind: DocumentKind::Screenplay,
            format: DocumentFormat::Fountain,
            text: text.into(),
        })
        .await
        .expect("doc");
    (p.id, d.id)
}

fn request(project: &ProjectId, provider: &str, task: AiTask, text: Option<&str>) -> AiRunRequest {
    AiRunRequest {
        project_id: project.clone(),
        document_id: None,
        provider_id: provider.into(),
        task,
        instruction: if task == AiTask::Variation {
            "tighten".into()
        } else {
            String::new()
        },
        text: text.map(str::to_owned),
    }
}

async fn run(
    app: &Greenlight,
    req: AiRunRequest,
) -> (Vec<AiRunEvent>, greenlight_core::domain::ai::AiRunRecord) {
    let prepared = app.prepare_ai_run(req).await.expect("prepare");
    let mut events = Vec::new();
    let record = prepared.execute(|e| events.push(e)).await.expect("execute");
    (events, record)
}

/// Adds an OpenAI-compatible provider at a local fake server (no key needed).
async fn local_provider(
    app: &Greenlight,
    name: &str,
    url: String,
) -> greenlight_core::domain::ai::ProviderInfo {
    app.save_provider(
        None,
        ProviderInput {
            name: name.into(),
            kind: ProviderKindName::OpenaiCompatible,
            base_url: url,
            model: "fake".into(),
            api_key: None,
        },
    )
    .await
    .expect("provider")
}

fn finished_count(events: &[AiRunEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, AiRunEvent::Finished { .. }))
        .count()
}

const SCRIPT: &str = "INT. DINER - NIGHT\n\nOdile Varga drinks her coffee. The rain does not stop.\n\nEXT. STREET - DAWN\n\nOdile Varga walks home alone. The city wakes up.\n";

#[tokio::test]
async fn offline_summary_is_streamed_recorded_and_chained() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, doc) = project_with_doc(&app, SCRIPT).await;
    let mut req = request(&project, "offline", AiTask::Summarize, None);
    req.document_id = Some(doc);
    let (events, record) = run(&app, req).await;
    assert!(
        matches!(
            events.first(),
            Some(AiRunEvent::Started { local: true, .. })
        ),
        "{events:?}"
    );
    assert!(matches!(
        events.last(),
        Some(AiRunEvent::Finished {
            outcome: AiOutcome::Done,
            ..
        })
    ));
    assert_eq!(finished_count(&events), 1);
    assert!(record.output.contains("Odile Varga"), "{}", record.output);
    assert_eq!(record.template_id, "summarize.document");
    assert_eq!(record.prompt_hash.len(), 64);
    let runs = app.list_ai_runs(&project, 10).await.expect("runs");
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].outcome, Some(AiOutcome::Done));
    let kinds: Vec<String> = app
        .activity(Some(&project), 2)
        .await
        .expect("a")
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(kinds, ["ai.completed", "ai.requested"]);
    assert!(app.verify_ledger().await.expect("verify").ok);
}

#[tokio::test]
async fn policy_blocks_are_recorded_and_nothing_is_sent() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, _doc) = project_with_doc(&app, SCRIPT).await;
    // A remote provider whose address would fail if anything were sent.
    let remote = app
        .save_provider(
            None,
            ProviderInput {
                name: "Studio OpenAI".into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: "https://api.invalid/v1".into(),
                model: "gpt-4o-mini".into(),
                api_key: None,
            },
        )
        .await
        .expect("provider");
    assert!(!remote.local);
    app.set_policy(
        &project,
        AiPolicy {
            local_only: true,
            ..AiPolicy::default()
        },
    )
    .await
    .expect("policy");
    let (events, record) = run(
        &app,
        request(&project, &remote.id, AiTask::Summarize, Some("Some text.")),
    )
    .await;
    assert_eq!(events.len(), 1, "{events:?}");
    match &events[0] {
        AiRunEvent::Finished {
            outcome: AiOutcome::Blocked,
            message: Some(m),
            ..
        } => {
            assert!(
                m.contains("local models only") && m.contains("Studio OpenAI"),
                "{m}"
            );
        }
        other => panic!("expected a block, got {other:?}"),
    }
    assert_eq!(record.outcome, Some(AiOutcome::Blocked));

    app.set_policy(
        &project,
        AiPolicy {
            ai_enabled: false,
            ..AiPolicy::default()
        },
    )
    .await
    .expect("policy");
    let (events, _) = run(
        &app,
        request(&project, "offline", AiTask::Summarize, Some("Some text.")),
    )
    .await;
    assert!(
        matches!(&events[0], AiRunEvent::Finished { outcome: AiOutcome::Blocked, message: Some(m), .. } if m.contains("turned off"))
    );
    let feed = app.activity(Some(&project), 1).await.expect("activity");
    assert_eq!(feed[0].kind, "ai.blocked");
}

/// A one-connection OpenAI-compatible server: records the request body, then streams `chunks`
/// (SSE `data:` payloads) with `gap` between them, and `[DONE]` unless `cut`.
async fn fake_openai(
    chunks: Vec<String>,
    gap: Duration,
    cut: bool,
) -> (String, Arc<Mutex<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/v1", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(String::new()));
    let seen2 = seen.clone();
    tokio::spawn(async move {
        let Ok((mut sock, _)) = listener.accept().await else {
            return;
        };
        let mut buf = Vec::new();
        let mut tmp = [0u8; 8192];
        // Read headers and the body (Content-Length).
        loop {
            let n = sock.read(&mut tmp).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&tmp[..n]);
            let text = String::from_utf8_lossy(&buf).to_string();
            if let Some(end) = text.find("\r\n\r\n") {
                let len = text[..end]
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                    })
                    .unwrap_or(0);
                if buf.len() >= end + 4 + len {
                    if let Ok(mut s) = seen2.lock() {
                        *s = text[end + 4..].to_owned();
                    }
                    break;
                }
            }
        }
        let _ = sock.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\nconnection: close\r\n\r\n").await;
        for c in chunks {
            let frame = format!("data: {{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"fake\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{}}},\"finish_reason\":null}}]}}\n\n", serde_json::to_string(&c).unwrap_or_default());
            if sock.write_all(frame.as_bytes()).await.is_err() {
                return;
            }
            tokio::time::sleep(gap).await;
        }
        if !cut {
            let _ = sock.write_all(b"data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n").await;
        }
    });
    (url, seen)
}

#[tokio::test]
async fn protected_names_never_leave_and_come_back_in_the_answer() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, _doc) = project_with_doc(&app, SCRIPT).await;
    // The fake answers with the placeholder split across two deltas.
    let (url, seen) = fake_openai(
        vec!["Tighter: [[NA".into(), "ME_1]] waits.".into()],
        Duration::from_millis(5),
        false,
    )
    .await;
    let local = local_provider(&app, "Local fake", url).await;
    assert!(local.local);
    app.set_policy(
        &project,
        AiPolicy {
            protected_names: vec!["Odile Varga".into()],
            ..AiPolicy::default()
        },
    )
    .await
    .expect("policy");
    let (events, record) = run(
        &app,
        request(&project, &local.id, AiTask::Variation, Some(SCRIPT)),
    )
    .await;
    let sent = seen.lock().expect("seen").clone();
    assert!(!sent.is_empty(), "the server saw the request");
    assert!(
        !sent.contains("Odile"),
        "a protected name left the machine: {sent}"
    );
    assert!(sent.contains("[[NAME_1]]"), "{sent}");
    assert_eq!(record.output, "Tighter: Odile Varga waits.");
    assert_eq!(finished_count(&events), 1);
    assert!(matches!(
        events.last(),
        Some(AiRunEvent::Finished {
            outcome: AiOutcome::Done,
            ..
        })
    ));
}

#[tokio::test]
async fn cancelling_midway_keeps_the_partial_text_marked() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, _doc) = project_with_doc(&app, SCRIPT).await;
    let words: Vec<String> = (0..200).map(|i| format!("word{i} ")).collect();
    let (url, _) = fake_openai(words, Duration::from_millis(20), false).await;
    let p = local_provider(&app, "Slow local", url).await;
    let prepared = app
        .prepare_ai_run(request(&project, &p.id, AiTask::Summarize, Some("text")))
        .await
        .expect("prepare");
    let id = prepared.id().to_owned();
    let app2 = app.clone();
    let mut events = Vec::new();
    let mut cancelled = false;
    let record = prepared
        .execute(|e| {
            if matches!(e, AiRunEvent::Delta { .. }) && !cancelled {
                cancelled = app2.cancel_ai_run(&id);
            }
            events.push(e);
        })
        .await
        .expect("execute");
    assert!(cancelled);
    assert_eq!(record.outcome, Some(AiOutcome::Cancelled));
    assert!(record.partial && !record.output.is_empty());
    assert!(
        record.output.len() < 200 * 6,
        "stopped early: {} bytes",
        record.output.len()
    );
    assert_eq!(finished_count(&events), 1);
    assert!(
        !app.cancel_ai_run(&id),
        "a finished run is no longer cancellable"
    );
}

#[tokio::test]
async fn a_stream_cut_without_its_end_marker_fails_with_partial_text() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, _doc) = project_with_doc(&app, SCRIPT).await;
    let (url, _) = fake_openai(
        vec!["Half an ".into(), "answer".into()],
        Duration::from_millis(5),
        true,
    )
    .await;
    let p = local_provider(&app, "Cut", url).await;
    let (events, record) = run(
        &app,
        request(&project, &p.id, AiTask::Summarize, Some("text")),
    )
    .await;
    assert_eq!(record.outcome, Some(AiOutcome::Failed));
    assert!(record.partial);
    assert_eq!(record.output, "Half an answer");
    assert_eq!(finished_count(&events), 1);
}

/// Keys live in the real OS keyring and nowhere else: not in the database file (nor its WAL),
/// not in the ledger, not in any IPC-facing value.
#[tokio::test]
async fn keys_live_only_in_the_os_keyring() {
    let dir = TempDir::new().expect("tmp");
    let service = format!("greenlight-test-{}", uuid_like());
    let mut cfg = OpenConfig::new(dir.path());
    cfg.keyring_service = service.clone();
    let app = Greenlight::open(cfg).await.expect("open");
    let key = format!("sk-test-{}", uuid_like());
    let info = app
        .save_provider(
            None,
            ProviderInput {
                name: "Studio OpenAI".into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: "https://api.invalid/v1".into(),
                model: "gpt-4o-mini".into(),
                api_key: Some(key.clone()),
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

    let listed = app.list_providers().await.expect("list");
    let json = serde_json::to_string(&listed).expect("json");
    assert!(!json.contains(&key));
    assert!(listed.iter().any(|p| p.id == info.id && p.key_set));
    let report = app.test_provider(&info.id).await.expect("test");
    assert!(
        !report.ok && !report.message.contains(&key),
        "{}",
        report.message
    );

    app.close().await;
    for entry in std::fs::read_dir(dir.path()).expect("dir") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        assert!(
            !bytes.windows(key.len()).any(|w| w == key.as_bytes()),
            "the key is in {}",
            path.display()
        );
    }

    // Removing the key (empty string) deletes it from the keyring.
    let mut cfg = OpenConfig::new(dir.path());
    cfg.keyring_service = service.clone();
    let app = Greenlight::open(cfg).await.expect("reopen");
    let info = app
        .save_provider(
            Some(&info.id),
            ProviderInput {
                name: "Studio OpenAI".into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: "https://api.invalid/v1".into(),
                model: "gpt-4o-mini".into(),
                api_key: Some(String::new()),
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
        .save_provider(
            None,
            ProviderInput {
                name: "Echoing proxy".into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: url,
                model: "gpt-4o-mini".into(),
                api_key: Some(key.clone()),
            },
        )
        .await
        .unwrap_or_else(|e| panic!("needs a Secret Service keyring (run scripts/test.sh): {e}"));
    let report = app.test_provider(&p.id).await.expect("test");
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
        serde_json::to_string(&app.activity(None, 50).await.expect("a")).expect("json")
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
