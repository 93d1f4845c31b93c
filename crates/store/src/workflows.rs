//! A project's approval workflow templates, stored as JSON by name (validated in core). On a
//! team server only the project's admins may write them.

use crate::open::Store;
use crate::query::Statement;
use crate::rows::DbRow;
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::ids::{ProjectId, UserId};

/// A stored template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredWorkflow {
    pub name: String,
    /// `domain::workflow::WorkflowTemplate` as JSON.
    pub template: String,
    pub updated_by: UserId,
    pub updated_at: i64,
}

fn stored(r: &dyn DbRow) -> Result<StoredWorkflow> {
    Ok(StoredWorkflow {
        name: r.text("name")?,
        template: r.text("template")?,
        updated_by: UserId(r.text("updated_by")?),
        updated_at: r.int("updated_at")?,
    })
}

fn list(project: &ProjectId) -> Statement<'_> {
    Statement::new(
        "SELECT name, template, updated_by, updated_at FROM project_workflows
         WHERE project_id = $1 ORDER BY name",
    )
    .text(project.as_str())
}

impl Store {
    /// A project's templates, by name.
    pub async fn workflows(&self, project: &ProjectId) -> Result<Vec<StoredWorkflow>> {
        self.all(list(project), stored).await
    }
}

impl Tx {
    /// A project's templates, inside the transaction (a move copies them).
    pub async fn workflows(&mut self, project: &ProjectId) -> Result<Vec<StoredWorkflow>> {
        self.all(list(project), stored).await
    }

    /// Saves the template named `w.name` (replacing one of that name).
    pub async fn put_workflow(&mut self, project: &ProjectId, w: &StoredWorkflow) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO project_workflows (project_id, name, template, updated_by, updated_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (project_id, name) DO UPDATE SET template = excluded.template,
                     updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            )
            .text(project.as_str())
            .text(&w.name)
            .text(&w.template)
            .text(w.updated_by.as_str())
            .int(w.updated_at),
        )
        .await?;
        Ok(())
    }

    /// Removes the template `name`; false when there was none.
    pub async fn remove_workflow(&mut self, project: &ProjectId, name: &str) -> Result<bool> {
        let n = self
            .exec(
                Statement::new("DELETE FROM project_workflows WHERE project_id = $1 AND name = $2")
                    .text(project.as_str())
                    .text(name),
            )
            .await?;
        Ok(n > 0)
    }
}
