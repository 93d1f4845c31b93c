//! Writes. A [`Tx`] is a write transaction; dropping it without [`Tx::commit`] rolls
//! everything back.
//!
//! SQLite: `BEGIN IMMEDIATE`, so writers queue for the one write lock and never deadlock on a
//! lock upgrade. PostgreSQL: a read-committed transaction in which every read that a write
//! depends on locks its row (`FOR UPDATE`), so two people saving the same document queue on
//! that document, and two appends to one chain queue on its head, while writers of other
//! projects do not wait.

use crate::backend::{Backend, Pool, TxConn};
use crate::error::StoreError;
use crate::open::Store;
use crate::query::Statement;
use crate::rows::{self, DOCUMENT_COLS, PROJECT_COLS, REVISION_META_COLS};
use crate::Result;
use greenlight_domain::document::Document;
use greenlight_domain::ids::{DocumentId, ProjectId, RevisionId, UserId};
use greenlight_domain::profile::Profile;
use greenlight_domain::project::Project;
use greenlight_domain::revision::{Revision, RevisionMeta};

pub struct Tx {
    pub(crate) inner: TxConn,
    pub(crate) path: String,
    pub(crate) signers: std::sync::Arc<crate::ledger::Signers>,
}

impl Store {
    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        let inner = match &self.pool {
            Pool::Sqlite(p) => p.begin_with("BEGIN IMMEDIATE").await.map(TxConn::Sqlite),
            Pool::Postgres(p) => p.begin().await.map(TxConn::Postgres),
        }
        .map_err(|e| self.err(e))?;
        Ok(Tx {
            inner,
            path: self.path.clone(),
            signers: self.signers.clone(),
        })
    }

    /// Starts a read-only transaction on one consistent snapshot (SQLite: a deferred
    /// transaction, which takes no write lock; PostgreSQL: repeatable read, read only).
    pub(crate) async fn begin_read(&self) -> Result<Tx> {
        let inner = match &self.pool {
            Pool::Sqlite(p) => p.begin().await.map(TxConn::Sqlite),
            Pool::Postgres(p) => p
                .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .await
                .map(TxConn::Postgres),
        }
        .map_err(|e| self.err(e))?;
        Ok(Tx {
            inner,
            path: self.path.clone(),
            signers: self.signers.clone(),
        })
    }
}

impl Tx {
    pub fn backend(&self) -> Backend {
        self.inner.backend()
    }

