//! `verify`: every chain, every recorded head, the schema-1 chain if any, and every revision's
//! text against the hash the ledger recorded when it was saved.
//!
//! Runs in one read transaction (a consistent snapshot) that is always closed: sqlx rolls it
//! back when it is dropped, also when a row fails to decode halfway.

use super::legacy;
use crate::open::Store;
use crate::query::Statement;
use crate::rows::{self, DbRow, EVENT_COLS};
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::events::EventBody;
use greenlight_domain::ledger::{ChainVerifier, Event, LedgerProblem, VerifyReport};
use greenlight_domain::revision::content_hash;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the ledger says a revision's text hashes to, and on which chain it said so.
struct Recorded {
    hash: String,
    chain: String,
}

/// A revision row as `verify` reads it.
struct RevisionRow {
    id: String,
    text: String,
    content_hash: String,
    project_id: String,
}

fn revision_row(r: &dyn DbRow) -> Result<RevisionRow> {
    Ok(RevisionRow {
        id: r.text("id")?,
        text: r.text("text")?,
        content_hash: r.text("content_hash")?,
        project_id: r.text("project_id")?,
    })
}

fn head_row(r: &dyn DbRow) -> Result<(String, (i64, String))> {
    Ok((r.text("chain")?, rows::head(r)?))
}

/// Walks the events of every chain in `(chain, seq)` order.
struct Walk {
    heads: BTreeMap<String, (i64, String)>,
    recorded: HashMap<String, Recorded>,
    /// The chain being read: its verifier, or `None` once it broke (its rest is skipped).
    current: Option<(String, Option<ChainVerifier>)>,
}

impl Walk {
    fn close(&mut self, report: &mut VerifyReport) {
        let Some((chain, v)) = self.current.take() else {
            return;
        };
        report.chains_checked += 1;
        let head = self.heads.remove(&chain);
        if let Some(v) = v {
            report.events_checked += v.checked();
            if let Err(p) = v.finish(head.as_ref().map(|(s, h)| (*s, h.as_str()))) {
                report.add(*p);
            }
        }
    }

    fn push(&mut self, event: Event, report: &mut VerifyReport) {
        let chain = event.chain.as_str().to_owned();
        if self.current.as_ref().map(|(c, _)| c) != Some(&chain) {
            self.close(report);
            self.current = Some((chain.clone(), Some(ChainVerifier::new(chain.clone()))));
        }
        let Some((_, slot)) = self.current.as_mut() else {
            return;
        };
        let Some(verifier) = slot.as_mut() else {
            return;
        };
        if let Err(p) = verifier.push(&event) {
            report.events_checked += verifier.checked();
            report.add(*p);
            *slot = None;
            return;
        }
        match event.body() {
            Ok(EventBody::RevisionSaved(r)) => {
                self.recorded.insert(
                    r.revision_id.to_string(),
                    Recorded {
                        hash: r.content_hash,
                        chain,
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
}

impl Store {
    /// Checks everything the ledger vouches for (on a team server: every chain the login may
    /// see). Problems are reported, not returned as errors: a broken chain is a finding, and
    /// every chain is checked whatever the others say.
    pub async fn verify_ledger(&self) -> Result<VerifyReport> {
        let mut tx = self.begin_read().await?;
        let mut report = VerifyReport::empty();
        let recorded = verify_chains(&mut tx, &mut report).await?;
        legacy::verify(&mut tx, &mut report).await?;
        let broken: HashSet<String> = report.problems.iter().map(|p| p.chain.clone()).collect();
        verify_revisions(&mut tx, recorded, &broken, &mut report).await?;
        tx.rollback().await?;
        Ok(report)
    }
}

async fn verify_chains(
    tx: &mut Tx,
    report: &mut VerifyReport,
) -> Result<HashMap<String, Recorded>> {
    let heads = tx
        .all(
            Statement::new("SELECT chain, seq, hash FROM ledger_heads WHERE seq > 0"),
            head_row,
        )
        .await?
        .into_iter()
        .collect();
    let mut walk = Walk {
        heads,
        recorded: HashMap::new(),
        current: None,
    };
    let sql = format!("SELECT {EVENT_COLS} FROM events ORDER BY chain, seq");
    tx.for_each(Statement::new(&sql), rows::event, |event| {
        walk.push(event, report);
        Ok(())
    })
    .await?;
    walk.close(report);
    // Heads whose chain has no event left at all.
    for (chain, (seq, hash)) in std::mem::take(&mut walk.heads) {
        report.chains_checked += 1;
        if let Err(p) = ChainVerifier::new(chain).finish(Some((seq, hash.as_str()))) {
            report.add(*p);
        }
    }
    Ok(walk.recorded)
}

async fn verify_revisions(
    tx: &mut Tx,
    mut recorded: HashMap<String, Recorded>,
    broken: &HashSet<String>,
    report: &mut VerifyReport,
) -> Result<()> {
    tx.for_each(
        Statement::new(
            "SELECT r.id, r.text, r.content_hash, d.project_id
             FROM revisions r JOIN documents d ON d.id = r.document_id ORDER BY r.id",
        ),
        revision_row,
        |row| {
            let (id, chain) = (row.id, row.project_id);
            let actual = content_hash(&row.text);
            report.revisions_checked += 1;
            let reason = match recorded.remove(&id) {
                // Events after a break vouch for nothing, so the break is the finding there.
                None if broken.contains(&chain) => Some("it cannot be vouched for: its project's record is broken before the event that recorded it".to_owned()),
                None => Some("no event of the ledger records this revision: it was added outside Greenlight".to_owned()),
                Some(r) if r.hash != actual => Some("its text does not match the hash recorded when it was saved: the text was changed afterwards".to_owned()),
                Some(r) if r.chain != chain => Some("it is recorded in another project's chain".to_owned()),
                Some(_) if row.content_hash != actual => Some("its stored hash does not match its text".to_owned()),
                Some(_) => None,
            };
            if let Some(reason) = reason {
                report.add(LedgerProblem::at_revision(&chain, &id, reason));
            }
            Ok(())
        },
    )
    .await?;
    for (id, r) in recorded {
        report.add(LedgerProblem::at_revision(
            &r.chain,
            &id,
            "the ledger records this revision but it is missing from the database".into(),
        ));
    }
    Ok(())
}
