//! The hash-chained event log: appending (here), verifying ([`verify`]) and the one-time
//! re-linking of a schema-1 global chain into one chain per project ([`legacy`]).

mod legacy;
mod verify;

use crate::backend::Backend;
use crate::open::Store;
use crate::query::Statement;
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
        let prev = self.lock_head(u.chain.as_str()).await?;
        let event = link(u, prev.as_ref().map(|(s, h)| (*s, h.as_str())));
        self.insert_linked(&event).await?;
        Ok(event)
    }

    /// Stores a linked event and moves its chain's head to it (the head is locked already).
    pub(crate) async fn insert_linked(&mut self, event: &Event) -> Result<()> {
        let sql = format!(
            "INSERT INTO events ({EVENT_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        );
        self.exec(
            Statement::new(&sql)
                .text(event.chain.as_str())
                .int(event.seq)
                .text(event.id.as_str())
                .int(event.at)
                .text(event.actor.as_str())
                .text(&event.kind)
                .int(event.schema_version)
                .text(&event.subject)
                .text(&event.payload)
                .text(&event.prev_hash)
                .text(&event.hash),
        )
        .await?;
        self.exec(
            Statement::new(
                "INSERT INTO ledger_heads (chain, seq, hash) VALUES ($1, $2, $3)
                 ON CONFLICT(chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            )
            .text(event.chain.as_str())
            .int(event.seq)
            .text(&event.hash),
        )
        .await?;
        Ok(())
    }

    /// The chain's head, held until commit so that appends to one chain are serialized.
    ///
    /// SQLite's write lock already serializes every writer. On PostgreSQL the head row is
    /// locked (`FOR UPDATE`); for a chain with no head yet an empty head (seq 0) is inserted
    /// first, so two first appends queue on that row instead of racing to seq 1. Appends to
    /// other chains lock other rows and never wait.
    pub(crate) async fn lock_head(&mut self, chain: &str) -> Result<Option<(i64, String)>> {
        if self.backend() == Backend::Postgres {
            self.exec(
                Statement::new(
                    "INSERT INTO ledger_heads (chain, seq, hash) VALUES ($1, 0, '')
                     ON CONFLICT(chain) DO NOTHING",
                )
                .text(chain),
            )
            .await?;
        }
        let sql = format!(
            "SELECT seq, hash FROM ledger_heads WHERE chain = $1{}",
            self.lock_clause()
        );
        let head = self
            .optional(Statement::new(&sql).text(chain), rows::head)
            .await?;
        Ok(head.filter(|(seq, _)| *seq > 0))
    }
}

impl Store {
    /// Every event of one chain, oldest first (for export and tests; a chain can be large).
    pub async fn chain_events(&self, chain: &ChainId) -> Result<Vec<Event>> {
        let sql = format!("SELECT {EVENT_COLS} FROM events WHERE chain = $1 ORDER BY seq");
        self.all(Statement::new(&sql).text(chain.as_str()), rows::event)
            .await
    }

    /// Every event of every chain (that the login may see), in the order they were appended.
    pub async fn all_events(&self) -> Result<Vec<Event>> {
        let sql = format!("SELECT {EVENT_COLS} FROM events ORDER BY pos");
        self.all(Statement::new(&sql), rows::event).await
    }

    /// Runs raw SQL against the database. For tamper tests only: it bypasses every rule of the
    /// domain, so it is not compiled into release builds.
    #[doc(hidden)]
    #[cfg(debug_assertions)]
    pub async fn execute_raw_for_tests(&self, sql: &str) -> Result<()> {
        crate::backend::on_pool!(&self.pool, p => {
            sqlx::raw_sql(sql).execute(p).await.map_err(|e| self.err(e))?;
        });
        Ok(())
    }
}
