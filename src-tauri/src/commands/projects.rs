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
        Ok(state.app()?.list_projects(include_archived).await?)
    }
}

command! {
    pub async fn project_create(
        #[tauri] state: State<'_, AppState>,
        input: NewProject,
    ) -> CmdResult<Project> {
        Ok(state.app()?.create_project(input).await?)
    }
}

command! {
    pub async fn project_get(
        #[tauri] state: State<'_, AppState>,
        id: ProjectId,
    ) -> CmdResult<Project> {
        Ok(state.app()?.get_project(&id).await?)
    }
}

command! {
    pub async fn project_update(
        #[tauri] state: State<'_, AppState>,
        id: ProjectId,
        patch: ProjectPatch,
    ) -> CmdResult<Project> {
        Ok(state.app()?.update_project(&id, &patch).await?)
    }
}

command! {
    pub async fn project_archive(
        #[tauri] state: State<'_, AppState>,
        id: ProjectId,
        archived: bool,
    ) -> CmdResult<Project> {
        Ok(state.app()?.archive_project(&id, archived).await?)
    }
}
