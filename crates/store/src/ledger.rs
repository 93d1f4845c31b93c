//! Appending to and reading the hash-chained event log.

use crate::error::StoreError;
use crate::open::Store;
use crate::rows::{self, EVENT_COLS};
use crate::tx::Tx;
use crate::Result;
use futures_util::TryStreamExt;
use greenlight_domain::ledger::{chain, ChainVerifier, Event, EventDraft, VerifyReport};
use sqlx::Row;

impl Tx {
    /// Chains `draft` after the newest event and stores it, with the head, in this
    /// transaction. `BEGIN IMMEDIATE` serializes writers, and `seq` is the primary key, so
    /// two appends can never fork the chain.
    pub async fn append_event(&mut self, draft: EventDraft, at: i64) -> Result<Event> {
        let head = sqlx::query("SELECT seq, hash FROM ledger_head WHERE id = 1")
            .fetch_optional(&mut *self.inner)
            .await
            .map_err(|e| self.err(e))?;
        let prev = match head {
            Some(r) => Some((
                r.try_get::<i64, _>("seq").map_err(StoreError::Database)?,
                r.try_get::<String, _>("hash")
                    .map_err(StoreError::Database)?,
            )),
            None => None,
        };
        let event = chain(draft, prev.as_ref().map(|(s, h)| (*s, h.as_str())), at);
        let sql = format!(
            "INSERT INTO events ({EVENT_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        );
        sqlx::query(&sql)
            .bind(event.seq)
            .bind(event.id.as_str())
            .bind(event.at)
            .bind(event.actor.as_str())
            .bind(&event.kind)
            .bind(&event.subject)
            .bind(event.project_id.as_ref().map(|p| p.as_str()))
            .bind(&event.payload)
            .bind(&event.prev_hash)
            .bind(&event.hash)
            .execute(&mut *self.inner)
            .await
            .map_err(|e| self.err(e))?;
        sqlx::query(
            "INSERT INTO ledger_head (id, seq, hash) VALUES (1, ?1, ?2)
             ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        )
        .bind(event.seq)
        .bind(&event.hash)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| self.err(e))?;
        Ok(event)
    }
}

impl Store {
    /// Recomputes the whole chain in stored order, streaming (constant memory), and names the
    /// first event that fails.
    pub async fn verify_ledger(&self) -> Result<VerifyReport> {
        let mut conn = self.pool.acquire().await.map_err(|e| self.err(e))?;
        // One read transaction, so the head and the events are the same snapshot.
        sqlx::query("BEGIN")
            .execute(&mut *conn)
            .await
            .map_err(|e| self.err(e))?;
        let head = sqlx::query("SELECT seq, hash FROM ledger_head WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await
            .map_err(|e| self.err(e))?
            .map(|r| -> Result<(i64, String)> {
                Ok((
                    r.try_get("seq").map_err(StoreError::Database)?,
                    r.try_get("hash").map_err(StoreError::Database)?,
                ))
            })
            .transpose()?;
        let mut verifier = ChainVerifier::new();
        let mut broken = None;
        {
            let sql = format!("SELECT {EVENT_COLS} FROM events ORDER BY seq");
            let mut rows = sqlx::query(&sql).fetch(&mut *conn);
            while let Some(row) = rows.try_next().await.map_err(|e| self.err(e))? {
                let event = rows::event(&row)?;
                if let Err(b) = verifier.push(&event) {
                    broken = Some(b);
                    break;
                }
            }
        }
        sqlx::query("COMMIT")
            .execute(&mut *conn)
            .await
            .map_err(|e| self.err(e))?;
        Ok(match broken {
            Some(b) => verifier.fail(b),
            None => verifier.finish(head.as_ref().map(|(s, h)| (*s, h.as_str()))),
        })
    }

    /// Every event, oldest first (for export and tests; the ledger can be large).
    pub async fn all_events(&self) -> Result<Vec<Event>> {
        let sql = format!("SELECT {EVENT_COLS} FROM events ORDER BY seq");
        let rows = sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        rows.iter().map(rows::event).collect()
    }

    /// Runs raw SQL against the database. For tamper tests and maintenance only: it bypasses
    /// every rule of the domain.
    #[doc(hidden)]
    pub async fn execute_raw_for_tests(&self, sql: &str) -> Result<()> {
        sqlx::raw_sql(sql)
            .execute(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}
