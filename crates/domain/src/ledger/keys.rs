//! Which key may sign which event of a chain: the rules `verify` applies event by event, from
//! the `key.registered` events of the chain itself (the signatures are then checked in bulk,
//! see [`super::signing::SignatureBatch`]).
//!
//! - A key signs on a chain only after a `key.registered` event for it there, signed by the
//!   key itself and made by the person it belongs to.
//! - A person holds one key at a time on a chain: a second registration must name the key it
//!   replaces, which signs nothing there afterwards.
//! - An event is signed by a key of its own actor.
//! - Once a chain has a signed event, every later event and its head are signed too; events
//!   without a signature are accepted only where the caller says they predate signatures.

use super::signing::head_message;
use super::{canonical_bytes, Event};
use crate::events::EventBody;
use crate::ids::UserId;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// A registered public signing key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SigningKeyRecord {
    /// The Ed25519 public key, 64 hex digits.
    pub key_id: String,
    pub user_id: UserId,
    pub created_at: i64,
    /// The key this one succeeds.
    pub replaces: Option<String>,
    /// When a newer key replaced this one.
    pub retired_at: Option<i64>,
}

/// A chain's recorded head, as `verify` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
    pub key_id: Option<String>,
    pub signature: Option<String>,
}

/// Whether this computer can sign in the person's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    /// The keyring holds the person's current key.
    Ready,
    /// The database has a key for the person that this keyring lacks (lost, or on another
    /// computer): create a new one here.
    Missing,
    /// This keyring's key was replaced by a newer one (made elsewhere): create a new one here.
    Replaced,
}

/// A person's keys as `keys show` and Settings present them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeysInfo {
    pub status: KeyStatus,
    /// The key this computer signs with (64 hex digits), when there is one.
    pub key_id: Option<String>,
    /// Where the private half is kept ("the system keyring", "the file …").
    pub kept_in: String,
    /// Every key the person registered, newest first.
    pub history: Vec<SigningKeyRecord>,
}

#[derive(Debug)]
struct KeyState {
    owner: UserId,
    retired: bool,
}

/// A signature to check: `key_id`'s over `message`.
#[derive(Debug, PartialEq, Eq)]
pub struct ToCheck {
    pub key_id: String,
    pub message: Vec<u8>,
    pub signature: String,
}

/// The keys of one chain as its events register them, read in order.
#[derive(Debug, Default)]
pub struct ChainKeys {
    keys: HashMap<String, KeyState>,
    active: HashMap<UserId, String>,
    /// The key of the newest signed event.
    last_key: Option<String>,
    signed: i64,
    unsigned: i64,
}

impl ChainKeys {
    pub fn signed(&self) -> i64 {
        self.signed
    }

    pub fn unsigned(&self) -> i64 {
        self.unsigned
    }

    /// Checks what `e` may be signed with (`body` is its decoded payload, when it could be
    /// read); the signature to check, or `None` for an unsigned event that `may_be_unsigned`
    /// allows. `Err` says why the event breaks the rules.
    pub fn check(
        &mut self,
        e: &Event,
        body: Option<&EventBody>,
        may_be_unsigned: bool,
    ) -> Result<Option<ToCheck>, String> {
        let (key_id, signature) = match (&e.key_id, &e.signature) {
            (None, None) => {
                if self.last_key.is_some() {
                    return Err("it is not signed, though earlier events of its chain are: it was added or rewritten without its actor's key".into());
                }
                if !may_be_unsigned {
                    return Err("it is not signed, though it was written after signatures began: it was added or rewritten without its actor's key".into());
                }
                self.unsigned += 1;
                return Ok(None);
            }
            (None, Some(_)) => return Err("it carries a signature but names no key".into()),
            (Some(k), None) => {
                return Err(format!(
                    "it names the key {} but carries no signature",
                    short(k)
                ))
            }
            (Some(k), Some(s)) => (k, s),
        };
        if let Some(EventBody::KeyRegistered(r)) = body {
            self.register(e, &r.key_id, r.replaces.as_deref(), key_id)?;
        }
        match self.keys.get(key_id) {
            None => {
                return Err(format!(
                    "it is signed with the key {}, which is not registered on this chain",
                    short(key_id)
                ))
            }
            Some(k) if k.owner != e.actor => {
                return Err(format!(
                    "it is signed with a key registered to {} ({}), not to its actor {}",
                    k.owner,
                    short(key_id),
                    e.actor
                ))
            }
            Some(k) if k.retired => {
                return Err(format!(
                    "it is signed with the key {}, which its owner replaced earlier in this chain",
                    short(key_id)
                ))
            }
            Some(_) => {}
        }
        self.last_key = Some(key_id.clone());
        self.signed += 1;
        Ok(Some(ToCheck {
            key_id: key_id.clone(),
            message: canonical_bytes(e),
            signature: signature.clone(),
        }))
    }

