//! Settings → Database and live updates at the IPC boundary. A password travels from the form
//! to the OS keyring only: it is never sent back, shown by `Debug`, or logged.

use crate::error::IpcError;
use greenlight_core::database::{ConnectionCheck, TlsMode};
use greenlight_core::live::LiveEvent;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which kind of database the window is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DatabaseMode {
    /// The embedded database in the data folder ("Just me, on this computer").
    Local,
    /// A team's PostgreSQL server.
    Team,
}

/// Why the window is on this database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DatabaseSource {
    /// `GREENLIGHT_DATABASE_URL` names it (it wins over the saved choice at every start).
    Environment,
    /// Chosen in the app (kept in the data folder's `database.json`).
    Saved,
    /// Nothing chosen yet: the local database.
    Default,
}

/// How the connection to a team server is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum TlsChoice {
    /// No TLS: only for a server on this computer or a trusted private link.
    Disable,
    /// Encrypted; the server's certificate is not checked.
    Require,
    /// Encrypted, and the certificate must be signed by the CA and name the host.
    VerifyFull,
}

impl TlsChoice {
    pub fn as_str(self) -> &'static str {
        match self {
            TlsChoice::Disable => "disable",
            TlsChoice::Require => "require",
            TlsChoice::VerifyFull => "verify-full",
        }
    }
}

impl From<TlsMode> for TlsChoice {
    fn from(mode: TlsMode) -> Self {
        match mode {
            TlsMode::Disable => TlsChoice::Disable,
            TlsMode::Require => TlsChoice::Require,
            TlsMode::VerifyFull => TlsChoice::VerifyFull,
        }
    }
}

/// A team server as the form shows it (no password; the CA file is in [`DatabaseStatus`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerFields {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub tls: TlsChoice,
}

/// Which database the window is on, and whether it answers.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseStatus {
    pub mode: DatabaseMode,
    /// The database file, or `login@host:port/database` on a team server.
    pub label: String,
    pub source: DatabaseSource,
    /// No database was ever chosen on this computer: the UI offers "Just me" or "My team".
    pub first_run: bool,
    /// The team server (the one in use, or the one that failed to open), for the form.
    pub server: Option<ServerFields>,
    /// Whether the database answers now (false while a team server is unreachable).
    pub online: bool,
    /// Why the database could not be opened, when it could not.
    pub open_error: Option<IpcError>,
    /// The CA certificate chosen for verify-full (by file name), for the form.
    pub ca_file_name: Option<String>,
}

/// A password typed into the form, on its way to the server and the OS keyring: wiped from
/// memory when dropped, never shown by `Debug`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(type = "string")]
pub struct Password(String);

impl Password {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Drop for Password {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Settings → Database: a team server to test or switch to.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseForm {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub tls: TlsChoice,
    /// Use the CA certificate chosen with `database_pick_ca` (verify-full only); otherwise the
    /// system's trust store.
    pub use_ca_file: bool,
    /// Empty or null: the one in the keyring for this login, else `PGPASSWORD` / `~/.pgpass`.
    pub password: Option<Password>,
}

/// What a successful connection test found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionResult {
    /// `login@host:port/database`.
    pub server: String,
    pub login: String,
    /// The person the login is mapped to (null: created on first connect).
    pub person: Option<String>,
}

impl From<ConnectionCheck> for ConnectionResult {
    fn from(c: ConnectionCheck) -> Self {
        Self {
            server: c.server,
            login: c.login,
            person: c.person,
        }
    }
}

/// Whether a server carries Greenlight's schema, and whether this login may set it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetUpInfo {
    pub schema_present: bool,
    /// The login may run `team init` there (a superuser, or one that may create roles and
    /// tables): the window offers the set-up to them and tells everyone else whom to ask.
    pub may_set_up: bool,
}

impl From<greenlight_core::database::SetUpState> for SetUpInfo {
    fn from(s: greenlight_core::database::SetUpState) -> Self {
        Self {
            schema_present: s.schema_present,
            may_set_up: s.may_set_up,
        }
    }
}

/// What the window learns about its database as it happens (the `database-live` event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum LiveUpdate {
    /// Something was recorded on `chain` (`workspace` or a project id), by anyone.
    #[serde(rename_all = "camelCase")]
    Changed { chain: String, seq: i64 },
    /// The team server cannot be reached; reconnecting with backoff.
    #[serde(rename_all = "camelCase")]
    Offline { message: String },
    /// The server answers again (or updates were missed): refresh what is shown.
    Online,
}

impl From<LiveEvent> for LiveUpdate {
    fn from(e: LiveEvent) -> Self {
        match e {
            LiveEvent::Changed { chain, seq } => LiveUpdate::Changed { chain, seq },
            LiveEvent::Offline { message } => LiveUpdate::Offline { message },
            LiveEvent::Online => LiveUpdate::Online,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_never_shown() {
        let form: DatabaseForm = serde_json::from_value(serde_json::json!({
            "host": "db", "port": 5432, "database": "studio", "user": "maya",
            "tls": "verify-full", "useCaFile": false, "password": "hunter2-secret"
        }))
        .expect("form");
        assert!(!format!("{form:?}").contains("hunter2"));
        assert_eq!(form.tls, TlsChoice::VerifyFull);
    }

    #[test]
    fn live_updates_keep_core_s_shape() {
        for e in [
            LiveEvent::Changed {
                chain: "workspace".into(),
                seq: 3,
            },
            LiveEvent::Offline {
                message: "gone".into(),
            },
            LiveEvent::Online,
        ] {
            let core = serde_json::to_value(&e).expect("core");
            let ours = serde_json::to_value(LiveUpdate::from(e)).expect("ours");
            assert_eq!(core, ours);
        }
    }

    #[test]
    fn tls_modes_are_named_as_in_urls() {
        for (c, s) in [
            (TlsChoice::Disable, "disable"),
            (TlsChoice::Require, "require"),
            (TlsChoice::VerifyFull, "verify-full"),
        ] {
            assert_eq!(c.as_str(), s);
            assert_eq!(serde_json::to_value(c).expect("json"), s);
            let mode = TlsMode::parse(s).expect("core knows it");
            assert_eq!(TlsChoice::from(mode), c);
        }
    }
}
