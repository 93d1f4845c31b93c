use crate::error::CmdResult;
use crate::ipc::command;
use crate::state::AppState;
use greenlight_domain::diff::WordDiff;
use greenlight_domain::ids::{DocumentId, RevisionId};
use greenlight_domain::revision::{Revision, RevisionMeta};
use greenlight_domain::structure::ExportFormat;
use std::path::PathBuf;
use tauri::State;

command! {
    /// Saves `text` as a new revision on top of its parent (the revision the edit started from);
    /// fails with `conflict` when someone saved a newer one meanwhile.
    pub async fn revision_save(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
        parent_id: Option<RevisionId>,
        text: String,
    ) -> CmdResult<Revision> {
        Ok(state
            .app()?
            .revisions()
            .save(&state.actor()?, &document_id, parent_id.as_ref(), text)
            .await?)
    }
}

command! {
    pub async fn revision_list(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
    ) -> CmdResult<Vec<RevisionMeta>> {
        Ok(state.app()?.revisions().list(&document_id).await?)
    }
}

command! {
    pub async fn revision_get(
        #[tauri] state: State<'_, AppState>,
        id: RevisionId,
    ) -> CmdResult<Revision> {
        Ok(state.app()?.revisions().get(&id).await?)
    }
}

command! {
    pub async fn revision_diff(
        #[tauri] state: State<'_, AppState>,
        from_id: RevisionId,
        to_id: RevisionId,
    ) -> CmdResult<WordDiff> {
        Ok(state.app()?.revisions().diff(&from_id, &to_id).await?)
    }
}

command! {
    pub async fn revision_export(
        #[tauri] state: State<'_, AppState>,
        id: RevisionId,
        path: PathBuf,
        format: ExportFormat,
    ) -> CmdResult<()> {
        Ok(state
            .app()?
            .revisions()
            .export(&state.actor()?, &id, &path, format)
            .await?)
    }
}
