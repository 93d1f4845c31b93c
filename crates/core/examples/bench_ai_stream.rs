//! Benchmark: what Greenlight adds between a provider emitting a token and the app's event
//! callback receiving it (the callback is what the shell forwards to the UI's Tauri channel).
//! A local OpenAI-compatible server streams 10,000 tokens, one SSE chunk each, about one per
//! millisecond; each token carries the time it was written. The whole path runs: policy check,
//! redaction, provider layer, name restoration, run recording in SQLite and the ledger.
//!
//!     cargo run --release -p greenlight-core --example bench_ai_stream
//!
//! Prints median/p90/p99 latency, peak RSS (VmHWM) and process CPU time per token.

use greenlight_core::domain::ai::{
    AiRunEvent, AiRunRequest, AiTask, ProviderInput, ProviderKindName,
};
use greenlight_core::domain::project::{NewProject, ProjectKind};
use greenlight_core::{Greenlight, OpenConfig};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const TOKENS: usize = 10_000;
static T0: OnceLock<Instant> = OnceLock::new();

fn now_us() -> u64 {
    T0.get_or_init(Instant::now).elapsed().as_micros() as u64
}

fn cpu_ms() -> f64 {
    // utime + stime in clock ticks (100 per second on Linux).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|v| v.parse().ok()).unwrap_or(0.0);
    ticks * 10.0
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

async fn serve(listener: TcpListener) {
    let Ok((mut sock, _)) = listener.accept().await else {
        return;
    };
    let mut buf = [0u8; 65536];
    let mut got = Vec::new();
    loop {
        let n = sock.read(&mut buf).await.unwrap_or(0);
        if n == 0 {
            return;
        }
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got);
        if let Some(end) = text.find("\r\n\r\n") {
            let len = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if got.len() >= end + 4 + len {
                break;
            }
        }
    }
    let _ = sock
        .write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n",
        )
        .await;
    let mut tick = tokio::time::interval(Duration::from_millis(1));
    for _ in 0..TOKENS {
        tick.tick().await;
        let frame = format!(
            "data: {{\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"t{} \"}},\"finish_reason\":null}}]}}\n\n",
            now_us()
        );
        if sock.write_all(frame.as_bytes()).await.is_err() {
            return;
        }
    }
    let _ = sock
        .write_all(b"data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":10000}}\n\ndata: [DONE]\n\n")
        .await;
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    now_us();
    let dir = tempfile::tempdir()?;
    let app = Greenlight::open(OpenConfig::new(dir.path())).await?;
    // Built once per session, as the shell and the CLI do.
    let me = app.profiles().local_actor().await?;
    let project = app
        .projects()
        .create(
            &me,
            NewProject {
                title: "Bench".into(),
                logline: String::new(),
                kind: ProjectKind::Feature,
            },
        )
        .await?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/v1", listener.local_addr()?);
    tokio::spawn(serve(listener));
    let provider = app
        .providers()
        .save(
            &me,
            None,
            ProviderInput {
                name: "Local bench".into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: url,
                model: "bench".into(),
                own_network: false,
                api_key: None,
            },
        )
        .await?;
    let run = app
        .ai()
        .prepare_run(
            &me,
            AiRunRequest {
                project_id: project.id,
                document_id: None,
                provider_id: provider.id,
                task: AiTask::Summarize,
                instruction: String::new(),
                text: Some("Some text to summarize.".into()),
            },
        )
        .await?;
    let cpu0 = cpu_ms();
    let started = Instant::now();
    let mut lat_us: Vec<u64> = Vec::with_capacity(TOKENS);
    let record = run
        .execute(|e| {
            if let AiRunEvent::Delta { text } = e {
                let now = now_us();
                for tok in text.split_whitespace() {
                    if let Some(sent) = tok.strip_prefix('t').and_then(|v| v.parse::<u64>().ok()) {
                        lat_us.push(now.saturating_sub(sent));
                    }
                }
            }
        })
        .await?;
    let wall = started.elapsed();
    let cpu = cpu_ms() - cpu0;
    lat_us.sort_unstable();
    let pct = |p: f64| lat_us[((lat_us.len() - 1) as f64 * p) as usize] as f64 / 1000.0;
    println!(
        "outcome: {:?}, tokens received: {}",
        record.outcome,
        lat_us.len()
    );
    println!(
        "provider write -> app callback: median {:.3} ms, p90 {:.3} ms, p99 {:.3} ms",
        pct(0.5),
        pct(0.9),
        pct(0.99)
    );
    println!(
        "wall {:.1} s; process CPU {:.0} ms ({:.1} us/token, server and client together); peak RSS {:.1} MB",
        wall.as_secs_f64(),
        cpu,
        cpu * 1000.0 / TOKENS as f64,
        peak_rss_mb()
    );
    app.close().await;
    Ok(())
}
