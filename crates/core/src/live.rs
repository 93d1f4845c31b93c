//! Live updates from a team server: another person's new revision, new or renamed document or
//! project, and activity reach the app within a second, through the database's own
//! notifications (`LISTEN/NOTIFY`), never by polling. The connection's health travels on the
//! same channel, so the app can say it is offline and catch up when it is back.

use crate::app::Greenlight;
use greenlight_store::Store;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// What a window learns about its database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum LiveEvent {
    /// An event was appended to `chain` (`workspace` or a project id), by anyone.
    #[serde(rename_all = "camelCase")]
    Changed { chain: String, seq: i64 },
    /// The server cannot be reached; `message` says why. Retrying with backoff.
    #[serde(rename_all = "camelCase")]
    Offline { message: String },
    /// The server answers again. Announcements may have been missed while offline: refresh.
    Online,
}

/// The announcement task; stopped when the last handle to the app goes.
#[derive(Debug)]
pub(crate) struct LiveFeed {
    pub(crate) sender: broadcast::Sender<LiveEvent>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for LiveFeed {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Backoff between reconnection attempts: 250 ms doubling to 5 s.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis((250u64 << attempt.min(5)).min(5_000))
}

impl LiveFeed {
    /// Starts listening on a team server; `None` on the local database.
    pub(crate) async fn start(store: &Store) -> crate::Result<Option<Arc<LiveFeed>>> {
        let Some(mut listener) = store.listener().await? else {
            return Ok(None);
        };
        let (sender, _) = broadcast::channel(1024);
        let out = sender.clone();
        let store = store.clone();
        let task = tokio::spawn(async move {
            loop {
                match listener.next().await {
                    Ok(Some(n)) => {
                        let _ = out.send(LiveEvent::Changed {
                            chain: n.chain,
                            seq: n.seq,
                        });
                        continue;
                    }
                    Ok(None) => {
                        let _ = out.send(LiveEvent::Offline {
                            message: format!("lost the connection to {}", store.location()),
                        });
                    }
                    Err(e) => {
                        let _ = out.send(LiveEvent::Offline {
                            message: e.to_string(),
                        });
                    }
                }
                // Wait until the server answers again, then say so (the listener reconnects
                // on its next call).
                let mut attempt = 0;
                loop {
                    if store.is_closed() {
                        return;
                    }
                    tokio::time::sleep(backoff(attempt)).await;
                    attempt += 1;
                    if store.ping().await.is_ok() {
                        let _ = out.send(LiveEvent::Online);
                        break;
                    }
                }
            }
        });
        Ok(Some(Arc::new(LiveFeed { sender, task })))
    }
}

impl Greenlight {
    /// Subscribes to live updates; `None` on the local database (nobody else writes to it
    /// while the app is open, except through this app or the CLI, whose saves are checked
    /// for conflicts).
    pub fn live(&self) -> Option<broadcast::Receiver<LiveEvent>> {
        self.live.as_ref().map(|f| f.sender.subscribe())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_grows_to_five_seconds() {
        let steps: Vec<u64> = (0..8)
            .map(|a| super::backoff(a).as_millis() as u64)
            .collect();
        assert_eq!(steps, [250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
    }
}
