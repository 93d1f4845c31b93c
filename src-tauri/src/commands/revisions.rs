use crate::error::CmdResult;
use crate::state::AppState;
use greenlight_domain::diff::WordDiff;
use greenlight_domain::ids::{DocumentId, RevisionId};
use greenlight_domain::revision::{Revision, RevisionMeta};
use greenlight_domain::structure::ExportFormat;
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
pub async fn revision_save(
    state: State<'_, AppState>,
    document_id: DocumentId,
    parent_id: Option<RevisionId>,
    text: String,
) -> CmdResult<Revision> {
    let app = state.app()?;
    Ok(app
        .save_revision(&document_id, parent_id.as_ref(), text)
        .await?)
}

#[tauri::command]
pub async fn revision_list(
    state: State<'_, AppState>,
    document_id: DocumentId,
) -> CmdResult<Vec<RevisionMeta>> {
    Ok(state.app()?.list_revisions(&document_id).await?)
}

#[tauri::command]
pub async fn revision_get(state: State<'_, AppState>, id: RevisionId) -> CmdResult<Revision> {
    Ok(state.app()?.get_revision(&id).await?)
}

#[tauri::command]
pub async fn revision_diff(
    state: State<'_, AppState>,
    from_id: RevisionId,
    to_id: RevisionId,
) -> CmdResult<WordDiff> {
    Ok(state.app()?.diff_revisions(&from_id, &to_id).await?)
}

#[tauri::command]
pub async fn revision_export(
    state: State<'_, AppState>,
    id: RevisionId,
    path: PathBuf,
    format: ExportFormat,
) -> CmdResult<()> {
    Ok(state.app()?.export_revision(&id, &path, format).await?)
}
