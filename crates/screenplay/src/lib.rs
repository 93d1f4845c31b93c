//! Screenplay formats (placeholder until the parser lands).
