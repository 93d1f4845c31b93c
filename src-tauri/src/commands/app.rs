use crate::error::CmdResult;
use crate::ipc::{command, AppInfo};
use crate::state::AppState;
use greenlight_core::keys::KeysInfo;
use greenlight_domain::activity::ActivityItem;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::VerifyReport;
use tauri::State;

command! {
    /// Never fails: a database that could not be opened is reported in `startupError`.
    pub fn app_info(#[tauri] state: State<'_, AppState>) -> CmdResult<AppInfo> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: state.data_dir.display().to_string(),
            profile: state.profile(),
            startup_error: state.opened().session.err(),
        })
    }
}

command! {
    pub async fn profile_set_name(
        #[tauri] state: State<'_, AppState>,
        name: String,
    ) -> CmdResult<AppInfo> {
        let profile = state
            .app()?
            .profiles()
            .rename(&state.actor()?, &name)
            .await?;
        state.set_profile(profile)?;
        app_info(state)
    }
}

command! {
    /// Newest first; with no project, every project's events.
    pub async fn activity_list(
        #[tauri] state: State<'_, AppState>,
        project_id: Option<ProjectId>,
        limit: i64,
    ) -> CmdResult<Vec<ActivityItem>> {
        Ok(state
            .app()?
            .ledger()
            .activity(project_id.as_ref(), limit)
            .await?)
    }
}

command! {
    /// The UI calls this once its first screen has painted. The time since launch is logged;
    /// with `GREENLIGHT_EXIT_WHEN_READY=1` it is also printed as `startup_ms=N` and the app
    /// exits, which is how the startup benchmark measures cold start.
    pub fn ui_ready(#[tauri] app: tauri::AppHandle) -> CmdResult<()> {
        let ms = crate::started().elapsed().as_secs_f64() * 1000.0;
        tracing::info!(ms, "first screen painted");
        if std::env::var_os("GREENLIGHT_EXIT_WHEN_READY").is_some_and(|v| v == "1") {
            println!("startup_ms={ms:.1}");
            app.exit(0);
        }
        Ok(())
    }
}

command! {
    pub async fn ledger_verify(#[tauri] state: State<'_, AppState>) -> CmdResult<VerifyReport> {
        Ok(state.app()?.ledger().verify().await?)
    }
}

command! {
    /// The acting person's signing keys, and whether this computer can sign in their name.
    pub async fn keys_show(#[tauri] state: State<'_, AppState>) -> CmdResult<KeysInfo> {
        Ok(state.app()?.keys().show(&state.actor()?).await?)
    }
}

command! {
    /// Makes a new signing key on this computer; the current one is retired.
    pub async fn keys_rotate(#[tauri] state: State<'_, AppState>) -> CmdResult<KeysInfo> {
        Ok(state.app()?.keys().rotate(&state.actor()?).await?)
    }
}
