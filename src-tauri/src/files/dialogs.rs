//! Native open and save dialogs, opened by the shell. The callback form of the dialog plugin
//! is used (the blocking form must not run on the async runtime).

use crate::error::{CmdResult, ErrorCode, IpcError};
use greenlight_core::domain::document::Document;
use greenlight_core::domain::provenance::ReportFormat;
use greenlight_core::domain::structure::ExportFormat;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, WebviewWindow};
use tauri_plugin_dialog::{DialogExt, FilePath};
use tokio::sync::oneshot;

const IMPORT_DIALOG_TITLE: &str = "Import scripts or documents";
const ASSET_DIALOG_TITLE: &str = "Import images, video, audio or PDFs";
const EXPORT_DIALOG_TITLE: &str = "Export";
const REPORT_DIALOG_TITLE: &str = "Export the provenance report of";
const CA_DIALOG_TITLE: &str = "The team server's CA certificate";

/// The extensions Greenlight imports.
const IMPORTABLE: &[&str] = &["fdx", "fountain", "spmd", "md", "markdown", "txt"];

fn local(paths: Vec<FilePath>) -> Vec<PathBuf> {
    paths
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect()
}

/// Asks which files to import; empty when the person cancels.
pub async fn pick_import_files<R: Runtime>(
    app: &AppHandle<R>,
    window: &WebviewWindow<R>,
) -> Vec<PathBuf> {
    let (tx, rx) = oneshot::channel();
    app.dialog()
        .file()
        .set_title(IMPORT_DIALOG_TITLE)
        .set_parent(window)
        .add_filter("Scripts and documents", IMPORTABLE)
        .add_filter("All files", &["*"])
        .pick_files(move |picked| {
            let _ = tx.send(picked.map(local).unwrap_or_default());
        });
    rx.await.unwrap_or_default()
}

/// The extensions offered when importing assets (the content decides what a file is; this
/// only filters the dialog).
const ASSET_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "tif", "tiff", "avif", "heic", "mp4", "m4v", "mov",
    "webm", "mkv", "avi", "mp3", "m4a", "wav", "flac", "ogg", "oga", "opus", "aac", "aif", "aiff",
    "pdf",
];

/// Asks which images, video, audio files or PDFs to import as assets; empty when the person
/// cancels.
pub async fn pick_asset_files<R: Runtime>(
    app: &AppHandle<R>,
    window: &WebviewWindow<R>,
) -> Vec<PathBuf> {
    let (tx, rx) = oneshot::channel();
    app.dialog()
        .file()
        .set_title(ASSET_DIALOG_TITLE)
        .set_parent(window)
        .add_filter("Images, video, audio and PDFs", ASSET_EXTENSIONS)
        .add_filter("All files", &["*"])
        .pick_files(move |picked| {
            let _ = tx.send(picked.map(local).unwrap_or_default());
        });
    rx.await.unwrap_or_default()
}

/// Asks for a CA certificate (PEM) for a team server's verify-full TLS; `None` when the
/// person cancels.
pub async fn pick_ca_file<R: Runtime>(
    app: &AppHandle<R>,
    window: &WebviewWindow<R>,
) -> Option<PathBuf> {
    let (tx, rx) = oneshot::channel();
    app.dialog()
        .file()
        .set_title(CA_DIALOG_TITLE)
        .set_parent(window)
        .add_filter("Certificates (PEM)", &["pem", "crt", "cer"])
        .add_filter("All files", &["*"])
        .pick_file(move |picked| {
            let _ = tx.send(picked.and_then(|p| p.into_path().ok()));
        });
    rx.await.ok().flatten()
}

/// Asks where to export `doc` as `format`; `None` when the person cancels. The file's
/// extension must be the format's: a name without one gets it, another one is refused.
pub async fn pick_export_path<R: Runtime>(
    app: &AppHandle<R>,
    window: &WebviewWindow<R>,
    doc: &Document,
    format: ExportFormat,
) -> CmdResult<Option<PathBuf>> {
    let title = format!("{EXPORT_DIALOG_TITLE} “{}”", doc.title);
    pick_save_path(
        app,
        window,
        &title,
        &doc.title,
        format.label(),
        format.extension(doc.format),
    )
    .await
}

/// Asks where to write a provenance report of `name` as `format`; as [`pick_export_path`].
pub async fn pick_report_path<R: Runtime>(
    app: &AppHandle<R>,
    window: &WebviewWindow<R>,
    name: &str,
    format: ReportFormat,
) -> CmdResult<Option<PathBuf>> {
    let title = format!("{REPORT_DIALOG_TITLE} “{name}”");
    let stem = format!("{name} provenance");
    pick_save_path(
        app,
        window,
        &title,
        &stem,
        format.label(),
        format.extension(),
    )
    .await
}

async fn pick_save_path<R: Runtime>(
    app: &AppHandle<R>,
    window: &WebviewWindow<R>,
    title: &str,
    stem: &str,
    label: &str,
    ext: &str,
) -> CmdResult<Option<PathBuf>> {
    let (tx, rx) = oneshot::channel();
    app.dialog()
        .file()
        .set_title(title)
        .set_parent(window)
        .set_file_name(format!("{}.{ext}", file_stem(stem)))
        .add_filter(label, &[ext])
        .save_file(move |picked| {
            let _ = tx.send(picked.and_then(|p| p.into_path().ok()));
        });
    match rx.await.ok().flatten() {
        None => Ok(None),
        Some(path) => with_extension(path, ext).map(Some),
    }
}

/// `path` with extension `ext`: added when missing, refused when it is another one (a PDF
/// written as `notes.txt` would mislead whoever opens it next).
pub fn with_extension(path: PathBuf, ext: &str) -> CmdResult<PathBuf> {
    match path.extension().map(|e| e.to_string_lossy().to_lowercase()) {
        Some(e) if e == ext => Ok(path),
        None => {
            let mut name = path.clone().into_os_string();
            name.push(format!(".{ext}"));
            Ok(PathBuf::from(name))
        }
        Some(other) => Err(IpcError::new(
            ErrorCode::InvalidInput,
            format!(
                "“{}” ends in .{other}, but this export is a .{ext} file. Choose a name ending in .{ext}",
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            ),
        )),
    }
}

/// The title without characters file systems refuse.
fn file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_control() || r#"\/:*?"<>|"#.contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() {
        "Untitled".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_keeps_its_format_extension() {
        let ok = with_extension(PathBuf::from("/tmp/Pilot.PDF"), "pdf").expect("same");
        assert_eq!(ok, PathBuf::from("/tmp/Pilot.PDF"));
        let added = with_extension(PathBuf::from("/tmp/Pilot"), "pdf").expect("added");
        assert_eq!(added, PathBuf::from("/tmp/Pilot.pdf"));
        let refused = with_extension(PathBuf::from("/tmp/Pilot.txt"), "pdf").expect_err("other");
        assert_eq!(refused.code, ErrorCode::InvalidInput);
        assert!(refused.message.contains(".pdf"), "{}", refused.message);
    }

    #[test]
    fn titles_become_safe_file_names() {
        assert_eq!(file_stem("A/B: “Pilot”?"), "A B “Pilot”");
        assert_eq!(file_stem("  \u{7} "), "Untitled");
    }
}
