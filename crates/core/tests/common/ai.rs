//! Helpers for the AI tests: an app with its own keyring service, a project with a
//! document, run requests, and a one-connection OpenAI-compatible SSE server.

use super::LocalActor;
use greenlight_core::domain::ai::{
    AiRunEvent, AiRunRecord, AiRunRequest, AiTask, ProviderInfo, ProviderInput, ProviderKindName,
};
use greenlight_core::domain::document::{DocumentFormat, DocumentKind, NewDocument};
use greenlight_core::domain::ids::{DocumentId, ProjectId};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::secrets::Keyring;
use greenlight_core::{Greenlight, OpenConfig};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub async fn open(dir: &TempDir) -> Greenlight {
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = Arc::new(Keyring::new(format!("greenlight-test-{}", uuid_like())));
    Greenlight::open(cfg).await.expect("open")
}

pub fn uuid_like() -> String {
    greenlight_core::domain::ids::EventId::new().to_string()
}

pub async fn project_with_doc(app: &Greenlight, text: &str) -> (ProjectId, DocumentId) {
    let p = app
        .projects()
        .create(
            &app.me().await,
            NewProject {
                title: "AI".into(),
                logline: String::new(),
                kind: ProjectKind::Feature,
            },
        )
        .await
        .expect("project");
    let d = app
        .documents()
        .create(
            &app.me().await,
            NewDocument {
                project_id: p.id.clone(),
                title: "Draft".into(),
                kind: DocumentKind::Screenplay,
                format: DocumentFormat::Fountain,
                text: text.into(),
            },
        )
        .await
        .expect("doc");
    (p.id, d.id)
}

pub fn request(
    project: &ProjectId,
    provider: &str,
    task: AiTask,
    text: Option<&str>,
) -> AiRunRequest {
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

pub async fn run(app: &Greenlight, req: AiRunRequest) -> (Vec<AiRunEvent>, AiRunRecord) {
    let prepared = app
        .ai()
        .prepare_run(&app.me().await, req)
        .await
        .expect("prepare");
    let mut events = Vec::new();
    let record = prepared.execute(|e| events.push(e)).await.expect("execute");
    (events, record)
}

/// Adds an OpenAI-compatible provider at a local fake server (no key needed).
pub async fn local_provider(app: &Greenlight, name: &str, url: String) -> ProviderInfo {
    app.providers()
        .save(
            &app.me().await,
            None,
            ProviderInput {
                name: name.into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: url,
                model: "fake".into(),
                own_network: false,
                api_key: None,
            },
        )
        .await
        .expect("provider")
}

pub fn finished_count(events: &[AiRunEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, AiRunEvent::Finished { .. }))
        .count()
}

pub const SCRIPT: &str = "INT. DINER - NIGHT\n\nOdile Varga drinks her coffee. The rain does not stop.\n\nEXT. STREET - DAWN\n\nOdile Varga walks home alone. The city wakes up.\n";

/// A one-connection OpenAI-compatible server: records the request body, then streams `chunks`
/// (SSE `data:` payloads) with `gap` between them, and `[DONE]` unless `cut`.
pub async fn fake_openai(
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
