//! A project's approval workflow templates: listed by every member, changed only by its
//! admins (on a team server the database refuses anyone else too). A project with no template
//! of its own uses the default (writer's draft → producer → legal). Templates are validated
//! (`domain::workflow`) before they are stored, and again when read.

use crate::app::{event, Greenlight};
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::events::payloads::WorkflowChanged;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::permission::Action;
use greenlight_domain::workflow::{Workflow, WorkflowTemplate};
use greenlight_domain::DomainError;
use greenlight_store::StoredWorkflow;

/// A project's workflow templates.
pub struct Workflows<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// Approval workflow templates per project.
    pub fn workflows(&self) -> Workflows<'_> {
        Workflows { app: self }
    }
}

impl Workflows<'_> {
    /// The project's templates by name; the default one when it has none of its own.
    pub async fn list(&self, project: &ProjectId) -> Result<Vec<Workflow>> {
        self.app.store.get_project(project).await?;
        let stored = self.app.store.workflows(project).await?;
        if stored.is_empty() {
            return valid(WorkflowTemplate::default_template()).map(|w| vec![w]);
        }
        stored
            .into_iter()
            .map(|s| {
                let t: WorkflowTemplate = serde_json::from_str(&s.template).map_err(|e| {
                    CoreError::Internal(format!(
                        "the stored workflow “{}” is unreadable: {e}",
                        s.name
                    ))
                })?;
                valid(t)
            })
            .collect()
    }

    /// `actor` (an admin) saves `template`, replacing the project's template of that name.
    pub async fn save(
        &self,
        actor: &Actor,
        project: &ProjectId,
        template: WorkflowTemplate,
    ) -> Result<Workflow> {
        let workflow = valid(template)?;
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        let p = tx.project(project).await?;
        self.app
            .require_in(&mut tx, actor, &p.id, Action::EditWorkflows)
            .await?;
        let json = serde_json::to_string(workflow.template())
            .map_err(|e| CoreError::Internal(e.to_string()))?;
        tx.put_workflow(
            &p.id,
            &StoredWorkflow {
                name: workflow.name().to_owned(),
                template: json,
                updated_by: actor.id.clone(),
                updated_at: now,
            },
        )
        .await?;
        let changed = WorkflowChanged {
            name: workflow.name().to_owned(),
            stages: workflow.stages().iter().map(|s| s.name.clone()).collect(),
        };
        tx.append_event(
            event(
                actor,
                format!("project:{}", p.id),
                Some(&p.id),
                EventBody::WorkflowSaved(changed),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(workflow)
    }

    /// `actor` (an admin) removes the template `name` (the project falls back to the default
    /// when it has none left).
    pub async fn remove(&self, actor: &Actor, project: &ProjectId, name: &str) -> Result<()> {
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        let p = tx.project(project).await?;
        self.app
            .require_in(&mut tx, actor, &p.id, Action::EditWorkflows)
            .await?;
        if !tx.remove_workflow(&p.id, name).await? {
            return Err(CoreError::NotFound {
                what: "workflow",
                id: name.to_owned(),
            });
        }
        tx.append_event(
            event(
                actor,
                format!("project:{}", p.id),
                Some(&p.id),
                EventBody::WorkflowRemoved(WorkflowChanged {
                    name: name.to_owned(),
                    stages: Vec::new(),
                }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A template that passed validation, or why not (for the admin editing it).
fn valid(template: WorkflowTemplate) -> Result<Workflow> {
    template.validate().map_err(|e| {
        CoreError::Invalid(DomainError::Refused {
            field: greenlight_domain::error::fields::WORKFLOW,
            reason: e.to_string(),
        })
    })
}
