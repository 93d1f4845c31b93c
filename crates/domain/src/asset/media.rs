//! What a file really is, read from its first bytes ("magic numbers"), never from its name: a
//! `.png` that is a JPEG, or an executable renamed `.mp4`, is caught here. Only the media
//! Greenlight can show are known; anything else is refused, named when it is recognisable.

use super::AssetKind;

/// How many leading bytes [`sniff`] needs at most (it accepts fewer).
pub const SNIFF_BYTES: usize = 64;

/// A recognised media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Media {
    /// The IANA media type (`image/png`).
    pub media_type: &'static str,
    pub kind: AssetKind,
    /// For messages: "a PNG image".
    pub label: &'static str,
}

const fn m(media_type: &'static str, kind: AssetKind, label: &'static str) -> Media {
    Media {
        media_type,
        kind,
        label,
    }
}

use AssetKind::{Audio, Image, Pdf, Video};
const PNG: Media = m("image/png", Image, "a PNG image");
const JPEG: Media = m("image/jpeg", Image, "a JPEG image");
const GIF: Media = m("image/gif", Image, "a GIF image");
const WEBP: Media = m("image/webp", Image, "a WebP image");
const TIFF: Media = m("image/tiff", Image, "a TIFF image");
const AVIF: Media = m("image/avif", Image, "an AVIF image");
const HEIC: Media = m("image/heic", Image, "a HEIC image");
const MP4: Media = m("video/mp4", Video, "an MP4 video");
const MOV: Media = m("video/quicktime", Video, "a QuickTime video");
const WEBM: Media = m("video/webm", Video, "a WebM video");
const MKV: Media = m("video/x-matroska", Video, "a Matroska video");
const AVI: Media = m("video/x-msvideo", Video, "an AVI video");
const M4A: Media = m("audio/mp4", Audio, "an MPEG-4 audio file");
const WAV: Media = m("audio/wav", Audio, "a WAV audio file");
const FLAC: Media = m("audio/flac", Audio, "a FLAC audio file");
const OGG: Media = m("audio/ogg", Audio, "an Ogg audio file");
const MP3: Media = m("audio/mpeg", Audio, "an MP3 audio file");
const AAC: Media = m("audio/aac", Audio, "an AAC audio file");
const AIFF: Media = m("audio/aiff", Audio, "an AIFF audio file");
const PDF: Media = m("application/pdf", Pdf, "a PDF document");

/// The media type of a file starting with `head`, or `None` when it is none Greenlight knows.
pub fn sniff(head: &[u8]) -> Option<Media> {
    let at = |i: usize, magic: &[u8]| head.get(i..i + magic.len()) == Some(magic);
    if at(0, b"\x89PNG\r\n\x1a\n") {
        return Some(PNG);
    }
    if at(0, b"\xFF\xD8\xFF") {
        return Some(JPEG);
    }
    if at(0, b"GIF87a") || at(0, b"GIF89a") {
        return Some(GIF);
    }
    if at(0, b"II*\0") || at(0, b"MM\0*") {
        return Some(TIFF);
    }
    if at(0, b"%PDF-") {
        return Some(PDF);
    }
    if at(0, b"RIFF") {
        return match head.get(8..12) {
            Some(b"WEBP") => Some(WEBP),
            Some(b"WAVE") => Some(WAV),
            Some(b"AVI ") => Some(AVI),
            _ => None,
        };
    }
    if at(0, b"FORM") && (at(8, b"AIFF") || at(8, b"AIFC")) {
        return Some(AIFF);
    }
    if at(4, b"ftyp") {
        return Some(match head.get(8..12) {
            Some(b"avif" | b"avis") => AVIF,
            Some(b"heic" | b"heix" | b"heim" | b"heis" | b"mif1" | b"msf1") => HEIC,
            Some(b"M4A " | b"M4B " | b"M4P ") => M4A,
            Some(b"qt  ") => MOV,
            _ => MP4,
        });
    }
    if at(0, b"\x1A\x45\xDF\xA3") {
        let webm = head.windows(4).any(|w| w == b"webm");
        return Some(if webm { WEBM } else { MKV });
    }
    if at(0, b"fLaC") {
        return Some(FLAC);
    }
    if at(0, b"OggS") {
        return Some(OGG);
    }
    if at(0, b"ID3") {
        return Some(MP3);
    }
    match (head.first(), head.get(1)) {
        (Some(0xFF), Some(b)) if b & 0xF6 == 0xF0 => Some(AAC),
        (Some(0xFF), Some(b)) if b & 0xE0 == 0xE0 && b & 0x06 != 0 => Some(MP3),
        _ => None,
    }
}

