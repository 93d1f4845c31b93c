//! The two backends behind one API: an enum over two typed sqlx pools.
//!
//! Why not sqlx's `Any` driver: it maps types by name at run time and fails on SQLite's
//! BOOLEAN affinity; why not a trait with two implementations: every query would be written
//! twice. Instead each query is written once, with `$n` placeholders that both drivers accept,
//! and [`on_pool!`] / [`on_tx!`] expand its body once per backend, so each expansion is
//! type-checked against its own driver. Where the SQL really differs (locking, identity,
//! row-level security) the code says so with a `match` on [`Backend`].

use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

/// Which engine a [`crate::Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded database in the data folder: one person.
    Sqlite,
    /// A shared PostgreSQL server: a team, each person with their own login.
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Debug)]
pub(crate) enum TxConn {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Pool {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }
}

impl TxConn {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            TxConn::Sqlite(_) => Backend::Sqlite,
            TxConn::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Runs `$body` with `$p` bound to the concrete pool (`&SqlitePool` or `&PgPool`).
macro_rules! on_pool {
    ($pool:expr, $p:ident => $body:expr) => {
        match $pool {
            $crate::backend::Pool::Sqlite($p) => $body,
            $crate::backend::Pool::Postgres($p) => $body,
        }
    };
}

/// Runs `$body` with `$c` bound to the transaction's concrete connection.
macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::backend::TxConn::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::backend::TxConn::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

pub(crate) use {on_pool, on_tx};
