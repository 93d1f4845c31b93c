//! The hash-chained event log: appending (here), verifying ([`verify`]) and the one-time
//! re-linking of a schema-1 global chain into one chain per project ([`legacy`]).

mod keys;
mod legacy;
mod signers;
mod verify;

pub use signers::Signers;

use crate::backend::Backend;
use crate::open::Store;
use crate::query::Statement;
use crate::rows::{self, EVENT_COLS};
use crate::tx::Tx;
use crate::{Result, StoreError};
use greenlight_domain::events::payloads::KeyRegistered;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::UserId;
use greenlight_domain::ledger::signing::head_message;
use greenlight_domain::ledger::{
    link, link_signed, ChainId, Event, EventDraft, LedgerKey, Unlinked,
};
use std::sync::Arc;

impl Tx {
    /// Chains `draft` after the newest event of its chain (its project's, or the workspace's)
    /// and stores it, with the chain's head, in this transaction. The write lock (SQLite's
    /// `BEGIN IMMEDIATE`) serializes appends, and `(chain, seq)` is unique, so two appends can
    /// never fork a chain.
    pub async fn append_event(&mut self, draft: EventDraft, at: i64) -> Result<Event> {
        self.link_and_insert(draft.unlinked(at)).await
    }

    /// Signs `u` with its actor's key (held in the store's [`Signers`]) and appends it, with
    /// its chain's head signed by the same key. A person with no key here, or whose key was
    /// retired, cannot append.
    pub(crate) async fn link_and_insert(&mut self, u: Unlinked) -> Result<Event> {
        let (key, prev) = self.signing_head(&u.actor, &u.chain, u.at).await?;
        let event = link_signed(u, prev.as_ref().map(|(s, h)| (*s, h.as_str())), &key);
        self.insert_signed(&event, &key).await?;
        Ok(event)
    }

    /// Registers `person`'s key on `chain` (a `key.registered` event) unless it is there
    /// already: a rotated key shows on the record at once.
    pub async fn register_key_on(
        &mut self,
        person: &UserId,
        chain: &ChainId,
        at: i64,
    ) -> Result<()> {
        self.signing_head(person, chain, at).await.map(|_| ())
    }

    /// `person`'s usable key and `chain`'s head (locked), after the key's `key.registered`
    /// event, which precedes a key's first other event on each chain so that every chain
    /// carries the public keys that verify it.
    async fn signing_head(
        &mut self,
        person: &UserId,
        chain: &ChainId,
        at: i64,
    ) -> Result<(Arc<LedgerKey>, Option<(i64, String)>)> {
        let key = self
            .signers
            .get(person)
            .ok_or_else(|| StoreError::NoSigningKey {
                person: person.to_string(),
            })?;
        let key_id = key.key_id();
        self.usable_key(person, &key_id).await?;
        let prev = self.lock_head(chain.as_str()).await?;
        if self.key_on_chain(chain.as_str(), &key_id).await? {
            return Ok((key, prev));
        }
        // It replaces the person's key on this chain, whichever that is (after several
        // rotations, not necessarily the one the new key directly succeeded).
        let replaces = self.latest_key_on_chain(chain.as_str(), person).await?;
        let registration = EventDraft {
            actor: person.clone(),
            subject: format!("key:{key_id}"),
            project_id: chain.project().cloned(),
            body: EventBody::KeyRegistered(KeyRegistered { key_id, replaces }),
        }
        .unlinked(at);
        let e = link_signed(
            registration,
            prev.as_ref().map(|(s, h)| (*s, h.as_str())),
            &key,
        );
        self.insert_signed(&e, &key).await?;
        Ok((key, Some((e.seq, e.hash))))
    }

    /// Stores a signed event and moves its chain's head to it, signed by the same key.
    async fn insert_signed(&mut self, e: &Event, key: &LedgerKey) -> Result<()> {
        self.insert_event(e).await?;
        let signature = key.sign(&head_message(e.chain.as_str(), e.seq, &e.hash));
        self.set_head(e, Some((&key.key_id(), &signature))).await
    }

    /// Links `u` unsigned after its chain's head and appends it: only for schema-1 events
    /// re-linked into their chains (they predate signatures; `verify` checks them against
    /// the old log).
    pub(crate) async fn insert_unsigned(&mut self, u: Unlinked) -> Result<Event> {
        let prev = self.lock_head(u.chain.as_str()).await?;
        let event = link(u, prev.as_ref().map(|(s, h)| (*s, h.as_str())));
        self.insert_linked(&event).await?;
        Ok(event)
    }

    /// Stores a linked event exactly as it is and moves its chain's head to it (the head is
    /// locked already), unsigned: the next signed append signs the head.
    pub(crate) async fn insert_linked(&mut self, event: &Event) -> Result<()> {
        self.insert_event(event).await?;
        self.set_head(event, None).await
    }

    async fn insert_event(&mut self, event: &Event) -> Result<()> {
        let sql = format!(
            "INSERT INTO events ({EVENT_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
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
                .text(&event.hash)
                .opt_text(event.key_id.as_deref())
                .opt_text(event.signature.as_deref()),
        )
        .await?;
        Ok(())
    }

    async fn set_head(&mut self, event: &Event, signed: Option<(&str, &str)>) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO ledger_heads (chain, seq, hash, key_id, signature) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT(chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
                   key_id = excluded.key_id, signature = excluded.signature",
            )
            .text(event.chain.as_str())
            .int(event.seq)
            .text(&event.hash)
            .opt_text(signed.map(|(k, _)| k))
            .opt_text(signed.map(|(_, s)| s)),
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

    /// The events of one kind, oldest first: on `chain`, or on every chain the login may see.
    pub async fn events_of_kind(&self, chain: Option<&ChainId>, kind: &str) -> Result<Vec<Event>> {
        match chain {
            Some(c) => {
                let sql = format!(
                    "SELECT {EVENT_COLS} FROM events WHERE chain = $1 AND kind = $2 ORDER BY seq"
                );
                self.all(
                    Statement::new(&sql).text(c.as_str()).text(kind),
                    rows::event,
                )
                .await
            }
            None => {
                let sql = format!("SELECT {EVENT_COLS} FROM events WHERE kind = $1 ORDER BY pos");
                self.all(Statement::new(&sql).text(kind), rows::event).await
            }
        }
    }

    /// The hash of event `seq` of `chain`, if the chain holds it.
    pub async fn event_hash_at(&self, chain: &str, seq: i64) -> Result<Option<String>> {
        self.optional(
            Statement::new("SELECT hash FROM events WHERE chain = $1 AND seq = $2")
                .text(chain)
                .int(seq),
            |r| r.text("hash"),
        )
        .await
    }

    /// A chain's recorded head `(seq, hash)`, if it has one.
    pub async fn chain_head(&self, chain: &str) -> Result<Option<(i64, String)>> {
        let head = self
            .optional(
                Statement::new("SELECT seq, hash FROM ledger_heads WHERE chain = $1").text(chain),
                rows::head,
            )
            .await?;
        Ok(head.filter(|(seq, _)| *seq > 0))
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
