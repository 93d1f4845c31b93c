//! Settings → Database and the first run's choice: which database the window is on, testing a
//! team server, and switching (the session is reopened; no restart).

use crate::database::{self, OpenedDatabase};
use crate::error::CmdResult;
use crate::files;
use crate::ipc::{command, ConnectionResult, DatabaseForm, DatabaseStatus, SetUpInfo, TlsChoice};
use crate::state::AppState;
use greenlight_ai::Secret;
use greenlight_core::database::{
    server_config, set_up_state, team_init, test_connection, ServerConfig,
};
use greenlight_core::TeamServer;
use tauri::{AppHandle, State, WebviewWindow};

/// The server the form names (the CA file is the one chosen with `database_pick_ca`).
fn server_of(state: &AppState, form: &DatabaseForm) -> CmdResult<ServerConfig> {
    let ca = match (form.tls, form.use_ca_file) {
        (TlsChoice::VerifyFull, true) => state.ca_file(),
        _ => None,
    };
    let ca = ca.map(|p| p.to_string_lossy().into_owned());
    Ok(server_config(
        &form.host,
        form.port,
        &form.database,
        &form.user,
        form.tls.as_str(),
        ca.as_deref(),
    )?)
}

/// The typed password, if any (empty means "the keyring's").
fn password_of(form: &DatabaseForm) -> Option<Secret> {
    form.password
        .as_ref()
        .filter(|p| !p.expose().is_empty())
        .map(|p| Secret::new(p.expose()))
}

/// The team server and password the form names.
fn team_of(state: &AppState, form: &DatabaseForm) -> CmdResult<TeamServer> {
    Ok(TeamServer {
        server: server_of(state, form)?,
        password: password_of(form),
    })
}

command! {
    /// Which database the window is on, why, and whether it answers now (on a team server,
    /// a round trip: the window asks this while it waits to reconnect).
    pub async fn database_status(#[tauri] state: State<'_, AppState>) -> CmdResult<DatabaseStatus> {
        let opened = state.opened();
        let online = match &opened.session {
            Ok(s) if s.app.is_team() => {
                let ok = s.app.ping().await.is_ok();
                s.set_online(ok);
                ok
            }
            Ok(_) => true,
            Err(_) => false,
        };
        Ok(database::status(&state, &opened, online))
    }
}

command! {
    /// Connects to the team server the form names as the person would, and disconnects;
    /// nothing is written or switched.
    pub async fn database_test(
        #[tauri] state: State<'_, AppState>,
        form: DatabaseForm,
    ) -> CmdResult<ConnectionResult> {
        let team = team_of(&state, &form)?;
        Ok(test_connection(&team, &state.config.credentials).await?.into())
    }
}

command! {
    /// Whether the server the form names carries Greenlight's schema, and whether this login
    /// may set it up (asked when a test finds no schema).
    pub async fn database_set_up_state(
        #[tauri] state: State<'_, AppState>,
        form: DatabaseForm,
    ) -> CmdResult<SetUpInfo> {
        let team = team_of(&state, &form)?;
        Ok(set_up_state(&team, &state.config.credentials).await?.into())
    }
}

command! {
    /// Sets Greenlight up on the server the form names (`team init`), for a login that may;
    /// then tests the connection as the person would.
    pub async fn database_set_up(
        #[tauri] state: State<'_, AppState>,
        form: DatabaseForm,
    ) -> CmdResult<ConnectionResult> {
        let team = team_of(&state, &form)?;
        let creds = &state.config.credentials;
        if !set_up_state(&team, creds).await?.may_set_up {
            return Err(crate::error::IpcError::new(
                crate::error::ErrorCode::Forbidden,
                format!(
                    "The login {} may not set Greenlight up on this server. Ask whoever administers it to run `greenlight team init` (see docs/TEAM.md).",
                    team.server.user
                ),
            ));
        }
        team_init(&team, creds).await?;
        Ok(test_connection(&team, creds).await?.into())
    }
}

command! {
    /// Opens the native file dialog for the CA certificate of verify-full; the shell keeps
    /// the path. Resolves with the file's name, or null when the person cancels.
    pub async fn database_pick_ca(
        #[tauri] app: AppHandle,
        #[tauri] window: WebviewWindow,
        #[tauri] state: State<'_, AppState>,
    ) -> CmdResult<Option<String>> {
        let Some(path) = files::pick_ca_file(&app, &window).await else {
            return Ok(None);
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        state.set_ca_file(Some(path));
        Ok(name)
    }
}

command! {
    /// Switches to the team server the form names: opens it (which tests it), keeps the
    /// password in the OS keyring (never in a file), saves the choice, and reopens the
    /// session. When anything fails, the window stays on its current database.
    pub async fn database_switch(
        #[tauri] app: AppHandle,
        #[tauri] state: State<'_, AppState>,
        form: DatabaseForm,
    ) -> CmdResult<DatabaseStatus> {
        let server = server_of(&state, &form)?;
        database::switch(&app, &state, OpenedDatabase::Team(server), password_of(&form)).await?;
        database_status(state).await
    }
}

command! {
    /// Switches to the database on this computer (and remembers it).
    pub async fn database_use_local(
        #[tauri] app: AppHandle,
        #[tauri] state: State<'_, AppState>,
    ) -> CmdResult<DatabaseStatus> {
        let opened = state.opened();
        if opened.database == Some(OpenedDatabase::Local) && opened.session.is_ok() {
            database::keep_local(&state)?;
        } else {
            database::switch(&app, &state, OpenedDatabase::Local, None).await?;
        }
        database_status(state).await
    }
}

command! {
    /// Tries to open the chosen database again after it failed.
    pub async fn database_reconnect(
        #[tauri] app: AppHandle,
        #[tauri] state: State<'_, AppState>,
    ) -> CmdResult<DatabaseStatus> {
        database::reconnect(&app, &state).await?;
        database_status(state).await
    }
}
