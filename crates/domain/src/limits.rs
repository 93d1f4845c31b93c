//! Size limits that keep the app responsive and the database sane. They are generous for real
//! work (a feature screenplay is about 200 KB) and stop accidents (a video renamed `.txt`).

/// Longest project or document title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest logline, in characters.
pub const MAX_LOGLINE_CHARS: usize = 1_000;
/// Longest profile name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Largest document text, in bytes (UTF-8). About 25 feature screenplays.
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;
