//! The event ledger: append-only, hash-chained logs of every state change, one chain per
//! project and one workspace chain for events of no project (profiles, provider settings).
//!
//! Invariants, per chain:
//! - events are numbered 1, 2, 3… with no gaps (`seq`);
//! - each event stores the hash of its predecessor in the same chain (`prev_hash`; the first
//!   stores [`GENESIS`]);
//! - each event's `hash` is SHA-256 over [`canonical_bytes`], which covers every field but the
//!   hash itself — the chain's id included, so an event cannot be moved to another chain
//!   unnoticed;
//! - a head (seq and hash of the newest event) is kept beside each chain, so events cut from
//!   the end are detected;
//! - since signatures began, each event and each head is signed by its actor's key
//!   ([`signing`]), and each chain carries the public keys that verify it ([`keys`]).
//!
//! One chain per project lets a project move between databases with its chain intact, lets
//! writers on different projects append without contending, and lets a report carry one
//! project's head. Schema-1 databases had one global chain; [`legacy`] still verifies it.

pub mod keys;
pub mod legacy;
pub mod signing;
mod verify;

pub use keys::{ChainKeys, Head};
pub use signing::LedgerKey;
pub use verify::{ChainVerifier, LedgerProblem, Linked, SignedHead, VerifyReport};

use crate::events::{decode, DecodeError, EventBody, SCHEMA_VERSION};
use crate::ids::{EventId, ProjectId, UserId};
use sha2::{Digest, Sha256};
use std::fmt;

/// The `prev_hash` of the first event of every chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const DOMAIN_TAG: &[u8] = b"greenlight.event.v2";
/// The tag of a signed event's bytes, which also cover the signing key's id.
const SIGNED_TAG: &[u8] = b"greenlight.event.v3";
/// The stored id of the workspace chain (project ids are UUIDs, so they never collide).
pub const WORKSPACE_CHAIN: &str = "workspace";

/// Which chain an event belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChainId {
    /// Events of no project: profiles, provider settings, ledger maintenance.
    Workspace,
    Project(ProjectId),
}

impl ChainId {
    pub fn of(project: Option<&ProjectId>) -> Self {
        match project {
            Some(p) => Self::Project(p.clone()),
            None => Self::Workspace,
        }
    }

    /// Reads a stored chain id.
    pub fn parse(s: &str) -> Self {
        if s == WORKSPACE_CHAIN {
            Self::Workspace
        } else {
            Self::Project(ProjectId::from(s))
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Workspace => WORKSPACE_CHAIN,
            Self::Project(p) => p.as_str(),
        }
    }

    pub fn project(&self) -> Option<&ProjectId> {
        match self {
            Self::Workspace => None,
            Self::Project(p) => Some(p),
        }
    }
}

impl fmt::Display for ChainId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An event as a use-case describes it, before the ledger numbers and chains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    pub actor: UserId,
    /// What the event is about, as `type:id` (e.g. `document:0190…`).
    pub subject: String,
    /// The project whose chain records it; `None` for the workspace chain.
    pub project_id: Option<ProjectId>,
    pub body: EventBody,
}

/// The fields of an event that exist before it is linked into its chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlinked {
    pub chain: ChainId,
    pub id: EventId,
    pub at: i64,
    pub actor: UserId,
    pub kind: String,
    pub schema_version: i64,
    pub subject: String,
    /// Canonical JSON, stored and hashed exactly as it is.
    pub payload: String,
}

/// A chained event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub chain: ChainId,
    pub seq: i64,
    pub id: EventId,
    pub at: i64,
    pub actor: UserId,
    pub kind: String,
    pub schema_version: i64,
    pub subject: String,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
    /// The key that signed the event (its public key in hex); `None` for events written
    /// before signatures began. Covered by the hash.
    pub key_id: Option<String>,
    /// The key's signature over [`canonical_bytes`]; not covered by the hash (it cannot be).
    pub signature: Option<String>,
}

