//! Live updates: every announcement of the session's team server (another person's revision,
//! a new project, the connection dropping and coming back) reaches the window as a
//! [`LIVE_EVENT`] within milliseconds. No polling: the server pushes (`LISTEN/NOTIFY`).

use crate::ipc::LiveUpdate;
use crate::state::Session;
use std::sync::atomic::Ordering;
use tauri::{AppHandle, Emitter, Runtime};
use tokio::sync::broadcast::error::RecvError;

/// The event carrying a [`LiveUpdate`] to the window.
pub const LIVE_EVENT: &str = "database-live";

/// Forwards `session`'s announcements to the window until the session is dropped (a switch of
/// database stops the old forwarder and starts one for the new session). Nothing on the local
/// database, which has no other writers to announce.
pub fn start<R: Runtime>(handle: &AppHandle<R>, session: &Session) {
    let Some(mut feed) = session.app.live() else {
        return;
    };
    let online = session.online_flag();
    let handle = handle.clone();
    let task = tauri::async_runtime::spawn(async move {
        loop {
            let update = match feed.recv().await {
                Ok(event) => LiveUpdate::from(event),
                // The window fell behind: it refreshes everything it shows.
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "live updates missed; asking the window to refresh");
                    LiveUpdate::Online
                }
                Err(RecvError::Closed) => break,
            };
            match &update {
                LiveUpdate::Offline { message } => {
                    tracing::warn!(%message, "team server offline");
                    online.store(false, Ordering::Relaxed);
                }
                LiveUpdate::Online => online.store(true, Ordering::Relaxed),
                LiveUpdate::Changed { .. } => {}
            }
            if let Err(e) = handle.emit(LIVE_EVENT, &update) {
                tracing::warn!(error = %e, "a live update could not reach the window");
            }
        }
    });
    session.set_forwarder(task);
}
