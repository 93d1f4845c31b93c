//! Opening Greenlight on a data directory.

use crate::error::CoreError;
use crate::secrets::Keyring;
use crate::Result;
use greenlight_ai::CancellationToken;
use greenlight_domain::profile::Profile;
use greenlight_store::{OpenOptions, Store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

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
    /// Keyring service under which provider keys are kept (tests use their own).
    pub keyring_service: String,
}

impl OpenConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            seed_sample: false,
            store: OpenOptions::default(),
            keyring_service: crate::secrets::DEFAULT_SERVICE.to_owned(),
        }
    }
}

/// The application: a store and the person using it.
#[derive(Debug, Clone)]
pub struct Greenlight {
    pub(crate) store: Store,
    /// Shared so a rename is seen by every clone of this handle.
    pub(crate) me: Arc<RwLock<Profile>>,
    pub(crate) keyring: Keyring,
    /// Cancellation tokens of the AI runs in flight, by run id.
    pub(crate) runs: Arc<Mutex<HashMap<String, CancellationToken>>>,
    data_dir: PathBuf,
}

impl Greenlight {
    /// Opens (creating if needed) the database in `cfg.data_dir`, makes sure the local profile
    /// exists, and seeds the sample project when asked.
    pub async fn open(cfg: OpenConfig) -> Result<Greenlight> {
        let db = cfg.data_dir.join(DB_FILE_NAME);
        let store = Store::open_sqlite(&db, cfg.store.clone())
            .await
            .map_err(CoreError::from)?;
        let me = crate::profile::ensure_local_profile(&store).await?;
        let app = Greenlight {
            store,
            me: Arc::new(RwLock::new(me)),
            keyring: Keyring::new(cfg.keyring_service.clone()),
            runs: Arc::default(),
            data_dir: cfg.data_dir,
        };
        if cfg.seed_sample {
            crate::sample::seed_once(&app).await?;
        }
        Ok(app)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The person using this copy of the app.
    pub fn me(&self) -> Profile {
        match self.me.read() {
            Ok(p) => p.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Checks the whole event ledger.
    pub async fn verify_ledger(&self) -> Result<greenlight_domain::ledger::VerifyReport> {
        Ok(self.store.verify_ledger().await?)
    }

    /// The store, for tests and tools that inspect raw state.
    #[doc(hidden)]
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub async fn close(&self) {
        self.store.close().await;
    }
}
