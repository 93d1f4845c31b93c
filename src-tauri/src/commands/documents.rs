use crate::error::CmdResult;
use crate::state::AppState;
use greenlight_domain::document::{
    Document, DocumentKind, DocumentSummary, ImportOutcome, NewDocument,
};
use greenlight_domain::ids::{DocumentId, ProjectId};
use greenlight_domain::structure::ScriptStructure;
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
pub async fn document_list(
    state: State<'_, AppState>,
    project_id: ProjectId,
) -> CmdResult<Vec<DocumentSummary>> {
    Ok(state.app()?.documents().list(&project_id).await?)
}

#[tauri::command]
pub async fn document_create(
    state: State<'_, AppState>,
    input: NewDocument,
) -> CmdResult<Document> {
    Ok(state
        .app()?
        .documents()
        .create(&state.actor()?, input)
        .await?)
}

#[tauri::command]
pub async fn document_get(state: State<'_, AppState>, id: DocumentId) -> CmdResult<Document> {
    Ok(state.app()?.documents().get(&id).await?)
}

#[tauri::command]
pub async fn document_rename(
    state: State<'_, AppState>,
    id: DocumentId,
    title: String,
) -> CmdResult<Document> {
    Ok(state
        .app()?
        .documents()
        .rename(&state.actor()?, &id, &title)
        .await?)
}

#[tauri::command]
pub async fn document_import(
    state: State<'_, AppState>,
    project_id: ProjectId,
    path: PathBuf,
    kind: Option<DocumentKind>,
) -> CmdResult<ImportOutcome> {
    Ok(state
        .app()?
        .documents()
        .import(&state.actor()?, &project_id, &path, kind)
        .await?)
}

#[tauri::command]
pub async fn document_structure(
    state: State<'_, AppState>,
    id: DocumentId,
) -> CmdResult<ScriptStructure> {
    Ok(state.app()?.documents().structure(&id).await?)
}
