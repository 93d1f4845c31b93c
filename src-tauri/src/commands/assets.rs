//! Assets: images, video, audio and PDFs of a project, listed and imported. Files come only
//! from the native dialog or from drops (as tokens); the web view never names a path. Their
//! bytes reach the web view through the `glasset:` protocol (see `crate::protocol`), never
//! through a command.

use crate::error::CmdResult;
use crate::files::{self, DroppedFiles};
use crate::ipc::{command, AssetImportBatch};
use crate::state::AppState;
use greenlight_domain::asset::{AssetSummary, AssetVersion};
use greenlight_domain::ids::{AssetId, ProjectId};
use std::path::PathBuf;
use tauri::{AppHandle, State, WebviewWindow};

command! {
    /// The project's assets with their newest version, by name.
    pub async fn asset_list(
        #[tauri] state: State<'_, AppState>,
        project_id: ProjectId,
    ) -> CmdResult<Vec<AssetSummary>> {
        Ok(state.app()?.assets().list(&project_id).await?)
    }
}

command! {
    /// One asset with its newest version (for its page).
    pub async fn asset_get(
        #[tauri] state: State<'_, AppState>,
        asset_id: AssetId,
    ) -> CmdResult<AssetSummary> {
        Ok(state.app()?.assets().get(&asset_id).await?)
    }
}

command! {
    /// An asset's versions, oldest first.
    pub async fn asset_versions(
        #[tauri] state: State<'_, AppState>,
        asset_id: AssetId,
    ) -> CmdResult<Vec<AssetVersion>> {
        Ok(state.app()?.assets().versions(&asset_id).await?)
    }
}

command! {
    /// Opens the native file dialog (images, video, audio, PDFs) and imports every file picked,
    /// each as a new asset or the next version of the asset of the same name. Nothing when the
    /// person cancels.
    pub async fn asset_import_pick(
        #[tauri] state: State<'_, AppState>,
        #[tauri] app: AppHandle,
        #[tauri] window: WebviewWindow,
        project_id: ProjectId,
    ) -> CmdResult<AssetImportBatch> {
        let paths = files::pick_asset_files(&app, &window).await;
        import_all(&state, &project_id, paths).await
    }
}

command! {
    /// Imports as assets the files dropped on the window, named by the tokens of the
    /// `files-dropped` event (each usable once). A token this window was not given is refused.
    pub async fn asset_import_dropped(
        #[tauri] state: State<'_, AppState>,
        #[tauri] dropped: State<'_, DroppedFiles>,
        project_id: ProjectId,
        tokens: Vec<String>,
    ) -> CmdResult<AssetImportBatch> {
        let (paths, unknown) = files::take_dropped(&dropped, &tokens);
        let mut batch = import_all(&state, &project_id, paths).await?;
        batch.refused.extend(unknown);
        Ok(batch)
    }
}

command! {
    /// Where `<video>` and `<audio>` read versions from, when not from `glasset:`: on Linux
    /// a loopback server (`http://127.0.0.1:<port>/<token>/`; WebKitGTK's players cannot read
    /// a custom scheme), elsewhere null. Append a version id.
    pub async fn asset_media_base(#[tauri] _app: AppHandle) -> CmdResult<Option<String>> {
        #[cfg(target_os = "linux")]
        return Ok(crate::protocol::loopback::base());
        #[cfg(not(target_os = "linux"))]
        return Ok(None);
    }
}

/// Imports `paths` in order as assets; each file's refusal is reported, not fatal to the
/// others.
async fn import_all(
    state: &AppState,
    project: &ProjectId,
    paths: Vec<PathBuf>,
) -> CmdResult<AssetImportBatch> {
    let (app, actor) = (state.app()?, state.actor()?);
    let (assets, actor) = (app.assets(), &actor);
    let (imported, refused) = files::import_each(paths, |path| {
        let assets = &assets;
        async move { assets.import(actor, project, &path, None).await }
    })
    .await;
    Ok(AssetImportBatch { imported, refused })
}
