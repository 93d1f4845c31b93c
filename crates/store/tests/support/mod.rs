//! A throwaway database on the real PostgreSQL server the test command starts
//! (`GREENLIGHT_TEST_PG`, a superuser URL such as `postgres://postgres@127.0.0.1:55432/postgres`).
//!
//! Each call makes a new database, sets Greenlight's schema up on it as the administrator
//! (`team_init`), and makes a new login that is a Greenlight person there, so tests never see
//! each other's data and run as an ordinary login, under row-level security.

#![allow(dead_code)]

use greenlight_store::{team_init, PgOptions, ServerConfig, Store, TlsMode, PEOPLE_ROLE};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, Executor};
use std::str::FromStr;

pub const ENV: &str = "GREENLIGHT_TEST_PG";

/// The administrator's URL; fails the test with instructions when the server is not set up.
pub fn admin_url() -> String {
    std::env::var(ENV).unwrap_or_else(|_| {
        panic!(
            "{ENV} is not set: these tests need a real PostgreSQL server. Run scripts/test.sh, \
             or start one with `scripts/pg.sh start` and export the URL it prints"
        )
    })
}

pub fn admin_config(database: &str) -> ServerConfig {
    let mut cfg = ServerConfig::from_url(&admin_url()).expect("admin url");
    cfg.database = database.to_owned();
    cfg.tls = TlsMode::Disable;
    cfg
}

/// A fresh database with Greenlight's schema; returns its name.
pub async fn fresh_database() -> String {
    let name = format!("gl_{}", unique());
    let mut admin = PgConnectOptions::from_str(&admin_url())
        .expect("url")
        .connect()
        .await
        .expect("connect as admin");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create database");
    admin.close().await.ok();
    // Concurrent tests may race to create the cluster-wide group role; retry once.
    for attempt in 0..3 {
        match team_init(&admin_config(&name), None, PgOptions::default()).await {
            Ok(_) => break,
            Err(e) if attempt < 2 => eprintln!("team init retry: {e}"),
            Err(e) => panic!("team init: {e}"),
        }
    }
    name
}

/// A new login that is a Greenlight person on the cluster (not yet mapped to a profile).
pub async fn fresh_login() -> String {
    let login = format!("gl_user_{}", unique());
    let mut admin = PgConnectOptions::from_str(&admin_url())
        .expect("url")
        .connect()
        .await
        .expect("connect as admin");
    admin
        .execute(format!("CREATE ROLE {login} LOGIN IN ROLE {PEOPLE_ROLE}").as_str())
        .await
        .expect("create login");
    admin.close().await.ok();
    login
}

pub fn config_as(database: &str, login: &str) -> ServerConfig {
    let mut cfg = admin_config(database);
    cfg.user = login.to_owned();
    cfg
}

pub async fn open_as(database: &str, login: &str) -> Store {
    Store::open_postgres(&config_as(database, login), None, PgOptions::default())
        .await
        .expect("open as login")
}

/// A plain SQL connection as `login` (not through Greenlight's code).
pub async fn plain_sql_as(database: &str, login: &str) -> sqlx::PgConnection {
    PgConnectOptions::from_str(&config_as(database, login).to_url())
        .expect("url")
        .connect()
        .await
        .expect("plain connect")
}

fn unique() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::Relaxed)
    )
}
