//! `verify`: every chain, every recorded head, the schema-1 chain if any, and every revision's
//! text against the hash the ledger recorded when it was saved.
//!
//! Runs in one read transaction (a consistent snapshot) that is always closed: sqlx rolls it
//! back when it is dropped, also when a row fails to decode halfway.

use super::legacy;
use crate::error::StoreError;
use crate::open::Store;
use crate::rows::{self, EVENT_COLS};
use crate::Result;
use futures_util::TryStreamExt;
use greenlight_domain::events::EventBody;
use greenlight_domain::ledger::{ChainVerifier, LedgerProblem, VerifyReport};
use greenlight_domain::revision::content_hash;
use sqlx::{Row, Sqlite, Transaction};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the ledger says a revision's text hashes to, and on which chain it said so.
struct Recorded {
    hash: String,
    chain: String,
}

impl Store {
    /// Checks everything the ledger vouches for. Problems are reported, not returned as
    /// errors: a broken chain is a finding, and every chain is checked whatever the others say.
    pub async fn verify_ledger(&self) -> Result<VerifyReport> {
        let mut tx = self.pool.begin().await.map_err(|e| self.err(e))?;
        let mut report = VerifyReport::empty();
        let recorded = self.verify_chains(&mut tx, &mut report).await?;
        legacy::verify(self, &mut tx, &mut report).await?;
        let broken: HashSet<String> = report.problems.iter().map(|p| p.chain.clone()).collect();
        self.verify_revisions(&mut tx, recorded, &broken, &mut report)
            .await?;
        tx.rollback().await.map_err(|e| self.err(e))?;
        Ok(report)
    }

    async fn verify_chains(
        &self,
        tx: &mut Transaction<'static, Sqlite>,
        report: &mut VerifyReport,
    ) -> Result<HashMap<String, Recorded>> {
        let mut heads: BTreeMap<String, (i64, String)> = BTreeMap::new();
        for r in sqlx::query("SELECT chain, seq, hash FROM ledger_heads")
            .fetch_all(&mut **tx)
            .await
            .map_err(|e| self.err(e))?
        {
            heads.insert(rows::get(&r, "chain")?, rows::head(&r)?);
        }
        let mut recorded = HashMap::new();
        // The chain being read: its verifier, or `None` once it broke (its rest is skipped).
        let mut current: Option<(String, Option<ChainVerifier>)> = None;
        let mut close = |chain: String, v: Option<ChainVerifier>, report: &mut VerifyReport| {
            report.chains_checked += 1;
            let head = heads.remove(&chain);
            if let Some(v) = v {
                report.events_checked += v.checked();
                if let Err(p) = v.finish(head.as_ref().map(|(s, h)| (*s, h.as_str()))) {
                    report.add(*p);
                }
            }
        };
        let sql = format!("SELECT {EVENT_COLS} FROM events ORDER BY chain, seq");
        let mut rows = sqlx::query(&sql).fetch(&mut **tx);
        while let Some(row) = rows.try_next().await.map_err(|e| self.err(e))? {
            let event = rows::event(&row)?;
            let chain = event.chain.as_str().to_owned();
            if current.as_ref().map(|(c, _)| c) != Some(&chain) {
                if let Some((c, v)) = current.take() {
                    close(c, v, report);
                }
                current = Some((chain.clone(), Some(ChainVerifier::new(chain.clone()))));
            }
            let Some((_, slot)) = current.as_mut() else {
                continue;
            };
            let Some(verifier) = slot.as_mut() else {
                continue;
            };
            if let Err(p) = verifier.push(&event) {
                report.events_checked += verifier.checked();
                report.add(*p);
                *slot = None;
                continue;
            }
            match event.body() {
                Ok(EventBody::RevisionSaved(r)) => {
                    recorded.insert(
                        r.revision_id.to_string(),
                        Recorded {
                            hash: r.content_hash,
                            chain: chain.clone(),
                        },
                    );
                }
                Ok(_) => {}
                Err(e) => report.add(LedgerProblem::at_event(
                    &chain,
                    event.seq,
                    event.id.as_str(),
                    format!("its payload cannot be read: {e}"),
                )),
            }
        }
        drop(rows);
        if let Some((c, v)) = current.take() {
            close(c, v, report);
        }
        // Heads whose chain has no event left at all.
        for (chain, (seq, hash)) in std::mem::take(&mut heads) {
            report.chains_checked += 1;
            if let Err(p) = ChainVerifier::new(chain).finish(Some((seq, hash.as_str()))) {
                report.add(*p);
            }
        }
        Ok(recorded)
    }

    async fn verify_revisions(
        &self,
        tx: &mut Transaction<'static, Sqlite>,
        mut recorded: HashMap<String, Recorded>,
        broken: &HashSet<String>,
        report: &mut VerifyReport,
    ) -> Result<()> {
        let mut rows = sqlx::query(
            "SELECT r.id, r.text, r.content_hash, d.project_id
             FROM revisions r JOIN documents d ON d.id = r.document_id ORDER BY r.id",
        )
        .fetch(&mut **tx);
        while let Some(row) = rows.try_next().await.map_err(|e| self.err(e))? {
            let get = |c: &str| row.try_get::<String, _>(c).map_err(StoreError::Database);
            let (id, chain) = (get("id")?, get("project_id")?);
            let actual = content_hash(&get("text")?);
            report.revisions_checked += 1;
            let reason = match recorded.remove(&id) {
                // Events after a break vouch for nothing, so the break is the finding there.
                None if broken.contains(&chain) => Some("it cannot be vouched for: its project's record is broken before the event that recorded it".to_owned()),
                None => Some("no event of the ledger records this revision: it was added outside Greenlight".to_owned()),
                Some(r) if r.hash != actual => Some("its text does not match the hash recorded when it was saved: the text was changed afterwards".to_owned()),
                Some(r) if r.chain != chain => Some("it is recorded in another project's chain".to_owned()),
                Some(_) if get("content_hash")? != actual => Some("its stored hash does not match its text".to_owned()),
                Some(_) => None,
            };
            if let Some(reason) = reason {
                report.add(LedgerProblem::at_revision(&chain, &id, reason));
            }
        }
        for (id, r) in recorded {
            report.add(LedgerProblem::at_revision(
                &r.chain,
                &id,
                "the ledger records this revision but it is missing from the database".into(),
            ));
        }
        Ok(())
    }
}
