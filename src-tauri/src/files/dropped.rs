//! Files dropped on the window, held here under opaque tokens until the UI asks to import them.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use ts_rs::TS;

/// A dropped file as the UI sees it: a token to import it with, and its name to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DroppedFile {
    pub token: String,
    pub name: String,
}

/// The event the UI receives when files are dropped on the window.
pub const DROPPED_EVENT: &str = "files-dropped";

/// Dropped files by token. A token is random, single-use, and only ever handed to this
/// window's UI; the paths never leave the Rust side.
#[derive(Debug, Default)]
pub struct DroppedFiles {
    by_token: Mutex<HashMap<String, PathBuf>>,
}

/// At most this many drops wait to be imported; the oldest are forgotten first.
const MAX_WAITING: usize = 500;

impl DroppedFiles {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, PathBuf>> {
        match self.by_token.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Keeps `paths` under new tokens.
    pub fn register(&self, paths: &[PathBuf]) -> Vec<DroppedFile> {
        let mut map = self.lock();
        if map.len() + paths.len() > MAX_WAITING {
            map.clear();
        }
        paths
            .iter()
            .map(|p| {
                let token = uuid::Uuid::new_v4().to_string();
                map.insert(token.clone(), p.clone());
                DroppedFile {
                    token,
                    name: p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| p.display().to_string()),
                }
            })
            .collect()
    }

    /// The path behind `token`, which is used up; `None` for a token this window never gave.
    pub fn take(&self, token: &str) -> Option<PathBuf> {
        self.lock().remove(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_opaque_single_use_and_unguessable() {
        let d = DroppedFiles::default();
        let files = d.register(&[PathBuf::from("/home/a/Pilot.fdx"), PathBuf::from("/tmp/x")]);
        assert_eq!(files[0].name, "Pilot.fdx");
        assert!(
            !files[0].token.contains("Pilot"),
            "the token does not carry the path"
        );
        assert_ne!(files[0].token, files[1].token);
        assert_eq!(
            d.take(&files[0].token),
            Some(PathBuf::from("/home/a/Pilot.fdx"))
        );
        assert_eq!(d.take(&files[0].token), None, "single use");
        assert_eq!(d.take("/etc/passwd"), None, "a path is not a token");
        assert_eq!(d.take(""), None);
    }
}
