//! Which database the window is on, and switching it without restarting.
//!
//! At start: `GREENLIGHT_DATABASE_URL` (a URL with a password in it is refused), else the
//! choice saved in the data folder (`database.json`), else the local database. Whatever
//! happens, the window opens: a failure is kept in [`Opened`] and shown with ways on (retry,
//! Database settings, use this computer). A switch opens the new session first and swaps it in
//! only when it works, so a failed switch leaves the window where it was.

pub mod live;

use crate::error::{CmdResult, ErrorCode, IpcError};
use crate::ipc::{DatabaseMode, DatabaseSource, DatabaseStatus, ServerFields};
use crate::state::{AppState, Session};
use greenlight_ai::Secret;
use greenlight_core::database::{self, SavedChoice, ServerConfig};
use greenlight_core::{
    CoreError, Database, Greenlight, OpenConfig, TeamServer, DATABASE_URL_ENV, DB_FILE_NAME,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::{AppHandle, Runtime};

/// A database the window opens, without its password (that stays in the keyring).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenedDatabase {
    Local,
    Team(ServerConfig),
}

impl OpenedDatabase {
    pub fn ca_file(&self) -> Option<PathBuf> {
        match self {
            OpenedDatabase::Local => None,
            OpenedDatabase::Team(s) => s.ca_file.clone(),
        }
    }

    fn choice(&self) -> SavedChoice {
        match self {
            OpenedDatabase::Local => SavedChoice::Local,
            OpenedDatabase::Team(server) => SavedChoice::of(server),
        }
    }

    fn from_choice(choice: &SavedChoice) -> Result<OpenedDatabase, CoreError> {
        Ok(match choice.database()? {
            Database::Local => OpenedDatabase::Local,
            Database::Team(t) => OpenedDatabase::Team(t.server),
        })
    }
}

/// What is open (or failed to open), and why this database.
#[derive(Clone)]
pub struct Opened {
    /// `None` when the choice itself could not be read (a bad URL or `database.json`).
    pub database: Option<OpenedDatabase>,
    pub source: DatabaseSource,
    pub first_run: bool,
    pub session: Result<Arc<Session>, IpcError>,
}

/// The database to open at start, why, and whether this is the first run (nothing chosen, no
/// local database yet).
pub fn choose_at_start(
    data_dir: &Path,
) -> (Result<OpenedDatabase, IpcError>, DatabaseSource, bool) {
    if let Some(url) = std::env::var(DATABASE_URL_ENV)
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        let db = TeamServer::from_url(url.trim())
            .map(|t| OpenedDatabase::Team(t.server))
            .map_err(|e| {
                let e = IpcError::from(e);
                IpcError::new(
                    e.code,
                    format!(
                        "{DATABASE_URL_ENV} names a database Greenlight cannot use. {} Unset {DATABASE_URL_ENV} to use the database chosen in Settings.",
                        sentence(&e.message)
                    ),
                )
            });
        return (db, DatabaseSource::Environment, false);
    }
    // A data folder that cannot even hold the file (e.g. below a plain file) has no choice in
    // it: opening the local database explains what is wrong with the folder.
    let choice = match database::saved_choice(data_dir) {
        Err(_) if !data_dir.join(database::CHOICE_FILE).exists() => Ok(None),
        other => other,
    };
    match choice {
        Ok(Some(choice)) => (
            OpenedDatabase::from_choice(&choice).map_err(|e| {
                let e = IpcError::from(e);
                IpcError::new(
                    e.code,
                    format!(
                        "The database chosen in Settings cannot be used: {} Choose it again in Database settings, or use the database on this computer.",
                        sentence(&e.message)
                    ),
                )
            }),
            DatabaseSource::Saved,
            false,
        ),
        Ok(None) => (
            Ok(OpenedDatabase::Local),
            DatabaseSource::Default,
            !data_dir.join(DB_FILE_NAME).exists(),
        ),
        Err(e) => {
            tracing::error!(error = %e, "the saved database choice cannot be read");
            (
                Err(IpcError::new(
                    ErrorCode::StorageUnavailable,
                    format!(
                        "Greenlight cannot read which database to open ({}). Choose one in Database settings, or use the database on this computer.",
                        data_dir.join(database::CHOICE_FILE).display()
                    ),
                )),
                DatabaseSource::Saved,
                false,
            )
        }
    }
}

/// `message` ending with a full stop.
fn sentence(message: &str) -> String {
    let m = message.trim_end();
    if m.ends_with(['.', '!', '?']) {
        m.to_owned()
    } else {
        format!("{m}.")
    }
}

/// Opens `db` (the password, when given, is used for this connection; otherwise the keyring's,
/// else `PGPASSWORD` / `~/.pgpass`) and finds who is using it.
pub async fn open_session(
    config: &OpenConfig,
    db: &OpenedDatabase,
    password: Option<Secret>,
) -> Result<Session, IpcError> {
    let mut cfg = config.clone();
    cfg.database = match db {
        OpenedDatabase::Local => Database::Local,
        OpenedDatabase::Team(server) => Database::Team(TeamServer {
            server: server.clone(),
            password,
        }),
    };
    let app = Greenlight::open(cfg).await.map_err(|e| {
        tracing::warn!(error = %e, "the database could not be opened");
        IpcError::from(e)
    })?;
    let me = app.profiles().local().await?;
    Ok(Session::new(app, me))
}

