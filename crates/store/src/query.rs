//! Running a query on whichever backend a [`Store`] or [`Tx`] is on.
//!
//! A [`Statement`] is the SQL text (with `$n` placeholders, which both drivers accept) and its
//! arguments as plain values; binding happens inside [`on_pool!`] / [`on_tx!`], once per
//! backend, and rows come back as [`DbRow`] for the mapping functions of [`crate::rows`].

use crate::backend::{on_pool, on_tx};
use crate::error::StoreError;
use crate::open::Store;
use crate::rows::{self, DbRow};
use crate::tx::Tx;
use crate::Result;

/// One bound value of a [`Statement`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arg<'a> {
    Text(&'a str),
    OptText(Option<&'a str>),
    Int(i64),
    OptInt(Option<i64>),
    Flag(bool),
    Bytes(&'a [u8]),
}

/// A statement and its arguments, built once and bound on whichever backend runs it.
#[derive(Debug, Clone)]
pub(crate) struct Statement<'a> {
    sql: &'a str,
    args: Vec<Arg<'a>>,
}

impl<'a> Statement<'a> {
    pub(crate) fn new(sql: &'a str) -> Self {
        Self {
            sql,
            args: Vec::new(),
        }
    }
    pub(crate) fn text(mut self, v: &'a str) -> Self {
        self.args.push(Arg::Text(v));
        self
    }
    pub(crate) fn opt_text(mut self, v: Option<&'a str>) -> Self {
        self.args.push(Arg::OptText(v));
        self
    }
    pub(crate) fn int(mut self, v: i64) -> Self {
        self.args.push(Arg::Int(v));
        self
    }
    pub(crate) fn opt_int(mut self, v: Option<i64>) -> Self {
        self.args.push(Arg::OptInt(v));
        self
    }
    pub(crate) fn flag(mut self, v: bool) -> Self {
        self.args.push(Arg::Flag(v));
        self
    }
    pub(crate) fn bytes(mut self, v: &'a [u8]) -> Self {
        self.args.push(Arg::Bytes(v));
        self
    }
}

/// Builds the driver's query for `$q`, with every argument bound in order.
macro_rules! bound {
    ($q:expr) => {{
        let mut query = sqlx::query($q.sql);
        for a in &$q.args {
            query = match *a {
                Arg::Text(v) => query.bind(v),
                Arg::OptText(v) => query.bind(v),
                Arg::Int(v) => query.bind(v),
                Arg::OptInt(v) => query.bind(v),
                Arg::Flag(v) => query.bind(v),
                Arg::Bytes(v) => query.bind(v),
            };
        }
        query
    }};
}

impl Store {
    pub(crate) async fn all<T>(
        &self,
        q: Statement<'_>,
        map: fn(&dyn DbRow) -> Result<T>,
    ) -> Result<Vec<T>> {
        on_pool!(&self.pool, p => {
            let found = bound!(q).fetch_all(p).await.map_err(|e| self.err(e))?;
            found.iter().map(|r| map(r)).collect()
        })
    }

    pub(crate) async fn optional<T>(
        &self,
        q: Statement<'_>,
        map: fn(&dyn DbRow) -> Result<T>,
    ) -> Result<Option<T>> {
        on_pool!(&self.pool, p => {
            let found = bound!(q).fetch_optional(p).await.map_err(|e| self.err(e))?;
            found.map(|r| map(&r)).transpose()
        })
    }

    /// The one row `q` returns, or `what` (`id`) not found.
    pub(crate) async fn one<T>(
        &self,
        q: Statement<'_>,
        what: &'static str,
        id: &str,
        map: fn(&dyn DbRow) -> Result<T>,
    ) -> Result<T> {
        on_pool!(&self.pool, p => {
            let found = bound!(q).fetch_optional(p).await.map_err(|e| self.err(e))?;
            rows::found(found, what, id, map)
        })
    }
}

impl Tx {
    pub(crate) async fn all<T>(
        &mut self,
        q: Statement<'_>,
        map: fn(&dyn DbRow) -> Result<T>,
    ) -> Result<Vec<T>> {
        let path = self.path.clone();
        on_tx!(&mut self.inner, c => {
            let found = bound!(q)
                .fetch_all(c)
                .await
                .map_err(|e| StoreError::classify(e, &path))?;
            found.iter().map(|r| map(r)).collect()
        })
    }

    pub(crate) async fn optional<T>(
        &mut self,
        q: Statement<'_>,
        map: fn(&dyn DbRow) -> Result<T>,
    ) -> Result<Option<T>> {
        let path = self.path.clone();
        on_tx!(&mut self.inner, c => {
            let found = bound!(q)
                .fetch_optional(c)
                .await
                .map_err(|e| StoreError::classify(e, &path))?;
            found.map(|r| map(&r)).transpose()
        })
    }

    /// The one row `q` returns, or `what` (`id`) not found.
    pub(crate) async fn one<T>(
        &mut self,
        q: Statement<'_>,
        what: &'static str,
        id: &str,
        map: fn(&dyn DbRow) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        on_tx!(&mut self.inner, c => {
            let found = bound!(q)
                .fetch_optional(c)
                .await
                .map_err(|e| StoreError::classify(e, &path))?;
            rows::found(found, what, id, map)
        })
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    pub(crate) async fn exec(&mut self, q: Statement<'_>) -> Result<u64> {
        let path = self.path.clone();
        on_tx!(&mut self.inner, c => {
            bound!(q)
                .execute(c)
                .await
                .map(|done| done.rows_affected())
                .map_err(|e| StoreError::classify(e, &path))
        })
    }
}

/// Maps a single-column integer result (`count(*)` and the like).
pub(crate) fn int0(row: &dyn DbRow) -> Result<i64> {
    row.int("n")
}

impl Tx {
    /// Streams the rows of `q` through `each`, one at a time (for scans over a whole table).
    pub(crate) async fn for_each<T>(
        &mut self,
        q: Statement<'_>,
        map: fn(&dyn DbRow) -> Result<T>,
        mut each: impl FnMut(T) -> Result<()>,
    ) -> Result<()> {
        use futures_util::TryStreamExt;
        let path = self.path.clone();
        on_tx!(&mut self.inner, c => {
            let mut found = bound!(q).fetch(c);
            while let Some(r) = found
                .try_next()
                .await
                .map_err(|e| StoreError::classify(e, &path))?
            {
                each(map(&r)?)?;
            }
            Ok(())
        })
    }
}
