//! Files the person chooses: the web view never names a path. Import and export paths come
//! only from native dialogs opened here, on the Rust side, or from files dropped on the
//! window, which the UI sees only as opaque, single-use tokens ([`Dropped`]). A script
//! injected into the web view can therefore neither read nor write a file the person did not
//! pick.

mod batch;
mod dialogs;
mod dropped;

pub use batch::{import_each, take_dropped};
pub use dialogs::{
    pick_asset_files, pick_ca_file, pick_export_path, pick_import_files, pick_report_path,
};
pub use dropped::{DroppedFile, DroppedFiles, DROPPED_EVENT};

use tauri::{DragDropEvent, Emitter, Manager, Runtime, Window, WindowEvent};

/// Files dropped on the window are kept under tokens, and the UI is told their names and
/// tokens (the `files-dropped` event), never their paths.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
        let files = window.state::<DroppedFiles>().register(paths);
        if let Err(e) = window.emit_to(window.label(), DROPPED_EVENT, files) {
            tracing::warn!(error = %e, "dropped files not announced to the window");
        }
    }
}
