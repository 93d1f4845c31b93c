//! Writes. A [`Tx`] is a write transaction (SQLite `BEGIN IMMEDIATE`, so two writers never
//! deadlock on a lock upgrade); dropping it without [`Tx::commit`] rolls everything back.

use crate::error::StoreError;
use crate::open::Store;
use crate::rows::{self, DOCUMENT_COLS, PROJECT_COLS, REVISION_META_COLS};
use crate::Result;
use greenlight_domain::document::Document;
use greenlight_domain::ids::{DocumentId, ProjectId, RevisionId, UserId};
use greenlight_domain::profile::Profile;
use greenlight_domain::project::Project;
use greenlight_domain::revision::{Revision, RevisionMeta};
use sqlx::{Sqlite, Transaction};

pub struct Tx {
    pub(crate) inner: Transaction<'static, Sqlite>,
    pub(crate) path: String,
}

impl Store {
    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        let inner = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(|e| self.err(e))?;
        Ok(Tx {
            inner,
            path: self.path.clone(),
        })
    }
}

impl Tx {
    pub(crate) fn err(&self, e: sqlx::Error) -> StoreError {
        StoreError::classify(e, &self.path)
    }

    /// Makes every write of this transaction durable, or none of them.
    pub async fn commit(self) -> Result<()> {
        let path = self.path;
        self.inner
            .commit()
            .await
            .map_err(|e| StoreError::classify(e, &path))
    }

    pub async fn insert_profile(&mut self, p: &Profile) -> Result<()> {
        sqlx::query("INSERT INTO profiles (id, name, created_at) VALUES (?1, ?2, ?3)")
            .bind(p.id.as_str())
            .bind(&p.name)
            .bind(p.created_at)
            .execute(&mut *self.inner)
            .await
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub async fn rename_profile(&mut self, id: &UserId, name: &str) -> Result<()> {
        let done = sqlx::query("UPDATE profiles SET name = ?2 WHERE id = ?1")
            .bind(id.as_str())
            .bind(name)
            .execute(&mut *self.inner)
            .await
            .map_err(|e| self.err(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "profile",
                id: id.to_string(),
            });
        }
        Ok(())
    }

    pub async fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub async fn insert_project(&mut self, p: &Project) -> Result<()> {
        sqlx::query(
            "INSERT INTO projects (id, title, logline, kind, archived, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(p.id.as_str())
        .bind(&p.title)
        .bind(&p.logline)
        .bind(p.kind.as_str())
        .bind(p.archived)
        .bind(p.created_at)
        .bind(p.updated_at)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Reads a project inside the transaction (so a check and the write that follows see the
    /// same state).
    pub async fn project(&mut self, id: &ProjectId) -> Result<Project> {
        let sql = format!("SELECT {PROJECT_COLS} FROM projects p WHERE p.id = ?1");
        rows::fetch_one_by_id(
            &mut *self.inner,
            &sql,
            id.as_str(),
            "project",
            &self.path,
            rows::project,
        )
        .await
    }

    pub async fn update_project(&mut self, p: &Project) -> Result<()> {
        sqlx::query(
            "UPDATE projects SET title = ?2, logline = ?3, kind = ?4, archived = ?5,
             updated_at = ?6 WHERE id = ?1",
        )
        .bind(p.id.as_str())
        .bind(&p.title)
        .bind(&p.logline)
        .bind(p.kind.as_str())
        .bind(p.archived)
        .bind(p.updated_at)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub async fn insert_document(&mut self, d: &Document) -> Result<()> {
        sqlx::query(
            "INSERT INTO documents (id, project_id, title, kind, format, head_revision_id,
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(d.id.as_str())
        .bind(d.project_id.as_str())
        .bind(&d.title)
        .bind(d.kind.as_str())
        .bind(d.format.as_str())
        .bind(d.head_revision_id.as_ref().map(|r| r.as_str()))
        .bind(d.created_at)
        .bind(d.updated_at)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub async fn document(&mut self, id: &DocumentId) -> Result<Document> {
        let sql = format!("SELECT {DOCUMENT_COLS} FROM documents d WHERE d.id = ?1");
        rows::fetch_one_by_id(
            &mut *self.inner,
            &sql,
            id.as_str(),
            "document",
            &self.path,
            rows::document,
        )
        .await
    }

    pub async fn update_document(&mut self, d: &Document) -> Result<()> {
        sqlx::query(
            "UPDATE documents SET title = ?2, kind = ?3, format = ?4, head_revision_id = ?5,
             updated_at = ?6 WHERE id = ?1",
        )
        .bind(d.id.as_str())
        .bind(&d.title)
        .bind(d.kind.as_str())
        .bind(d.format.as_str())
        .bind(d.head_revision_id.as_ref().map(|r| r.as_str()))
        .bind(d.updated_at)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Reads a revision's metadata inside the transaction, so a save that holds the write
    /// lock never needs a second connection.
    pub async fn revision_meta(&mut self, id: &RevisionId) -> Result<RevisionMeta> {
        let sql = format!(
            "SELECT {REVISION_META_COLS} FROM revisions r
             LEFT JOIN profiles u ON u.id = r.author_id WHERE r.id = ?1"
        );
        rows::fetch_one_by_id(
            &mut *self.inner,
            &sql,
            id.as_str(),
            "revision",
            &self.path,
            rows::revision_meta,
        )
        .await
    }

    /// Inserts an immutable revision and moves its document's head to it.
    ///
    /// Refuses with [`StoreError::Conflict`] when the revision's parent is not the document's
    /// current head: someone saved in the meantime, and their work must not be orphaned.
    pub async fn insert_revision(&mut self, r: &Revision) -> Result<Document> {
        let mut doc = self.document(&r.meta.document_id).await?;
        if doc.head_revision_id != r.meta.parent_id {
            return Err(StoreError::Conflict(format!(
                "“{}” has a newer revision than the one this edit started from",
                doc.title
            )));
        }
        sqlx::query(
            "INSERT INTO revisions (id, document_id, parent_id, author_id, text, content_hash,
             word_count, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(r.meta.id.as_str())
        .bind(r.meta.document_id.as_str())
        .bind(r.meta.parent_id.as_ref().map(|p| p.as_str()))
        .bind(r.meta.author_id.as_str())
        .bind(&r.text)
        .bind(&r.meta.content_hash)
        .bind(r.meta.word_count)
        .bind(r.meta.created_at)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| self.err(e))?;
        doc.head_revision_id = Some(r.meta.id.clone());
        doc.updated_at = r.meta.created_at;
        self.update_document(&doc).await?;
        Ok(doc)
    }
}
