//! Streaming overhead benchmark: a local server writes a 10,000-token OpenAI-style SSE answer
//! (one HTTP chunk per token, each token carrying the time it was written) and the consumer
//! measures how long each token took to arrive as a normalized `Delta`.
//!
//! `cargo run --release -p greenlight-ai --example bench_stream`
//!
//! Two passes: "paced" (a token every ~1 ms, like a fast model: the latency figure) and
//! "burst" (as fast as the socket takes them: throughput and CPU per token). Server and client
//! share the process, so CPU time covers both sides. In the burst pass the latency figures are
//! queueing (the server writes faster than anyone reads), not overhead.

use futures_util::StreamExt;
use greenlight_ai::{
    build_provider, CancellationToken, ChatRequest, Message, ProviderConfig, ProviderKind,
    StreamEvent, TemplateRef,
};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const TOKENS: usize = 10_000;

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

async fn serve(listener: TcpListener, paced: bool) -> std::io::Result<()> {
    let (mut socket, _) = listener.accept().await?;
    let mut buf = vec![0u8; 65536];
    let _ = socket.read(&mut buf).await?; // the request; its body is irrelevant here
    socket
        .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
        .await?;
    let chunk = |payload: String| {
        let mut out = format!("{:x}\r\n", payload.len()).into_bytes();
        out.extend_from_slice(payload.as_bytes());
        out.extend_from_slice(b"\r\n");
        out
    };
    for _ in 0..TOKENS {
        let nanos = epoch().elapsed().as_nanos();
        let frame = format!(
            "data: {{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"bench\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"<{nanos}>\"}},\"logprobs\":null,\"finish_reason\":null}}]}}\n\n"
        );
        socket.write_all(&chunk(frame)).await?;
        if paced {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }
    let tail = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":10000}}\n\ndata: [DONE]\n\n";
    socket.write_all(&chunk(tail.to_owned())).await?;
    socket.write_all(b"0\r\n\r\n").await?;
    socket.shutdown().await
}

/// Process CPU time (user + system) from /proc/self/stat, assuming the usual 100 ticks/s.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<u64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // After the command name: state is field 3, utime 14, stime 15 (1-based in proc(5)).
    let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

async fn pass(paced: bool) -> std::io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}/v1", listener.local_addr()?);
    let server = tokio::spawn(serve(listener, paced));
    let provider = build_provider(ProviderConfig::new(
        "bench",
        "Bench",
        ProviderKind::OpenAiCompatible,
        &base,
        "bench",
    ));
    let req = ChatRequest {
        system: None,
        messages: vec![Message::user("go")],
        max_tokens: 10_000,
        temperature: None,
        template: TemplateRef {
            id: "bench".into(),
            version: 1,
        },
        params: Default::default(),
        source: None,
    };
    let (cpu0, t0) = (cpu_time(), Instant::now());
    let mut latencies = Vec::with_capacity(TOKENS);
    let mut stream = provider.stream(req, CancellationToken::new());
    let mut outcome = None;
    while let Some(event) = stream.next().await {
        match event {
            StreamEvent::Delta(t) => {
                let now = epoch().elapsed().as_nanos();
                for sent in t.split('<').filter_map(|s| s.strip_suffix('>')) {
                    if let Ok(sent) = sent.parse::<u128>() {
                        latencies.push(now.saturating_sub(sent));
                    }
                }
            }
            StreamEvent::Finished(o) => outcome = Some(o),
            _ => {}
        }
    }
    let (wall, cpu) = (t0.elapsed(), cpu_time().saturating_sub(cpu0));
    let _ = server.await;
    latencies.sort_unstable();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    println!(
        "{:<6} tokens={} outcome={:?}\n       per-token latency server-write → Delta: median {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs\n       wall {:.3} s ({:.0} tokens/s), CPU {} ms ({:.1} µs/token, server+client)",
        if paced { "paced" } else { "burst" },
        latencies.len(),
        outcome,
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0),
        wall.as_secs_f64(),
        latencies.len() as f64 / wall.as_secs_f64(),
        cpu.as_millis(),
        cpu.as_micros() as f64 / latencies.len().max(1) as f64,
    );
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> std::io::Result<()> {
    epoch();
    pass(true).await?;
    pass(false).await?;
    println!("peak RSS (VmHWM) {} KiB", vm_hwm_kib());
    Ok(())
}
