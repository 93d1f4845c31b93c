//! Importing several files the person chose (picked or dropped), documents or assets alike:
//! each one in order, a refusal reported with the file's name and never fatal to the others.

use super::DroppedFiles;
use crate::error::{ErrorCode, IpcError};
use crate::ipc::RefusedFile;
use greenlight_core::CoreError;
use std::future::Future;
use std::path::PathBuf;

/// The paths behind `tokens`, each used up; a token this window never gave is refused.
pub fn take_dropped(dropped: &DroppedFiles, tokens: &[String]) -> (Vec<PathBuf>, Vec<RefusedFile>) {
    let mut paths = Vec::new();
    let mut unknown = Vec::new();
    for t in tokens {
        match dropped.take(t) {
            Some(p) => paths.push(p),
            None => unknown.push(RefusedFile {
                file_name: String::new(),
                error: IpcError::new(
                    ErrorCode::NotFound,
                    "That file is no longer waiting to be imported. Drop it on the window again.",
                ),
            }),
        }
    }
    (paths, unknown)
}

/// Imports `paths` in order with `one`: what it imported, and each file it refused with why.
pub async fn import_each<T, F, Fut>(paths: Vec<PathBuf>, mut one: F) -> (Vec<T>, Vec<RefusedFile>)
where
    F: FnMut(PathBuf) -> Fut,
    Fut: Future<Output = Result<T, CoreError>>,
{
    let mut imported = Vec::new();
    let mut refused = Vec::new();
    for path in paths {
        let file_name = greenlight_core::files::display_name(&path);
        match one(path).await {
            Ok(done) => imported.push(done),
            Err(e) => refused.push(RefusedFile {
                file_name,
                error: IpcError::from(e),
            }),
        }
    }
    (imported, refused)
}