    fn register(
        &mut self,
        e: &Event,
        key_id: &str,
        replaces: Option<&str>,
        signed_with: &str,
    ) -> Result<(), String> {
        if key_id != signed_with {
            return Err(format!(
                "it registers the key {} but is signed with {}: a key is registered by itself",
                short(key_id),
                short(signed_with)
            ));
        }
        if self.keys.contains_key(key_id) {
            return Err(format!(
                "it registers the key {} a second time on this chain",
                short(key_id)
            ));
        }
        let current = self.active.get(&e.actor).cloned();
        if current.is_some() && current.as_deref() != replaces {
            return Err(format!(
                "it registers a second key for {} without naming the key it replaces ({})",
                e.actor,
                short(current.as_deref().unwrap_or_default())
            ));
        }
        if let Some(old) = replaces {
            if let Some(state) = self.keys.get_mut(old) {
                if state.owner != e.actor {
                    return Err(format!(
                        "it replaces the key {}, which belongs to {}",
                        short(old),
                        state.owner
                    ));
                }
                state.retired = true;
            }
        }
        self.keys.insert(
            key_id.to_owned(),
            KeyState {
                owner: e.actor.clone(),
                retired: false,
            },
        );
        self.active.insert(e.actor.clone(), key_id.to_owned());
        Ok(())
    }

    /// Checks the chain's head once every event was read: the head signature to check, or
    /// `None` for a chain with no signed event and an unsigned head.
    pub fn check_head(&self, chain: &str, head: &Head) -> Result<Option<ToCheck>, String> {
        match (&self.last_key, &head.key_id, &head.signature) {
            (None, None, None) => Ok(None),
            (Some(_), None, _) | (Some(_), _, None) => Err(
                "the chain's head is not signed: it was rewritten without its last signer's key"
                    .into(),
            ),
            (Some(last), Some(k), Some(s)) if last == k => Ok(Some(ToCheck {
                key_id: k.clone(),
                message: head_message(chain, head.seq, &head.hash),
                signature: s.clone(),
            })),
            (Some(last), Some(k), Some(_)) => Err(format!(
                "the chain's head is signed with the key {}, not with {} that signed its newest event",
                short(k),
                short(last)
            )),
            (None, _, _) => Err(
                "the chain's head carries a signature but none of its events is signed".into(),
            ),
        }
    }
}

