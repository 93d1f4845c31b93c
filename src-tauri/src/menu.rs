//! The native menu bar. Each item emits a `menu` event with a string payload that the UI routes
//! to the action of the current view (`ui/src/lib/menu.ts`), so there is one implementation of
//! every action, reachable from the menu, the keyboard and the buttons alike.

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Runtime};

/// Menu item ids, which are also the payloads of the `menu` event.
const ITEMS: &[(&str, &str, Option<&str>)] = &[
    ("new-project", "New Project", Some("CmdOrCtrl+Shift+N")),
    ("new-document", "New Document", None),
    ("import", "Import…", Some("CmdOrCtrl+O")),
    ("export", "Export…", Some("CmdOrCtrl+E")),
    ("save", "Save Revision", None),
    ("history", "Revision History", None),
    ("settings", "Settings", Some("CmdOrCtrl+,")),
];

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |id: &str| -> tauri::Result<MenuItem<R>> {
        let (id, label, accel) = ITEMS
            .iter()
            .find(|(i, _, _)| *i == id)
            .copied()
            .unwrap_or((id, id, None));
        MenuItem::with_id(app, id, label, true, accel)
    };
    let file = Submenu::with_items(
        app,
        "File",
        true,
        &[
            &item("new-project")?,
            &item("new-document")?,
            &PredefinedMenuItem::separator(app)?,
            &item("import")?,
            &item("export")?,
            &PredefinedMenuItem::separator(app)?,
            &item("save")?,
            &item("history")?,
            &PredefinedMenuItem::separator(app)?,
            &item("settings")?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::quit(app, None)?,
        ],
    )?;
    let edit = Submenu::with_items(
        app,
        "Edit",
        true,
        &[
            &PredefinedMenuItem::undo(app, None)?,
            &PredefinedMenuItem::redo(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, None)?,
            &PredefinedMenuItem::copy(app, None)?,
            &PredefinedMenuItem::paste(app, None)?,
            &PredefinedMenuItem::select_all(app, None)?,
        ],
    )?;
    Menu::with_items(app, &[&file, &edit])
}

/// Forwards a clicked item to the UI.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if ITEMS.iter().any(|(i, _, _)| *i == id) {
        if let Err(e) = app.emit("menu", id) {
            tracing::warn!(error = %e, id, "menu event not delivered");
        }
    }
}
