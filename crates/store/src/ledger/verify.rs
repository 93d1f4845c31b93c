//! `verify`: every chain, every recorded head and every signature, the schema-1 chain if any,
//! and every revision's text against the hash the ledger recorded when it was saved.
//!
//! Signatures are gathered as the events stream by and checked in bulk (Ed25519 batch
//! verification on every core) every [`FLUSH_EVERY`] signatures, which bounds memory; a chain
//! whose signature fails is reported at that event, even when the walk went on past it.
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
use greenlight_domain::ids::{EventId, UserId};
use greenlight_domain::ledger::keys::ToCheck;
use greenlight_domain::ledger::signing::SignatureBatch;
use greenlight_domain::ledger::{
    ChainId, ChainKeys, ChainVerifier, Event, Head, LedgerProblem, SignedHead, VerifyReport,
};
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

/// How many signatures are gathered before they are checked.
const FLUSH_EVERY: usize = 16_384;
/// How many gathered batches may be checked at once.
const IN_FLIGHT: usize = 2;

fn head_row(r: &dyn DbRow) -> Result<(String, Head)> {
    Ok((
        r.text("chain")?,
        Head {
            seq: r.int("seq")?,
            hash: r.text("hash")?,
            key_id: r.opt_text("key_id")?,
            signature: r.opt_text("signature")?,
        },
    ))
}

/// Which signature a batch entry is: an event's, or (`seq` of) a chain's head.
struct Signed {
    chain: String,
    seq: i64,
    event_id: Option<String>,
}

/// One chain being read: its links, its keys, and whether it broke (its rest is skipped).
struct Reading {
    chain: String,
    links: ChainVerifier,
    keys: ChainKeys,
    broken: bool,
}

/// Walks the events of every chain in `(chain, seq)` order.
struct Walk {
    heads: BTreeMap<String, Head>,
    recorded: HashMap<String, Recorded>,
    /// The newest event written before signatures began (`ledger_signing`).
    began_after_pos: i64,
    current: Option<Reading>,
    batch: SignatureBatch<Signed>,
    /// Signature checks under way.
    checking: Vec<std::thread::JoinHandle<Vec<Signed>>>,
}

impl Walk {
    fn queue(&mut self, chain: &str, seq: i64, event_id: Option<&str>, c: ToCheck) {
        self.batch.push(
            &c.key_id,
            c.message,
            &c.signature,
            Signed {
                chain: chain.to_owned(),
                seq,
                event_id: event_id.map(str::to_owned),
            },
        );
    }

    /// Starts checking the signatures gathered so far on other threads, while the walk
    /// reads on; with [`IN_FLIGHT`] checks under way it first waits for the oldest (memory
    /// stays bounded however long the chains).
    fn flush(&mut self, report: &mut VerifyReport) {
        if self.checking.len() >= IN_FLIGHT {
            let oldest = self.checking.remove(0);
            Self::collect(oldest, report);
        }
        let batch = std::mem::take(&mut self.batch);
        report.signatures_checked += batch.len() as i64;
        self.checking
            .push(std::thread::spawn(move || batch.failures()));
    }

    /// Waits for every signature check and reports what failed.
    fn finish_signatures(&mut self, report: &mut VerifyReport) {
        self.flush(report);
        for job in std::mem::take(&mut self.checking) {
            Self::collect(job, report);
        }
    }

    fn collect(job: std::thread::JoinHandle<Vec<Signed>>, report: &mut VerifyReport) {
        let Ok(failed) = job.join() else {
            report.add(LedgerProblem::at_event(
                "",
                0,
                "",
                "the signature check stopped before it finished: run verify again".into(),
            ));
            return;
        };
        for f in failed {
            let reason = match f.event_id {
                Some(_) => "its signature does not verify with the key it names: the event was changed after it was signed, or signed by someone else",
                None => "the chain's head signature does not verify: the head was rewritten",
            };
            report.add(LedgerProblem::at_event(
                &f.chain,
                f.seq,
                f.event_id.as_deref().unwrap_or_default(),
                reason.into(),
            ));
        }
    }

