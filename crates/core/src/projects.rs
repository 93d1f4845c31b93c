//! Project use-cases.

use crate::app::Greenlight;
use crate::{now_ms, Result};
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::{EventDraft, EventKind};
use greenlight_domain::project::{NewProject, Project, ProjectPatch, ProjectSummary};
use serde_json::json;

impl Greenlight {
    pub async fn list_projects(&self, include_archived: bool) -> Result<Vec<ProjectSummary>> {
        Ok(self.store.list_projects(include_archived).await?)
    }

    pub async fn get_project(&self, id: &ProjectId) -> Result<Project> {
        Ok(self.store.get_project(id).await?)
    }

    pub async fn create_project(&self, input: NewProject) -> Result<Project> {
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
        let mut tx = self.store.begin().await?;
        tx.insert_project(&project).await?;
        tx.append_event(self.project_event(EventKind::ProjectCreated, &project), now)
            .await?;
        tx.commit().await?;
        Ok(project)
    }

    pub async fn update_project(&self, id: &ProjectId, patch: &ProjectPatch) -> Result<Project> {
        let mut tx = self.store.begin().await?;
        let current = tx.project(id).await?;
        let mut next = patch.apply(&current)?;
        if next == current {
            return Ok(current);
        }
        next.updated_at = now_ms();
        tx.update_project(&next).await?;
        tx.append_event(
            self.project_event(EventKind::ProjectUpdated, &next),
            next.updated_at,
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Archives (hides from the default list) or restores a project. Nothing is deleted.
    pub async fn archive_project(&self, id: &ProjectId, archived: bool) -> Result<Project> {
        let mut tx = self.store.begin().await?;
        let mut project = tx.project(id).await?;
        if project.archived == archived {
            return Ok(project);
        }
        project.archived = archived;
        project.updated_at = now_ms();
        tx.update_project(&project).await?;
        let kind = if archived {
            EventKind::ProjectArchived
        } else {
            EventKind::ProjectUnarchived
        };
        tx.append_event(self.project_event(kind, &project), project.updated_at)
            .await?;
        tx.commit().await?;
        Ok(project)
    }

    fn project_event(&self, kind: EventKind, p: &Project) -> EventDraft {
        EventDraft {
            actor: self.me().id,
            kind,
            subject: format!("project:{}", p.id),
            project_id: Some(p.id.clone()),
            payload: json!({
                "title": p.title,
                "logline": p.logline,
                "kind": p.kind.as_str(),
                "archived": p.archived,
            }),
        }
    }
}
