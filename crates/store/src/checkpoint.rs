//! WAL checkpoints off the save path.
//!
//! SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, which put
//! 5–25 ms spikes on one save in twenty (docs/BENCHMARKS.md). Connections therefore open with
//! `wal_autocheckpoint=0`, and this task checkpoints in the background instead (PASSIVE: it
//! never blocks a writer). When the last connection closes, SQLite checkpoints by itself, so
//! the WAL never grows without bound even where no runtime runs this task.

use sqlx::SqlitePool;
use std::time::Duration;

/// How often the background checkpoint runs.
const EVERY: Duration = Duration::from_secs(1);

/// Aborts the task when the last [`crate::Store`] clone is dropped.
#[derive(Debug)]
pub(crate) struct Checkpointer(Option<tokio::task::JoinHandle<()>>);

impl Checkpointer {
    pub(crate) fn start(pool: SqlitePool) -> Self {
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            return Self(None);
        };
        Self(Some(handle.spawn(async move {
            let mut tick = tokio::time::interval(EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if pool.is_closed() {
                    break;
                }
                if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                    .execute(&pool)
                    .await
                {
                    tracing::debug!(error = %e, "background checkpoint skipped");
                }
            }
        })))
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        if let Some(task) = self.0.take() {
            task.abort();
        }
    }
}
