//! Signatures on the ledger: Ed25519 (`ed25519-dalek`).
//!
//! - Every event written since signatures began names the key that signed it (`key_id`: the
//!   public key, 64 hex digits) and carries that key's signature over the event's canonical
//!   bytes ([`super::canonical_bytes`], which cover the key id, so the key cannot be swapped).
//! - Each chain's head (seq and hash of its newest event) is signed by the same key over
//!   [`head_message`], under a different domain tag, so an event's signature can never stand
//!   in for a head's: cutting events from the end of a chain needs a head signature that was
//!   never made.
//! - A key is bound to a person on a chain by a `key.registered` event that the key itself
//!   signs, written before the key's first other event there. Each chain so carries the
//!   public keys that verify it, and a project moves between databases with them.
//!
//! The signed bytes are the length-prefixed encoding the hash already covers, not a JSON
//! rendering of the event: every field is stored exactly as it is hashed (the payload is
//! RFC 8785 canonical JSON, written once and never re-serialized), so there is nothing left to
//! canonicalize, and no two events share an encoding.

use crate::ids::UserId;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use std::fmt;
use zeroize::Zeroizing;

const HEAD_TAG: &[u8] = b"greenlight.head.v1";
/// The tag of a chain head as a report records it: signed by whoever verified, never the
/// ledger's own head signature (which would let anyone holding a report cut the chain back
/// to that head and put its signature back).
const REPORTED_HEAD_TAG: &[u8] = b"greenlight.reported-head.v1";
/// How many signatures one thread checks together.
const BATCH: usize = 4096;

/// A person's private signing key, held in memory while they act (it is kept in the OS
/// keyring, never in the database). Its `Debug` shows the public half only.
pub struct LedgerKey {
    owner: UserId,
    key: SigningKey,
}

impl fmt::Debug for LedgerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LedgerKey")
            .field("owner", &self.owner)
            .field("key_id", &self.key_id())
            .finish()
    }
}

/// Why stored key material could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the stored signing key is not 64 hex digits")]
pub struct KeyFormatError;

impl LedgerKey {
    /// The key whose 32 secret bytes are `seed` (generated from the OS's randomness by the
    /// caller: this crate does no I/O).
    pub fn from_seed(owner: UserId, seed: &[u8; 32]) -> Self {
        Self {
            owner,
            key: SigningKey::from_bytes(seed),
        }
    }

    /// Reads a key as [`LedgerKey::seed_hex`] wrote it.
    pub fn from_seed_hex(owner: UserId, text: &str) -> Result<Self, KeyFormatError> {
        let bytes = Zeroizing::new(hex::decode(text.trim()).map_err(|_| KeyFormatError)?);
        let seed: Zeroizing<[u8; 32]> =
            Zeroizing::new(bytes.as_slice().try_into().map_err(|_| KeyFormatError)?);
        Ok(Self::from_seed(owner, &seed))
    }

    /// The secret bytes as hex, for the keyring only.
    pub fn seed_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.key.to_bytes()))
    }

    pub fn owner(&self) -> &UserId {
        &self.owner
    }

    /// The public key in hex: the key's id everywhere it is named.
    pub fn key_id(&self) -> String {
        hex::encode(self.key.verifying_key().as_bytes())
    }

    /// The public half.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    /// The private key as PKCS#8 PEM, for a signer that takes one (C2PA): never stored.
    pub fn pkcs8_pem(&self) -> Zeroizing<String> {
        use ed25519_dalek::pkcs8::EncodePrivateKey;
        match self
            .key
            .to_pkcs8_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
        {
            Ok(pem) => Zeroizing::new(pem.as_str().to_owned()),
            // Encoding 32 bytes cannot fail; an empty PEM makes the signer refuse clearly.
            Err(_) => Zeroizing::new(String::new()),
        }
    }

    /// The signature of `message`, 128 hex digits.
    pub fn sign(&self, message: &[u8]) -> String {
        hex::encode(self.key.sign(message).to_bytes())
    }
}

/// The bytes a chain head's signature covers.
pub fn head_message(chain: &str, seq: i64, hash: &str) -> Vec<u8> {
    super::length_prefixed(&[
        HEAD_TAG,
        chain.as_bytes(),
        &seq.to_le_bytes(),
        hash.as_bytes(),
    ])
}

/// The bytes a report's signature over a chain head covers.
pub fn reported_head_message(chain: &str, seq: i64, hash: &str) -> Vec<u8> {
    super::length_prefixed(&[
        REPORTED_HEAD_TAG,
        chain.as_bytes(),
        &seq.to_le_bytes(),
        hash.as_bytes(),
    ])
}

/// The public key named by `key_id`; `None` when it is not a usable Ed25519 public key (not
/// 32 bytes of hex, not a curve point, or a weak key that would verify forged signatures).
pub fn public_key(key_id: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(key_id).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes)
        .ok()
        .filter(|k| !k.is_weak())
}

fn signature(text: &str) -> Option<Signature> {
    let bytes: [u8; 64] = hex::decode(text).ok()?.try_into().ok()?;
    Some(Signature::from_bytes(&bytes))
}

/// Whether `sig` is `key_id`'s signature of `message` (strict: no malleable or weak forms).
pub fn verify(key_id: &str, message: &[u8], sig: &str) -> bool {
    match (public_key(key_id), signature(sig)) {
        (Some(k), Some(s)) => k.verify_strict(message, &s).is_ok(),
        _ => false,
    }
}

