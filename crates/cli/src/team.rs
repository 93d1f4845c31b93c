//! `greenlight team …`: setting up a team's PostgreSQL server (run by its administrator).

use crate::render::Out;
use clap::Subcommand;
use greenlight_core::database::{self, TeamServer};
use greenlight_core::secrets::Credentials;
use greenlight_core::CoreError;
use serde::Serialize;
use std::sync::Arc;

#[derive(Subcommand)]
pub enum TeamCmd {
    /// Create (or upgrade) Greenlight's schema and the `greenlight_people` group role on the
    /// server --database-url names; run once by whoever administers it, as a login that may
    /// create tables and roles there
    Init,
    /// Create a login (or map an existing one) as a Greenlight person: a member of
    /// `greenlight_people`, with a name and email
    AddPerson {
        /// The PostgreSQL login (created without a password if missing: set one with psql's
        /// \password, or use the server's own authentication)
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        email: String,
    },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InitOut {
    server: String,
    schema_version: i64,
    applied: Vec<i64>,
    group_role: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PersonOut {
    login: String,
    login_created: bool,
    person_id: String,
    name: String,
    email: String,
}

pub async fn run(
    team: Option<TeamServer>,
    creds: Arc<dyn Credentials>,
    out: &Out,
    cmd: TeamCmd,
) -> Result<(), CoreError> {
    let Some(team) = team else {
        return Err(CoreError::Invalid(
            greenlight_core::domain::DomainError::Refused {
                field: greenlight_core::domain::error::fields::DATABASE_URL,
                reason: format!(
                    "team commands need the server: pass --database-url postgres://ADMIN@HOST:PORT/DATABASE (or set {})",
                    database::DATABASE_URL_ENV
                ),
            },
        ));
    };
    match cmd {
        TeamCmd::Init => {
            let report = database::team_init(&team, &creds).await?;
            let shown = InitOut {
                server: team.server.display(),
                schema_version: report.version,
                applied: report.applied,
                group_role: database::PEOPLE_ROLE,
            };
            if !out.json(&shown) {
                if shown.applied.is_empty() {
                    println!(
                        "{} already has Greenlight's schema (version {}).",
                        shown.server, shown.schema_version
                    );
                } else {
                    println!(
                        "Set up Greenlight's schema (version {}) on {}; people connect as members of the role {}.",
                        shown.schema_version, shown.server, shown.group_role
                    );
                    println!("Next: greenlight team add-person LOGIN --name \"…\" --email …");
                }
            }
        }
        TeamCmd::AddPerson { login, name, email } => {
            let report = database::team_add_person(&team, &creds, &login, &name, &email).await?;
            let shown = PersonOut {
                login: report.login,
                login_created: report.login_created,
                person_id: report.person_id,
                name: name.trim().to_owned(),
                email: email.trim().to_owned(),
            };
            if !out.json(&shown) {
                println!(
                    "{} is {} on {}{}.",
                    shown.login,
                    shown.name,
                    team.server.display(),
                    if shown.login_created {
                        " (new login, no password yet: set one with psql's \\password)"
                    } else {
                        ""
                    }
                );
            }
        }
    }
    Ok(())
}
