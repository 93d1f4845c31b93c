use crate::error::CmdResult;
use crate::state::AppState;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::project::{NewProject, Project, ProjectPatch, ProjectSummary};
use tauri::State;

#[tauri::command]
pub async fn project_list(
    state: State<'_, AppState>,
    include_archived: bool,
) -> CmdResult<Vec<ProjectSummary>> {
    Ok(state.app()?.projects().list(include_archived).await?)
}

#[tauri::command]
pub async fn project_create(state: State<'_, AppState>, input: NewProject) -> CmdResult<Project> {
    Ok(state
        .app()?
        .projects()
        .create(&state.actor()?, input)
        .await?)
}

#[tauri::command]
pub async fn project_get(state: State<'_, AppState>, id: ProjectId) -> CmdResult<Project> {
    Ok(state.app()?.projects().get(&id).await?)
}

#[tauri::command]
pub async fn project_update(
    state: State<'_, AppState>,
    id: ProjectId,
    patch: ProjectPatch,
) -> CmdResult<Project> {
    Ok(state
        .app()?
        .projects()
        .update(&state.actor()?, &id, &patch)
        .await?)
}

#[tauri::command]
pub async fn project_archive(
    state: State<'_, AppState>,
    id: ProjectId,
    archived: bool,
) -> CmdResult<Project> {
    Ok(state
        .app()?
        .projects()
        .archive(&state.actor()?, &id, archived)
        .await?)
}
