//! Deciding from a scanned file what it is, and refusing what it is not: an unknown type, an
//! extension that promises something else, an image whose header does not decode or whose end
//! is missing. Nothing here trusts the file's name.

use super::scan::Scanned;
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::asset::{expected_by_extension, sniff, what_else, AssetKind, Media};
use std::path::Path;

/// What an accepted file is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Inspected {
    pub media: Media,
    pub width: Option<i64>,
    pub height: Option<i64>,
}

fn refuse(file: &str, reason: String) -> CoreError {
    CoreError::UnsupportedFile {
        file: file.to_owned(),
        reason,
    }
}

/// Checks the scanned file `file` (its display name; `path` is where its bytes are now).
pub(crate) fn inspect(file: &str, path: &Path, s: &Scanned) -> Result<Inspected> {
    let Some(media) = sniff(&s.head) else {
        let what = what_else(&s.head).unwrap_or("not a file type Greenlight knows");
        return Err(refuse(
            file,
            format!("it is {what}; import images, video, audio or PDFs"),
        ));
    };
    let ext = Path::new(file).extension().and_then(|e| e.to_str());
    if let Some(promised) = ext.and_then(expected_by_extension) {
        if !promised.contains(&media.media_type) {
            return Err(refuse(
                file,
                format!(
                    "its name says .{} but it is really {} ({}); rename it to match what it is",
                    ext.unwrap_or_default(),
                    media.label,
                    media.media_type
                ),
            ));
        }
    }
    if !complete(media, &s.tail) {
        return Err(refuse(
            file,
            format!(
                "{} that is cut short or damaged (its end is missing)",
                media.label
            ),
        ));
    }
    if media.media_type == "image/png" && !png_header_sound(&s.head) {
        return Err(refuse(
            file,
            "it looks like a PNG image but its header does not decode (its IHDR chunk is damaged)"
                .into(),
        ));
    }
    let (width, height) = if media.kind == AssetKind::Image {
        let size = imagesize::size(path).map_err(|e| {
            refuse(
                file,
                format!(
                    "it looks like {} but its header does not decode ({e})",
                    media.label
                ),
            )
        })?;
        if size.width == 0 || size.height == 0 {
            return Err(refuse(file, format!("{} with no pixels", media.label)));
        }
        (Some(size.width as i64), Some(size.height as i64))
    } else {
        (None, None)
    };
    Ok(Inspected {
        media,
        width,
        height,
    })
}

/// Whether the formats that have an end marker end with it (a truncated download or copy).
fn complete(media: Media, tail: &[u8]) -> bool {
    match media.media_type {
        "image/png" => tail.ends_with(b"IEND\xAE\x42\x60\x82"),
        // Some encoders pad after the end-of-image marker.
        "image/jpeg" => memchr::memmem::find(tail, b"\xFF\xD9").is_some(),
        "image/gif" => tail.ends_with(b";") || tail.ends_with(b";\0"),
        "application/pdf" => memchr::memmem::find(tail, b"%%EOF").is_some(),
        _ => true,
    }
}

/// Whether a PNG starts with an intact IHDR chunk (right tag, length and checksum): the
/// header-only size reader would take the pixel size from damaged bytes.
fn png_header_sound(head: &[u8]) -> bool {
    match (head.get(8..12), head.get(12..29), head.get(29..33)) {
        (Some(len), Some(chunk), Some(crc)) => {
            len == [0, 0, 0, 13]
                && chunk.starts_with(b"IHDR")
                && crc32fast::hash(chunk).to_be_bytes() == crc
        }
        _ => false,
    }
}
