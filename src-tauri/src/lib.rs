//! Greenlight's desktop shell. The only crate that depends on tauri: it opens the window,
//! holds the opened app in state, and exposes thin commands over `greenlight-core`.

pub mod bindings;
mod commands;
pub mod database;
pub mod error;
mod files;
pub mod ipc;
mod menu;
mod protocol;
mod state;

use database::Opened;
use greenlight_core::{default_data_dir, OpenConfig};
use state::AppState;
use std::sync::Arc;
use std::sync::OnceLock;
use std::time::Instant;
use tauri::Manager;
use tracing_subscriber::EnvFilter;

// A release build must serve the bundled UI: without `custom-protocol` Tauri loads the dev
// server's URL (http://localhost:1420), which in a shipped app would be whatever happens to
// listen there. So such a build does not compile.
#[cfg(all(not(debug_assertions), not(feature = "custom-protocol")))]
compile_error!(
    "a release build must bundle the UI: build with `--features custom-protocol` (scripts/run.sh does); without it the app would load the dev server's URL"
);

static STARTED: OnceLock<Instant> = OnceLock::new();

/// WebKitGTK's compositing mode keeps GPU-style layer buffers; for a text-centred app it costs
/// about 90 MB of memory (measured: web process 206 MB with it, 119 MB without; see
/// docs/BENCHMARKS.md) for no visible gain, so it is off unless the person opts back in with
/// `GREENLIGHT_GPU_COMPOSITING=1` or sets WebKit's own variable. Must run before any thread
/// starts, since it sets the process environment.
fn configure_webkit() {
    #[cfg(target_os = "linux")]
    {
        let opted_in = std::env::var_os("GREENLIGHT_GPU_COMPOSITING").is_some_and(|v| v == "1");
        if !opted_in && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
            std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
        }
    }
}

/// When `run` began: the reference for the startup figure.
pub(crate) fn started() -> Instant {
    *STARTED.get_or_init(Instant::now)
}

/// Opens the database (seeding the sample project on first run) and starts the window.
pub fn run() {
    started();
    configure_webkit();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();

    let data_dir = default_data_dir();
    let mut cfg = OpenConfig::new(data_dir.clone());
    cfg.seed_sample = true;
    let (database, source, first_run) = database::choose_at_start(&data_dir);
    let session = match &database {
        Ok(db) => {
            tauri::async_runtime::block_on(database::open_session(&cfg, db, None)).map(Arc::new)
        }
        Err(e) => Err(e.clone()),
    };
    if let Err(e) = &session {
        tracing::error!(error = %e.message, dir = %data_dir.display(), "cannot open the database");
    }
    tracing::info!(dir = %data_dir.display(), ok = session.is_ok(), first_run, "data directory");
    let state = AppState::new(
        data_dir,
        cfg,
        Opened {
            database: database.ok(),
            source,
            first_run,
            session,
        },
    );

    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .menu(menu::build)
        .on_menu_event(|app, event| menu::on_event(app, event.id().as_ref()))
        .setup(|app| {
            #[cfg(target_os = "linux")]
            protocol::loopback::start(app.handle());
            if let Ok(session) = app.state::<AppState>().session() {
                database::live::start(app.handle(), &session);
            }
            Ok(())
        })
        .register_asynchronous_uri_scheme_protocol(protocol::SCHEME, |ctx, request, responder| {
            protocol::handle(ctx, request, responder)
        })
        .manage(state)
        .manage(files::DroppedFiles::default())
        .on_window_event(files::on_window_event)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!(error = %e, "the window could not start");
        eprintln!("Greenlight could not start its window: {e}");
        std::process::exit(1);
    }
}