    fn close(&mut self, report: &mut VerifyReport) {
        let Some(r) = self.current.take() else {
            return;
        };
        report.chains_checked += 1;
        report.unsigned_events += r.keys.unsigned();
        let head = self.heads.remove(&r.chain);
        if r.broken {
            return;
        }
        report.events_checked += r.links.checked();
        if let Err(p) = r
            .links
            .finish(head.as_ref().map(|h| (h.seq, h.hash.as_str())))
        {
            report.add(*p);
            return;
        }
        let Some(head) = head else {
            return;
        };
        match r.keys.check_head(&r.chain, &head) {
            Ok(Some(c)) => self.queue(&r.chain, head.seq, None, c),
            Ok(None) => {}
            Err(reason) => {
                report.add(LedgerProblem::at_event(&r.chain, head.seq, "", reason));
                return;
            }
        }
        // Recorded unsigned: the ledger's own head signature never leaves the database (core
        // signs the record as the person verifying).
        report.heads.push(SignedHead {
            chain: r.chain.clone(),
            chain_name: r.chain,
            seq: head.seq,
            hash: head.hash,
            key_id: None,
            signature: None,
        });
    }

    fn push(&mut self, pos: i64, event: Event, report: &mut VerifyReport) {
        let chain = event.chain.as_str().to_owned();
        if self.current.as_ref().map(|r| &r.chain) != Some(&chain) {
            self.close(report);
            self.current = Some(Reading {
                chain: chain.clone(),
                links: ChainVerifier::new(chain.clone()),
                keys: ChainKeys::default(),
                broken: false,
            });
        }
        let Some(r) = self.current.as_mut() else {
            return;
        };
        if r.broken {
            return;
        }
        if let Err(p) = r.links.push(&event) {
            report.events_checked += r.links.checked();
            report.add(*p);
            r.broken = true;
            return;
        }
        let body = event.body();
        // Unsigned: written before signatures began, or re-linked from the schema-1 log
        // (checked against it by `legacy::verify`).
        let may_be_unsigned = pos <= self.began_after_pos || event.schema_version == 1;
        let checked = r.keys.check(&event, body.as_ref().ok(), may_be_unsigned);
        match checked {
            Ok(Some(c)) => self.queue(&chain, event.seq, Some(event.id.as_str()), c),
            Ok(None) => {}
            Err(reason) => {
                report.events_checked += r.links.checked();
                report.add(LedgerProblem::at_event(
                    &chain,
                    event.seq,
                    event.id.as_str(),
                    reason,
                ));
                r.broken = true;
                return;
            }
        }
        if self.batch.len() >= FLUSH_EVERY {
            self.flush(report);
        }
        match body {
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

/// Keeps, for each chain, only its earliest broken event (a signature found bad in bulk may
/// precede a break the walk met later); problems of revisions are all kept.
fn earliest_per_chain(report: &mut VerifyReport) {
    let mut first: HashMap<String, i64> = HashMap::new();
    for p in &report.problems {
        if let (Some(seq), None) = (p.seq, &p.revision_id) {
            let e = first.entry(p.chain.clone()).or_insert(seq);
            *e = (*e).min(seq);
        }
    }
    let mut kept = HashSet::new();
    report.problems.retain(|p| match (p.seq, &p.revision_id) {
        (Some(seq), None) => first.get(&p.chain) == Some(&seq) && kept.insert(p.chain.clone()),
        _ => true,
    });
    let broken: HashSet<&String> = first.keys().collect();
    report.heads.retain(|h| !broken.contains(&h.chain));
}

impl Store {
    /// Checks everything the ledger vouches for (on a team server: every chain the login may
    /// see). Problems are reported, not returned as errors: a broken chain is a finding, and
    /// every chain is checked whatever the others say.
    pub async fn verify_ledger(&self) -> Result<VerifyReport> {
        let mut tx = self.begin_read().await?;
        let mut report = VerifyReport::empty();
        let recorded = verify_chains(&mut tx, &mut report).await?;
        earliest_per_chain(&mut report);
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
            Statement::new(
                "SELECT chain, seq, hash, key_id, signature FROM ledger_heads WHERE seq > 0",
            ),
            head_row,
        )
        .await?
        .into_iter()
        .collect();
    // A database without the row (edited by hand) trusts no unsigned event.
    let began_after_pos = tx
        .optional(
            Statement::new("SELECT max(began_after_pos) AS pos FROM ledger_signing"),
            |r| r.opt_int("pos"),
        )
        .await?
        .flatten()
        .unwrap_or(0);
    let mut walk = Walk {
        heads,
        recorded: HashMap::new(),
        began_after_pos,
        current: None,
        batch: SignatureBatch::default(),
        checking: Vec::new(),
    };
    for_each_event(tx, |pos, event| walk.push(pos, event, report)).await?;
    walk.close(report);
    walk.finish_signatures(report);
    // Heads whose chain has no event left at all.
    for (chain, head) in std::mem::take(&mut walk.heads) {
        report.chains_checked += 1;
        if let Err(p) = ChainVerifier::new(chain).finish(Some((head.seq, head.hash.as_str()))) {
            report.add(*p);
        }
    }
    Ok(walk.recorded)
}

/// How many events one page of SQLite's read holds.
const PAGE: i64 = 2_000;

/// An event row as one page of [`for_each_event`] carries it (the columns of [`EVENT_COLS`],
/// after `pos`).
type PagedEvent = (
    i64,
    String,
    i64,
    String,
    i64,
    String,
    String,
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// Calls `each` with every event (and its `pos`) in `(chain, seq)` order, in bounded memory.
///
/// PostgreSQL streams rows off its socket. SQLite's driver hands each row from its worker
/// thread to this one through a channel, a thread wake-up per row that cost more than
/// verifying the row; so there the events come in pages of [`PAGE`], each one row of JSON
/// built by SQLite (`json_group_array`), read by keyset (no offset to skip).
async fn for_each_event(tx: &mut Tx, mut each: impl FnMut(i64, Event)) -> Result<()> {
    if tx.backend() == crate::Backend::Postgres {
        let sql = format!("SELECT pos, {EVENT_COLS} FROM events ORDER BY chain, seq");
        return tx
            .for_each(
                Statement::new(&sql),
                |r| Ok((r.int("pos")?, rows::event(r)?)),
                |(pos, event)| {
                    each(pos, event);
                    Ok(())
                },
            )
            .await;
    }
    let sql = format!(
        "SELECT json_group_array(json_array(pos, {EVENT_COLS})) AS page FROM (
           SELECT pos, {EVENT_COLS} FROM events
           WHERE chain > $1 OR (chain = $1 AND seq > $2)
           ORDER BY chain, seq LIMIT {PAGE})"
    );
    let (mut chain, mut seq) = (String::new(), i64::MIN);
    loop {
        let page = tx
            .one(
                Statement::new(&sql).text(&chain).int(seq),
                "events",
                "",
                |r| r.text("page"),
            )
            .await?;
        let rows: Vec<PagedEvent> = serde_json::from_str(&page)
            .map_err(|e| crate::StoreError::InvalidData(format!("an event row: {e}")))?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        (chain, seq) = (last.1.clone(), last.2);
        let full = rows.len() as i64 == PAGE;
        for (
            pos,
            c,
            seq,
            id,
            at,
            actor,
            kind,
            schema_version,
            subject,
            payload,
            prev_hash,
            hash,
            key_id,
            signature,
        ) in rows
        {
            each(
                pos,
                Event {
                    chain: ChainId::parse(&c),
                    seq,
                    id: EventId(id),
                    at,
                    actor: UserId(actor),
                    kind,
                    schema_version,
                    subject,
                    payload,
                    prev_hash,
                    hash,
                    key_id,
                    signature,
                },
            );
        }
        if !full {
            return Ok(());
        }
    }
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
