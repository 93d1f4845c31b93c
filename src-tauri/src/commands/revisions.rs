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
        let app = state.app()?;
        Ok(app
            .save_revision(&document_id, parent_id.as_ref(), text)
            .await?)
    }
}

command! {
    pub async fn revision_list(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
    ) -> CmdResult<Vec<RevisionMeta>> {
        Ok(state.app()?.list_revisions(&document_id).await?)
    }
}

command! {
    pub async fn revision_get(
        #[tauri] state: State<'_, AppState>,
        id: RevisionId,
    ) -> CmdResult<Revision> {
        Ok(state.app()?.get_revision(&id).await?)
    }
}

command! {
    pub async fn revision_diff(
        #[tauri] state: State<'_, AppState>,
        from_id: RevisionId,
        to_id: RevisionId,
    ) -> CmdResult<WordDiff> {
        Ok(state.app()?.diff_revisions(&from_id, &to_id).await?)
    }
}

command! {
    pub async fn revision_export(
        #[tauri] state: State<'_, AppState>,
        id: RevisionId,
        path: PathBuf,
        format: ExportFormat,
    ) -> CmdResult<()> {
        Ok(state.app()?.export_revision(&id, &path, format).await?)
    }
}
