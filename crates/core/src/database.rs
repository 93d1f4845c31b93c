//! Where data lives: the embedded database in the data folder (one person), or a team's
//! PostgreSQL server (each person with their own login). The password of a team login lives
//! in the OS keyring (or libpq's `PGPASSWORD` / `~/.pgpass`), never in a file or a URL.

use crate::error::CoreError;
use crate::secrets::{self, Credentials};
use crate::Result;
use greenlight_ai::Secret;
pub use greenlight_store::{
    InitReport, PersonReport, PgOptions, ServerConfig, TlsMode, UrlError, PEOPLE_ROLE,
};
use std::sync::Arc;

/// Environment variable naming a team database for the CLI (and the app at start).
pub const DATABASE_URL_ENV: &str = "GREENLIGHT_DATABASE_URL";

/// Which database to open.
#[derive(Debug, Clone, Default)]
pub enum Database {
    /// `greenlight.db` in the data folder.
    #[default]
    Local,
    /// A team's PostgreSQL server.
    Team(TeamServer),
}

/// A team server and, when the person gave one, the login's password.
#[derive(Debug, Clone)]
pub struct TeamServer {
    pub server: ServerConfig,
    /// `None`: the keyring entry, else `PGPASSWORD` / `~/.pgpass`.
    pub password: Option<Secret>,
}

impl TeamServer {
    pub fn new(server: ServerConfig) -> Self {
        Self {
            server,
            password: None,
        }
    }

    /// Reads a `postgres://` URL; a URL with a password is refused (see [`UrlError`]).
    pub fn from_url(url: &str) -> Result<TeamServer> {
        let server = ServerConfig::from_url(url).map_err(|e| {
            CoreError::Invalid(greenlight_domain::DomainError::Refused {
                field: greenlight_domain::error::fields::DATABASE_URL,
                reason: e.to_string(),
            })
        })?;
        Ok(TeamServer::new(server))
    }
}

/// The keyring account of a login's password on a server.
pub fn password_account(server: &ServerConfig) -> String {
    format!("database:{}", server.display())
}

/// The password to use: the one given, else the keyring's, else none (libpq conventions).
pub(crate) async fn password(
    team: &TeamServer,
    creds: &Arc<dyn Credentials>,
) -> Result<Option<Secret>> {
    if let Some(p) = &team.password {
        return Ok(Some(p.clone()));
    }
    match secrets::get(creds, password_account(&team.server)).await {
        Ok(found) => Ok(found),
        // No keyring on this machine: libpq's conventions still apply.
        Err(CoreError::Keyring(reason)) => {
            tracing::info!(%reason, "no keyring for the database password; using PGPASSWORD / ~/.pgpass");
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Keeps `password` for `server` in the keyring.
pub async fn remember_password(
    creds: &Arc<dyn Credentials>,
    server: &ServerConfig,
    password: Secret,
) -> Result<()> {
    secrets::set(creds, password_account(server), password).await
}

/// Sets Greenlight's schema up (or upgrades it) on a team server. Run by its administrator.
pub async fn team_init(team: &TeamServer, creds: &Arc<dyn Credentials>) -> Result<InitReport> {
    let pw = password(team, creds).await?;
    Ok(greenlight_store::team_init(
        &team.server,
        pw.as_ref().map(Secret::expose),
        PgOptions::default(),
    )
    .await?)
}

/// Creates or maps `login` to a person on a team server. Run by its administrator.
pub async fn team_add_person(
    team: &TeamServer,
    creds: &Arc<dyn Credentials>,
    login: &str,
    name: &str,
    email: &str,
) -> Result<PersonReport> {
    let name = greenlight_domain::profile::clean_profile_name(name)?;
    let email = email.trim();
    if !email.is_empty()
        && (!email.contains('@') || email.len() > 254 || email.contains(char::is_whitespace))
    {
        return Err(CoreError::Invalid(
            greenlight_domain::DomainError::Refused {
                field: greenlight_domain::error::fields::EMAIL,
                reason: format!("“{email}” is not an email address"),
            },
        ));
    }
    let pw = password(team, creds).await?;
    Ok(greenlight_store::team_add_person(
        &team.server,
        pw.as_ref().map(Secret::expose),
        PgOptions::default(),
        login,
        &name,
        email,
        crate::now_ms(),
    )
    .await?)
}
