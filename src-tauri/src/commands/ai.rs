use crate::error::CmdResult;
use crate::ipc::{command, EventChannel};
use crate::state::AppState;
use greenlight_domain::ai::{
    AiRunEvent, AiRunRecord, AiRunRequest, ConnectionReport, ProviderInfo, ProviderInput,
};
use greenlight_domain::ids::ProjectId;
use greenlight_domain::policy::AiPolicy;
use tauri::State;

command! {
    /// Every provider, the built-in offline engine first; keys are never returned, only
    /// whether one is set.
    pub async fn provider_list(
        #[tauri] state: State<'_, AppState>,
    ) -> CmdResult<Vec<ProviderInfo>> {
        Ok(state.app()?.providers().list().await?)
    }
}

command! {
    /// Adds (`id` null) or changes a provider; the key goes to the OS keyring.
    pub async fn provider_save(
        #[tauri] state: State<'_, AppState>,
        id: Option<String>,
        input: ProviderInput,
    ) -> CmdResult<ProviderInfo> {
        Ok(state
            .app()?
            .providers()
            .save(&state.actor()?, id.as_deref(), input)
            .await?)
    }
}

command! {
    pub async fn provider_remove(#[tauri] state: State<'_, AppState>, id: String) -> CmdResult<()> {
        Ok(state
            .app()?
            .providers()
            .remove(&state.actor()?, &id)
            .await?)
    }
}

command! {
    /// "Test connection": which models the provider serves.
    pub async fn provider_test(
        #[tauri] state: State<'_, AppState>,
        id: String,
    ) -> CmdResult<ConnectionReport> {
        Ok(state.app()?.providers().test(&id).await?)
    }
}

command! {
    pub async fn policy_get(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
    ) -> CmdResult<AiPolicy> {
        Ok(state.app()?.ai().policy(&project_id).await?)
    }
}

command! {
    pub async fn policy_set(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
        policy: AiPolicy,
    ) -> CmdResult<AiPolicy> {
        Ok(state
            .app()?
            .ai()
            .set_policy(&state.actor()?, &project_id, policy)
            .await?)
    }
}

command! {
    /// Starts a run and returns its id at once; the run's events stream to the event callback.
    pub async fn ai_run(
        #[tauri] state: State<'_, AppState>,
        request: AiRunRequest,
        on_event: EventChannel<AiRunEvent>,
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
}

command! {
    /// Cancels a run in flight; `false` when no such run is running.
    pub fn ai_cancel(#[tauri] state: State<'_, AppState>, run_id: String) -> CmdResult<bool> {
        Ok(state.app()?.ai().cancel(&run_id))
    }
}

command! {
    pub async fn ai_runs(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
        limit: i64,
    ) -> CmdResult<Vec<AiRunRecord>> {
        Ok(state.app()?.ai().runs(&project_id, limit).await?)
    }
}
