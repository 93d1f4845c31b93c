//! Project use-cases.

use crate::app::{event, Greenlight};
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::events::payloads::ProjectState;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::EventDraft;
use greenlight_domain::project::{NewProject, Project, ProjectPatch, ProjectSummary};

/// Projects: list, create, change, archive.
pub struct Projects<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// Projects: list, create, change, archive.
    pub fn projects(&self) -> Projects<'_> {
        Projects { app: self }
    }
}

impl Projects<'_> {
    pub async fn list(&self, include_archived: bool) -> Result<Vec<ProjectSummary>> {
        Ok(self.app.store.list_projects(include_archived).await?)
    }

    /// A project. On a team server, one the login is not a member of is indistinguishable
    /// from a removed one (row-level security hides it); the message says both.
    pub async fn get(&self, id: &ProjectId) -> Result<Project> {
        self.app
            .store
            .get_project(id)
            .await
            .map_err(|e| self.app.not_shared(e, "project"))
    }

    pub async fn create(&self, actor: &Actor, input: NewProject) -> Result<Project> {
        let input = input.validate()?;
        let now = now_ms();
        let project = Project {
            id: ProjectId::new(),
            title: input.title,
            logline: input.logline,
            kind: input.kind,
            archived: false,
            created_at: now,
            updated_at: now,
        };
        let mut tx = self.app.store.begin().await?;
        tx.insert_project(&project).await?;
        // The creator is the first member, holding every role (on a team server the database
        // adds them itself).
        tx.add_member(&project.id, &actor.id, &actor.id, now)
            .await?;
        for role in greenlight_domain::workflow::Role::ALL {
            tx.grant_role(&project.id, &actor.id, role, &actor.id, now)
                .await?;
        }
        tx.append_event(record(actor, EventBody::ProjectCreated, &project), now)
            .await?;
        tx.commit().await?;
        Ok(project)
    }

    pub async fn update(
        &self,
        actor: &Actor,
        id: &ProjectId,
        patch: &ProjectPatch,
    ) -> Result<Project> {
        let mut tx = self.app.store.begin().await?;
        let current = tx.project(id).await?;
        let mut next = patch.apply(&current)?;
        if next == current {
            return Ok(current);
        }
        next.updated_at = now_ms();
        tx.update_project(&next).await?;
        tx.append_event(
            record(actor, EventBody::ProjectUpdated, &next),
            next.updated_at,
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Archives (hides from the default list) or restores a project. Nothing is deleted.
    pub async fn archive(&self, actor: &Actor, id: &ProjectId, archived: bool) -> Result<Project> {
        let mut tx = self.app.store.begin().await?;
        let mut project = tx.project(id).await?;
        if project.archived == archived {
            return Ok(project);
        }
        project.archived = archived;
        project.updated_at = now_ms();
        tx.update_project(&project).await?;
        let kind = if archived {
            EventBody::ProjectArchived
        } else {
            EventBody::ProjectUnarchived
        };
        tx.append_event(record(actor, kind, &project), project.updated_at)
            .await?;
        tx.commit().await?;
        Ok(project)
    }
}

/// The event recording the project's new state.
fn record(actor: &Actor, kind: fn(ProjectState) -> EventBody, p: &Project) -> EventDraft {
    let state = ProjectState {
        title: p.title.clone(),
        logline: p.logline.clone(),
        kind: p.kind,
        archived: p.archived,
    };
    event(actor, format!("project:{}", p.id), Some(&p.id), kind(state))
}
