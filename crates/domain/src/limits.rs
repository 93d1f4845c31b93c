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
/// Most changes one save may carry from the editor (it coalesces typing, so an honest session
/// stays far below; past it the editor sends none and the save is carried by a diff).
pub const MAX_TEXT_CHANGES: usize = 10_000;
/// Most text the changes of one save may insert, in bytes (UTF-8), all changes together.
pub const MAX_TEXT_CHANGES_BYTES: usize = 4 * MAX_DOCUMENT_BYTES;
/// Most stages a workflow template may have (a real one has three to six).
pub const MAX_WORKFLOW_STAGES: usize = 32;
/// Largest asset file, in bytes (4 GiB): a feature's reference video fits; import streams it,
/// so memory does not grow with it.
pub const MAX_ASSET_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Longest asset name, in characters (it is a display name, never a path).
pub const MAX_ASSET_NAME_CHARS: usize = 255;
