//! Variations of a passage and the decisions on them; the attribution of a revision.

use crate::error::CmdResult;
use crate::ipc::{command, EventChannel, TakeEvent};
use crate::state::AppState;
use greenlight_domain::ids::{DocumentId, RevisionId, SuggestionId};
use greenlight_domain::suggestion::RejectReason;
use greenlight_domain::suggestion_record::{
    AppliedSuggestion, AttributionReport, LocalModelServer, Suggestion, VaryOutcome, VaryRequest,
};
use tauri::State;

command! {
    /// Asks for 1–5 takes on a passage. Every event of every take's run streams to the event
    /// callback with the take's number (a take is cancelled with `ai_cancel` and the run id of
    /// its `started` event); the result lists the takes kept as pending suggestions and those
    /// that failed, with why.
    pub async fn suggestion_vary(
        #[tauri] state: State<'_, AppState>,
        request: VaryRequest,
        on_event: EventChannel<TakeEvent>,
    ) -> CmdResult<VaryOutcome> {
        let app = state.app()?;
        let actor = state.actor()?;
        Ok(app
            .suggestions()
            .vary_streaming(&actor, request, |take, event| {
                if let Err(e) = on_event.send(TakeEvent { take, event }) {
                    tracing::debug!(error = %e, "take event not delivered (window closed?)");
                }
            })
            .await?)
    }
}

command! {
    /// Every suggestion on a document, newest first, in every state.
    pub async fn suggestion_list(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
    ) -> CmdResult<Vec<Suggestion>> {
        Ok(state.app()?.suggestions().list(&document_id).await?)
    }
}

command! {
    /// Accepts a pending suggestion: whole (`hunks` null), only the hunks numbered, or the
    /// writer's edit of it (`editedText`). One new revision; a conflict when it is stale.
    pub async fn suggestion_accept(
        #[tauri] state: State<'_, AppState>,
        id: SuggestionId,
        hunks: Option<Vec<usize>>,
        edited_text: Option<String>,
    ) -> CmdResult<AppliedSuggestion> {
        Ok(state
            .app()?
            .suggestions()
            .accept(&state.actor()?, &id, hunks, edited_text)
            .await?)
    }
}

command! {
    /// Rejects a pending suggestion with a reason (`other` needs a note).
    pub async fn suggestion_reject(
        #[tauri] state: State<'_, AppState>,
        id: SuggestionId,
        reason: RejectReason,
        note: Option<String>,
    ) -> CmdResult<Suggestion> {
        Ok(state
            .app()?
            .suggestions()
            .reject(&state.actor()?, &id, reason, note)
            .await?)
    }
}

command! {
    /// Undoes an acceptance: one new revision restoring the passage.
    pub async fn suggestion_undo(
        #[tauri] state: State<'_, AppState>,
        id: SuggestionId,
    ) -> CmdResult<AppliedSuggestion> {
        Ok(state.app()?.suggestions().undo(&state.actor()?, &id).await?)
    }
}

command! {
    /// Reopens a rejected suggestion (pending again, or stale if its passage changed).
    pub async fn suggestion_reopen(
        #[tauri] state: State<'_, AppState>,
        id: SuggestionId,
    ) -> CmdResult<Suggestion> {
        Ok(state.app()?.suggestions().reopen(&state.actor()?, &id).await?)
    }
}

command! {
    /// Model servers running on this computer at their usual ports that no provider uses yet.
    pub async fn suggestion_local_servers(
        #[tauri] state: State<'_, AppState>,
    ) -> CmdResult<Vec<LocalModelServer>> {
        Ok(state.app()?.suggestions().local_model_servers().await?)
    }
}

command! {
    /// A revision's attribution (the newest when `revisionId` is null) with its totals.
    pub async fn attribution_get(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
        revision_id: Option<RevisionId>,
    ) -> CmdResult<AttributionReport> {
        Ok(state
            .app()?
            .suggestions()
            .attribution(&document_id, revision_id.as_ref())
            .await?)
    }
}
