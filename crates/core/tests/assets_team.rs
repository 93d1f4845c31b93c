//! Assets on a team server: bytes stored in the database in chunks, read back in ranges; only
//! the roles the permission table names may import, through Greenlight or plain SQL; a
//! project moves to the server and back with its assets' bytes.

mod common;
#[path = "../../store/tests/support/mod.rs"]
mod support;

use common::media::png;
use common::{new_project, write};
use greenlight_core::domain::ids::ProjectId;
use greenlight_core::domain::permission::{allowed, Action};
use greenlight_core::domain::workflow::Role;
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{CoreError, Database, Greenlight, OpenConfig, TeamServer};
use sqlx::{Executor, Row};
use std::sync::Arc;
use tempfile::TempDir;

async fn open_as(db: &str, login: &str, dir: &TempDir) -> Greenlight {
    let mut cfg = OpenConfig::new(dir.path());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("secrets.json")));
    cfg.database = Database::Team(TeamServer::new(support::config_as(db, login)));
    Greenlight::open(cfg).await.expect("open as login")
}

async fn count(conn: &mut sqlx::PgConnection, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(&mut *conn)
        .await
        .expect(sql)
        .get::<i64, _>(0)
}

#[tokio::test]
async fn bytes_live_in_the_database_and_only_writers_and_producers_import() {
    let db = support::fresh_database().await;
    let alice = support::fresh_login().await;
    let (da, files) = (TempDir::new().expect("tmp"), TempDir::new().expect("files"));
    let app_a = open_as(&db, &alice, &da).await;
    let me = app_a.profiles().local_actor().await.expect("alice");
    let pid = app_a
        .projects()
        .create(&me, new_project("Team pilot"))
        .await
        .expect("project")
        .id;
    // Larger than one chunk, so ranges cross chunk boundaries.
    let pdf: Vec<u8> = {
        let mut v = b"%PDF-1.7\n".to_vec();
        v.extend((0..(3 * 1024 * 1024 + 17)).map(|i| (i % 251) as u8));
        v.extend_from_slice(b"\n%%EOF\n");
        v
    };
    let path = write(&files, "board.pdf", &pdf);
    let done = app_a
        .assets()
        .import(&me, &pid, &path, None)
        .await
        .expect("import");
    assert!(!done.deduplicated);
    let content = app_a
        .assets()
        .content(&done.version.id)
        .await
        .expect("content");
    assert_eq!(content.file, None, "no local file on a team server");
    let at = 1024 * 1024 - 5;
    let range = app_a
        .assets()
        .read_range(&done.version.id, at as u64, 2 * 1024 * 1024)
        .await
        .expect("range");
    assert_eq!(range, pdf[at..at + 2 * 1024 * 1024]);
    let again = app_a
        .assets()
        .import(&me, &pid, &path, Some("board copy.pdf"))
        .await
        .expect("copy");
    assert!(again.deduplicated, "the project already holds these bytes");
    assert!(
        std::fs::read_dir(da.path().join("blobs")).is_err(),
        "nothing on local disk"
    );

    // Every role tries to import; the table decides, and the database agrees in plain SQL.
    let img = write(&files, "still.png", &png(4, 4, 9));
    for role in Role::ALL {
        let login = support::fresh_login().await;
        let dir = TempDir::new().expect("tmp");
        let app = open_as(&db, &login, &dir).await;
        let who = app.profiles().local_actor().await.expect("actor");
        app_a.members().add(&me, &pid, &who.id).await.expect("add");
        app_a
            .members()
            .set_roles(&me, &pid, &who.id, &[role])
            .await
            .expect("roles");
        let name = format!("still {role:?}.png");
        let tried = app.assets().import(&who, &pid, &img, Some(&name)).await;
        let may = allowed(&[role], Action::ImportAsset);
        match (&tried, may) {
            (Ok(_), true) => {}
            (Err(CoreError::Forbidden(why)), false) => {
                assert!(why.contains("may not import assets"), "{why}")
            }
            other => panic!("{role:?}: {other:?}"),
        }
        assert!(app.assets().list(&pid).await.expect("members read").len() >= 2);
        let mut sql = support::plain_sql_as(&db, &login).await;
        let insert = format!(
            "INSERT INTO assets (id, project_id, name, kind, created_by, created_at)
             VALUES ('x-{role:?}', '{pid}', 'sneaky {role:?}', 'image', '{}', 1)",
            who.id
        );
        assert_eq!(
            sql.execute(insert.as_str()).await.is_ok(),
            may,
            "{role:?}: {insert}"
        );
        let blob = format!(
            "INSERT INTO asset_blobs (project_id, hash, size) VALUES ('{pid}', '{}', 1)",
            format!("{:02x}", role as u8).repeat(32)
        );
        assert_eq!(
            sql.execute(blob.as_str()).await.is_ok(),
            may,
            "{role:?}: {blob}"
        );
        for sql_text in [
            format!(
                "UPDATE asset_versions SET size = 1 WHERE id = '{}'",
                done.version.id
            ),
            format!("DELETE FROM asset_chunks WHERE project_id = '{pid}'"),
        ] {
            assert!(sql.execute(sql_text.as_str()).await.is_err(), "{sql_text}");
        }
    }
    // Someone who is no member sees no asset and no byte.
    let outsider = support::fresh_login().await;
    let dir = TempDir::new().expect("tmp");
    open_as(&db, &outsider, &dir).await;
    let mut sql = support::plain_sql_as(&db, &outsider).await;
    assert_eq!(count(&mut sql, "SELECT count(*) FROM assets").await, 0);
    assert_eq!(
        count(&mut sql, "SELECT count(*) FROM asset_chunks").await,
        0
    );
}

