//! Team mode: connecting to a shared PostgreSQL server, checking its schema, setting it up
//! (`team init`) and mapping logins to people (`team add-person`).
//!
//! Passwords never travel in a URL or a settings file: a URL with a password is refused, and
//! the password comes from the caller (the OS keyring) or libpq's own conventions
//! (`PGPASSWORD`, `~/.pgpass`), which sqlx reads.

use crate::error::StoreError;
use crate::open::Store;
use crate::Result;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgSslMode};
use sqlx::{ConnectOptions, Executor};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

pub(crate) static PG_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The group role every Greenlight person on a server belongs to.
pub const PEOPLE_ROLE: &str = "greenlight_people";

/// How a connection to the server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// No TLS (a server on this computer or a trusted private network only).
    Disable,
    /// TLS required, the server's certificate not checked.
    Require,
    /// TLS required, and the certificate must be signed by the CA (file or system store) and
    /// name the host.
    VerifyFull,
}

impl TlsMode {
    pub fn as_str(self) -> &'static str {
        match self {
            TlsMode::Disable => "disable",
            TlsMode::Require => "require",
            TlsMode::VerifyFull => "verify-full",
        }
    }

    pub fn parse(s: &str) -> Option<TlsMode> {
        match s {
            "disable" => Some(TlsMode::Disable),
            "require" => Some(TlsMode::Require),
            "verify-full" => Some(TlsMode::VerifyFull),
            _ => None,
        }
    }
}

/// Where a team's database is: everything but the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub tls: TlsMode,
    /// The CA certificate (PEM) that signs the server's certificate, for `verify-full` with
    /// a studio's own CA; the system's trust store otherwise.
    pub ca_file: Option<PathBuf>,
}

/// Why a database URL was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("the database URL contains a password; passwords never go in a URL (it ends up in shell history and process lists). Leave it out and keep it in the OS keyring (Settings → Database), in PGPASSWORD, or in ~/.pgpass")]
    HasPassword,
    #[error("“{0}” is not a PostgreSQL URL; write it as postgres://USER@HOST:PORT/DATABASE")]
    Invalid(String),
    #[error("unknown sslmode “{0}”: use disable, require or verify-full")]
    SslMode(String),
}

impl ServerConfig {
    /// Reads `postgres://user@host:port/database?sslmode=…&sslrootcert=…`. The user defaults
    /// to the OS user (as with libpq), the port to 5432, the database to `greenlight`.
    pub fn from_url(url: &str) -> std::result::Result<ServerConfig, UrlError> {
        let parsed = url::Url::parse(url).map_err(|_| UrlError::Invalid(redact(url)))?;
        if !matches!(parsed.scheme(), "postgres" | "postgresql") {
            return Err(UrlError::Invalid(redact(url)));
        }
        if parsed.password().is_some() {
            return Err(UrlError::HasPassword);
        }
        let mut tls = TlsMode::Require;
        let mut ca_file = None;
        for (k, v) in parsed.query_pairs() {
            match k.as_ref() {
                "password" => return Err(UrlError::HasPassword),
                "sslmode" => {
                    tls = match v.as_ref() {
                        "prefer" | "allow" | "require" | "verify-ca" => TlsMode::Require,
                        other => TlsMode::parse(other)
                            .ok_or_else(|| UrlError::SslMode(other.to_owned()))?,
                    }
                }
                "sslrootcert" => ca_file = Some(PathBuf::from(v.as_ref())),
                _ => {}
            }
        }
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| UrlError::Invalid(redact(url)))?;
        let user = match parsed.username() {
            "" => std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_else(|_| "postgres".into()),
            u => percent_decode(u),
        };
        let database = match parsed.path().trim_start_matches('/') {
            "" => "greenlight".to_owned(),
            d => percent_decode(d),
        };
        Ok(ServerConfig {
            host: host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_owned(),
            port: parsed.port().unwrap_or(5432),
            database,
            user,
            tls,
            ca_file,
        })
    }

    /// The URL of this configuration (never with a password).
    pub fn to_url(&self) -> String {
        let mut url = format!(
            "postgres://{}@{}:{}/{}?sslmode={}",
            encode(&self.user),
            host_for_url(&self.host),
            self.port,
            encode(&self.database),
            self.tls.as_str()
        );
        if let Some(ca) = &self.ca_file {
            url.push_str("&sslrootcert=");
            url.push_str(&encode(&ca.to_string_lossy()));
        }
        url
    }

    /// `user@host:port/database`, for the window and messages.
    pub fn display(&self) -> String {
        format!(
            "{}@{}:{}/{}",
            self.user,
            host_for_url(&self.host),
            self.port,
            self.database
        )
    }

    fn server(&self) -> String {
        format!("{}:{}", host_for_url(&self.host), self.port)
    }

    /// The driver's options: password from `password`, else `PGPASSWORD`, else `~/.pgpass`.
    fn connect_options(&self, password: Option<&str>) -> Result<PgConnectOptions> {
        let url = format!(
            "postgres://{}@{}:{}/{}",
            encode(&self.user),
            host_for_url(&self.host),
            self.port,
            encode(&self.database)
        );
        let mut opts = PgConnectOptions::from_str(&url)
            .map_err(|e| StoreError::InvalidData(format!("database address: {e}")))?
            .ssl_mode(match self.tls {
                TlsMode::Disable => PgSslMode::Disable,
                TlsMode::Require => PgSslMode::Require,
                TlsMode::VerifyFull => PgSslMode::VerifyFull,
            })
            .application_name("greenlight")
            // A save queued behind others on a busy document waits, but never forever.
            .options([("lock_timeout", "30s")])
            .log_statements(tracing::log::LevelFilter::Trace);
        if let Some(ca) = &self.ca_file {
            opts = opts.ssl_root_cert(ca);
        }
        if let Some(pw) = password {
            opts = opts.password(pw);
        }
        Ok(opts)
    }
}

fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("****"));
            u.to_string()
        }
        _ => url.chars().take(200).collect(),
    }
}

fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_owned())
}

fn host_for_url(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

/// How to open a team database.
#[derive(Debug, Clone)]
pub struct PgOptions {
    /// How long connecting may take before the server counts as unreachable: a clear message
    /// within seconds, never a hang.
    pub timeout: Duration,
    pub max_connections: u32,
}

impl Default for PgOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(5),
            max_connections: 8,
        }
    }
}

/// What `team init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitReport {
    /// Schema versions applied now (empty when the schema was already current).
    pub applied: Vec<i64>,
    pub version: i64,
}

fn known_version() -> i64 {
    PG_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or_default()
}

impl Store {
    /// Connects to a team server as `cfg.user` and checks that it carries Greenlight's schema
    /// at this app's version and that the login is a Greenlight person there.
    pub async fn open_postgres(
        cfg: &ServerConfig,
        password: Option<&str>,
        opts: PgOptions,
    ) -> Result<Store> {
        let shown = cfg.display();
        let server = cfg.server();
        let connect = cfg.connect_options(password)?;
        let pool = PgPoolOptions::new()
            .max_connections(opts.max_connections)
            .acquire_timeout(opts.timeout)
            .connect_with(connect)
            .await
            .map_err(|e| StoreError::classify(e, &server))?;
        let store = Store::from_postgres(pool, shown);
        store.check_schema().await?;
        Ok(store)
    }

    async fn check_schema(&self) -> Result<()> {
        let crate::backend::Pool::Postgres(pool) = &self.pool else {
            return Ok(());
        };
        let found: Option<i64> =
            sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(pool)
                .await
                .map_err(|e| match self.err(e) {
                    StoreError::Forbidden(_) => StoreError::Forbidden(format!(
                        "the login may not read Greenlight's schema on {}: ask whoever administers the server to run `greenlight team add-person` for it",
                        self.path
                    )),
                    other => other,
                })?;
        let known = known_version();
        match found {
            None => {
                return Err(StoreError::NoSchema {
                    server: self.path.clone(),
                })
            }
            Some(v) if v > known => {
                return Err(StoreError::SchemaTooNew {
                    server: self.path.clone(),
                    found: v,
                    known,
                })
            }
            Some(v) if v < known => {
                return Err(StoreError::SchemaOutdated {
                    server: self.path.clone(),
                    found: v,
                    known,
                })
            }
            Some(_) => {}
        }
        let (member, superuser): (bool, bool) = sqlx::query_as(
            "SELECT pg_has_role(current_user, $1, 'MEMBER'),
                    COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)",
        )
        .bind(PEOPLE_ROLE)
        .fetch_one(pool)
        .await
        .map_err(|e| self.err(e))?;
        if !member && !superuser {
            return Err(StoreError::Forbidden(format!(
                "this login is not a Greenlight person on {}: ask whoever administers the server to run `greenlight team add-person <login>`",
                self.path
            )));
        }
        Ok(())
    }

    /// The login of this connection (team mode), or `None` on the embedded database.
    pub async fn login(&self) -> Result<Option<String>> {
        match &self.pool {
            crate::backend::Pool::Sqlite(_) => Ok(None),
            crate::backend::Pool::Postgres(pool) => sqlx::query_scalar("SELECT current_user::text")
                .fetch_one(pool)
                .await
                .map(Some)
                .map_err(|e| self.err(e)),
        }
    }

    /// The person mapped to this connection's login (team mode), if any yet.
    pub async fn session_profile(&self) -> Result<Option<greenlight_domain::profile::Profile>> {
        if self.backend() != crate::Backend::Postgres {
            return Ok(None);
        }
        self.optional(
            crate::query::Statement::new(
                "SELECT id, name, created_at FROM profiles WHERE login = current_user",
            ),
            crate::rows::profile,
        )
        .await
    }
}

