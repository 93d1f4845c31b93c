//! The registry of people's public signing keys (`signing_keys`): which key is whose, which
//! key it replaced, and when a newer one retired it. `verify` does not trust this table — each
//! chain carries its own `key.registered` events — but appending does: a retired key signs
//! nothing more.

use crate::open::Store;
use crate::query::Statement;
use crate::rows::DbRow;
use crate::tx::Tx;
use crate::{Result, StoreError};
use greenlight_domain::ids::UserId;
use greenlight_domain::ledger::keys::{short, SigningKeyRecord};

const KEY_COLS: &str = "key_id, user_id, created_at, replaces, retired_at";

fn key_record(r: &dyn DbRow) -> Result<SigningKeyRecord> {
    Ok(SigningKeyRecord {
        key_id: r.text("key_id")?,
        user_id: UserId(r.text("user_id")?),
        created_at: r.int("created_at")?,
        replaces: r.opt_text("replaces")?,
        retired_at: r.opt_int("retired_at")?,
    })
}

impl Tx {
    /// Registers `key_id` as `person`'s signing key; `replaces` (their previous key) is retired
    /// in the same transaction.
    pub async fn register_signing_key(
        &mut self,
        person: &UserId,
        key_id: &str,
        replaces: Option<&str>,
        at: i64,
    ) -> Result<()> {
        if let Some(old) = replaces {
            self.exec(
                Statement::new(
                    "UPDATE signing_keys SET retired_at = $1 WHERE key_id = $2 AND retired_at IS NULL",
                )
                .int(at)
                .text(old),
            )
            .await?;
        }
        self.exec(
            Statement::new(&format!(
                "INSERT INTO signing_keys ({KEY_COLS}) VALUES ($1, $2, $3, $4, NULL)"
            ))
            .text(key_id)
            .text(person.as_str())
            .int(at)
            .opt_text(replaces),
        )
        .await?;
        Ok(())
    }

    /// The registered key `key_id` of `person`, refusing one that is missing, someone else's
    /// or retired.
    pub(crate) async fn usable_key(
        &mut self,
        person: &UserId,
        key_id: &str,
    ) -> Result<SigningKeyRecord> {
        let found = self
            .optional(
                Statement::new(&format!(
                    "SELECT {KEY_COLS} FROM signing_keys WHERE key_id = $1"
                ))
                .text(key_id),
                key_record,
            )
            .await?;
        match found {
            Some(k) if k.user_id != *person => Err(StoreError::NoSigningKey {
                person: person.to_string(),
            }),
            Some(k) if k.retired_at.is_some() => Err(StoreError::KeyRetired {
                key: short(key_id).to_owned(),
            }),
            Some(k) => Ok(k),
            None => Err(StoreError::NoSigningKey {
                person: person.to_string(),
            }),
        }
    }

    /// Whether `key_id` is registered on `chain` yet (by a `key.registered` event).
    pub(crate) async fn key_on_chain(&mut self, chain: &str, key_id: &str) -> Result<bool> {
        let found = self
            .optional(
                Statement::new(
                    "SELECT seq FROM events
                     WHERE chain = $1 AND key_id = $2 AND kind = 'key.registered' LIMIT 1",
                )
                .text(chain)
                .text(key_id),
                |r| r.int("seq"),
            )
            .await?;
        Ok(found.is_some())
    }
}

impl Tx {
    /// The key `person` registered last on `chain`, if any.
    pub(crate) async fn latest_key_on_chain(
        &mut self,
        chain: &str,
        person: &UserId,
    ) -> Result<Option<String>> {
        let found = self
            .optional(
                Statement::new(
                    "SELECT key_id FROM events
                     WHERE chain = $1 AND actor = $2 AND kind = 'key.registered'
                     ORDER BY seq DESC LIMIT 1",
                )
                .text(chain)
                .text(person.as_str()),
                |r| r.opt_text("key_id"),
            )
            .await?;
        Ok(found.flatten())
    }

    /// The chains on which `key_id` is registered.
    pub async fn chains_with_key(&mut self, key_id: &str) -> Result<Vec<String>> {
        self.all(
            Statement::new(
                "SELECT chain FROM events WHERE key_id = $1 AND kind = 'key.registered' ORDER BY chain",
            )
            .text(key_id),
            |r| r.text("chain"),
        )
        .await
    }
}

impl Store {
    /// Whether `key_id` is registered on `chain` (by a `key.registered` event).
    pub async fn key_registered_on(&self, chain: &str, key_id: &str) -> Result<bool> {
        let mut tx = self.begin_read().await?;
        let found = tx.key_on_chain(chain, key_id).await;
        tx.rollback().await?;
        found
    }

    /// Every key `person` registered, newest first.
    pub async fn signing_keys_of(&self, person: &UserId) -> Result<Vec<SigningKeyRecord>> {
        self.all(
            Statement::new(&format!(
                "SELECT {KEY_COLS} FROM signing_keys WHERE user_id = $1 ORDER BY created_at DESC, key_id"
            ))
            .text(person.as_str()),
            key_record,
        )
        .await
    }

    /// Every registered key (public halves: everyone may read them), oldest first.
    pub async fn signing_keys(&self) -> Result<Vec<SigningKeyRecord>> {
        self.all(
            Statement::new(&format!(
                "SELECT {KEY_COLS} FROM signing_keys ORDER BY created_at, key_id"
            )),
            key_record,
        )
        .await
    }
}
