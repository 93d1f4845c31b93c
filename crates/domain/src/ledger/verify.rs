//! Checking chains: each event in stored order, in constant memory, naming the first event
//! that breaks and why.

use super::GENESIS;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a verifier needs of a stored event (the current schema or the legacy one).
pub trait Linked {
    fn seq(&self) -> i64;
    fn id(&self) -> &str;
    fn prev_hash(&self) -> &str;
    fn stored_hash(&self) -> &str;
    /// The hash recomputed from the event's fields.
    fn computed_hash(&self) -> String;
}

/// One thing `verify` found wrong: a chain that breaks at an event, or a revision whose text
/// does not match what the ledger recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LedgerProblem {
    /// The chain's id (`workspace`, `legacy`, or a project id).
    pub chain: String,
    /// The chain as a person knows it ("project “Pilot”", "workspace").
    pub chain_name: String,
    /// The event that breaks the chain, when the problem is an event.
    pub seq: Option<i64>,
    pub event_id: Option<String>,
    /// The revision whose text does not match, when the problem is a revision.
    pub revision_id: Option<String>,
    pub reason: String,
}

impl LedgerProblem {
    pub fn at_event(chain: &str, seq: i64, event_id: &str, reason: String) -> Self {
        Self {
            chain: chain.to_owned(),
            chain_name: chain.to_owned(),
            seq: Some(seq),
            event_id: (!event_id.is_empty()).then(|| event_id.to_owned()),
            revision_id: None,
            reason,
        }
    }

    pub fn at_revision(chain: &str, revision_id: &str, reason: String) -> Self {
        Self {
            chain: chain.to_owned(),
            chain_name: chain.to_owned(),
            seq: None,
            event_id: None,
            revision_id: Some(revision_id.to_owned()),
            reason,
        }
    }
}

/// A chain's head as `verify` found it (the newest event), signed by the person who verified
/// over [`super::signing::reported_head_message`], which a report keeps so that
/// `verify --against` can later check the chain still holds it and the report was not edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignedHead {
    pub chain: String,
    pub chain_name: String,
    pub seq: i64,
    pub hash: String,
    /// The key of the person who verified and signed this record of the head; `None` when
    /// they had no usable key.
    pub key_id: Option<String>,
    pub signature: Option<String>,
}

/// The result of checking every chain and every revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VerifyReport {
    pub ok: bool,
    pub chains_checked: i64,
    pub events_checked: i64,
    pub revisions_checked: i64,
    /// Event and head signatures checked.
    #[serde(default)]
    pub signatures_checked: i64,
    /// Events written before signatures began (hash-chained, not signed).
    #[serde(default)]
    pub unsigned_events: i64,
    /// Each intact chain's head, as found.
    #[serde(default)]
    pub heads: Vec<SignedHead>,
    /// With `verify --against`: how many heads of the earlier report were checked.
    #[serde(default)]
    pub against_checked: Option<i64>,
    /// Every chain that breaks (at its first broken event) and every revision that does not
    /// match its record; empty when `ok`.
    pub problems: Vec<LedgerProblem>,
}

impl VerifyReport {
    pub fn empty() -> Self {
        Self {
            ok: true,
            chains_checked: 0,
            events_checked: 0,
            revisions_checked: 0,
            signatures_checked: 0,
            unsigned_events: 0,
            heads: Vec::new(),
            against_checked: None,
            problems: Vec::new(),
        }
    }

    pub fn add(&mut self, problem: LedgerProblem) {
        self.ok = false;
        self.problems.push(problem);
    }
}

/// Checks the events of one chain one at a time, in stored order.
#[derive(Debug)]
pub struct ChainVerifier {
    chain: String,
    last: Option<(i64, String)>,
    checked: i64,
}

impl ChainVerifier {
    pub fn new(chain: impl Into<String>) -> Self {
        Self {
            chain: chain.into(),
            last: None,
            checked: 0,
        }
    }

    pub fn checked(&self) -> i64 {
        self.checked
    }

    /// The newest event seen so far, `(seq, hash)`.
    pub fn last(&self) -> Option<(i64, &str)> {
        self.last.as_ref().map(|(s, h)| (*s, h.as_str()))
    }

    /// Checks the next event; on failure says why, naming the event.
    pub fn push(&mut self, e: &impl Linked) -> Result<(), Box<LedgerProblem>> {
        let broken = |reason: String| {
            Box::new(LedgerProblem::at_event(
                &self.chain,
                e.seq(),
                e.id(),
                reason,
            ))
        };
        let (want_seq, want_prev) = match &self.last {
            Some((s, h)) => (s + 1, h.as_str()),
            None => (1, GENESIS),
        };
        if e.seq() != want_seq {
            return Err(broken(format!(
                "expected event #{want_seq} here but found #{}: events are missing or reordered",
                e.seq()
            )));
        }
        if e.prev_hash() != want_prev {
            return Err(broken(
                "its link to the previous event does not match: an earlier event was changed or removed".into(),
            ));
        }
        if e.computed_hash() != e.stored_hash() {
            return Err(broken(
                "its contents do not match its hash: this event was changed after it was written"
                    .into(),
            ));
        }
        self.last = Some((e.seq(), e.stored_hash().to_owned()));
        self.checked += 1;
        Ok(())
    }

    /// Checks the chain's recorded head (seq and hash of its newest event) against what was
    /// seen, which detects events cut from the end.
    pub fn finish(self, head: Option<(i64, &str)>) -> Result<i64, Box<LedgerProblem>> {
        let seen = self.last();
        if seen == head {
            return Ok(self.checked);
        }
        let seen_seq = seen.map_or(0, |(s, _)| s);
        let head_seq = head.map_or(0, |(s, _)| s);
        let reason = if head_seq > seen_seq {
            format!("the chain ends at event #{seen_seq} but its recorded head is #{head_seq}: events were removed from the end")
        } else if head.is_none() {
            "the chain has events but no recorded head: its head was removed".to_owned()
        } else {
            format!("the chain's newest event #{seen_seq} does not match its recorded head #{head_seq}: the head or the newest event was changed")
        };
        let at = if head_seq > seen_seq {
            seen_seq + 1
        } else {
            seen_seq
        };
        Err(Box::new(LedgerProblem::at_event(
            &self.chain,
            at,
            "",
            reason,
        )))
    }
}