/// One connection (for the administrator's commands), given up after `opts.timeout`.
async fn connect_once(
    cfg: &ServerConfig,
    password: Option<&str>,
    opts: &PgOptions,
) -> Result<sqlx::PgConnection> {
    let server = cfg.server();
    let connect = cfg.connect_options(password)?;
    match tokio::time::timeout(opts.timeout, connect.connect()).await {
        Ok(done) => done.map_err(|e| StoreError::classify(e, &server)),
        Err(_) => Err(StoreError::Unreachable {
            server,
            reason: format!("no answer within {} s", opts.timeout.as_secs()),
        }),
    }
}

/// Creates (or upgrades) Greenlight's schema and the `greenlight_people` group role on the
/// server `cfg` names. Run by whoever administers the server, as a login that may create
/// tables and roles there; running it again applies only what is new.
pub async fn team_init(
    cfg: &ServerConfig,
    password: Option<&str>,
    opts: PgOptions,
) -> Result<InitReport> {
    let server = cfg.server();
    let mut conn = connect_once(cfg, password, &opts).await?;
    let before: Vec<i64> =
        match sqlx::query_scalar::<_, i64>("SELECT version FROM _sqlx_migrations WHERE success")
            .fetch_all(&mut conn)
            .await
        {
            Ok(v) => v,
            Err(e) => match StoreError::classify(e, &server) {
                StoreError::NoSchema { .. } => Vec::new(),
                other => return Err(other),
            },
        };
    if let Some(newest) = before.iter().max() {
        if *newest > known_version() {
            return Err(StoreError::SchemaTooNew {
                server: cfg.display(),
                found: *newest,
                known: known_version(),
            });
        }
    }
    PG_MIGRATIONS
        .run_direct(&mut conn)
        .await
        .map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(inner) => StoreError::classify(inner, &server),
            other => StoreError::Migration(other),
        })?;
    let applied = PG_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .filter(|v| !before.contains(v))
        .collect();
    Ok(InitReport {
        applied,
        version: known_version(),
    })
}

/// Whether a server carries Greenlight's schema, and whether the login may set it up there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetUpState {
    pub schema_present: bool,
    /// A superuser, or a login that may create roles and tables in the database: the app may
    /// offer `team init` to them (everyone else is told whom to ask).
    pub may_set_up: bool,
}

/// Looks at the server `cfg` names as its login: is Greenlight set up there, and may this
/// login set it up?
pub async fn set_up_state(
    cfg: &ServerConfig,
    password: Option<&str>,
    opts: PgOptions,
) -> Result<SetUpState> {
    let server = cfg.server();
    let mut conn = connect_once(cfg, password, &opts).await?;
    let (schema_present, may_set_up): (bool, bool) = sqlx::query_as(
        "SELECT to_regclass('_sqlx_migrations') IS NOT NULL,
                r.rolsuper OR (r.rolcreaterole
                    AND has_database_privilege(current_database(), 'CREATE')
                    AND has_schema_privilege('public', 'CREATE'))
         FROM pg_roles r WHERE r.rolname = current_user",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(|e| StoreError::classify(e, &server))?;
    Ok(SetUpState {
        schema_present,
        may_set_up,
    })
}

/// What `team add-person` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonReport {
    pub login: String,
    pub login_created: bool,
    pub person_id: String,
}

/// Maps `login` to a person named `name` (email `email`) on the server, creating the login
/// (without a password: set one with `ALTER ROLE … PASSWORD` or use the server's own
/// authentication) and making it a member of `greenlight_people`. Run by the administrator.
pub async fn team_add_person(
    cfg: &ServerConfig,
    password: Option<&str>,
    opts: PgOptions,
    login: &str,
    name: &str,
    email: &str,
    now: i64,
) -> Result<PersonReport> {
    let server = cfg.server();
    if login.is_empty()
        || login.len() > 63
        || !login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
    {
        return Err(StoreError::InvalidData(format!(
            "“{login}” is not a usable login: use 1–63 letters, digits, '_', '.' or '-'"
        )));
    }
    let mut conn = connect_once(cfg, password, &opts).await?;
    let mut tx = sqlx::Connection::begin(&mut conn)
        .await
        .map_err(|e| StoreError::classify(e, &server))?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
            .bind(login)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| StoreError::classify(e, &server))?;
    let quoted = format!("\"{}\"", login.replace('"', "\"\""));
    if !exists {
        tx.execute(format!("CREATE ROLE {quoted} LOGIN").as_str())
            .await
            .map_err(|e| StoreError::classify(e, &server))?;
    }
    tx.execute(format!("GRANT {PEOPLE_ROLE} TO {quoted}").as_str())
        .await
        .map_err(|e| StoreError::classify(e, &server))?;
    let id: String = sqlx::query_scalar(
        "INSERT INTO profiles (id, name, created_at, login, email) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (login) DO UPDATE SET name = excluded.name, email = excluded.email
         RETURNING id",
    )
    .bind(greenlight_domain::ids::UserId::new().as_str())
    .bind(name)
    .bind(now)
    .bind(login)
    .bind(email)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| StoreError::classify(e, &server))?;
    tx.commit()
        .await
        .map_err(|e| StoreError::classify(e, &server))?;
    Ok(PersonReport {
        login: login.to_owned(),
        login_created: !exists,
        person_id: id,
    })
}
