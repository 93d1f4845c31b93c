//! The hash-chained event log: appending (here), verifying ([`verify`]) and the one-time
//! re-linking of a schema-1 global chain into one chain per project ([`legacy`]).

mod legacy;
mod verify;

use crate::open::Store;
use crate::rows::{self, EVENT_COLS};
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::ledger::{link, ChainId, Event, EventDraft, Unlinked};

impl Tx {
    /// Chains `draft` after the newest event of its chain (its project's, or the workspace's)
    /// and stores it, with the chain's head, in this transaction. The write lock (SQLite's
    /// `BEGIN IMMEDIATE`) serializes appends, and `(chain, seq)` is unique, so two appends can
    /// never fork a chain.
    pub async fn append_event(&mut self, draft: EventDraft, at: i64) -> Result<Event> {
        self.link_and_insert(draft.unlinked(at)).await
    }

    pub(crate) async fn link_and_insert(&mut self, u: Unlinked) -> Result<Event> {
        let head = sqlx::query("SELECT seq, hash FROM ledger_heads WHERE chain = ?1")
            .bind(u.chain.as_str())
            .fetch_optional(&mut *self.inner)
            .await
            .map_err(|e| self.err(e))?;
        let prev = head.map(|r| rows::head(&r)).transpose()?;
        let event = link(u, prev.as_ref().map(|(s, h)| (*s, h.as_str())));
        let sql = format!(
            "INSERT INTO events ({EVENT_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        );
        sqlx::query(&sql)
            .bind(event.chain.as_str())
            .bind(event.seq)
            .bind(event.id.as_str())
            .bind(event.at)
            .bind(event.actor.as_str())
            .bind(&event.kind)
            .bind(event.schema_version)
            .bind(&event.subject)
            .bind(&event.payload)
            .bind(&event.prev_hash)
            .bind(&event.hash)
            .execute(&mut *self.inner)
            .await
            .map_err(|e| self.err(e))?;
        sqlx::query(
            "INSERT INTO ledger_heads (chain, seq, hash) VALUES (?1, ?2, ?3)
             ON CONFLICT(chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        )
        .bind(event.chain.as_str())
        .bind(event.seq)
        .bind(&event.hash)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| self.err(e))?;
        Ok(event)
    }
}

impl Store {
    /// Every event of one chain, oldest first (for export and tests; a chain can be large).
    pub async fn chain_events(&self, chain: &ChainId) -> Result<Vec<Event>> {
        let sql = format!("SELECT {EVENT_COLS} FROM events WHERE chain = ?1 ORDER BY seq");
        let rows = sqlx::query(&sql)
            .bind(chain.as_str())
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        rows.iter().map(rows::event).collect()
    }

    /// Every event of every chain, in the order they were appended.
    pub async fn all_events(&self) -> Result<Vec<Event>> {
        let sql = format!("SELECT {EVENT_COLS} FROM events ORDER BY pos");
        let rows = sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        rows.iter().map(rows::event).collect()
    }

    /// Runs raw SQL against the database. For tamper tests only: it bypasses every rule of the
    /// domain, so it is not compiled into release builds.
    #[doc(hidden)]
    #[cfg(debug_assertions)]
    pub async fn execute_raw_for_tests(&self, sql: &str) -> Result<()> {
        sqlx::raw_sql(sql)
            .execute(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}
