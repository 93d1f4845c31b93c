//! What the shell keeps between commands: the opened session (swappable, so choosing another
//! database reopens it without restarting) and who is using it.

use crate::database::{Opened, OpenedDatabase};
use crate::error::{CmdResult, ErrorCode, IpcError};
use greenlight_core::{Actor, Greenlight, OpenConfig};
use greenlight_domain::profile::Profile;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

/// The opened app and the person using this window. The actor is built once, when the session
/// opens, and changes only when the person renames themselves.
pub struct Session {
    pub app: Greenlight,
    profile: RwLock<Profile>,
    /// Whether the team server answered last (always true on the local database).
    online: Arc<AtomicBool>,
    /// The task forwarding this session's live updates to the window; stopped with the
    /// session.
    forwarder: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
}

impl Session {
    pub fn new(app: Greenlight, profile: Profile) -> Self {
        Self {
            app,
            profile: RwLock::new(profile),
            online: Arc::new(AtomicBool::new(true)),
            forwarder: Mutex::new(None),
        }
    }

    pub fn profile(&self) -> Profile {
        match self.profile.read() {
            Ok(p) => p.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn set_profile(&self, profile: Profile) {
        match self.profile.write() {
            Ok(mut p) => *p = profile,
            Err(poisoned) => *poisoned.into_inner() = profile,
        }
    }

    pub fn online_flag(&self) -> Arc<AtomicBool> {
        self.online.clone()
    }

    pub fn is_online(&self) -> bool {
        self.online.load(Ordering::Relaxed)
    }

    pub fn set_online(&self, online: bool) {
        self.online.store(online, Ordering::Relaxed);
    }

    /// Keeps `task` as this session's forwarder, stopping any previous one.
    pub fn set_forwarder(&self, task: tauri::async_runtime::JoinHandle<()>) {
        let mut slot = match self.forwarder.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(old) = slot.replace(task) {
            old.abort();
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let slot = match self.forwarder.get_mut() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(task) = slot.take() {
            task.abort();
        }
    }
}

/// The opened session, or why the database could not be opened. The window runs either way,
/// so a locked database or an unreachable team server is explained on screen (with ways on)
/// instead of crashing at start.
pub struct AppState {
    pub data_dir: PathBuf,
    /// How sessions are opened (credentials, providers); `database` is set for each open.
    pub config: OpenConfig,
    opened: RwLock<Opened>,
    /// The CA certificate chosen for verify-full (picked in a native dialog, or the saved
    /// choice's). Its path never reaches the web view; the UI sees the file name.
    ca_file: Mutex<Option<PathBuf>>,
    /// One switch at a time.
    pub switching: tokio::sync::Mutex<()>,
}

impl AppState {
    pub fn new(data_dir: PathBuf, config: OpenConfig, opened: Opened) -> Self {
        let ca = opened.database.as_ref().and_then(OpenedDatabase::ca_file);
        Self {
            data_dir,
            config,
            opened: RwLock::new(opened),
            ca_file: Mutex::new(ca),
            switching: tokio::sync::Mutex::new(()),
        }
    }

    /// A snapshot of what is open now.
    pub fn opened(&self) -> Opened {
        match self.opened.read() {
            Ok(o) => o.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Puts `next` in place and returns what was open before (for the caller to close).
    pub fn replace(&self, next: Opened) -> Opened {
        let mut slot = match self.opened.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        std::mem::replace(&mut *slot, next)
    }

    pub fn session(&self) -> CmdResult<Arc<Session>> {
        match &self.opened().session {
            Ok(s) => Ok(s.clone()),
            Err(e) => Err(IpcError::new(
                ErrorCode::StorageUnavailable,
                e.message.clone(),
            )),
        }
    }

    /// The opened app (a cheap handle: a switch of database does not pull it away from a
    /// command already running).
    pub fn app(&self) -> CmdResult<Greenlight> {
        Ok(self.session()?.app.clone())
    }

    /// Who acts in this window's commands.
    pub fn actor(&self) -> CmdResult<Actor> {
        Ok(Actor::from(&self.session()?.profile()))
    }

    pub fn profile(&self) -> Option<Profile> {
        self.session().ok().map(|s| s.profile())
    }

    pub fn set_profile(&self, profile: Profile) -> CmdResult<()> {
        self.session()?.set_profile(profile);
        Ok(())
    }

    pub fn ca_file(&self) -> Option<PathBuf> {
        match self.ca_file.lock() {
            Ok(g) => g.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn set_ca_file(&self, path: Option<PathBuf>) {
        match self.ca_file.lock() {
            Ok(mut g) => *g = path,
            Err(poisoned) => *poisoned.into_inner() = path,
        }
    }
}
