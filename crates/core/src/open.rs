//! Opening Greenlight on a data directory: the store, the local profile, the one-time ledger
//! upgrade, and the sample project.

use crate::app::Greenlight;
use crate::database::Database;
use crate::error::CoreError;
use crate::runs::RunRegistry;
use crate::secrets::{Credentials, Keyring};
use crate::{now_ms, Result};
use greenlight_ai::{ProviderFactory, WireProviders};
use greenlight_domain::actor::Actor;
use greenlight_store::{OpenOptions, PgOptions, Store};
use std::path::PathBuf;
use std::sync::Arc;

/// Environment variable that selects the data directory (app and CLI alike).
pub const DATA_DIR_ENV: &str = "GREENLIGHT_DATA_DIR";
/// The database file inside the data directory.
pub const DB_FILE_NAME: &str = "greenlight.db";

/// Where data lives when nothing else is said: `$GREENLIGHT_DATA_DIR`, else the OS data
/// directory (`~/.local/share/greenlight` on Linux).
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("greenlight")
}

/// How to open.
#[derive(Debug, Clone)]
pub struct OpenConfig {
    pub data_dir: PathBuf,
    /// Seed the sample project into a database that has never had it (the app does; the CLI
    /// does not, so scripts see only what they create).
    pub seed_sample: bool,
    pub store: OpenOptions,
    /// Where provider keys are kept: the OS keyring unless told otherwise.
    pub credentials: Arc<dyn Credentials>,
    /// What answers AI runs: the real providers unless told otherwise (tests use an
    /// in-process model).
    pub providers: Arc<dyn ProviderFactory>,
    /// Where the data lives: the data folder's own database unless a team server is named.
    pub database: Database,
}

impl OpenConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            seed_sample: false,
            store: OpenOptions::default(),
            credentials: Arc::new(Keyring::new(crate::secrets::DEFAULT_SERVICE)),
            providers: Arc::new(WireProviders),
            database: Database::Local,
        }
    }
}

impl Greenlight {
    /// Opens the database `cfg.database` names — the one in `cfg.data_dir` (created if
    /// needed), or a team server — makes sure the person using it exists (on a team server:
    /// the person mapped to the login), re-links a schema-1 ledger into per-project chains
    /// (once), and seeds the sample project when asked (on the local database only).
    pub async fn open(cfg: OpenConfig) -> Result<Greenlight> {
        let store = match &cfg.database {
            Database::Local => {
                let db = cfg.data_dir.join(DB_FILE_NAME);
                Store::open_sqlite(&db, cfg.store.clone())
                    .await
                    .map_err(CoreError::from)?
            }
            Database::Team(team) => {
                let pw = crate::database::password(team, &cfg.credentials).await?;
                Store::open_postgres(
                    &team.server,
                    pw.as_ref().map(greenlight_ai::Secret::expose),
                    PgOptions::default(),
                )
                .await
                .map_err(CoreError::from)?
            }
        };
        let me = crate::profile::ensure_session_profile(&store, &cfg.credentials).await?;
        let keys = crate::keys::load(&store, &cfg.credentials, &me.id).await?;
        if keys != crate::keys::KeyStatus::Ready {
            // Opening goes on, so the person can create a new key; changes are refused
            // with a message saying how until they do.
            tracing::warn!(status = ?keys, "no usable signing key on this computer");
        } else {
            if let Some(done) = store.upgrade_legacy_ledger(&me.id, now_ms()).await? {
                tracing::info!(
                    events = done.legacy_events,
                    intact = done.legacy_intact,
                    "moved the schema-1 ledger into one chain per project"
                );
            }
            let interrupted = crate::ai::mark_interrupted(&store, &Actor::from(&me)).await?;
            if interrupted > 0 {
                tracing::info!(
                    runs = interrupted,
                    "AI runs interrupted by the last stop were marked"
                );
            }
        }
        let live = crate::live::LiveFeed::start(&store).await?;
        let app = Greenlight {
            live,
            store,
            credentials: cfg.credentials,
            factory: cfg.providers,
            runs: RunRegistry::default(),
            data_dir: cfg.data_dir,
        };
        if cfg.seed_sample && matches!(cfg.database, Database::Local) {
            crate::sample::seed_once(&app, &Actor::from(&me)).await?;
        }
        Ok(app)
    }
}
