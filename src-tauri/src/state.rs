//! What the shell keeps between commands.

use crate::error::{CmdResult, ErrorCode, IpcError};
use greenlight_core::Greenlight;
use std::path::PathBuf;

/// The opened app, or why it could not be opened. The window runs either way, so a locked
/// or damaged database is explained on screen instead of crashing at start.
pub struct AppState {
    pub data_dir: PathBuf,
    pub opened: Result<Greenlight, IpcError>,
}

impl AppState {
    pub fn app(&self) -> CmdResult<&Greenlight> {
        self.opened
            .as_ref()
            .map_err(|e| IpcError::new(ErrorCode::StorageUnavailable, e.message.clone()))
    }
}
