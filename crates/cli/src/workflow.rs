//! `greenlight workflow list|set|remove`: a project's approval workflow templates (the default
//! until an admin saves one). A template is JSON, as `workflow list --json` prints it.

use crate::render::Out;
use crate::Session;
use clap::Subcommand;
use greenlight_core::domain::ids::ProjectId;
use greenlight_core::domain::workflow::{Workflow, WorkflowTemplate};
use greenlight_core::domain::DomainError;
use greenlight_core::CoreError;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum WorkflowCmd {
    /// A project's templates (the default when it has none of its own)
    List { project: String },
    /// Save a template from a JSON file (- for stdin), replacing one of the same name (an
    /// admin's call)
    Set { project: String, file: PathBuf },
    /// Remove a template (an admin's call)
    Remove { project: String, name: String },
}

pub async fn run(s: &Session, out: &Out, cmd: WorkflowCmd) -> Result<(), CoreError> {
    let flows = s.app.workflows();
    let project = match &cmd {
        WorkflowCmd::List { project }
        | WorkflowCmd::Set { project, .. }
        | WorkflowCmd::Remove { project, .. } => ProjectId(project.clone()),
    };
    match cmd {
        WorkflowCmd::List { .. } => {}
        WorkflowCmd::Set { file, .. } => {
            let text = crate::suggest::read_text(file).await?;
            let template: WorkflowTemplate = serde_json::from_str(&text).map_err(|e| {
                CoreError::Invalid(DomainError::Refused {
                    field: greenlight_core::domain::error::fields::WORKFLOW,
                    reason: format!("the file is not a workflow template: {e}"),
                })
            })?;
            flows.save(&s.actor, &project, template).await?;
        }
        WorkflowCmd::Remove { name, .. } => flows.remove(&s.actor, &project, &name).await?,
    }
    print(out, &flows.list(&project).await?);
    Ok(())
}

fn print(out: &Out, list: &[Workflow]) {
    let templates: Vec<&WorkflowTemplate> = list.iter().map(Workflow::template).collect();
    if out.json(&templates) {
        return;
    }
    for w in list {
        println!("{}", w.name());
        for s in w.stages() {
            let roles: Vec<&str> = s.roles.iter().map(|r| r.label()).collect();
            let after: Vec<&str> = s
                .after
                .iter()
                .filter_map(|i| w.stages().get(*i).map(|a| a.name.as_str()))
                .collect();
            println!(
                "  {}: {}{}",
                s.name,
                roles.join(" or "),
                if after.is_empty() {
                    String::new()
                } else {
                    format!(", after {}", after.join(" and "))
                }
            );
        }
    }
}