impl Event {
    pub fn project_id(&self) -> Option<&ProjectId> {
        self.chain.project()
    }

    /// The typed payload, read with the reader of the version it was written with.
    pub fn body(&self) -> Result<EventBody, DecodeError> {
        decode(&self.kind, self.schema_version, &self.payload)
    }
}

impl EventDraft {
    /// The event's fields at time `at`, with a new id, ready to link.
    pub fn unlinked(self, at: i64) -> Unlinked {
        Unlinked {
            chain: ChainId::of(self.project_id.as_ref()),
            id: EventId::new(),
            at,
            actor: self.actor,
            kind: self.body.kind().to_owned(),
            schema_version: SCHEMA_VERSION,
            subject: self.subject,
            payload: self.body.payload(),
        }
    }
}

/// Links `u` after its chain's newest event `(seq, hash)` and signs it with `key` (its
/// actor's); `None` when the chain is empty.
pub fn link_signed(u: Unlinked, prev: Option<(i64, &str)>, key: &LedgerKey) -> Event {
    let mut event = linked(u, prev, Some(key.key_id()));
    event.signature = Some(key.sign(&canonical_bytes(&event)));
    event
}

/// Links `u` unsigned, as events were before signatures began (schema-1 events re-linked
/// into their chains; tests of the chain alone).
pub fn link(u: Unlinked, prev: Option<(i64, &str)>) -> Event {
    linked(u, prev, None)
}

fn linked(u: Unlinked, prev: Option<(i64, &str)>, key_id: Option<String>) -> Event {
    let (seq, prev_hash) = match prev {
        Some((s, h)) => (s + 1, h.to_owned()),
        None => (1, GENESIS.to_owned()),
    };
    let mut event = Event {
        chain: u.chain,
        seq,
        id: u.id,
        at: u.at,
        actor: u.actor,
        kind: u.kind,
        schema_version: u.schema_version,
        subject: u.subject,
        payload: u.payload,
        prev_hash,
        hash: String::new(),
        key_id,
        signature: None,
    };
    event.hash = event_hash(&event);
    event
}

/// The bytes an event's hash and signature cover: a domain tag, then every field but `hash`
/// and `signature`, each length-prefixed so no two different events share an encoding. A
/// signed event has its own tag and adds its key's id.
pub fn canonical_bytes(e: &Event) -> Vec<u8> {
    let (seq, at, schema) = (
        e.seq.to_le_bytes(),
        e.at.to_le_bytes(),
        e.schema_version.to_le_bytes(),
    );
    let fields: [&[u8]; 10] = [
        e.chain.as_str().as_bytes(),
        &seq,
        e.id.as_str().as_bytes(),
        &at,
        e.actor.as_str().as_bytes(),
        e.kind.as_bytes(),
        &schema,
        e.subject.as_bytes(),
        e.payload.as_bytes(),
        e.prev_hash.as_bytes(),
    ];
    match &e.key_id {
        None => length_prefixed(&[&[DOMAIN_TAG][..], &fields].concat()),
        Some(k) => length_prefixed(&[&[SIGNED_TAG][..], &fields, &[k.as_bytes()]].concat()),
    }
}

/// Each part preceded by its length (u64, little-endian): an unambiguous concatenation.
pub(crate) fn length_prefixed(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(parts.iter().map(|p| p.len() + 8).sum());
    for p in parts {
        out.extend_from_slice(&(p.len() as u64).to_le_bytes());
        out.extend_from_slice(p);
    }
    out
}

/// Hex SHA-256 of [`canonical_bytes`].
pub fn event_hash(e: &Event) -> String {
    hex::encode(Sha256::digest(canonical_bytes(e)))
}

impl Linked for Event {
    fn seq(&self) -> i64 {
        self.seq
    }
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn prev_hash(&self) -> &str {
        &self.prev_hash
    }
    fn stored_hash(&self) -> &str {
        &self.hash
    }
    fn computed_hash(&self) -> String {
        event_hash(self)
    }
}

#[cfg(test)]
mod tests;
