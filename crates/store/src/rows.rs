//! Mapping rows to domain types. A value the domain does not know is reported as
//! [`StoreError::InvalidData`], never a panic.

use crate::error::StoreError;
use crate::Result;
use greenlight_domain::document::{Document, DocumentFormat, DocumentKind};
use greenlight_domain::ids::{DocumentId, EventId, ProjectId, RevisionId, UserId};
use greenlight_domain::ledger::legacy::LegacyEvent;
use greenlight_domain::ledger::{ChainId, Event};
use greenlight_domain::profile::Profile;
use greenlight_domain::project::{Project, ProjectKind};
use greenlight_domain::revision::RevisionMeta;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

/// A result row of either backend, read by column name into the few types the schema uses
/// (text, 64-bit integers, booleans, bytes). Mapping functions take `&dyn DbRow`, so each is written
/// once for both backends.
pub(crate) trait DbRow {
    fn text(&self, col: &str) -> Result<String>;
    fn opt_text(&self, col: &str) -> Result<Option<String>>;
    fn int(&self, col: &str) -> Result<i64>;
    fn opt_int(&self, col: &str) -> Result<Option<i64>>;
    fn flag(&self, col: &str) -> Result<bool>;
    fn bytes(&self, col: &str) -> Result<Vec<u8>>;
}

macro_rules! impl_db_row {
    ($row:ty) => {
        impl DbRow for $row {
            fn text(&self, col: &str) -> Result<String> {
                self.try_get(col).map_err(StoreError::Database)
            }
            fn opt_text(&self, col: &str) -> Result<Option<String>> {
                self.try_get(col).map_err(StoreError::Database)
            }
            fn int(&self, col: &str) -> Result<i64> {
                self.try_get(col).map_err(StoreError::Database)
            }
            fn opt_int(&self, col: &str) -> Result<Option<i64>> {
                self.try_get(col).map_err(StoreError::Database)
            }
            fn flag(&self, col: &str) -> Result<bool> {
                self.try_get(col).map_err(StoreError::Database)
            }
            fn bytes(&self, col: &str) -> Result<Vec<u8>> {
                self.try_get(col).map_err(StoreError::Database)
            }
        }
    };
}
impl_db_row!(SqliteRow);
impl_db_row!(PgRow);

/// Maps an optional row, or reports `what` (with `id`) as not found.
pub(crate) fn found<R: DbRow, T>(
    row: Option<R>,
    what: &'static str,
    id: &str,
    map: fn(&dyn DbRow) -> Result<T>,
) -> Result<T> {
    match row {
        Some(r) => map(&r),
        None => Err(StoreError::NotFound {
            what,
            id: id.to_owned(),
        }),
    }
}

fn invalid(e: greenlight_domain::DomainError) -> StoreError {
    StoreError::InvalidData(e.to_string())
}

pub(crate) const PROJECT_COLS: &str =
    "p.id, p.title, p.logline, p.kind, p.archived, p.created_at, p.updated_at";

pub(crate) fn project(row: &dyn DbRow) -> Result<Project> {
    Ok(Project {
        id: ProjectId(row.text("id")?),
        title: row.text("title")?,
        logline: row.text("logline")?,
        kind: ProjectKind::parse(&row.text("kind")?).map_err(invalid)?,
        archived: row.flag("archived")?,
        created_at: row.int("created_at")?,
        updated_at: row.int("updated_at")?,
    })
}

pub(crate) const DOCUMENT_COLS: &str =
    "d.id, d.project_id, d.title, d.kind, d.format, d.head_revision_id, d.created_at, d.updated_at";

pub(crate) fn document(row: &dyn DbRow) -> Result<Document> {
    Ok(Document {
        id: DocumentId(row.text("id")?),
        project_id: ProjectId(row.text("project_id")?),
        title: row.text("title")?,
        kind: DocumentKind::parse(&row.text("kind")?).map_err(invalid)?,
        format: DocumentFormat::parse(&row.text("format")?).map_err(invalid)?,
        head_revision_id: row.opt_text("head_revision_id")?.map(RevisionId),
        created_at: row.int("created_at")?,
        updated_at: row.int("updated_at")?,
    })
}

pub(crate) const REVISION_META_COLS: &str = "r.id, r.document_id, r.parent_id, r.author_id, \
     COALESCE(u.name, '') AS author_name, r.content_hash, r.word_count, r.created_at";

pub(crate) fn revision_meta(row: &dyn DbRow) -> Result<RevisionMeta> {
    Ok(RevisionMeta {
        id: RevisionId(row.text("id")?),
        document_id: DocumentId(row.text("document_id")?),
        parent_id: row.opt_text("parent_id")?.map(RevisionId),
        author_id: UserId(row.text("author_id")?),
        author_name: row.text("author_name")?,
        content_hash: row.text("content_hash")?,
        word_count: row.int("word_count")?,
        created_at: row.int("created_at")?,
    })
}

pub(crate) const EVENT_COLS: &str =
    "chain, seq, id, at, actor, kind, schema_version, subject, payload, prev_hash, hash, key_id, signature";

pub(crate) fn event(row: &dyn DbRow) -> Result<Event> {
    Ok(Event {
        chain: ChainId::parse(&row.text("chain")?),
        seq: row.int("seq")?,
        id: EventId(row.text("id")?),
        at: row.int("at")?,
        actor: UserId(row.text("actor")?),
        kind: row.text("kind")?,
        schema_version: row.int("schema_version")?,
        subject: row.text("subject")?,
        payload: row.text("payload")?,
        prev_hash: row.text("prev_hash")?,
        hash: row.text("hash")?,
        key_id: row.opt_text("key_id")?,
        signature: row.opt_text("signature")?,
    })
}

/// A chain head row (`seq`, `hash`): the newest event of a chain.
pub(crate) fn head(row: &dyn DbRow) -> Result<(i64, String)> {
    Ok((row.int("seq")?, row.text("hash")?))
}

pub(crate) const LEGACY_EVENT_COLS: &str =
    "seq, id, at, actor, kind, subject, project_id, payload, prev_hash, hash";

pub(crate) fn legacy_event(row: &dyn DbRow) -> Result<LegacyEvent> {
    Ok(LegacyEvent {
        seq: row.int("seq")?,
        id: EventId(row.text("id")?),
        at: row.int("at")?,
        actor: UserId(row.text("actor")?),
        kind: row.text("kind")?,
        subject: row.text("subject")?,
        project_id: row.opt_text("project_id")?.map(ProjectId),
        payload: row.text("payload")?,
        prev_hash: row.text("prev_hash")?,
        hash: row.text("hash")?,
    })
}

pub(crate) fn profile(row: &dyn DbRow) -> Result<Profile> {
    Ok(Profile {
        id: UserId(row.text("id")?),
        name: row.text("name")?,
        created_at: row.int("created_at")?,
    })
}
