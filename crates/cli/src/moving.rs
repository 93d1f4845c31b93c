//! `greenlight project move`: a project from the local database to the team server
//! (`--database-url`) or back, with its whole history.

use crate::render::Out;
use greenlight_core::domain::ids::ProjectId;
use greenlight_core::moving::MoveReport;
use greenlight_core::{CoreError, Database, Greenlight, OpenConfig, TeamServer};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Destination {
    /// From the local database to the team server
    Team,
    /// From the team server to the local database
    Local,
}

pub async fn run(
    cfg: OpenConfig,
    team: Option<TeamServer>,
    out: &Out,
    project: String,
    to: Destination,
) -> Result<(), CoreError> {
    let Some(team) = team else {
        return Err(CoreError::Invalid(
            greenlight_core::domain::DomainError::Refused {
                field: greenlight_core::domain::error::fields::DATABASE_URL,
                reason: "moving a project needs the team server: pass --database-url postgres://LOGIN@HOST:PORT/DATABASE".into(),
            },
        ));
    };
    let local = Greenlight::open(cfg.clone()).await?;
    let mut team_cfg = cfg;
    team_cfg.database = Database::Team(team);
    let server = match Greenlight::open(team_cfg).await {
        Ok(s) => s,
        Err(e) => {
            local.close().await;
            return Err(e);
        }
    };
    let (from, dest) = match to {
        Destination::Team => (&local, &server),
        Destination::Local => (&server, &local),
    };
    let result = async {
        let here = from.profiles().local_actor().await?;
        let there = dest.profiles().local_actor().await?;
        from.move_project(&here, dest, &there, &ProjectId(project))
            .await
    }
    .await;
    local.close().await;
    server.close().await;
    let report = result?;
    print(out, &report);
    Ok(())
}

fn print(out: &Out, r: &MoveReport) {
    if out.json(r) {
        return;
    }
    println!(
        "Moved “{}” from {} to {}: {} documents, {} revisions, {} events; the record {} on the destination; the source copy was {}.",
        r.title,
        r.from,
        r.to,
        r.documents,
        r.revisions,
        r.events,
        if r.verified { "verifies" } else { "DOES NOT verify" },
        r.source
    );
}
