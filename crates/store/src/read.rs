//! Read-only queries.

use crate::open::Store;
use crate::query::Statement;
use crate::rows::{self, DbRow, DOCUMENT_COLS, EVENT_COLS, PROJECT_COLS, REVISION_META_COLS};
use crate::Result;
use greenlight_domain::document::{Document, DocumentSummary};
use greenlight_domain::ids::{DocumentId, ProjectId, RevisionId, UserId};
use greenlight_domain::ledger::Event;
use greenlight_domain::profile::Profile;
use greenlight_domain::project::{Project, ProjectSummary};
use greenlight_domain::revision::{Revision, RevisionMeta};

fn project_summary(r: &dyn DbRow) -> Result<ProjectSummary> {
    Ok(ProjectSummary {
        project: rows::project(r)?,
        document_count: r.int("document_count")?,
        last_activity_at: r.int("last_activity_at")?,
    })
}

fn document_summary(r: &dyn DbRow) -> Result<DocumentSummary> {
    Ok(DocumentSummary {
        document: rows::document(r)?,
        revision_count: r.int("revision_count")?,
        word_count: r.int("word_count")?,
    })
}

fn revision(r: &dyn DbRow) -> Result<Revision> {
    Ok(Revision {
        meta: rows::revision_meta(r)?,
        text: r.text("text")?,
    })
}

fn name_pair(r: &dyn DbRow) -> Result<(UserId, String)> {
    Ok((UserId(r.text("id")?), r.text("name")?))
}

fn value(r: &dyn DbRow) -> Result<String> {
    r.text("value")
}

impl Store {
    /// Projects with their document count and newest activity, most recently active first.
    /// On a team server, only the projects the login is a member of (row-level security).
    pub async fn list_projects(&self, include_archived: bool) -> Result<Vec<ProjectSummary>> {
        let sql = format!(
            "SELECT {PROJECT_COLS},
                (SELECT count(*) FROM documents d WHERE d.project_id = p.id) AS document_count,
                COALESCE((SELECT max(e.at) FROM events e WHERE e.chain = p.id), p.updated_at)
                    AS last_activity_at
             FROM projects p
             WHERE ($1 OR NOT p.archived)
             ORDER BY last_activity_at DESC, p.id DESC"
        );
        self.all(Statement::new(&sql).flag(include_archived), project_summary)
            .await
    }

    pub async fn get_project(&self, id: &ProjectId) -> Result<Project> {
        let sql = format!("SELECT {PROJECT_COLS} FROM projects p WHERE p.id = $1");
        self.one(
            Statement::new(&sql).text(id.as_str()),
            "project",
            id.as_str(),
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
             FROM documents d WHERE d.project_id = $1 ORDER BY d.id"
        );
        self.all(
            Statement::new(&sql).text(project.as_str()),
            document_summary,
        )
        .await
    }

    pub async fn get_document(&self, id: &DocumentId) -> Result<Document> {
        let sql = format!("SELECT {DOCUMENT_COLS} FROM documents d WHERE d.id = $1");
        self.one(
            Statement::new(&sql).text(id.as_str()),
            "document",
            id.as_str(),
            rows::document,
        )
        .await
    }

    /// Revisions of a document, newest first, without their text.
    pub async fn list_revisions(&self, doc: &DocumentId) -> Result<Vec<RevisionMeta>> {
        let sql = format!(
            "SELECT {REVISION_META_COLS} FROM revisions r LEFT JOIN profiles u ON u.id = r.author_id
             WHERE r.document_id = $1 ORDER BY r.id DESC"
        );
        self.all(Statement::new(&sql).text(doc.as_str()), rows::revision_meta)
            .await
    }

    pub async fn get_revision(&self, id: &RevisionId) -> Result<Revision> {
        let sql = format!(
            "SELECT {REVISION_META_COLS}, r.text FROM revisions r
             LEFT JOIN profiles u ON u.id = r.author_id WHERE r.id = $1"
        );
        self.one(
            Statement::new(&sql).text(id.as_str()),
            "revision",
            id.as_str(),
            revision,
        )
        .await
    }

    pub async fn get_revision_meta(&self, id: &RevisionId) -> Result<RevisionMeta> {
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

    /// Newest events first (in the order they were appended); only those of `project`'s
    /// chain when given, else every chain (that the login may see).
    pub async fn recent_events(
        &self,
        project: Option<&ProjectId>,
        limit: i64,
    ) -> Result<Vec<Event>> {
        let sql = format!(
            "SELECT {EVENT_COLS} FROM events
             WHERE ($1 IS NULL OR chain = $1) ORDER BY pos DESC LIMIT $2"
        );
        self.all(
            Statement::new(&sql)
                .opt_text(project.map(|p| p.as_str()))
                .int(limit),
            rows::event,
        )
        .await
    }

    pub async fn get_profile(&self, id: &UserId) -> Result<Profile> {
        self.one(
            Statement::new("SELECT id, name, created_at FROM profiles WHERE id = $1")
                .text(id.as_str()),
            "profile",
            id.as_str(),
            rows::profile,
        )
        .await
    }

    /// Names of people by id, for rendering activity.
    pub async fn profile_names(&self) -> Result<Vec<(UserId, String)>> {
        self.all(Statement::new("SELECT id, name FROM profiles"), name_pair)
            .await
    }

    /// A setting of this database (on a team server: of the login).
    pub async fn get_setting(&self, key: &str) -> Result<Option<String>> {
        self.optional(
            Statement::new("SELECT value FROM settings WHERE key = $1").text(key),
            value,
        )
        .await
    }
}
