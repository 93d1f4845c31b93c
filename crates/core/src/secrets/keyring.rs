//! The OS keyring: Secret Service on Linux, Keychain on macOS, Credential Manager on Windows.

use super::Credentials;
use crate::error::CoreError;
use crate::Result;
use greenlight_ai::Secret;

/// Keys in the OS keyring: one keyring "service", one entry per account.
#[derive(Debug, Clone)]
pub struct Keyring {
    service: String,
}

impl Keyring {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, account).map_err(unavailable)
    }
}

fn unavailable(e: keyring::Error) -> CoreError {
    // The keyring's own message never contains the secret.
    CoreError::Keyring(format!(
        "the system keyring is not available ({e}). Unlock your keyring (on Linux: GNOME Keyring or KWallet with the Secret Service) and try again"
    ))
}

impl Credentials for Keyring {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        match self.entry(account)?.get_password() {
            Ok(p) => Ok(Some(Secret::new(p))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<()> {
        self.entry(account)?
            .set_password(secret.expose())
            .map_err(unavailable)
    }

    fn delete(&self, account: &str) -> Result<()> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn describe(&self) -> String {
        "the system keyring".to_owned()
    }
}
