use crate::error::CmdResult;
use crate::ipc::AppInfo;
use crate::state::AppState;
use greenlight_domain::activity::ActivityItem;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::VerifyReport;
use tauri::State;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.data_dir.display().to_string(),
        profile: state.profile(),
        startup_error: state.opened.as_ref().err().cloned(),
    }
}

#[tauri::command]
pub async fn profile_set_name(state: State<'_, AppState>, name: String) -> CmdResult<AppInfo> {
    let profile = state
        .app()?
        .profiles()
        .rename(&state.actor()?, &name)
        .await?;
    state.set_profile(profile)?;
    Ok(app_info(state))
}

#[tauri::command]
pub async fn activity_list(
    state: State<'_, AppState>,
    project_id: Option<ProjectId>,
    limit: i64,
) -> CmdResult<Vec<ActivityItem>> {
    Ok(state
        .app()?
        .ledger()
        .activity(project_id.as_ref(), limit)
        .await?)
}

/// The UI calls this once its first screen has painted. The time since launch is logged; with
/// `GREENLIGHT_EXIT_WHEN_READY=1` it is also printed as `startup_ms=N` and the app exits, which
/// is how the startup benchmark measures cold start.
#[tauri::command]
pub fn ui_ready(app: tauri::AppHandle) {
    let ms = crate::started().elapsed().as_secs_f64() * 1000.0;
    tracing::info!(ms, "first screen painted");
    if std::env::var_os("GREENLIGHT_EXIT_WHEN_READY").is_some_and(|v| v == "1") {
        println!("startup_ms={ms:.1}");
        app.exit(0);
    }
}

#[tauri::command]
pub async fn ledger_verify(state: State<'_, AppState>) -> CmdResult<VerifyReport> {
    Ok(state.app()?.ledger().verify().await?)
}
