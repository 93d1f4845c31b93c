//! The event ledger: an append-only, hash-chained log of every state change.
//!
//! Invariants:
//! - events are numbered 1, 2, 3… with no gaps (`seq`);
//! - each event stores the hash of its predecessor (`prev_hash`; the first stores [`GENESIS`]);
//! - each event's `hash` is SHA-256 over [`canonical_bytes`], which covers every field but the
//!   hash itself, so changing any stored byte of any event is detected at that event;
//! - the payload is stored as canonical JSON (object keys sorted, no white space), produced by
//!   [`canonical_json`] independently of serde_json's feature flags.
//!
//! Signatures over the chain head come later; the structure does not change for them.

use crate::ids::{EventId, ProjectId, UserId};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// The `prev_hash` of the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const DOMAIN_TAG: &[u8] = b"greenlight.event.v1";

/// What happened. Stored as its dotted name so old logs stay readable as kinds are added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    ProfileCreated,
    ProfileRenamed,
    ProjectCreated,
    ProjectUpdated,
    ProjectArchived,
    ProjectUnarchived,
    DocumentCreated,
    DocumentImported,
    DocumentRenamed,
    RevisionSaved,
    RevisionExported,
    ProviderSaved,
    ProviderRemoved,
    PolicyChanged,
    AiRequested,
    AiCompleted,
    AiBlocked,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProfileCreated => "profile.created",
            Self::ProfileRenamed => "profile.renamed",
            Self::ProjectCreated => "project.created",
            Self::ProjectUpdated => "project.updated",
            Self::ProjectArchived => "project.archived",
            Self::ProjectUnarchived => "project.unarchived",
            Self::DocumentCreated => "document.created",
            Self::DocumentImported => "document.imported",
            Self::DocumentRenamed => "document.renamed",
            Self::RevisionSaved => "revision.saved",
            Self::RevisionExported => "revision.exported",
            Self::ProviderSaved => "provider.saved",
            Self::ProviderRemoved => "provider.removed",
            Self::PolicyChanged => "policy.changed",
            Self::AiRequested => "ai.requested",
            Self::AiCompleted => "ai.completed",
            Self::AiBlocked => "ai.blocked",
        }
    }
}

/// An event as a use-case describes it, before the ledger numbers and chains it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub actor: UserId,
    pub kind: EventKind,
    /// What the event is about, as `type:id` (e.g. `document:0190…`).
    pub subject: String,
    pub project_id: Option<ProjectId>,
    pub payload: Value,
}

/// A chained event as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub seq: i64,
    pub id: EventId,
    pub at: i64,
    pub actor: UserId,
    pub kind: String,
    pub subject: String,
    pub project_id: Option<ProjectId>,
    /// Canonical JSON.
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Links `draft` after the event `(prev_seq, prev_hash)`; `None` for the first event.
pub fn chain(draft: EventDraft, prev: Option<(i64, &str)>, at: i64) -> Event {
    let (seq, prev_hash) = match prev {
        Some((s, h)) => (s + 1, h.to_owned()),
        None => (1, GENESIS.to_owned()),
    };
    let mut event = Event {
        seq,
        id: EventId::new(),
        at,
        actor: draft.actor,
        kind: draft.kind.as_str().to_owned(),
        subject: draft.subject,
        project_id: draft.project_id,
        payload: canonical_json(&draft.payload),
        prev_hash,
        hash: String::new(),
    };
    event.hash = event_hash(&event);
    event
}

/// The bytes an event's hash covers: a domain tag, then every field but `hash`, each
/// length-prefixed so no two different events share an encoding.
pub fn canonical_bytes(e: &Event) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + e.payload.len());
    let mut field = |bytes: &[u8]| {
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(bytes);
    };
    field(DOMAIN_TAG);
    field(&e.seq.to_le_bytes());
    field(e.id.as_str().as_bytes());
    field(&e.at.to_le_bytes());
    field(e.actor.as_str().as_bytes());
    field(e.kind.as_bytes());
    field(e.subject.as_bytes());
    field(
        e.project_id
            .as_ref()
            .map_or(&b""[..], |p| p.as_str().as_bytes()),
    );
    field(e.payload.as_bytes());
    field(e.prev_hash.as_bytes());
    out
}

/// Hex SHA-256 of [`canonical_bytes`].
pub fn event_hash(e: &Event) -> String {
    hex::encode(Sha256::digest(canonical_bytes(e)))
}

