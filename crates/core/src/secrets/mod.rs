//! Where API keys live. Keys are never written to the database, logs, exports or IPC
//! replies; this module is the only one that touches them, and it hands them on only inside a
//! [`Secret`].
//!
//! Core reads keys through the [`Credentials`] trait: the OS keyring ([`Keyring`]) in the app
//! and the CLI, or an explicit file ([`SecretsFile`]) for a headless machine without a
//! keyring — chosen by the person, and named in every message, never a silent fallback.

mod file;
mod keyring;

pub use self::file::SecretsFile;
pub use self::keyring::Keyring;

use crate::Result;
pub use greenlight_ai::Secret;
use std::sync::Arc;

/// The keyring service name the app uses.
pub const DEFAULT_SERVICE: &str = "app.greenlight.desktop";

/// A store of secrets by account name. Calls may block (D-Bus, disk): core calls them on the
/// blocking pool.
pub trait Credentials: Send + Sync + std::fmt::Debug + 'static {
    fn get(&self, account: &str) -> Result<Option<Secret>>;
    /// Stores or replaces.
    fn set(&self, account: &str, secret: &Secret) -> Result<()>;
    /// Removing a missing secret is not an error.
    fn delete(&self, account: &str) -> Result<()>;
    /// Where the secrets are, for messages ("the system keyring", "the file …").
    fn describe(&self) -> String;
}

/// The account under which a provider's key is kept.
pub(crate) fn provider_account(provider_id: &str) -> String {
    format!("provider:{provider_id}")
}

/// Async access to a [`Credentials`] store, off the async runtime.
pub(crate) async fn get(creds: &Arc<dyn Credentials>, account: String) -> Result<Option<Secret>> {
    let creds = creds.clone();
    crate::blocking::run(move || creds.get(&account)).await
}

pub(crate) async fn set(
    creds: &Arc<dyn Credentials>,
    account: String,
    secret: Secret,
) -> Result<()> {
    let creds = creds.clone();
    crate::blocking::run(move || creds.set(&account, &secret)).await
}

pub(crate) async fn delete(creds: &Arc<dyn Credentials>, account: String) -> Result<()> {
    let creds = creds.clone();
    crate::blocking::run(move || creds.delete(&account)).await
}
