use crate::error::CmdResult;
use crate::files::{self, DroppedFiles};
use crate::ipc::{command, ImportBatch};
use crate::state::AppState;
use greenlight_domain::document::{Document, DocumentKind, DocumentSummary, NewDocument};
use greenlight_domain::ids::{DocumentId, ProjectId};
use greenlight_domain::structure::ScriptStructure;
use std::path::PathBuf;
use tauri::{AppHandle, State, WebviewWindow};

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
    /// Opens the native file dialog and imports every file the person picks, one after
    /// another (nothing when they cancel). With `kind` null, Fountain and Final Draft files
    /// become screenplays and anything else notes. The UI never sees or names a path.
    pub async fn document_import_pick(
        #[tauri] state: State<'_, AppState>,
        #[tauri] app: AppHandle,
        #[tauri] window: WebviewWindow,
        project_id: ProjectId,
        kind: Option<DocumentKind>,
    ) -> CmdResult<ImportBatch> {
        let paths = files::pick_import_files(&app, &window).await;
        import_all(&state, &project_id, paths, kind).await
    }
}

command! {
    /// Imports files dropped on the window, named by the tokens of the `files-dropped` event
    /// (each usable once). A token this window was not given is refused.
    pub async fn document_import_dropped(
        #[tauri] state: State<'_, AppState>,
        #[tauri] dropped: State<'_, DroppedFiles>,
        project_id: ProjectId,
        tokens: Vec<String>,
        kind: Option<DocumentKind>,
    ) -> CmdResult<ImportBatch> {
        let (paths, unknown) = files::take_dropped(&dropped, &tokens);
        let mut batch = import_all(&state, &project_id, paths, kind).await?;
        batch.refused.extend(unknown);
        Ok(batch)
    }
}

/// Imports `paths` in order as documents; each file's refusal is reported, not fatal to the
/// others.
async fn import_all(
    state: &AppState,
    project: &ProjectId,
    paths: Vec<PathBuf>,
    kind: Option<DocumentKind>,
) -> CmdResult<ImportBatch> {
    let (app, actor) = (state.app()?, state.actor()?);
    let (documents, actor) = (app.documents(), &actor);
    let (imported, refused) = files::import_each(paths, |path| {
        let documents = &documents;
        async move { documents.import(actor, project, &path, kind).await }
    })
    .await;
    Ok(ImportBatch { imported, refused })
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
