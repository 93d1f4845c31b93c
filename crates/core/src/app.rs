//! The shared handle: what every use-case needs, kept small. Use-cases are grouped by
//! feature behind facades (`app.projects()`, `app.documents()`…), each defined in its own
//! module together with its accessor, so a newcomer finds "saving a revision" under
//! `revisions`, and this module depends on no feature.

use crate::error::CoreError;
use crate::runs::RunRegistry;
use crate::secrets::Credentials;
use greenlight_ai::ProviderFactory;
use greenlight_domain::actor::Actor;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::EventDraft;
use greenlight_store::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The opened application. Cheap to clone: every field is a handle. It holds no "current
/// user": each use-case is told who acts.
#[derive(Debug, Clone)]
pub struct Greenlight {
    pub(crate) store: Store,
    /// Where provider keys live (the OS keyring in the app).
    pub(crate) credentials: Arc<dyn Credentials>,
    /// Builds the provider that answers a run (the real wire protocols in the app).
    pub(crate) factory: Arc<dyn ProviderFactory>,
    /// AI runs in flight, by run id, for cancellation.
    pub(crate) runs: RunRegistry,
    pub(crate) data_dir: PathBuf,
    /// Announcements from a team server (none on the local database).
    pub(crate) live: Option<Arc<crate::live::LiveFeed>>,
}

impl Greenlight {
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Where provider keys are kept, in words ("the system keyring", "the file …").
    pub fn credentials_location(&self) -> String {
        self.credentials.describe()
    }

    /// The store, for tests and tools that inspect raw state.
    #[doc(hidden)]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where the data lives, for the window and messages: the database file, or
    /// `login@host:port/database` on a team server.
    pub fn database_label(&self) -> String {
        self.store.location().to_owned()
    }

    /// Whether this is a team server (PostgreSQL) rather than the local database.
    pub fn is_team(&self) -> bool {
        self.store.backend() == greenlight_store::Backend::Postgres
    }

    /// "Not found" as a team member reads it: on a team server what is not found may be a
    /// project the login is not a member of.
    pub(crate) fn not_shared(&self, e: greenlight_store::StoreError, what: &str) -> CoreError {
        match e {
            greenlight_store::StoreError::NotFound { .. } if self.is_team() => CoreError::Forbidden(format!(
                "this {what} is not shared with you on {}, or it was removed: ask one of the project's members to add you",
                self.database_label()
            )),
            other => other.into(),
        }
    }

    /// Whether the database answers now (one round trip). The window asks while it shows
    /// "offline" after a command could not reach the server: the live feed reports only what
    /// its own connection sees.
    pub async fn ping(&self) -> crate::Result<()> {
        Ok(self.store.ping().await?)
    }

    pub async fn close(&self) {
        self.store.close().await;
    }
}

/// The ledger event `actor` records about `subject`, on `project`'s chain (or the
/// workspace's).
pub(crate) fn event(
    actor: &Actor,
    subject: String,
    project: Option<&ProjectId>,
    body: EventBody,
) -> EventDraft {
    EventDraft {
        actor: actor.id.clone(),
        subject,
        project_id: project.cloned(),
        body,
    }
}