/// What a file Greenlight does not import is, when it can tell ("a ZIP archive"), so the
/// refusal can say so.
pub fn what_else(head: &[u8]) -> Option<&'static str> {
    let at = |magic: &[u8]| head.starts_with(magic);
    Some(if at(b"PK\x03\x04") {
        "a ZIP archive (or an Office document)"
    } else if at(b"\x7fELF") || at(b"MZ") || at(b"\xCF\xFA\xED\xFE") {
        "a program"
    } else if at(b"\x1F\x8B") {
        "a gzip archive"
    } else if at(b"7z\xBC\xAF") || at(b"Rar!") {
        "an archive"
    } else if at(b"SQLite format 3\0") {
        "a database file"
    } else if !head.is_empty() && std::str::from_utf8(head).is_ok() {
        "a text file"
    } else {
        return None;
    })
}

/// The media types a file's extension promises (lowercase, without the dot), or `None` for an
/// extension that promises nothing Greenlight knows (then the content alone decides). Some
/// containers are written under each other's extensions in the wild (an MP4 saved as `.mov`),
/// so those accept each other.
pub fn expected_by_extension(ext: &str) -> Option<&'static [&'static str]> {
    Some(match ext.to_ascii_lowercase().as_str() {
        "png" => &["image/png"],
        "jpg" | "jpeg" | "jpe" | "jfif" => &["image/jpeg"],
        "gif" => &["image/gif"],
        "webp" => &["image/webp"],
        "tif" | "tiff" => &["image/tiff"],
        "avif" => &["image/avif"],
        "heic" | "heif" => &["image/heic"],
        "mp4" | "m4v" | "mov" | "qt" => &["video/mp4", "video/quicktime"],
        "webm" | "mkv" => &["video/webm", "video/x-matroska"],
        "avi" => &["video/x-msvideo"],
        "m4a" | "m4b" => &["audio/mp4", "video/mp4"],
        "wav" => &["audio/wav"],
        "flac" => &["audio/flac"],
        "ogg" | "oga" | "opus" => &["audio/ogg"],
        "mp3" => &["audio/mpeg"],
        "aac" => &["audio/aac"],
        "aif" | "aiff" | "aifc" => &["audio/aiff"],
        "pdf" => &["application/pdf"],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_the_type() {
        let cases: [(&[u8], &str); 12] = [
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image/png"),
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF", "image/jpeg"),
            (b"GIF89a\x01\0", "image/gif"),
            (b"RIFF\0\0\0\0WEBPVP8 ", "image/webp"),
            (b"RIFF\0\0\0\0WAVEfmt ", "audio/wav"),
            (b"\0\0\0\x20ftypisom\0\0\x02\0", "video/mp4"),
            (b"\0\0\0\x14ftypqt  ", "video/quicktime"),
            (b"\0\0\0\x1cftypM4A ", "audio/mp4"),
            (b"\0\0\0\x1cftypavif", "image/avif"),
            (
                b"\x1A\x45\xDF\xA3\x9f\x42\x86\x81\x01\x42\x82\x84webm",
                "video/webm",
            ),
            (b"ID3\x04\0", "audio/mpeg"),
            (b"%PDF-1.7\n", "application/pdf"),
        ];
        for (head, want) in cases {
            assert_eq!(sniff(head).map(|m| m.media_type), Some(want), "{head:?}");
        }
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"hello, world"), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0XXXX"), None);
    }

    #[test]
    fn other_files_are_named_and_extensions_promise_types() {
        assert_eq!(
            what_else(b"PK\x03\x04rest"),
            Some("a ZIP archive (or an Office document)")
        );
        assert_eq!(what_else(b"\x7fELF\x02"), Some("a program"));
        assert_eq!(what_else(b"root:x:0:0"), Some("a text file"));
        assert_eq!(what_else(b"\x00\x9f\x92\x96"), None);
        assert_eq!(expected_by_extension("PNG"), Some(&["image/png"][..]));
        assert!(expected_by_extension("mov").is_some_and(|t| t.contains(&"video/mp4")));
        assert_eq!(expected_by_extension("bin"), None);
    }
}
