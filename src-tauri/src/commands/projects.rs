use crate::error::CmdResult;
use crate::ipc::command;
use crate::state::AppState;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::project::{NewProject, Project, ProjectPatch, ProjectSummary};
use tauri::State;

command! {
    pub async fn project_list(
        #[tauri] state: State<'_, AppState>,
        include_archived: bool,
    ) -> CmdResult<Vec<ProjectSummary>> {
        Ok(state.app()?.projects().list(include_archived).await?)
    }
}

command! {
    pub async fn project_create(
        #[tauri] state: State<'_, AppState>,
        input: NewProject,
    ) -> CmdResult<Project> {
        Ok(state
            .app()?
            .projects()
            .create(&state.actor()?, input)
            .await?)
    }
}

command! {
    pub async fn project_get(
        #[tauri] state: State<'_, AppState>,
        id: ProjectId,
    ) -> CmdResult<Project> {
        Ok(state.app()?.projects().get(&id).await?)
    }
}

command! {
    pub async fn project_update(
        #[tauri] state: State<'_, AppState>,
        id: ProjectId,
        patch: ProjectPatch,
    ) -> CmdResult<Project> {
        Ok(state
            .app()?
            .projects()
            .update(&state.actor()?, &id, &patch)
            .await?)
    }
}

command! {
    pub async fn project_archive(
        #[tauri] state: State<'_, AppState>,
        id: ProjectId,
        archived: bool,
    ) -> CmdResult<Project> {
        Ok(state
            .app()?
            .projects()
            .archive(&state.actor()?, &id, archived)
            .await?)
    }
}
