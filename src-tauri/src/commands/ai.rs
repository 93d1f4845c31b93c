use crate::error::CmdResult;
use crate::state::AppState;
use greenlight_domain::ai::{
    AiRunEvent, AiRunRecord, AiRunRequest, ConnectionReport, ProviderInfo, ProviderInput,
};
use greenlight_domain::ids::ProjectId;
use greenlight_domain::policy::AiPolicy;
use tauri::ipc::Channel;
use tauri::State;

#[tauri::command]
pub async fn provider_list(state: State<'_, AppState>) -> CmdResult<Vec<ProviderInfo>> {
    Ok(state.app()?.providers().list().await?)
}

#[tauri::command]
pub async fn provider_save(
    state: State<'_, AppState>,
    id: Option<String>,
    input: ProviderInput,
) -> CmdResult<ProviderInfo> {
    Ok(state
        .app()?
        .providers()
        .save(&state.actor()?, id.as_deref(), input)
        .await?)
}

#[tauri::command]
pub async fn provider_remove(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state
        .app()?
        .providers()
        .remove(&state.actor()?, &id)
        .await?)
}

#[tauri::command]
pub async fn provider_test(state: State<'_, AppState>, id: String) -> CmdResult<ConnectionReport> {
    Ok(state.app()?.providers().test(&id).await?)
}

#[tauri::command]
pub async fn policy_get(state: State<'_, AppState>, project_id: ProjectId) -> CmdResult<AiPolicy> {
    Ok(state.app()?.ai().policy(&project_id).await?)
}

#[tauri::command]
pub async fn policy_set(
    state: State<'_, AppState>,
    project_id: ProjectId,
    policy: AiPolicy,
) -> CmdResult<AiPolicy> {
    Ok(state
        .app()?
        .ai()
        .set_policy(&state.actor()?, &project_id, policy)
        .await?)
}

/// Starts a run and returns its id at once; the run's events stream through `on_event`.
#[tauri::command]
pub async fn ai_run(
    state: State<'_, AppState>,
    request: AiRunRequest,
    on_event: Channel<AiRunEvent>,
) -> CmdResult<String> {
    let run = state
        .app()?
        .ai()
        .prepare_run(&state.actor()?, request)
        .await?;
    let id = run.id().to_owned();
    tauri::async_runtime::spawn(async move {
        let sent = run
            .execute(|event| {
                if let Err(e) = on_event.send(event) {
                    tracing::debug!(error = %e, "AI event not delivered (window closed?)");
                }
            })
            .await;
        if let Err(e) = sent {
            tracing::error!(error = %e, "AI run could not be recorded");
        }
    });
    Ok(id)
}

#[tauri::command]
pub fn ai_cancel(state: State<'_, AppState>, run_id: String) -> CmdResult<bool> {
    Ok(state.app()?.ai().cancel(&run_id))
}

#[tauri::command]
pub async fn ai_runs(
    state: State<'_, AppState>,
    project_id: ProjectId,
    limit: i64,
) -> CmdResult<Vec<AiRunRecord>> {
    Ok(state.app()?.ai().runs(&project_id, limit).await?)
}
