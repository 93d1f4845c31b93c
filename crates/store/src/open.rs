//! Opening (and creating) a database.

use crate::backend::{Backend, Pool};
use crate::checkpoint::Checkpointer;
use crate::error::StoreError;
use crate::Result;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// How to open the embedded database.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// How long a write waits for another process's write before reporting "locked".
    pub busy_timeout: Duration,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self {
            busy_timeout: Duration::from_secs(5),
        }
    }
}

/// A handle on the database; cheap to clone (it is a connection pool).
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: Pool,
    /// Where the data lives, for messages: a file path, or `host:port/database` (never a
    /// password).
    pub(crate) path: String,
    _checkpointer: Option<Arc<Checkpointer>>,
    /// The keys events are signed with, by person (see `ledger::signers`).
    pub(crate) signers: Arc<crate::ledger::Signers>,
}

impl Store {
    /// Opens the SQLite database at `path`, creating it (and running migrations) if needed.
    ///
    /// WAL journal, `synchronous=FULL` (a committed revision survives power loss), foreign
    /// keys on, checkpoints in the background (see `checkpoint`). Fails with [`StoreError::NotWritable`], [`StoreError::Locked`] or
    /// [`StoreError::Corrupt`] rather than a driver message.
    pub async fn open_sqlite(path: &Path, opts: OpenOptions) -> Result<Store> {
        let shown = path.display().to_string();
        if let Some(dir) = path.parent() {
            check_writable_dir(dir)?;
        }
        create_private_file(path).map_err(|e| StoreError::NotWritable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let connect = SqliteConnectOptions::from_str("sqlite:")
            .map_err(|e| StoreError::classify(e, &shown))?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(opts.busy_timeout)
            .pragma("wal_autocheckpoint", "0");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(opts.busy_timeout + Duration::from_secs(5))
            .connect_with(connect)
            .await
            .map_err(|e| StoreError::classify(e, &shown))?;
        // A quick integrity probe: a file that is not SQLite fails here with NOTADB.
        sqlx::query("SELECT count(*) FROM sqlite_master")
            .fetch_one(&pool)
            .await
            .map_err(|e| StoreError::classify(e, &shown))?;
        SQLITE_MIGRATIONS.run(&pool).await.map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(inner) => StoreError::classify(inner, &shown),
            other => StoreError::Migration(other),
        })?;
        let checkpointer = Arc::new(Checkpointer::start(pool.clone()));
        Ok(Store {
            pool: Pool::Sqlite(pool),
            path: shown,
            _checkpointer: Some(checkpointer),
            signers: Arc::default(),
        })
    }

    pub(crate) fn from_postgres(pool: sqlx::PgPool, shown: String) -> Store {
        Store {
            pool: Pool::Postgres(pool),
            path: shown,
            _checkpointer: None,
            signers: Arc::default(),
        }
    }

    /// Where the database lives, for messages: a file path or `host:port/database`.
    pub fn location(&self) -> &str {
        &self.path
    }

    /// Whether [`Store::close`] was called.
    pub fn is_closed(&self) -> bool {
        match &self.pool {
            Pool::Sqlite(p) => p.is_closed(),
            Pool::Postgres(p) => p.is_closed(),
        }
    }

    /// The engine this store runs on.
    pub fn backend(&self) -> Backend {
        self.pool.backend()
    }

    /// Closes every connection (checkpointing SQLite's WAL into the database file first).
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(pool) => {
                if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(pool)
                    .await
                {
                    tracing::debug!(error = %e, "final checkpoint skipped");
                }
                pool.close().await;
            }
            Pool::Postgres(pool) => pool.close().await,
        }
    }

    pub(crate) fn err(&self, e: sqlx::Error) -> StoreError {
        StoreError::classify(e, &self.path)
    }
}

/// Creates `dir` (and missing parents) readable by its owner only; an existing folder keeps
/// its permissions (it is the person's to choose).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates the database file, empty and readable by its owner only, if it does not exist yet.
/// SQLite gives its WAL and shared-memory files the database file's permissions.
fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Creates `dir` if missing and proves it is writable, so a read-only data directory is
/// reported by name instead of as a cryptic "unable to open database file".
fn check_writable_dir(dir: &Path) -> Result<()> {
    let not_writable = |e: std::io::Error| StoreError::NotWritable {
        path: PathBuf::from(dir),
        reason: e.to_string(),
    };
    if dir.as_os_str().is_empty() {
        return Ok(());
    }
    create_private_dir(dir).map_err(not_writable)?;
    let probe = dir.join(format!(".greenlight-write-probe-{}", std::process::id()));
    std::fs::write(&probe, b"ok").map_err(not_writable)?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}
