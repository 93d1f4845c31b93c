//! Comments on documents and assets, in threads. The web view names what a comment is on by
//! id; core checks the anchor against it (and, on a team server, the database checks who).

use crate::error::CmdResult;
use crate::ipc::command;
use crate::state::AppState;
use greenlight_core::comments::{CommentOn, NewComment};
use greenlight_domain::comment::{CommentAnchor, CommentInfo};
use greenlight_domain::ids::{AssetId, CommentId, DocumentId, ReviewId, RevisionId};
use tauri::State;

command! {
    /// Adds a comment on the document or the asset (exactly one of them), or a reply to the
    /// thread of `replyTo` (whose anchor it shares).
    pub async fn comment_add(
        #[tauri] state: State<'_, AppState>,
        document_id: Option<DocumentId>,
        asset_id: Option<AssetId>,
        anchor: CommentAnchor,
        body: String,
        reply_to: Option<CommentId>,
        review_id: Option<ReviewId>,
    ) -> CmdResult<CommentInfo> {
        let on = match (document_id, asset_id) {
            (Some(d), None) => CommentOn::Document(d),
            (None, Some(a)) => CommentOn::Asset(a),
            _ => {
                return Err(crate::error::IpcError {
                    code: crate::error::ErrorCode::InvalidInput,
                    message: "a comment is on a document or on an asset".into(),
                    field: Some("documentId".into()),
                })
            }
        };
        let new = NewComment { on, anchor, body, reply_to, review: review_id };
        Ok(state.app()?.comments().add(&state.actor()?, new).await?)
    }
}

command! {
    /// A document's comments, with passages carried to `revisionId` (the newest when null).
    pub async fn comment_list_document(
        #[tauri] state: State<'_, AppState>,
        document_id: DocumentId,
        revision_id: Option<RevisionId>,
    ) -> CmdResult<Vec<CommentInfo>> {
        Ok(state.app()?.comments().of_document(&document_id, revision_id.as_ref()).await?)
    }
}

command! {
    /// An asset's comments, on all its versions.
    pub async fn comment_list_asset(
        #[tauri] state: State<'_, AppState>,
        asset_id: AssetId,
    ) -> CmdResult<Vec<CommentInfo>> {
        Ok(state.app()?.comments().of_asset(&asset_id).await?)
    }
}

command! {
    /// Resolves (or reopens) the thread of `commentId`; resolves with its first comment.
    pub async fn comment_resolve(
        #[tauri] state: State<'_, AppState>,
        comment_id: CommentId,
        resolved: bool,
    ) -> CmdResult<CommentInfo> {
        Ok(state.app()?.comments().resolve(&state.actor()?, &comment_id, resolved).await?)
    }
}
