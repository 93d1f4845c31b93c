//! Read-only queries.

use crate::error::StoreError;
use crate::open::Store;
use crate::rows::{self, DOCUMENT_COLS, EVENT_COLS, PROJECT_COLS, REVISION_META_COLS};
use crate::Result;
use greenlight_domain::document::{Document, DocumentSummary};
use greenlight_domain::ids::{DocumentId, ProjectId, RevisionId, UserId};
use greenlight_domain::ledger::Event;
use greenlight_domain::profile::Profile;
use greenlight_domain::project::{Project, ProjectSummary};
use greenlight_domain::revision::{Revision, RevisionMeta};
use sqlx::Row;

impl Store {
    /// Projects with their document count and newest activity, most recently active first.
    pub async fn list_projects(&self, include_archived: bool) -> Result<Vec<ProjectSummary>> {
        let sql = format!(
            "SELECT {PROJECT_COLS},
                (SELECT count(*) FROM documents d WHERE d.project_id = p.id) AS document_count,
                COALESCE((SELECT max(e.at) FROM events e WHERE e.chain = p.id), p.updated_at)
                    AS last_activity_at
             FROM projects p
             WHERE (?1 OR p.archived = 0)
             ORDER BY last_activity_at DESC, p.id DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(include_archived)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        rows.iter()
            .map(|r| {
                Ok(ProjectSummary {
                    project: rows::project(r)?,
                    document_count: r.try_get("document_count").map_err(StoreError::Database)?,
                    last_activity_at: r
                        .try_get("last_activity_at")
                        .map_err(StoreError::Database)?,
                })
            })
            .collect()
    }

    pub async fn get_project(&self, id: &ProjectId) -> Result<Project> {
        let sql = format!("SELECT {PROJECT_COLS} FROM projects p WHERE p.id = ?1");
        rows::fetch_one_by_id(
            &self.pool,
            &sql,
            id.as_str(),
            "project",
            &self.path,
            rows::project,
        )
        .await
    }

    /// Documents of a project with their revision count and head word count, oldest first.
    pub async fn list_documents(&self, project: &ProjectId) -> Result<Vec<DocumentSummary>> {
        let sql = format!(
            "SELECT {DOCUMENT_COLS},
                (SELECT count(*) FROM revisions r WHERE r.document_id = d.id) AS revision_count,
                COALESCE((SELECT h.word_count FROM revisions h WHERE h.id = d.head_revision_id), 0)
                    AS word_count
             FROM documents d WHERE d.project_id = ?1 ORDER BY d.id"
        );
        let rows = sqlx::query(&sql)
            .bind(project.as_str())
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        rows.iter()
            .map(|r| {
                Ok(DocumentSummary {
                    document: rows::document(r)?,
                    revision_count: r.try_get("revision_count").map_err(StoreError::Database)?,
                    word_count: r.try_get("word_count").map_err(StoreError::Database)?,
                })
            })
            .collect()
    }

    pub async fn get_document(&self, id: &DocumentId) -> Result<Document> {
        let sql = format!("SELECT {DOCUMENT_COLS} FROM documents d WHERE d.id = ?1");
        rows::fetch_one_by_id(
            &self.pool,
            &sql,
            id.as_str(),
            "document",
            &self.path,
            rows::document,
        )
        .await
    }

    /// Revisions of a document, newest first, without their text.
    pub async fn list_revisions(&self, doc: &DocumentId) -> Result<Vec<RevisionMeta>> {
        let sql = format!(
            "SELECT {REVISION_META_COLS} FROM revisions r LEFT JOIN profiles u ON u.id = r.author_id
             WHERE r.document_id = ?1 ORDER BY r.id DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(doc.as_str())
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        rows.iter().map(rows::revision_meta).collect()
    }

    pub async fn get_revision(&self, id: &RevisionId) -> Result<Revision> {
        let sql = format!(
            "SELECT {REVISION_META_COLS}, r.text FROM revisions r
             LEFT JOIN profiles u ON u.id = r.author_id WHERE r.id = ?1"
        );
        let row = sqlx::query(&sql)
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::NotFound {
                what: "revision",
                id: id.to_string(),
            })?;
        Ok(Revision {
            meta: rows::revision_meta(&row)?,
            text: row.try_get("text").map_err(StoreError::Database)?,
        })
    }

    pub async fn get_revision_meta(&self, id: &RevisionId) -> Result<RevisionMeta> {
        let sql = format!(
            "SELECT {REVISION_META_COLS} FROM revisions r
             LEFT JOIN profiles u ON u.id = r.author_id WHERE r.id = ?1"
        );
        let row = sqlx::query(&sql)
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::NotFound {
                what: "revision",
                id: id.to_string(),
            })?;
        rows::revision_meta(&row)
    }

    /// Newest events first (in the order they were appended); only those of `project`'s
    /// chain when given, else every chain.
    pub async fn recent_events(
        &self,
        project: Option<&ProjectId>,
        limit: i64,
    ) -> Result<Vec<Event>> {
        let sql = format!(
            "SELECT {EVENT_COLS} FROM events
             WHERE (?1 IS NULL OR chain = ?1) ORDER BY pos DESC LIMIT ?2"
        );
        let rows = sqlx::query(&sql)
            .bind(project.map(|p| p.as_str()))
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        rows.iter().map(rows::event).collect()
    }

    pub async fn get_profile(&self, id: &UserId) -> Result<Profile> {
        let row = sqlx::query("SELECT id, name, created_at FROM profiles WHERE id = ?1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::NotFound {
                what: "profile",
                id: id.to_string(),
            })?;
        rows::profile(&row)
    }

    /// Names of people by id, for rendering activity.
    pub async fn profile_names(&self) -> Result<Vec<(UserId, String)>> {
        let rows = sqlx::query("SELECT id, name FROM profiles")
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        rows.iter()
            .map(|r| {
                Ok((
                    UserId(r.try_get("id").map_err(StoreError::Database)?),
                    r.try_get("name").map_err(StoreError::Database)?,
                ))
            })
            .collect()
    }

    pub async fn get_setting(&self, key: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = ?1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        row.map(|r| r.try_get("value").map_err(StoreError::Database))
            .transpose()
    }
}
