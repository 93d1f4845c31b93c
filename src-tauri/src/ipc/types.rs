//! Types that exist only at the IPC boundary.

use crate::error::IpcError;
use greenlight_domain::document::ImportOutcome;
use greenlight_domain::profile::Profile;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub profile: Option<Profile>,
    /// Set when the database could not be opened; the UI shows it and what to do.
    pub startup_error: Option<IpcError>,
}

/// What importing several files did: each file imported, or refused with why.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportBatch {
    pub imported: Vec<ImportOutcome>,
    pub refused: Vec<RefusedFile>,
}

/// A file that was not imported, and why (the message names the file).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedFile {
    pub file_name: String,
    pub error: IpcError,
}