#[tokio::test]
async fn a_project_moves_to_the_server_and_back_with_its_assets() {
    let db = support::fresh_database().await;
    let login = support::fresh_login().await;
    let (dl, dt, files) = (
        TempDir::new().expect("tmp"),
        TempDir::new().expect("tmp"),
        TempDir::new().expect("files"),
    );
    let mut cfg = OpenConfig::new(dl.path());
    cfg.credentials = Arc::new(SecretsFile::new(dl.path().join("secrets.json")));
    let local = Greenlight::open(cfg).await.expect("local");
    let team = open_as(&db, &login, &dt).await;
    let me = local.profiles().local_actor().await.expect("me");
    let pid: ProjectId = local
        .projects()
        .create(&me, new_project("Pilot"))
        .await
        .expect("project")
        .id;
    let bytes = png(20, 10, 7);
    let path = write(&files, "poster.png", &bytes);
    let v1 = local
        .assets()
        .import(&me, &pid, &path, None)
        .await
        .expect("v1");
    let blob = local
        .assets()
        .content(&v1.version.id)
        .await
        .expect("c")
        .file
        .expect("file");
    assert!(blob.exists());

    let me_team = team.profiles().local_actor().await.expect("team me");
    local
        .move_project(&me, &team, &me_team, &pid)
        .await
        .expect("to team");
    assert!(
        !blob.exists(),
        "the moved-out project's blob is removed locally"
    );
    let there = team.assets().list(&pid).await.expect("list");
    assert_eq!(there.len(), 1);
    assert_eq!(there[0].latest, v1.version);
    let read = team
        .assets()
        .read_range(&v1.version.id, 0, bytes.len() + 10)
        .await
        .expect("read");
    assert_eq!(read, bytes);

    team.move_project(&me_team, &local, &me, &pid)
        .await
        .expect("back");
    let back = local.assets().content(&v1.version.id).await.expect("back");
    assert_eq!(
        std::fs::read(back.file.expect("file")).expect("blob"),
        bytes
    );
    assert!(local.ledger().verify().await.expect("verify").ok);
}