/// Opens `db` and, when it works, makes it the window's database: the choice is saved (unless
/// the environment named it), live updates start, and the previous session is closed. On any
/// failure nothing changes and the error says why.
pub async fn switch<R: Runtime>(
    handle: &AppHandle<R>,
    state: &AppState,
    db: OpenedDatabase,
    password: Option<Secret>,
) -> CmdResult<()> {
    let _one_at_a_time = state.switching.lock().await;
    if let (OpenedDatabase::Team(server), Some(pw)) = (&db, &password) {
        // Kept before switching, so the next start finds it; never in a file.
        database::remember_password(&state.config.credentials, server, pw.clone()).await?;
    }
    let session = Arc::new(open_session(&state.config, &db, password).await?);
    if let Err(e) = database::save_choice(&state.data_dir, &db.choice()) {
        session.app.close().await;
        return Err(e.into());
    }
    live::start(handle, &session);
    let before = state.replace(Opened {
        database: Some(db),
        source: DatabaseSource::Saved,
        first_run: false,
        session: Ok(session),
    });
    if let Ok(old) = before.session {
        old.app.close().await;
    }
    tracing::info!(database = %label_of(&state.opened()), "switched database");
    Ok(())
}

/// Tries the current choice again (after a failure at start, or a server that came back).
pub async fn reconnect<R: Runtime>(handle: &AppHandle<R>, state: &AppState) -> CmdResult<()> {
    let _one_at_a_time = state.switching.lock().await;
    if state.opened().session.is_ok() {
        return Ok(());
    }
    let (db, source, first_run) = choose_at_start(&state.data_dir);
    let session = match &db {
        Ok(db) => open_session(&state.config, db, None).await.map(Arc::new),
        Err(e) => Err(e.clone()),
    };
    if let Ok(s) = &session {
        live::start(handle, s);
    }
    let result = session.as_ref().map(|_| ()).map_err(Clone::clone);
    state.replace(Opened {
        database: db.ok(),
        source,
        first_run,
        session,
    });
    result
}

/// Remembers the first run's "Just me" without reopening anything.
pub fn keep_local(state: &AppState) -> CmdResult<()> {
    database::save_choice(&state.data_dir, &SavedChoice::Local)?;
    let mut now = state.opened();
    now.source = DatabaseSource::Saved;
    now.first_run = false;
    state.replace(now);
    Ok(())
}

fn label_of(opened: &Opened) -> String {
    match (&opened.session, &opened.database) {
        (Ok(s), _) => s.app.database_label(),
        (Err(_), Some(OpenedDatabase::Team(server))) => server.display(),
        (Err(_), _) => String::new(),
    }
}

fn file_name(path: &Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// The window's view of `opened`; `online` as just checked.
pub fn status(state: &AppState, opened: &Opened, online: bool) -> DatabaseStatus {
    let mode = match &opened.database {
        Some(OpenedDatabase::Team(_)) => DatabaseMode::Team,
        _ => DatabaseMode::Local,
    };
    let label = match (&opened.session, mode) {
        (Ok(s), _) => s.app.database_label(),
        (Err(_), DatabaseMode::Team) => label_of(opened),
        (Err(_), DatabaseMode::Local) => state.data_dir.join(DB_FILE_NAME).display().to_string(),
    };
    let server = match &opened.database {
        Some(OpenedDatabase::Team(s)) => Some(ServerFields {
            host: s.host.clone(),
            port: s.port,
            database: s.database.clone(),
            user: s.user.clone(),
            tls: s.tls.into(),
        }),
        _ => None,
    };
    DatabaseStatus {
        mode,
        label,
        source: opened.source,
        first_run: opened.first_run,
        server,
        online: online && opened.session.is_ok(),
        open_error: opened.session.as_ref().err().cloned(),
        ca_file_name: state.ca_file().as_deref().and_then(file_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_end_in_one_full_stop() {
        assert_eq!(sentence("no such host"), "no such host.");
        assert_eq!(sentence("done. "), "done.");
    }

    #[test]
    fn first_run_is_no_choice_and_no_local_database() {
        // (GREENLIGHT_DATABASE_URL is not set in unit tests.)
        let dir = tempfile::tempdir().expect("dir");
        let (db, source, first) = choose_at_start(dir.path());
        assert_eq!(db.ok(), Some(OpenedDatabase::Local));
        assert_eq!((source, first), (DatabaseSource::Default, true));

        std::fs::write(dir.path().join(DB_FILE_NAME), b"").expect("db");
        let (_, _, first) = choose_at_start(dir.path());
        assert!(
            !first,
            "someone who already has a local database is not asked"
        );

        database::save_choice(dir.path(), &SavedChoice::Local).expect("save");
        let (db, source, _) = choose_at_start(dir.path());
        assert_eq!(db.ok(), Some(OpenedDatabase::Local));
        assert_eq!(source, DatabaseSource::Saved);
    }

    #[test]
    fn a_saved_team_choice_opens_that_server() {
        let dir = tempfile::tempdir().expect("dir");
        let server =
            database::server_config("db.studio.lan", 5432, "studio", "maya", "require", None)
                .expect("server");
        database::save_choice(dir.path(), &SavedChoice::of(&server)).expect("save");
        let (db, source, first) = choose_at_start(dir.path());
        assert_eq!(db.ok(), Some(OpenedDatabase::Team(server)));
        assert_eq!((source, first), (DatabaseSource::Saved, false));
    }

    #[test]
    fn a_folder_that_cannot_hold_a_choice_has_none() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, b"x").expect("write");
        let (db, source, _) = choose_at_start(&file.join("data"));
        assert_eq!(db.ok(), Some(OpenedDatabase::Local));
        assert_eq!(source, DatabaseSource::Default);
    }

    #[test]
    fn an_unreadable_choice_is_explained() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join(database::CHOICE_FILE), b"{not json").expect("write");
        let (db, _, _) = choose_at_start(dir.path());
        let e = db.expect_err("refused");
        assert_eq!(e.code, ErrorCode::StorageUnavailable);
        assert!(e.message.contains("database.json"), "{}", e.message);
    }
}