/// The first 12 hex digits of a key id, as people compare keys.
pub fn short(key_id: &str) -> &str {
    key_id.get(..12).unwrap_or(key_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::payloads::KeyRegistered;
    use crate::ledger::{link, link_signed, EventDraft, LedgerKey};

    fn key(owner: &str, n: u8) -> LedgerKey {
        LedgerKey::from_seed(UserId::from(owner), &[n; 32])
    }

    fn draft(actor: &str, body: EventBody) -> EventDraft {
        EventDraft {
            actor: UserId::from(actor),
            subject: "profile:x".into(),
            project_id: None,
            body,
        }
    }

    fn registration(k: &LedgerKey, replaces: Option<&LedgerKey>) -> EventBody {
        EventBody::KeyRegistered(KeyRegistered {
            key_id: k.key_id(),
            replaces: replaces.map(LedgerKey::key_id),
        })
    }

    fn renamed() -> EventBody {
        EventBody::ProfileRenamed(crate::events::payloads::ProfileRenamed {
            name: "B".into(),
            from: "A".into(),
        })
    }

    /// Checks `events` in order; the first problem's index and reason.
    fn run(events: &[Event], may_be_unsigned: bool) -> Result<ChainKeys, (usize, String)> {
        let mut keys = ChainKeys::default();
        for (i, e) in events.iter().enumerate() {
            let body = e.body().ok();
            keys.check(e, body.as_ref(), may_be_unsigned)
                .map_err(|r| (i, r))?;
        }
        Ok(keys)
    }

    fn chain(parts: Vec<(EventDraft, Option<&LedgerKey>)>) -> Vec<Event> {
        let mut out: Vec<Event> = Vec::new();
        for (d, k) in parts {
            let prev = out.last().map(|e| (e.seq, e.hash.as_str()));
            let u = d.unlinked(1);
            out.push(match k {
                Some(k) => link_signed(u, prev, k),
                None => link(u, prev),
            });
        }
        out
    }

    #[test]
    fn registered_keys_sign_their_owners_events() {
        let a = key("a", 1);
        let events = chain(vec![
            (draft("a", registration(&a, None)), Some(&a)),
            (draft("a", renamed()), Some(&a)),
        ]);
        let keys = run(&events, false).expect("valid");
        assert_eq!(keys.signed(), 2);
    }

    #[test]
    fn an_unregistered_or_foreign_key_is_named() {
        let (a, b) = (key("a", 1), key("b", 2));
        let events = chain(vec![(draft("a", renamed()), Some(&a))]);
        assert!(run(&events, false)
            .expect_err("a problem")
            .1
            .contains("not registered"));
        let events = chain(vec![
            (draft("b", registration(&b, None)), Some(&b)),
            (draft("a", renamed()), Some(&b)),
        ]);
        let (at, why) = run(&events, false).expect_err("a problem");
        assert_eq!(at, 1);
        assert!(why.contains("registered to b"), "{why}");
    }

    #[test]
    fn a_second_key_must_replace_the_first_which_then_signs_nothing() {
        let (a1, a2) = (key("a", 1), key("a", 2));
        let silent = chain(vec![
            (draft("a", registration(&a1, None)), Some(&a1)),
            (draft("a", registration(&a2, None)), Some(&a2)),
        ]);
        assert!(run(&silent, false)
            .expect_err("a problem")
            .1
            .contains("without naming"));
        let rotated = chain(vec![
            (draft("a", registration(&a1, None)), Some(&a1)),
            (draft("a", registration(&a2, Some(&a1))), Some(&a2)),
            (draft("a", renamed()), Some(&a1)),
        ]);
        let (at, why) = run(&rotated, false).expect_err("a problem");
        assert_eq!(at, 2);
        assert!(why.contains("replaced"), "{why}");
    }

    #[test]
    fn unsigned_events_pass_only_before_signatures_began() {
        let a = key("a", 1);
        let old = chain(vec![(draft("a", renamed()), None)]);
        assert!(run(&old, true).is_ok());
        assert!(run(&old, false).is_err());
        let after = chain(vec![
            (draft("a", registration(&a, None)), Some(&a)),
            (draft("a", renamed()), None),
        ]);
        assert!(run(&after, true)
            .expect_err("a problem")
            .1
            .contains("earlier events"));
    }

    #[test]
    fn the_head_must_be_signed_by_the_newest_events_key() {
        let (a, b) = (key("a", 1), key("b", 2));
        let events = chain(vec![(draft("a", registration(&a, None)), Some(&a))]);
        let keys = run(&events, false).expect("valid");
        let last = &events[0];
        let head = |k: &LedgerKey| Head {
            seq: last.seq,
            hash: last.hash.clone(),
            key_id: Some(k.key_id()),
            signature: Some(k.sign(&head_message("workspace", last.seq, &last.hash))),
        };
        let ok = keys.check_head("workspace", &head(&a)).expect("signed");
        assert!(ok.is_some());
        assert!(keys.check_head("workspace", &head(&b)).is_err());
        let bare = Head {
            key_id: None,
            signature: None,
            ..head(&a)
        };
        assert!(keys.check_head("workspace", &bare).is_err());
    }
}