    /// ` FOR UPDATE` on PostgreSQL (a read that a write depends on locks its row); nothing on
    /// SQLite, whose transaction already holds the one write lock.
    pub(crate) fn lock_clause(&self) -> &'static str {
        match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE",
        }
    }

    /// Ends the transaction without keeping anything it did.
    pub async fn rollback(self) -> Result<()> {
        let path = self.path;
        match self.inner {
            TxConn::Sqlite(t) => t.rollback().await,
            TxConn::Postgres(t) => t.rollback().await,
        }
        .map_err(|e| StoreError::classify(e, &path))
    }

    /// Makes every write of this transaction durable, or none of them.
    pub async fn commit(self) -> Result<()> {
        let path = self.path;
        match self.inner {
            TxConn::Sqlite(t) => t.commit().await,
            TxConn::Postgres(t) => t.commit().await,
        }
        .map_err(|e| StoreError::classify(e, &path))
    }

    pub async fn insert_profile(&mut self, p: &Profile) -> Result<()> {
        self.exec(
            Statement::new("INSERT INTO profiles (id, name, created_at) VALUES ($1, $2, $3)")
                .text(p.id.as_str())
                .text(&p.name)
                .int(p.created_at),
        )
        .await?;
        Ok(())
    }

    pub async fn rename_profile(&mut self, id: &UserId, name: &str) -> Result<()> {
        let changed = self
            .exec(
                Statement::new("UPDATE profiles SET name = $2 WHERE id = $1")
                    .text(id.as_str())
                    .text(name),
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "profile",
                id: id.to_string(),
            });
        }
        Ok(())
    }

    pub async fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "INSERT INTO settings (key, value) VALUES ($1, $2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value"
            }
            // Settings are each login's own (the login column defaults to `current_user`).
            Backend::Postgres => {
                "INSERT INTO settings (key, value) VALUES ($1, $2)
                 ON CONFLICT(login, key) DO UPDATE SET value = excluded.value"
            }
        };
        self.exec(Statement::new(sql).text(key).text(value)).await?;
        Ok(())
    }

    pub async fn insert_project(&mut self, p: &Project) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO projects (id, title, logline, kind, archived, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .text(p.id.as_str())
            .text(&p.title)
            .text(&p.logline)
            .text(p.kind.as_str())
            .flag(p.archived)
            .int(p.created_at)
            .int(p.updated_at),
        )
        .await?;
        Ok(())
    }

    /// Reads a project inside the transaction, locking it until commit (so a check and the
    /// write that follows see the same state).
    pub async fn project(&mut self, id: &ProjectId) -> Result<Project> {
        let sql = format!(
            "SELECT {PROJECT_COLS} FROM projects p WHERE p.id = $1{}",
            self.lock_clause()
        );
        self.one(
            Statement::new(&sql).text(id.as_str()),
            "project",
            id.as_str(),
            rows::project,
        )
        .await
    }

    pub async fn update_project(&mut self, p: &Project) -> Result<()> {
        self.exec(
            Statement::new(
                "UPDATE projects SET title = $2, logline = $3, kind = $4, archived = $5,
                 updated_at = $6 WHERE id = $1",
            )
            .text(p.id.as_str())
            .text(&p.title)
            .text(&p.logline)
            .text(p.kind.as_str())
            .flag(p.archived)
            .int(p.updated_at),
        )
        .await?;
        Ok(())
    }

    pub async fn insert_document(&mut self, d: &Document) -> Result<()> {
        self.exec(
            Statement::new(
                "INSERT INTO documents (id, project_id, title, kind, format, head_revision_id,
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .text(d.id.as_str())
            .text(d.project_id.as_str())
            .text(&d.title)
            .text(d.kind.as_str())
            .text(d.format.as_str())
            .opt_text(d.head_revision_id.as_ref().map(|r| r.as_str()))
            .int(d.created_at)
            .int(d.updated_at),
        )
        .await?;
        Ok(())
    }

    /// Reads a document inside the transaction, locking it until commit: a save compares the
    /// head it started from with this one, and nobody can move the head in between.
    pub async fn document(&mut self, id: &DocumentId) -> Result<Document> {
        let sql = format!(
            "SELECT {DOCUMENT_COLS} FROM documents d WHERE d.id = $1{}",
            self.lock_clause()
        );
        self.one(
            Statement::new(&sql).text(id.as_str()),
            "document",
            id.as_str(),
            rows::document,
        )
        .await
    }

    pub async fn update_document(&mut self, d: &Document) -> Result<()> {
        self.exec(
            Statement::new(
                "UPDATE documents SET title = $2, kind = $3, format = $4, head_revision_id = $5,
                 updated_at = $6 WHERE id = $1",
            )
            .text(d.id.as_str())
            .text(&d.title)
            .text(d.kind.as_str())
            .text(d.format.as_str())
            .opt_text(d.head_revision_id.as_ref().map(|r| r.as_str()))
            .int(d.updated_at),
        )
        .await?;
        Ok(())
    }

    /// Reads a revision's metadata inside the transaction, so a save that holds the write
    /// lock never needs a second connection.
    pub async fn revision_meta(&mut self, id: &RevisionId) -> Result<RevisionMeta> {
        let sql = format!(
            "SELECT {REVISION_META_COLS} FROM revisions r
             LEFT JOIN profiles u ON u.id = r.author_id WHERE r.id = $1"
        );
        self.one(
            Statement::new(&sql).text(id.as_str()),
            "revision",
            id.as_str(),
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
        self.exec(
            Statement::new(
                "INSERT INTO revisions (id, document_id, parent_id, author_id, text, content_hash,
                 word_count, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .text(r.meta.id.as_str())
            .text(r.meta.document_id.as_str())
            .opt_text(r.meta.parent_id.as_ref().map(|p| p.as_str()))
            .text(r.meta.author_id.as_str())
            .text(&r.text)
            .text(&r.meta.content_hash)
            .int(r.meta.word_count)
            .int(r.meta.created_at),
        )
        .await?;
        doc.head_revision_id = Some(r.meta.id.clone());
        doc.updated_at = r.meta.created_at;
        self.update_document(&doc).await?;
        Ok(doc)
    }
}
