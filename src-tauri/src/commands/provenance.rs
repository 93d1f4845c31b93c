//! The legal view, disclosures and provenance reports.

use crate::error::CmdResult;
use crate::files;
use crate::ipc::command;
use crate::state::AppState;
use greenlight_domain::disclosure::{DisclosureInput, DisclosureRecord};
use greenlight_domain::ids::{DocumentId, ProjectId};
use greenlight_domain::provenance::{DocumentProvenance, ReportFormat, ReportTarget};
use tauri::{AppHandle, State, WebviewWindow};

command! {
    /// The legal view of a document's newest revision.
    pub async fn provenance_document(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
    ) -> CmdResult<DocumentProvenance> {
        Ok(state.app()?.provenance().document(&state.actor()?, &document_id).await?)
    }
}

command! {
    /// Records a disclosure of AI use in a project (a legal reviewer's).
    pub async fn disclosure_record(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
        input: DisclosureInput,
    ) -> CmdResult<DisclosureRecord> {
        Ok(state
            .app()?
            .disclosures()
            .record(&state.actor()?, &project_id, input)
            .await?)
    }
}

command! {
    /// A project's disclosures, oldest first.
    pub async fn disclosure_list_project(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
    ) -> CmdResult<Vec<DisclosureRecord>> {
        Ok(state
            .app()?
            .disclosures()
            .of_project(&state.actor()?, &project_id)
            .await?)
    }
}

command! {
    /// What was disclosed to the person using the app, in every project they see.
    pub async fn disclosure_list_mine(
        #[tauri] state: State<'_, AppState>,
    ) -> CmdResult<Vec<DisclosureRecord>> {
        Ok(state.app()?.disclosures().to_me(&state.actor()?).await?)
    }
}

command! {
    /// Opens the native save dialog and writes the provenance report of a document or a
    /// project there; resolves with the file's name, or null when the person cancels.
    pub async fn report_export(
        #[tauri] state: State<'_, AppState>,
        #[tauri] app: AppHandle,
        #[tauri] window: WebviewWindow,
        target: ReportTarget,
        format: ReportFormat,
    ) -> CmdResult<Option<String>> {
        let core = state.app()?;
        let name = match &target {
            ReportTarget::Document { document_id } => core.documents().get(document_id).await?.title,
            ReportTarget::Project { project_id } => core.projects().get(project_id).await?.title,
        };
        let Some(path) = files::pick_report_path(&app, &window, &name, format).await? else {
            return Ok(None);
        };
        core.reports().export(&state.actor()?, &target, format, &path).await?;
        Ok(Some(greenlight_core::files::display_name(&path)))
    }
}
