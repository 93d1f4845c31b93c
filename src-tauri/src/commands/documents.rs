use crate::error::CmdResult;
use crate::ipc::command;
use crate::state::AppState;
use greenlight_domain::document::{
    Document, DocumentKind, DocumentSummary, ImportOutcome, NewDocument,
};
use greenlight_domain::ids::{DocumentId, ProjectId};
use greenlight_domain::structure::ScriptStructure;
use std::path::PathBuf;
use tauri::State;

command! {
    pub async fn document_list(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
    ) -> CmdResult<Vec<DocumentSummary>> {
        Ok(state.app()?.documents().list(&project_id).await?)
    }
}

command! {
    pub async fn document_create(
        #[tauri] state: State<'_, AppState>,
        input: NewDocument,
    ) -> CmdResult<Document> {
        Ok(state
            .app()?
            .documents()
            .create(&state.actor()?, input)
            .await?)
    }
}

command! {
    pub async fn document_get(
        #[tauri] state: State<'_, AppState>,
        id: DocumentId,
    ) -> CmdResult<Document> {
        Ok(state.app()?.documents().get(&id).await?)
    }
}

command! {
    pub async fn document_rename(
        #[tauri] state: State<'_, AppState>,
        id: DocumentId,
        title: String,
    ) -> CmdResult<Document> {
        Ok(state
            .app()?
            .documents()
            .rename(&state.actor()?, &id, &title)
            .await?)
    }
}

command! {
    /// Imports a file as a new document; with `kind` null, Fountain and Final Draft files become
    /// screenplays and anything else notes.
    pub async fn document_import(
        #[tauri] state: State<'_, AppState>,
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
}

command! {
    /// Scenes and speaking characters of the document's newest revision.
    pub async fn document_structure(
        #[tauri] state: State<'_, AppState>,
        id: DocumentId,
    ) -> CmdResult<ScriptStructure> {
        Ok(state.app()?.documents().structure(&id).await?)
    }
}
