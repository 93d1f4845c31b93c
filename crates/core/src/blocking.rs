//! CPU-heavy or blocking work (file reads, FDX parsing, PDF rendering, diffs of long texts,
//! keyring calls) runs on the blocking pool, so the async runtime keeps serving the window.

use crate::error::CoreError;
use crate::Result;

/// Runs `f` on the blocking pool and returns its result.
pub(crate) async fn run<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CoreError::Internal(format!("background task: {e}")))?
}
