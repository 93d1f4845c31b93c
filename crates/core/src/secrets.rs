//! API keys in the OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager
//! on Windows). Keys are never written to the database, logs, exports or IPC replies; this is
//! the only module that touches them, and it hands them on only inside a [`Secret`].

use crate::error::CoreError;
use crate::Result;
use greenlight_ai::Secret;

/// Where keys are kept: one keyring "service", one entry per provider.
#[derive(Debug, Clone)]
pub struct Keyring {
    service: String,
}

/// The keyring service name the app uses.
pub const DEFAULT_SERVICE: &str = "app.greenlight.desktop";

fn account(provider_id: &str) -> String {
    format!("provider:{provider_id}")
}

fn unavailable(e: keyring::Error) -> CoreError {
    // The keyring's own message never contains the secret.
    CoreError::Keyring(format!(
        "the system keyring is not available ({e}). Unlock your keyring (on Linux: GNOME Keyring or KWallet with the Secret Service) and try again"
    ))
}

impl Keyring {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    /// Stores (or replaces) a provider's key. Blocking keyring I/O runs off the async runtime.
    pub async fn set(&self, provider_id: &str, key: Secret) -> Result<()> {
        let (service, account) = (self.service.clone(), account(provider_id));
        blocking(move || {
            keyring::Entry::new(&service, &account)
                .and_then(|e| e.set_password(key.expose()))
                .map_err(unavailable)
        })
        .await
    }

    /// A provider's key, if one is stored.
    pub async fn get(&self, provider_id: &str) -> Result<Option<Secret>> {
        let (service, account) = (self.service.clone(), account(provider_id));
        blocking(move || {
            match keyring::Entry::new(&service, &account).and_then(|e| e.get_password()) {
                Ok(p) => Ok(Some(Secret::new(p))),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(unavailable(e)),
            }
        })
        .await
    }

    /// Removes a provider's key; removing a missing key is not an error.
    pub async fn delete(&self, provider_id: &str) -> Result<()> {
        let (service, account) = (self.service.clone(), account(provider_id));
        blocking(move || {
            match keyring::Entry::new(&service, &account).and_then(|e| e.delete_credential()) {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(unavailable(e)),
            }
        })
        .await
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CoreError::Internal(format!("keyring task: {e}")))?
}
