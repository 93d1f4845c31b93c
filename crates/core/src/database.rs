//! Where data lives: the embedded database in the data folder (one person), or a team's
//! PostgreSQL server (each person with their own login). The password of a team login lives
//! in the OS keyring (or libpq's `PGPASSWORD` / `~/.pgpass`), never in a file or a URL.

use crate::error::CoreError;
use crate::secrets::{self, Credentials};
use crate::Result;
use greenlight_ai::Secret;
pub use greenlight_store::{
    InitReport, PersonReport, PgOptions, ServerConfig, SetUpState, TlsMode, UrlError, PEOPLE_ROLE,
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

/// Whether the server carries Greenlight's schema, and whether this login may set it up (the
/// app offers `team init` to them; everyone else is told whom to ask).
pub async fn set_up_state(team: &TeamServer, creds: &Arc<dyn Credentials>) -> Result<SetUpState> {
    let pw = password(team, creds).await?;
    Ok(greenlight_store::set_up_state(
        &team.server,
        pw.as_ref().map(Secret::expose),
        PgOptions::default(),
    )
    .await?)
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

/// The database choice kept in the data folder (`database.json`): which database the app
/// opens. Never a password.
pub const CHOICE_FILE: &str = "database.json";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum SavedChoice {
    /// "Just me (on this computer)".
    Local,
    /// "My team (a shared PostgreSQL server)".
    #[serde(rename_all = "camelCase")]
    Team {
        host: String,
        port: u16,
        database: String,
        user: String,
        tls: String,
        ca_file: Option<String>,
    },
}

impl SavedChoice {
    pub fn of(server: &ServerConfig) -> SavedChoice {
        SavedChoice::Team {
            host: server.host.clone(),
            port: server.port,
            database: server.database.clone(),
            user: server.user.clone(),
            tls: server.tls.as_str().to_owned(),
            ca_file: server
                .ca_file
                .as_ref()
                .map(|p| p.to_string_lossy().into_owned()),
        }
    }

    /// What to open for this choice (the password comes from the keyring when opening).
    pub fn database(&self) -> Result<Database> {
        match self {
            SavedChoice::Local => Ok(Database::Local),
            SavedChoice::Team {
                host,
                port,
                database,
                user,
                tls,
                ca_file,
            } => Ok(Database::Team(TeamServer::new(server_config(
                host,
                *port,
                database,
                user,
                tls,
                ca_file.as_deref(),
            )?))),
        }
    }
}

fn refused(field: greenlight_domain::error::Field, reason: String) -> CoreError {
    CoreError::Invalid(greenlight_domain::DomainError::Refused { field, reason })
}

/// Checks the fields of Settings → Database and builds the server's address.
pub fn server_config(
    host: &str,
    port: u16,
    database: &str,
    user: &str,
    tls: &str,
    ca_file: Option<&str>,
) -> Result<ServerConfig> {
    use greenlight_domain::error::fields;
    let plain = |v: &str| {
        !v.is_empty() && v.len() <= 253 && !v.chars().any(|c| c.is_control() || c.is_whitespace())
    };
    let (host, database, user) = (host.trim(), database.trim(), user.trim());
    if !plain(host) || host.contains('/') || host.contains('@') {
        return Err(refused(
            fields::HOST,
            format!("“{host}” is not a host name or address"),
        ));
    }
    if !plain(database) || database.len() > 63 {
        return Err(refused(
            fields::DATABASE,
            "give the database's name (up to 63 characters, no spaces)".into(),
        ));
    }
    if !plain(user) || user.len() > 63 {
        return Err(refused(
            fields::USER,
            "give your database login (up to 63 characters, no spaces)".into(),
        ));
    }
    if port == 0 {
        return Err(refused(
            fields::DATABASE_URL,
            "the port must be between 1 and 65535".into(),
        ));
    }
    let tls = TlsMode::parse(tls).ok_or_else(|| {
        refused(
            fields::DATABASE_URL,
            format!("unknown TLS mode “{tls}”: use disable, require or verify-full"),
        )
    })?;
    let ca_file = ca_file
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(std::path::PathBuf::from);
    if let Some(ca) = &ca_file {
        if !ca.is_file() {
            return Err(refused(
                fields::DATABASE_URL,
                format!("the CA file {} does not exist", ca.display()),
            ));
        }
    }
    Ok(ServerConfig {
        host: host.to_owned(),
        port,
        database: database.to_owned(),
        user: user.to_owned(),
        tls,
        ca_file,
    })
}

/// The choice saved in `data_dir`, or `None` before the first run's choice.
pub fn saved_choice(data_dir: &std::path::Path) -> Result<Option<SavedChoice>> {
    let path = data_dir.join(CHOICE_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| CoreError::Io {
                action: "read",
                path: path.clone(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CoreError::Io {
            action: "read",
            path,
            source: e,
        }),
    }
}

/// Remembers `choice` in `data_dir` (atomically: a crash keeps the old choice).
pub fn save_choice(data_dir: &std::path::Path, choice: &SavedChoice) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(choice)
        .map_err(|e| CoreError::Internal(format!("database choice: {e}")))?;
    std::fs::create_dir_all(data_dir).map_err(|e| CoreError::Io {
        action: "create",
        path: data_dir.to_path_buf(),
        source: e,
    })?;
    crate::files::write_atomically(&data_dir.join(CHOICE_FILE), &bytes)
}

/// What a successful connection test found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheck {
    pub server: String,
    pub login: String,
    /// The person the login is mapped to, if it connected before or was added by name.
    pub person: Option<String>,
}

/// Connects to a team server as the person would (schema, membership of the people role),
/// and disconnects. Nothing is written.
pub async fn test_connection(
    team: &TeamServer,
    creds: &Arc<dyn Credentials>,
) -> Result<ConnectionCheck> {
    let pw = password(team, creds).await?;
    let store = greenlight_store::Store::open_postgres(
        &team.server,
        pw.as_ref().map(Secret::expose),
        PgOptions::default(),
    )
    .await?;
    let login = store.login().await?.unwrap_or_default();
    let person = store.session_profile().await?.map(|p| p.name);
    store.close().await;
    Ok(ConnectionCheck {
        server: team.server.display(),
        login,
        person,
    })
}
