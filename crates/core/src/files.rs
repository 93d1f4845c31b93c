//! Reading files people import, treated as hostile: bounded size, valid UTF-8, not binary.

use crate::error::CoreError;
use crate::Result;
use greenlight_domain::limits::MAX_DOCUMENT_BYTES;
use std::io::Read;
use std::path::Path;

/// The file's name for messages ("draft.txt"), never its full path.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads a text file for import. Refuses files over [`MAX_DOCUMENT_BYTES`] without reading
/// them whole, binary files, and text that is not UTF-8 (naming the byte offset).
pub fn read_text_file(path: &Path) -> Result<String> {
    let bytes = read_bounded(path, MAX_DOCUMENT_BYTES as u64)?;
    decode_text(&display_name(path), bytes)
}

/// Reads at most `max` bytes of a file, refusing larger files (checked before reading, and
/// again while reading in case the file grows), folders and unreadable paths.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>> {
    let name = display_name(path);
    let io = |action: &'static str| {
        let path = path.to_path_buf();
        move |source| CoreError::Io {
            action,
            path,
            source,
        }
    };
    // Checked before opening: opening a FIFO blocks until a writer appears, and a device can
    // stream forever. Only regular files (or links to them) are read.
    let kind = std::fs::metadata(path)
        .map_err(io("Cannot open"))?
        .file_type();
    if !kind.is_file() {
        let what = if kind.is_dir() {
            "it is a folder, not a file"
        } else {
            "it is not a regular file (a pipe, a socket or a device)"
        };
        return Err(CoreError::UnsupportedFile {
            file: name,
            reason: what.into(),
        });
    }
    let file = std::fs::File::open(path).map_err(io("Cannot open"))?;
    let meta = file.metadata().map_err(io("Cannot read"))?;
    if !meta.is_file() {
        // Swapped between the check and the open.
        return Err(CoreError::UnsupportedFile {
            file: name,
            reason: "it is not a regular file".into(),
        });
    }
    if meta.len() > max {
        return Err(CoreError::TooLarge {
            what: name,
            size: meta.len(),
            max,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(io("Cannot read"))?;
    if bytes.len() as u64 > max {
        return Err(CoreError::TooLarge {
            what: name,
            size: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

/// Validates imported bytes as text.
pub fn decode_text(name: &str, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if let Some(kind) = binary_signature(&bytes) {
        return Err(CoreError::UnsupportedFile {
            file: name.to_owned(),
            reason: format!("it is a {kind} file, not text. Export it as plain text, Fountain or Markdown first"),
        });
    }
    if bytes.contains(&0) {
        return Err(CoreError::UnsupportedFile {
            file: name.to_owned(),
            reason: "it contains binary data, not text".into(),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        CoreError::UnsupportedFile {
            file: name.to_owned(),
            reason: format!(
                "it is not valid UTF-8 text (the first invalid byte is at offset {offset}). Save it as UTF-8 and import it again"
            ),
        }
    })
}

fn binary_signature(b: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"PK\x03\x04", "ZIP (or Word/Final Draft package)"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x7FELF", "program"),
        (b"SQLite format 3", "SQLite database"),
        (b"\xD0\xCF\x11\xE0", "Microsoft Office"),
    ];
    SIGS.iter()
        .find(|(sig, _)| b.starts_with(sig))
        .map(|(_, k)| *k)
}

/// Writes `bytes` to `path` through a temporary file renamed into place, so an interrupted
/// write never leaves a half-written file and a crash leaves the old file or the new one.
///
/// The temporary file is created exclusively in the target's folder under an unpredictable
/// name (so nothing planted there, a symlink included, is followed), written, fsynced, given
/// the permissions of the file it replaces, renamed over it, and the folder is fsynced so the
/// rename itself survives a power cut.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let io = |action: &'static str| {
        let path = path.to_path_buf();
        move |source| CoreError::Io {
            action,
            path,
            source,
        }
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".greenlight-export-")
        .tempfile_in(dir)
        .map_err(io("Cannot write"))?;
    tmp.write_all(bytes).map_err(io("Cannot write"))?;
    if let Ok(existing) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(existing.permissions())
            .map_err(io("Cannot write"))?;
    }
    tmp.as_file().sync_all().map_err(io("Cannot write"))?;
    tmp.persist(path).map_err(|e| CoreError::Io {
        action: "Cannot write",
        path: path.to_path_buf(),
        source: e.error,
    })?;
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io("Cannot write"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_binary_and_invalid_utf8() {
        let pdf = decode_text("a.txt", b"%PDF-1.7 ...".to_vec()).expect_err("pdf");
        assert!(pdf.to_string().contains("PDF"), "{pdf}");
        let nul = decode_text("a.txt", b"abc\0def".to_vec()).expect_err("nul");
        assert!(nul.to_string().contains("binary"));
        let bad = decode_text("a.txt", b"caf\xe9 noir".to_vec()).expect_err("latin1");
        assert!(bad.to_string().contains("offset 3"), "{bad}");
    }

    #[test]
    #[cfg(unix)]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tmp");
        let fifo = dir.path().join("x.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        // Opening it would block forever (no writer): the check must come first.
        let err = read_text_file(&fifo).expect_err("a pipe is not a document");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    #[cfg(unix)]
    fn an_export_replaces_a_file_keeping_its_permissions_and_leaves_no_temporary() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tmp");
        let target = dir.path().join("Pilot.pdf");
        std::fs::write(&target, b"old").expect("old");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomically(&target, b"new").expect("write");
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
        let mode = std::fs::metadata(&target)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o640);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("Pilot.pdf")]);
    }

    #[test]
    #[cfg(unix)]
    fn a_symlink_planted_at_the_old_temporary_name_is_not_followed() {
        // The previous code wrote to ".<name>.greenlight-tmp-<pid>": a predictable name a
        // local attacker could point at another file.
        let dir = tempfile::tempdir().expect("tmp");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep me").expect("victim");
        let target = dir.path().join("out.txt");
        let planted = dir
            .path()
            .join(format!(".out.txt.greenlight-tmp-{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
        write_atomically(&target, b"export").expect("write");
        assert_eq!(std::fs::read(&victim).expect("victim"), b"keep me");
        assert_eq!(std::fs::read(&target).expect("target"), b"export");
    }

    #[test]
    fn strips_bom() {
        assert_eq!(
            decode_text("a.txt", b"\xEF\xBB\xBFhello".to_vec()).expect("ok"),
            "hello"
        );
    }
}
