//! The schema-1 ledger: one global chain for every project, hashed with the `v1` encoding.
//!
//! Databases written before one chain per project keep that chain, read-only, beside the
//! new ones. On first open it is verified and its events are re-linked into their project's
//! chain (payload bytes unchanged, see [`super::Unlinked`]); a `ledger.migrated` event on the
//! workspace chain records the old head, and `verify` keeps checking the old chain against it.

use super::verify::Linked;
use crate::ids::{EventId, ProjectId, UserId};
use sha2::{Digest, Sha256};

const DOMAIN_TAG: &[u8] = b"greenlight.event.v1";
/// How the legacy chain is named in verify reports.
pub const LEGACY_CHAIN: &str = "legacy";

/// An event of the schema-1 global chain, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyEvent {
    pub seq: i64,
    pub id: EventId,
    pub at: i64,
    pub actor: UserId,
    pub kind: String,
    pub subject: String,
    pub project_id: Option<ProjectId>,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The bytes a schema-1 event's hash covers.
pub fn canonical_bytes_v1(e: &LegacyEvent) -> Vec<u8> {
    super::length_prefixed(&[
        DOMAIN_TAG,
        &e.seq.to_le_bytes(),
        e.id.as_str().as_bytes(),
        &e.at.to_le_bytes(),
        e.actor.as_str().as_bytes(),
        e.kind.as_bytes(),
        e.subject.as_bytes(),
        e.project_id
            .as_ref()
            .map_or(&b""[..], |p| p.as_str().as_bytes()),
        e.payload.as_bytes(),
        e.prev_hash.as_bytes(),
    ])
}

pub fn event_hash_v1(e: &LegacyEvent) -> String {
    hex::encode(Sha256::digest(canonical_bytes_v1(e)))
}

impl Linked for LegacyEvent {
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
        event_hash_v1(self)
    }
}

impl LegacyEvent {
    /// The event's fields for re-linking into its own chain; the payload bytes (and so what
    /// they prove) are kept exactly, with the schema version they were written with.
    pub fn unlinked(&self) -> super::Unlinked {
        super::Unlinked {
            chain: super::ChainId::of(self.project_id.as_ref()),
            id: self.id.clone(),
            at: self.at,
            actor: self.actor.clone(),
            kind: self.kind.clone(),
            schema_version: 1,
            subject: self.subject.clone(),
            payload: self.payload.clone(),
        }
    }
}
