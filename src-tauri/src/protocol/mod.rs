//! The `glasset:` protocol: the web view reads an asset version's bytes by its id
//! (`glasset://localhost/<versionId>` on Linux and macOS, `http://glasset.localhost/<versionId>`
//! on Windows; the UI builds it with `convertFileSrc`). This is how previews load: an `<img>`,
//! a `<video>` seeking through a 2 GB file with HTTP ranges, pdf.js reading a PDF in parts.
//! Nothing is loaded whole into memory, and no bytes go through JSON IPC.
//!
//! Only a known version id is served, and only as its own media type (read from its content on
//! import); a path, a hash or anything else is refused with 404. The bytes come from the blob
//! file on this computer, or from the team server in ranges.

#[cfg(target_os = "linux")]
pub mod loopback;
mod range;

use crate::state::AppState;
use greenlight_core::assets::AssetContent;
use greenlight_domain::ids::AssetVersionId;
use range::Answer;
use std::io::SeekFrom;
use tauri::http::{header, Method, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

/// The scheme's name, as the CSP and the UI spell it.
pub const SCHEME: &str = "glasset";

/// The origins of the app's own pages (Linux/macOS, Windows/Android, the dev server), the only
/// ones allowed to read these bytes with `fetch` (pdf.js does).
const APP_ORIGINS: &[&str] = &[
    "tauri://localhost",
    "http://tauri.localhost",
    "https://tauri.localhost",
    #[cfg(debug_assertions)]
    "http://localhost:1420",
];

/// Answers one request, off the main thread.
pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().state::<AppState>().app().ok();
    tauri::async_runtime::spawn(async move {
        let response = match app {
            Some(app) => serve(&app, &request).await,
            None => plain(StatusCode::SERVICE_UNAVAILABLE, "the database is not open"),
        };
        responder.respond(with_cors(response, &request));
    });
}

async fn serve(app: &greenlight_core::Greenlight, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    if request.method() == Method::OPTIONS {
        return empty(StatusCode::NO_CONTENT);
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD");
    }
    let id = request.uri().path().trim_start_matches('/');
    let Some(content) = lookup(app, id).await else {
        return plain(StatusCode::NOT_FOUND, "not an asset version");
    };
    let size = u64::try_from(content.version.size).unwrap_or(0);
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok());
    let (status, start, end) = match range::answer(range, size) {
        Answer::Whole => (StatusCode::OK, 0, size.saturating_sub(1)),
        Answer::Part { start, end } => (StatusCode::PARTIAL_CONTENT, start, end),
        Answer::Unsatisfiable => {
            let mut r = empty(StatusCode::RANGE_NOT_SATISFIABLE);
            set(&mut r, header::CONTENT_RANGE, format!("bytes */{size}"));
            return r;
        }
    };
    let len = if size == 0 { 0 } else { end - start + 1 };
    let body = if request.method() == Method::HEAD || len == 0 {
        Vec::new()
    } else {
        match read(app, &content, start, len).await {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, version = %content.version.id, "glasset: read failed");
                return plain(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the asset could not be read",
                );
            }
        }
    };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    set(
        &mut r,
        header::CONTENT_TYPE,
        content.version.media_type.clone(),
    );
    set(&mut r, header::CONTENT_LENGTH, len.to_string());
    set(&mut r, header::ACCEPT_RANGES, "bytes".into());
    // A version is immutable: its id always names the same bytes.
    set(
        &mut r,
        header::CACHE_CONTROL,
        "private, max-age=31536000, immutable".into(),
    );
    set(&mut r, header::X_CONTENT_TYPE_OPTIONS, "nosniff".into());
    if status == StatusCode::PARTIAL_CONTENT {
        set(
            &mut r,
            header::CONTENT_RANGE,
            format!("bytes {start}-{end}/{size}"),
        );
    }
    r
}

/// The version named by `id` (a UUID, nothing else: no path, no hash), if there is one this
/// person may read.
async fn lookup(app: &greenlight_core::Greenlight, id: &str) -> Option<AssetContent> {
    if id.len() != 36 || uuid::Uuid::parse_str(id).is_err() {
        return None;
    }
    match app.assets().content(&AssetVersionId::from(id)).await {
        Ok(c) => Some(c),
        Err(e) => {
            tracing::debug!(error = %e, "asset bytes: no such version");
            None
        }
    }
}

/// Bytes `start..start + len` of the version: from the blob file here, or from the team
/// server in calls of at most `MAX_READ_BYTES`.
async fn read(
    app: &greenlight_core::Greenlight,
    content: &AssetContent,
    start: u64,
    len: u64,
) -> Result<Vec<u8>, String> {
    let want = usize::try_from(len).map_err(|e| e.to_string())?;
    if let Some(path) = &content.file {
        let mut file = tokio::fs::File::open(path)
            .await
            .map_err(|e| e.to_string())?;
        file.seek(SeekFrom::Start(start))
            .await
            .map_err(|e| e.to_string())?;
        let mut buf = vec![0; want];
        file.read_exact(&mut buf).await.map_err(|e| e.to_string())?;
        return Ok(buf);
    }
    let mut out = Vec::with_capacity(want);
    while out.len() < want {
        let at = start + out.len() as u64;
        let ask = (want - out.len()).min(greenlight_core::assets::MAX_READ_BYTES);
        let part = app
            .assets()
            .read_range(&content.version.id, at, ask)
            .await
            .map_err(|e| e.to_string())?;
        if part.is_empty() {
            return Err(format!("the stored bytes end at {at}"));
        }
        out.extend_from_slice(&part);
    }
    Ok(out)
}

fn set(r: &mut Response<Vec<u8>>, name: header::HeaderName, value: String) {
    if let Ok(v) = header::HeaderValue::from_str(&value) {
        r.headers_mut().insert(name, v);
    }
}

fn empty(status: StatusCode) -> Response<Vec<u8>> {
    let mut r = Response::new(Vec::new());
    *r.status_mut() = status;
    r
}

fn plain(status: StatusCode, why: &str) -> Response<Vec<u8>> {
    let mut r = Response::new(why.as_bytes().to_vec());
    *r.status_mut() = status;
    set(
        &mut r,
        header::CONTENT_TYPE,
        "text/plain; charset=utf-8".into(),
    );
    r
}

/// Lets the app's own pages (and only them) read the bytes and the range headers with `fetch`.
fn with_cors(mut r: Response<Vec<u8>>, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| APP_ORIGINS.contains(o));
    if let Some(origin) = origin {
        set(
            &mut r,
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            origin.to_owned(),
        );
        set(&mut r, header::VARY, "Origin".into());
        set(
            &mut r,
            header::ACCESS_CONTROL_ALLOW_METHODS,
            "GET, HEAD".into(),
        );
        set(&mut r, header::ACCESS_CONTROL_ALLOW_HEADERS, "Range".into());
        set(
            &mut r,
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            "Content-Range, Content-Length, Accept-Ranges".into(),
        );
    }
    r
}
