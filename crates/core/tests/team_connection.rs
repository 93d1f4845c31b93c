//! Connection loss on a team server: PostgreSQL stopped and restarted in the middle of a
//! session. Runs its own throwaway cluster (scripts/pg.sh on another port), so stopping it
//! cannot disturb the other tests.

mod common;
#[path = "../../store/tests/support/mod.rs"]
mod support;

use common::new_project;
use greenlight_core::live::LiveEvent;
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{CoreError, Database, Greenlight, OpenConfig, TeamServer};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;

/// A port nothing listens on now (another cluster may use a fixed one).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn pg(action: &str, data: &Path, port: u16) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pg.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg(action)
        .env("GREENLIGHT_PG_PORT", port.to_string())
        .env("GREENLIGHT_PG_DATA", data)
        .output()
        .expect("run scripts/pg.sh");
    assert!(
        out.status.success(),
        "pg.sh {action}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn next_event(
    live: &mut tokio::sync::broadcast::Receiver<LiveEvent>,
    want: &str,
) -> LiveEvent {
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            match live.recv().await {
                Ok(e)
                    if matches!(
                        (&e, want),
                        (LiveEvent::Offline { .. }, "offline") | (LiveEvent::Online, "online")
                    ) =>
                {
                    return e
                }
                Ok(_) => continue,
                Err(e) => panic!("live feed closed: {e}"),
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no {want} event within 30 s"))
}

#[tokio::test]
async fn postgres_restarted_mid_session_is_reported_and_nothing_is_lost() {
    let data = std::env::temp_dir().join(format!("greenlight-pg-loss-{}", std::process::id()));
    let port = free_port();
    pg("start", &data, port);
    // Only this test runs in this binary, so pointing the helpers at this cluster is safe.
    std::env::set_var(
        support::ENV,
        format!("postgres://postgres@127.0.0.1:{port}/postgres"),
    );
    let db = support::fresh_database().await;
    let login = support::fresh_login().await;
    let dir = TempDir::new().expect("tmp");
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("secrets.json")));
    cfg.database = Database::Team(TeamServer::new(support::config_as(&db, &login)));
    let app = Greenlight::open(cfg).await.expect("open");
    let me = app.profiles().local_actor().await.expect("me");
    let mut live = app.live().expect("live");
    let p = app
        .projects()
        .create(&me, new_project("Before"))
        .await
        .expect("create");

    // The server goes away: the app is told, and a save fails clearly instead of hanging.
    pg("stop", &data, port);
    next_event(&mut live, "offline").await;
    let started = std::time::Instant::now();
    let err = app
        .projects()
        .create(&me, new_project("During"))
        .await
        .expect_err("server is down");
    assert!(matches!(err, CoreError::Offline(_)), "{err:?}");
    assert!(err.to_string().contains("cannot reach"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );

    // It comes back: the app is told, and work goes on with everything saved before intact.
    pg("start", &data, port);
    next_event(&mut live, "online").await;
    app.projects()
        .create(&me, new_project("After"))
        .await
        .expect("saves again after reconnecting");
    let titles: Vec<String> = app
        .projects()
        .list(true)
        .await
        .expect("list")
        .into_iter()
        .map(|s| s.project.title)
        .collect();
    assert!(
        titles.contains(&"Before".to_owned()) && titles.contains(&"After".to_owned()),
        "{titles:?}"
    );
    assert!(!titles.contains(&"During".to_owned()));
    assert!(app.projects().get(&p.id).await.is_ok());
    assert!(app.ledger().verify().await.expect("verify").ok);
    app.close().await;
    pg("stop", &data, port);
    let _ = std::fs::remove_dir_all(&data);
}
