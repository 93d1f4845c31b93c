//! Media on Linux: WebKitGTK plays `<video>` and `<audio>` with GStreamer, which has no source
//! for a custom URI scheme (WebKit bug 146351; tauri#3725), so `glasset:` works for images and
//! pdf.js but not for a player. Players get a loopback HTTP server instead, started with the
//! window: `http://127.0.0.1:<port>/<token>/<versionId>`, answering the same version ids, with
//! the same media types and HTTP ranges, streaming each answer from the blob file (or the team
//! server) so a 2 GB video never sits in memory.
//!
//! Only this app's page learns the token (128 random bits, new at each start); a request
//! without it, with a `Host` other than the server's own address, or for anything but a known
//! version id, is answered 404. It listens on 127.0.0.1 only.

use super::lookup;
use super::range::{self, Answer};
use crate::state::AppState;
use greenlight_core::assets::MAX_READ_BYTES;
use greenlight_core::Greenlight;
use std::io::SeekFrom;
use std::sync::OnceLock;
use tauri::{AppHandle, Manager, Runtime};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncSeekExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The longest request head read (a media element's is well under 2 KiB).
const MAX_HEAD: usize = 16 * 1024;

static BASE: OnceLock<String> = OnceLock::new();

/// `http://127.0.0.1:<port>/<token>/` once the server listens; `None` before (or if it
/// could not start: then players fall back to `glasset:` and say they cannot play).
pub fn base() -> Option<String> {
    BASE.get().cloned()
}

/// Starts the server on a free loopback port.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let listener = match TcpListener::bind(("127.0.0.1", 0)).await {
            Ok(l) => l,
            Err(e) => return tracing::warn!(error = %e, "media server: cannot listen"),
        };
        let Ok(addr) = listener.local_addr() else {
            return;
        };
        let token = uuid::Uuid::new_v4().simple().to_string();
        let host = addr.to_string();
        let _ = BASE.set(format!("http://{host}/{token}/"));
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                continue;
            };
            let (handle, token, host) = (handle.clone(), token.clone(), host.clone());
            tauri::async_runtime::spawn(async move {
                let app = handle.state::<AppState>().app().ok();
                if let Err(e) = serve(app, socket, &token, &host).await {
                    tracing::debug!(error = %e, "media server: connection ended");
                }
            });
        }
    });
}

/// The parts of a request this server reads.
struct Head {
    method: String,
    path: String,
    host: Option<String>,
    range: Option<String>,
}

async fn read_head(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Head>> {
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).await?;
        total += n;
        if n == 0 || total > MAX_HEAD {
            return Ok(None);
        }
        let line = line.trim_end().to_owned();
        if line.is_empty() {
            break;
        }
        lines.push(line);
    }
    let mut first = lines.first().map(|l| l.split(' ')).into_iter().flatten();
    let (Some(method), Some(path)) = (first.next(), first.next()) else {
        return Ok(None);
    };
    let header = |name: &str| {
        lines.iter().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    };
    Ok(Some(Head {
        method: method.to_owned(),
        path: path.to_owned(),
        host: header("host"),
        range: header("range"),
    }))
}

async fn serve(
    app: Option<Greenlight>,
    socket: TcpStream,
    token: &str,
    host: &str,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(socket);
    let Some(head) = read_head(&mut reader).await? else {
        return Ok(());
    };
    let mut socket = reader.into_inner();
    let id = head
        .path
        .strip_prefix('/')
        .and_then(|p| p.strip_prefix(token))
        .and_then(|p| p.strip_prefix('/'));
    let content = match (&app, id) {
        (Some(app), Some(id)) if head.host.as_deref() == Some(host) => lookup(app, id).await,
        _ => None,
    };
    let (Some(app), Some(content)) = (app, content) else {
        return status_only(&mut socket, "404 Not Found", "").await;
    };
    if head.method != "GET" && head.method != "HEAD" {
        return status_only(&mut socket, "405 Method Not Allowed", "").await;
    }
    let size = u64::try_from(content.version.size).unwrap_or(0);
    let (status, start, end) = match range::answer_streamed(head.range.as_deref(), size) {
        Answer::Whole => ("200 OK", 0, size.saturating_sub(1)),
        Answer::Part { start, end } => ("206 Partial Content", start, end),
        Answer::Unsatisfiable => {
            let extra = format!("Content-Range: bytes */{size}\r\n");
            return status_only(&mut socket, "416 Range Not Satisfiable", &extra).await;
        }
    };
    let len = if size == 0 { 0 } else { end - start + 1 };
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {len}\r\nAccept-Ranges: bytes\r\nCache-Control: private, max-age=31536000, immutable\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        content.version.media_type
    );
    if status.starts_with("206") {
        out.push_str(&format!("Content-Range: bytes {start}-{end}/{size}\r\n"));
    }
    out.push_str("\r\n");
    socket.write_all(out.as_bytes()).await?;
    if head.method == "HEAD" || len == 0 {
        return socket.shutdown().await;
    }
    if let Some(path) = &content.file {
        let mut file = tokio::fs::File::open(path).await?;
        file.seek(SeekFrom::Start(start)).await?;
        tokio::io::copy(&mut file.take(len), &mut socket).await?;
    } else {
        let mut at = start;
        while at <= end {
            let ask = usize::try_from(end - at + 1)
                .unwrap_or(usize::MAX)
                .min(MAX_READ_BYTES);
            let part = app
                .assets()
                .read_range(&content.version.id, at, ask)
                .await
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            if part.is_empty() {
                break;
            }
            socket.write_all(&part).await?;
            at += part.len() as u64;
        }
    }
    socket.shutdown().await
}

async fn status_only(socket: &mut TcpStream, status: &str, extra: &str) -> std::io::Result<()> {
    let head =
        format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\n{extra}Connection: close\r\n\r\n");
    socket.write_all(head.as_bytes()).await?;
    socket.shutdown().await
}