/// JSON with object keys sorted and no insignificant white space.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(child) = map.get(k) {
                    write_canonical(child, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The first event that fails verification, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BrokenEvent {
    pub seq: i64,
    pub event_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VerifyReport {
    pub events_checked: i64,
    pub ok: bool,
    pub first_broken: Option<BrokenEvent>,
}

/// Checks events one at a time, in stored order, so a long ledger streams through in constant
/// memory.
#[derive(Debug, Default)]
pub struct ChainVerifier {
    last: Option<(i64, String)>,
    checked: i64,
}

impl ChainVerifier {
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks the next event; on failure returns why, naming the event.
    pub fn push(&mut self, e: &Event) -> Result<(), BrokenEvent> {
        let broken = |reason: String| BrokenEvent {
            seq: e.seq,
            event_id: e.id.to_string(),
            reason,
        };
        let (want_seq, want_prev) = match &self.last {
            Some((s, h)) => (s + 1, h.as_str()),
            None => (1, GENESIS),
        };
        if e.seq != want_seq {
            return Err(broken(format!(
                "expected event #{want_seq} here but found #{}: events are missing or reordered",
                e.seq
            )));
        }
        if e.prev_hash != want_prev {
            return Err(broken(
                "its link to the previous event does not match: an earlier event was changed or removed".into(),
            ));
        }
        if event_hash(e) != e.hash {
            return Err(broken(
                "its contents do not match its hash: this event was changed after it was written"
                    .into(),
            ));
        }
        self.last = Some((e.seq, e.hash.clone()));
        self.checked += 1;
        Ok(())
    }

    /// Checks the stored chain head (seq and hash of the newest event, kept beside the log)
    /// against what was seen, which detects events cut from the end.
    pub fn finish(self, head: Option<(i64, &str)>) -> VerifyReport {
        let seen = self.last.as_ref().map(|(s, h)| (*s, h.as_str()));
        if seen != head {
            let (seq, id) = head.map_or((0, String::new()), |(s, _)| (s, String::new()));
            return VerifyReport {
                events_checked: self.checked,
                ok: false,
                first_broken: Some(BrokenEvent {
                    seq: seen.map_or(seq, |(s, _)| s + 1),
                    event_id: id,
                    reason: format!(
                        "the log ends at event #{} but its recorded head is #{}: events were removed from the end",
                        seen.map_or(0, |(s, _)| s),
                        head.map_or(0, |(s, _)| s)
                    ),
                }),
            };
        }
        VerifyReport {
            events_checked: self.checked,
            ok: true,
            first_broken: None,
        }
    }

    pub fn fail(self, broken: BrokenEvent) -> VerifyReport {
        VerifyReport {
            events_checked: self.checked,
            ok: false,
            first_broken: Some(broken),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn draft(n: i64) -> EventDraft {
        EventDraft {
            actor: UserId::from("u1"),
            kind: EventKind::RevisionSaved,
            subject: format!("revision:{n}"),
            project_id: Some(ProjectId::from("p1")),
            payload: json!({"z": n, "a": [1, {"y": true, "b": null}], "text": "é\"\n"}),
        }
    }

    fn build(n: i64) -> Vec<Event> {
        let mut out: Vec<Event> = Vec::new();
        for i in 0..n {
            let prev = out.last().map(|e| (e.seq, e.hash.as_str()));
            let e = chain(draft(i), prev, 1_700_000_000_000 + i);
            out.push(e);
        }
        out
    }

    fn verify(events: &[Event]) -> VerifyReport {
        let mut v = ChainVerifier::new();
        for e in events {
            if let Err(b) = v.push(e) {
                return v.fail(b);
            }
        }
        let head = events.last().map(|e| (e.seq, e.hash.as_str()));
        v.finish(head)
    }

    #[test]
    fn canonical_json_sorts_keys() {
        let v = json!({"b": 1, "a": {"d": [true, "x"], "c": 1.5}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":1.5,"d":[true,"x"]},"b":1}"#
        );
    }

    #[test]
    fn intact_chain_verifies() {
        let events = build(5);
        let report = verify(&events);
        assert!(report.ok, "{report:?}");
        assert_eq!(report.events_checked, 5);
    }

    #[test]
    fn tampered_payload_is_located() {
        let mut events = build(5);
        events[2].payload = events[2].payload.replace("true", "false");
        let report = verify(&events);
        assert!(!report.ok);
        let broken = report.first_broken.expect("broken");
        assert_eq!(broken.seq, 3);
        assert!(broken.reason.contains("changed"), "{}", broken.reason);
    }

    #[test]
    fn removed_event_is_located() {
        let mut events = build(5);
        events.remove(1);
        let broken = verify(&events).first_broken.expect("broken");
        assert_eq!(broken.seq, 3);
        assert!(broken.reason.contains("missing"));
    }

    #[test]
    fn rehashed_tamper_breaks_the_next_link() {
        let mut events = build(4);
        events[1].actor = UserId::from("mallory");
        events[1].hash = event_hash(&events[1]);
        let broken = verify(&events).first_broken.expect("broken");
        assert_eq!(broken.seq, 3);
    }

    #[test]
    fn truncated_tail_is_detected_by_head() {
        let events = build(4);
        let head = (events[3].seq, events[3].hash.clone());
        let mut v = ChainVerifier::new();
        for e in &events[..2] {
            v.push(e).expect("ok");
        }
        let report = v.finish(Some((head.0, head.1.as_str())));
        assert!(!report.ok);
        assert!(report.first_broken.expect("b").reason.contains("removed"));
    }

    #[test]
    fn every_field_is_covered_by_the_hash() {
        let e = &build(1)[0];
        let base = event_hash(e);
        let mut variants = vec![e.clone(); 8];
        variants[0].seq += 1;
        variants[1].id = EventId::from("other");
        variants[2].at += 1;
        variants[3].actor = UserId::from("u2");
        variants[4].kind.push('x');
        variants[5].subject.push('x');
        variants[6].project_id = None;
        variants[7].prev_hash = "1".repeat(64);
        for v in &variants {
            assert_ne!(event_hash(v), base);
        }
    }
}
