//! What the shell keeps between commands: the opened app and who is using it.

use crate::error::{CmdResult, ErrorCode, IpcError};
use greenlight_core::{Actor, Greenlight};
use greenlight_domain::profile::Profile;
use std::path::PathBuf;
use std::sync::RwLock;

/// The opened app and the person using this window. The actor is built once, at start, and
/// changes only when the person renames themselves.
pub struct Session {
    pub app: Greenlight,
    profile: RwLock<Profile>,
}

impl Session {
    pub fn new(app: Greenlight, profile: Profile) -> Self {
        Self {
            app,
            profile: RwLock::new(profile),
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
}

/// The opened session, or why the database could not be opened. The window runs either way,
/// so a locked or damaged database is explained on screen instead of crashing at start.
pub struct AppState {
    pub data_dir: PathBuf,
    pub opened: Result<Session, IpcError>,
}

impl AppState {
    fn session(&self) -> CmdResult<&Session> {
        self.opened
            .as_ref()
            .map_err(|e| IpcError::new(ErrorCode::StorageUnavailable, e.message.clone()))
    }

    pub fn app(&self) -> CmdResult<&Greenlight> {
        Ok(&self.session()?.app)
    }

    /// Who acts in this window's commands.
    pub fn actor(&self) -> CmdResult<Actor> {
        Ok(Actor::from(&self.session()?.profile()))
    }

    pub fn profile(&self) -> Option<Profile> {
        self.session().ok().map(Session::profile)
    }

    pub fn set_profile(&self, profile: Profile) -> CmdResult<()> {
        self.session()?.set_profile(profile);
        Ok(())
    }
}
