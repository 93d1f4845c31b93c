use crate::error::CmdResult;
use crate::files;
use crate::ipc::command;
use crate::state::AppState;
use greenlight_domain::diff::WordDiff;
use greenlight_domain::ids::{DocumentId, RevisionId};
use greenlight_domain::merge::RevisionMerge;
use greenlight_domain::revision::{Revision, RevisionMeta};
use greenlight_domain::structure::ExportFormat;
use greenlight_domain::text_change::TextChange;
use tauri::{AppHandle, State, WebviewWindow};

command! {
    /// Saves `text` as a new revision on top of its parent (the revision the edit started from);
    /// fails with `conflict` when someone saved a newer one meanwhile. `changes`: the editor's
    /// changes from the parent to `text`, which carry its attribution exactly (null: by a diff).
    pub async fn revision_save(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
        parent_id: Option<RevisionId>,
        text: String,
        changes: Option<Vec<TextChange>>,
    ) -> CmdResult<Revision> {
        Ok(state
            .app()?
            .revisions()
            .save(&state.actor()?, &document_id, parent_id.as_ref(), text, changes)
            .await?)
    }
}

command! {
    /// Three-way merge of `text` (edited from `baseId`) with the document's newest revision,
    /// after `revision_save` failed with `conflict`. Writes nothing; save the merged text with
    /// the returned head as its parent.
    pub async fn revision_merge(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
        base_id: Option<RevisionId>,
        text: String,
    ) -> CmdResult<RevisionMerge> {
        Ok(state
            .app()?
            .revisions()
            .merge(&document_id, base_id.as_ref(), text)
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
    /// Opens the native save dialog and exports the revision there as `format`; resolves with
    /// the file's name, or null when the person cancels. The file's extension is the
    /// format's. The UI never sees or names a path.
    pub async fn revision_export(
        #[tauri] state: State<'_, AppState>,
        #[tauri] app: AppHandle,
        #[tauri] window: WebviewWindow,
        id: RevisionId,
        format: ExportFormat,
    ) -> CmdResult<Option<String>> {
        let core = state.app()?;
        let doc = core.revisions().document_of(&id).await?;
        let Some(path) = files::pick_export_path(&app, &window, &doc, format).await? else {
            return Ok(None);
        };
        core.revisions()
            .export(&state.actor()?, &id, &path, format)
            .await?;
        Ok(Some(greenlight_core::files::display_name(&path)))
    }
}
