//! Reviews of document revisions through a project's approval workflow, and the inbox. On a
//! team server the database checks who may decide a stage as well, so the client cannot.

use crate::error::{CmdResult, ErrorCode, IpcError};
use crate::ipc::{command, ReviewDetail};
use crate::state::AppState;
use greenlight_core::reviews::{DecideInput, ReviewRequest};
use greenlight_domain::ids::{AssetId, DocumentId, ProjectId, ReviewId};
use greenlight_domain::workflow::{Inbox, ReviewInfo, Verdict, Workflow, WorkflowTemplate};
use tauri::State;

command! {
    /// Asks for a review of the document's newest revision, or of the asset's newest version
    /// (exactly one of them), under the project's workflow `workflow` (its only or default
    /// one when null), due at `dueAt` (ms) if given, for the scenes `scenes` (`4` or `3-5`)
    /// of a document or the whole.
    pub async fn review_request(
        #[tauri] state: State<'_, AppState>,
        document_id: Option<DocumentId>,
        asset_id: Option<AssetId>,
        workflow: Option<String>,
        due_at: Option<i64>,
        scenes: Option<String>,
    ) -> CmdResult<ReviewInfo> {
        let request = ReviewRequest { workflow, due_at, scenes };
        let (app, actor) = (state.app()?, state.actor()?);
        let reviews = app.reviews();
        Ok(match (document_id, asset_id) {
            (Some(d), None) => reviews.request(&actor, &d, request).await?,
            (None, Some(a)) => reviews.request_asset(&actor, &a, request).await?,
            _ => {
                return Err(IpcError {
                    code: ErrorCode::InvalidInput,
                    message: "a review is of a document or of an asset".into(),
                    field: Some("documentId".into()),
                })
            }
        })
    }
}

command! {
    /// Decides a stage (the first waiting for the person when `stage` is null) of the review,
    /// about the revision `subjectId` the person looked at (refused when a newer one is under
    /// review now).
    pub async fn review_decide(
        #[tauri] state: State<'_, AppState>,
        review_id: ReviewId,
        stage: Option<String>,
        subject_id: Option<String>,
        verdict: Verdict,
        comment: Option<String>,
    ) -> CmdResult<ReviewInfo> {
        let input = DecideInput { stage, subject_id, verdict, comment };
        Ok(state.app()?.reviews().decide(&state.actor()?, &review_id, input).await?)
    }
}

command! {
    /// What waits for the person's decision and what they asked for.
    pub async fn review_inbox(#[tauri] state: State<'_, AppState>) -> CmdResult<Inbox> {
        Ok(state.app()?.reviews().inbox(&state.actor()?).await?)
    }
}

command! {
    /// A document's reviews, newest change first.
    pub async fn review_list_document(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
    ) -> CmdResult<Vec<ReviewInfo>> {
        Ok(state.app()?.reviews().of_document(&state.actor()?, &document_id).await?)
    }
}

command! {
    /// An asset's reviews, newest change first.
    pub async fn review_list_asset(
        #[tauri] state: State<'_, AppState>,
        asset_id: AssetId,
    ) -> CmdResult<Vec<ReviewInfo>> {
        Ok(state.app()?.reviews().of_asset(&state.actor()?, &asset_id).await?)
    }
}

command! {
    /// A project's reviews, newest change first.
    pub async fn review_list_project(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
    ) -> CmdResult<Vec<ReviewInfo>> {
        Ok(state.app()?.reviews().of_project(&state.actor()?, &project_id).await?)
    }
}

command! {
    /// One review with every decision on record and the word diff since the last approval.
    pub async fn review_detail(
        #[tauri] state: State<'_, AppState>,
        review_id: ReviewId,
    ) -> CmdResult<ReviewDetail> {
        let app = state.app()?;
        let reviews = app.reviews();
        Ok(ReviewDetail {
            review: reviews.get(&state.actor()?, &review_id).await?,
            decisions: reviews.decisions(&review_id).await?,
            changes_since_approval: reviews.changes_since_approval(&review_id).await?,
        })
    }
}

command! {
    /// The project's workflow templates (the default when it has none of its own).
    pub async fn workflow_list(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
    ) -> CmdResult<Vec<WorkflowTemplate>> {
        let list = state.app()?.workflows().list(&project_id).await?;
        Ok(list.iter().map(Workflow::template).cloned().collect())
    }
}

command! {
    /// Saves `template` as the project's workflow of its name (an admin's; validated by core,
    /// whose message says what is wrong), and answers the project's templates now.
    pub async fn workflow_save(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
        template: WorkflowTemplate,
    ) -> CmdResult<Vec<WorkflowTemplate>> {
        let app = state.app()?;
        let workflows = app.workflows();
        workflows.save(&state.actor()?, &project_id, template).await?;
        let list = workflows.list(&project_id).await?;
        Ok(list.iter().map(Workflow::template).cloned().collect())
    }
}

command! {
    /// Removes the project's workflow `name` (an admin's), and answers the templates left (the
    /// default when none is).
    pub async fn workflow_remove(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
        name: String,
    ) -> CmdResult<Vec<WorkflowTemplate>> {
        let app = state.app()?;
        let workflows = app.workflows();
        workflows.remove(&state.actor()?, &project_id, &name).await?;
        let list = workflows.list(&project_id).await?;
        Ok(list.iter().map(Workflow::template).cloned().collect())
    }
}
