//! People's signing keys: the private half in the OS keyring (account `signing:<person>`),
//! the public half registered in the database, and the store told which key signs the
//! person's events.
//!
//! - A new person gets a key before their first event (see `profile`).
//! - Opening finds the person's key in the keyring. When the database has a key for them that
//!   this keyring lacks (lost, or the person works on another computer), nothing is made
//!   silently: every change is refused with a message saying how to create a new key, and
//!   [`Keys::rotate`] does so. The new key names the one it replaces, which is retired; the
//!   ledger shows the change, and older events still verify against the old key.

use crate::app::Greenlight;
use crate::error::CoreError;
use crate::secrets::{self, Credentials, Secret};
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::ids::UserId;
pub use greenlight_domain::ledger::keys::{KeyStatus, KeysInfo};
use greenlight_domain::ledger::{ChainId, LedgerKey};
use greenlight_store::{Store, Tx};
use std::sync::Arc;

fn account(person: &UserId) -> String {
    format!("signing:{person}")
}

/// A fresh key from the OS's randomness.
fn generate(person: &UserId) -> Result<LedgerKey> {
    let mut seed = zeroize::Zeroizing::new([0u8; 32]);
    getrandom::getrandom(seed.as_mut())
        .map_err(|e| CoreError::Internal(format!("no randomness for a signing key: {e}")))?;
    Ok(LedgerKey::from_seed(person.clone(), &seed))
}

async fn save(creds: &Arc<dyn Credentials>, key: &LedgerKey) -> Result<()> {
    secrets::set(
        creds,
        account(key.owner()),
        Secret::new(key.seed_hex().as_str()),
    )
    .await
}

async fn stored(creds: &Arc<dyn Credentials>, person: &UserId) -> Result<Option<LedgerKey>> {
    let Some(secret) = secrets::get(creds, account(person)).await? else {
        return Ok(None);
    };
    LedgerKey::from_seed_hex(person.clone(), secret.expose())
        .map(Some)
        .map_err(|e| {
            CoreError::Keyring(format!(
                "{} holds a damaged signing key for you ({e}): create a new one (Settings → Your signing key, or `greenlight keys rotate`)",
                creds.describe()
            ))
        })
}

/// A key for a person being created, saved in the keyring and registered in `tx`; the
/// caller hands it to the store once `tx` holds the person.
pub(crate) async fn create_for_new_person(
    creds: &Arc<dyn Credentials>,
    tx: &mut Tx,
    person: &UserId,
    at: i64,
) -> Result<Arc<LedgerKey>> {
    let key = generate(person)?;
    save(creds, &key).await?;
    tx.register_signing_key(person, &key.key_id(), None, at)
        .await?;
    Ok(Arc::new(key))
}

/// Finds the person's key at open and hands it to the store; what the keyring and the
/// database say decides [`KeyStatus`]. A person who never had a key (their profile predates
/// signatures) gets one now.
pub(crate) async fn load(
    store: &Store,
    creds: &Arc<dyn Credentials>,
    person: &UserId,
) -> Result<KeyStatus> {
    if store.signing_key(person).is_some() {
        return Ok(KeyStatus::Ready);
    }
    let history = store.signing_keys_of(person).await?;
    let current = history.iter().find(|k| k.retired_at.is_none());
    match (stored(creds, person).await?, current) {
        (Some(key), Some(c)) if c.key_id == key.key_id() => {
            store.sign_as(Arc::new(key));
            Ok(KeyStatus::Ready)
        }
        (Some(key), _) if history.iter().any(|k| k.key_id == key.key_id()) => {
            Ok(KeyStatus::Replaced)
        }
        (_, Some(_)) => Ok(KeyStatus::Missing),
        (found, None) => {
            // No current key on record: register the keyring's (a database restored from
            // before it was made) or a new one.
            let key = match found {
                Some(k) => k,
                None => {
                    let k = generate(person)?;
                    save(creds, &k).await?;
                    k
                }
            };
            let replaces = history.first().map(|k| k.key_id.clone());
            let mut tx = store.begin().await?;
            tx.register_signing_key(person, &key.key_id(), replaces.as_deref(), now_ms())
                .await?;
            tx.commit().await?;
            store.sign_as(Arc::new(key));
            Ok(KeyStatus::Ready)
        }
    }
}

/// A person's signing keys.
pub struct Keys<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// The acting person's signing keys: show and rotate.
    pub fn keys(&self) -> Keys<'_> {
        Keys { app: self }
    }
}

impl Keys<'_> {
    /// The person's keys and whether this computer can sign for them.
    pub async fn show(&self, actor: &Actor) -> Result<KeysInfo> {
        let store = &self.app.store;
        let status = load(store, &self.app.credentials, &actor.id).await?;
        Ok(KeysInfo {
            status,
            key_id: store.signing_key(&actor.id).map(|k| k.key_id()),
            kept_in: self.app.credentials.describe(),
            history: store.signing_keys_of(&actor.id).await?,
        })
    }

    /// Makes a new key for the person on this computer, replacing their current one (which
    /// is retired: it signs nothing more, and earlier events still verify against it). The
    /// new key is registered at once on the workspace chain and on every chain the old key
    /// was registered on, so the change is on each record.
    pub async fn rotate(&self, actor: &Actor) -> Result<KeysInfo> {
        let store = &self.app.store;
        let key = Arc::new(generate(&actor.id)?);
        let now = now_ms();
        let mut tx = store.begin().await?;
        let current = store
            .signing_keys_of(&actor.id)
            .await?
            .into_iter()
            .find(|k| k.retired_at.is_none())
            .map(|k| k.key_id);
        tx.register_signing_key(&actor.id, &key.key_id(), current.as_deref(), now)
            .await?;
        // The keyring is written before the commit: a failed commit leaves an unregistered
        // key in it (replaced by the next rotation), never a registered key without its
        // private half.
        save(&self.app.credentials, &key).await?;
        let previous = store.signing_key(&actor.id);
        store.sign_as(key);
        // The new key replaces the old one at once on every chain the old one signed, so a
        // lost key found again signs nothing there either (and the change is on each record).
        let recorded = async {
            let mut chains = vec![ChainId::Workspace];
            if let Some(old) = &current {
                for c in tx.chains_with_key(old).await? {
                    let chain = ChainId::parse(&c);
                    if !chains.contains(&chain) {
                        chains.push(chain);
                    }
                }
            }
            for chain in &chains {
                tx.register_key_on(&actor.id, chain, now).await?;
            }
            tx.commit().await
        }
        .await;
        if let Err(e) = recorded {
            match previous {
                Some(p) => {
                    // The keyring gets the key that is still the current one back.
                    let _ = save(&self.app.credentials, &p).await;
                    store.sign_as(p);
                }
                None => store.stop_signing_as(&actor.id),
            }
            return Err(e.into());
        }
        self.show(actor).await
    }
}
