//! The keys events are signed with, held in memory by person for as long as the store is
//! open. Core loads a person's key from their OS keyring and hands it over
//! ([`Store::sign_as`]); the store never writes a private key anywhere.

use crate::open::Store;
use greenlight_domain::ids::UserId;
use greenlight_domain::ledger::LedgerKey;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Signing keys by person.
#[derive(Debug, Default)]
pub struct Signers(RwLock<HashMap<UserId, Arc<LedgerKey>>>);

impl Signers {
    pub(crate) fn get(&self, person: &UserId) -> Option<Arc<LedgerKey>> {
        self.0.read().ok()?.get(person).cloned()
    }

    fn set(&self, key: Arc<LedgerKey>) {
        if let Ok(mut map) = self.0.write() {
            map.insert(key.owner().clone(), key);
        }
    }

    fn remove(&self, person: &UserId) {
        if let Ok(mut map) = self.0.write() {
            map.remove(person);
        }
    }
}

impl Store {
    /// Signs the events of `key`'s owner with `key` from now on (it must be registered:
    /// [`crate::Tx::register_signing_key`]).
    pub fn sign_as(&self, key: Arc<LedgerKey>) {
        self.signers.set(key);
    }

    /// Forgets `person`'s key: their next event fails until a key is handed over again.
    pub fn stop_signing_as(&self, person: &UserId) {
        self.signers.remove(person);
    }

    /// The key `person`'s events are signed with here, if any.
    pub fn signing_key(&self, person: &UserId) -> Option<Arc<LedgerKey>> {
        self.signers.get(person)
    }
}
