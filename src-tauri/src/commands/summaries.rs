//! Summaries of a script as a tree of scenes, with citations and flags.

use crate::error::{CmdResult, ErrorCode, IpcError};
use crate::ipc::{command, EventChannel};
use crate::state::AppState;
use greenlight_core::summaries::SummaryRequest;
use greenlight_domain::ids::DocumentId;
use greenlight_domain::summary_record::{SummaryEvent, SummaryReport};
use greenlight_domain::summary_tree::{Scope, SummaryKind};
use tauri::State;

command! {
    /// Summarizes `scope` (`all`, `scene:N` or `scenes:A-B`) of the document's newest
    /// revision with a provider, as the tree's summary or a logline or synopsis written from
    /// it, reusing every cached node whose input did not change.
    /// Progress streams to the event callback; its `started` event carries the id that
    /// `ai_cancel` takes to cancel it (the nodes finished are kept).
    pub async fn summary_run(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
        scope: String,
        kind: SummaryKind,
        provider_id: String,
        on_event: EventChannel<SummaryEvent>,
    ) -> CmdResult<SummaryReport> {
        let scope = Scope::parse(&scope).ok_or_else(|| IpcError {
            code: ErrorCode::InvalidInput,
            message: format!("“{scope}” is not a part of the script; use all, scene:N, scenes:A-B or chars:A-B"),
            field: Some("scope".into()),
        })?;
        let app = state.app()?;
        let actor = state.actor()?;
        let request = SummaryRequest {
            document: document_id,
            scope,
            kind,
            provider: provider_id,
        };
        Ok(app
            .summaries()
            .summarize(&actor, &request, move |event| {
                if let Err(e) = on_event.send(event) {
                    tracing::debug!(error = %e, "summary event not delivered (window closed?)");
                }
            })
            .await?)
    }
}