struct Pending<T> {
    message: Vec<u8>,
    signature: Signature,
    key: VerifyingKey,
    tag: T,
}

/// Signatures gathered to be checked together: Ed25519 batch verification, on every core.
/// Each entry carries a tag (which event or head it is), and [`SignatureBatch::failures`]
/// returns the tags of those that do not verify.
pub struct SignatureBatch<T> {
    pending: Vec<Pending<T>>,
    failed: Vec<T>,
    /// Public keys already decoded (a point decompression each): a chain has few keys.
    keys: std::collections::HashMap<String, Option<VerifyingKey>>,
}

impl<T: Send> Default for SignatureBatch<T> {
    fn default() -> Self {
        Self {
            pending: Vec::new(),
            failed: Vec::new(),
            keys: std::collections::HashMap::new(),
        }
    }
}

impl<T: Send> SignatureBatch<T> {
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty() && self.failed.is_empty()
    }

    /// Queues `sig` as `key_id`'s signature of `message`; an unreadable key or signature
    /// fails at once.
    pub fn push(&mut self, key_id: &str, message: Vec<u8>, sig: &str, tag: T) {
        let key = match self.keys.get(key_id) {
            Some(k) => *k,
            None => {
                let k = public_key(key_id);
                self.keys.insert(key_id.to_owned(), k);
                k
            }
        };
        match (key, signature(sig)) {
            (Some(key), Some(signature)) => self.pending.push(Pending {
                message,
                signature,
                key,
                tag,
            }),
            _ => self.failed.push(tag),
        }
    }

    /// Checks everything queued; the tags that failed, in no particular order.
    pub fn failures(self) -> Vec<T> {
        let Self {
            pending,
            mut failed,
            ..
        } = self;
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let per_thread = pending.len().div_ceil(threads).max(BATCH);
        let mut parts: Vec<Vec<Pending<T>>> = Vec::new();
        let mut rest = pending.into_iter().peekable();
        while rest.peek().is_some() {
            parts.push(rest.by_ref().take(per_thread).collect());
        }
        let found: Vec<Vec<T>> = std::thread::scope(|s| {
            let handles: Vec<_> = parts
                .into_iter()
                .map(|part| s.spawn(move || check_part(part)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        failed.extend(found.into_iter().flatten());
        failed
    }
}

/// Batch-verifies `part` in runs of [`BATCH`]; a run that fails is checked one by one to
/// name the signatures at fault.
fn check_part<T>(part: Vec<Pending<T>>) -> Vec<T> {
    let mut failed = Vec::new();
    let mut items = part.into_iter().peekable();
    while items.peek().is_some() {
        let run: Vec<Pending<T>> = items.by_ref().take(BATCH).collect();
        let messages: Vec<&[u8]> = run.iter().map(|p| p.message.as_slice()).collect();
        let signatures: Vec<Signature> = run.iter().map(|p| p.signature).collect();
        let keys: Vec<VerifyingKey> = run.iter().map(|p| p.key).collect();
        if ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok() {
            continue;
        }
        // Each signature checked alone, strictly, decides: a batch can also fail on a
        // signature that is valid alone (a crafted one), which must not be blamed on others.
        for p in run {
            if p.key.verify_strict(&p.message, &p.signature).is_err() {
                failed.push(p.tag);
            }
        }
    }
    failed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> LedgerKey {
        LedgerKey::from_seed(UserId::from("u"), &[n; 32])
    }

    #[test]
    fn a_signature_verifies_only_for_its_message_and_key() {
        let (a, b) = (key(1), key(2));
        let sig = a.sign(b"scene one");
        assert!(verify(&a.key_id(), b"scene one", &sig));
        assert!(!verify(&a.key_id(), b"scene two", &sig));
        assert!(!verify(&b.key_id(), b"scene one", &sig));
        assert!(!verify(&a.key_id(), b"scene one", "00"));
        assert!(!verify("zz", b"scene one", &sig));
    }

    #[test]
    fn a_weak_public_key_is_refused() {
        // The identity point: every signature would "verify" against it.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert!(public_key(&hex::encode(identity)).is_none());
    }

    #[test]
    fn the_seed_round_trips_and_debug_hides_it() {
        let k = key(7);
        let again = LedgerKey::from_seed_hex(UserId::from("u"), &k.seed_hex()).expect("seed");
        assert_eq!(again.key_id(), k.key_id());
        assert!(!format!("{k:?}").contains(k.seed_hex().as_str()));
        assert!(LedgerKey::from_seed_hex(UserId::from("u"), "abc").is_err());
    }

    #[test]
    fn a_batch_names_exactly_the_bad_signatures() {
        let k = key(3);
        let mut batch = SignatureBatch::default();
        for i in 0..3000u32 {
            let msg = i.to_le_bytes().to_vec();
            let sig = if i == 17 || i == 2500 {
                k.sign(b"something else")
            } else {
                k.sign(&msg)
            };
            batch.push(&k.key_id(), msg, &sig, i);
        }
        batch.push(&k.key_id(), vec![1], "not hex", 9999);
        let mut failed = batch.failures();
        failed.sort_unstable();
        assert_eq!(failed, vec![17, 2500, 9999]);
    }

    #[test]
    fn head_messages_differ_from_each_other() {
        assert_ne!(head_message("c", 1, "h"), head_message("c", 2, "h"));
        assert_ne!(head_message("c", 1, "h"), head_message("d", 1, "h"));
        assert_ne!(
            head_message("c", 1, "h"),
            reported_head_message("c", 1, "h")
        );
    }
}
