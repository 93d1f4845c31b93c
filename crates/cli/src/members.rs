//! `greenlight members list|add|remove|roles`: who works on a project and the roles they hold
//! (the older `greenlight project members|add-member|remove-member|set-roles` run the same).

use crate::render::Out;
use crate::Session;
use clap::Subcommand;
use greenlight_core::domain::ids::ProjectId;
use greenlight_core::domain::workflow::Role;
use greenlight_core::CoreError;

#[derive(Subcommand)]
pub enum MembersCmd {
    /// A project's members with their roles
    List { project: String },
    /// Add a person (by login on a team server, or by id); they write unless --roles says
    /// otherwise (an admin's call)
    Add {
        project: String,
        person: String,
        /// writer, producer, legal_reviewer, admin (comma-separated)
        #[arg(long, value_delimiter = ',', value_parser = parse_role)]
        roles: Option<Vec<Role>>,
    },
    /// Remove a person from a project (the last member cannot leave; an admin's call)
    Remove { project: String, person: String },
    /// Set the roles a member holds (comma-separated; an admin's call)
    Roles {
        project: String,
        person: String,
        #[arg(long = "set", value_delimiter = ',', value_parser = parse_role)]
        roles: Vec<Role>,
    },
}

pub fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s.trim()).ok_or_else(|| {
        format!("'{s}' is not a role; use writer, producer, legal_reviewer or admin")
    })
}

pub async fn run(s: &Session, out: &Out, cmd: MembersCmd) -> Result<(), CoreError> {
    let (app, actor) = (&s.app, &s.actor);
    let members = app.members();
    let project = match &cmd {
        MembersCmd::List { project }
        | MembersCmd::Add { project, .. }
        | MembersCmd::Remove { project, .. }
        | MembersCmd::Roles { project, .. } => ProjectId(project.clone()),
    };
    match cmd {
        MembersCmd::List { .. } => {}
        MembersCmd::Add { person, roles, .. } => {
            let who = members.find_person(&person).await?;
            members.add(actor, &project, &who.id).await?;
            if let Some(roles) = roles {
                members.set_roles(actor, &project, &who.id, &roles).await?;
            }
        }
        MembersCmd::Remove { person, .. } => {
            let who = members.find_person(&person).await?;
            members.remove(actor, &project, &who.id).await?;
        }
        MembersCmd::Roles { person, roles, .. } => {
            let who = members.find_person(&person).await?;
            members.set_roles(actor, &project, &who.id, &roles).await?;
        }
    }
    out.members(&members.list(&project).await?);
    Ok(())
}
