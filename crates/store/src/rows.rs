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
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

pub(crate) fn get<'r, T>(row: &'r SqliteRow, col: &str) -> Result<T>
where
    T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    row.try_get(col).map_err(StoreError::Database)
}

/// Fetches the one row `sql` selects for `id` (bound as `?1`) on any executor — the pool for
/// plain reads, a transaction for reads that a write depends on — and maps it, or reports
/// `what` as not found.
pub(crate) async fn fetch_one_by_id<'e, E, T>(
    exec: E,
    sql: &str,
    id: &str,
    what: &'static str,
    path: &str,
    map: fn(&SqliteRow) -> Result<T>,
) -> Result<T>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    let row = sqlx::query(sql)
        .bind(id)
        .fetch_optional(exec)
        .await
        .map_err(|e| StoreError::classify(e, path))?
        .ok_or_else(|| StoreError::NotFound {
            what,
            id: id.to_owned(),
        })?;
    map(&row)
}

fn invalid(e: greenlight_domain::DomainError) -> StoreError {
    StoreError::InvalidData(e.to_string())
}

pub(crate) const PROJECT_COLS: &str =
    "p.id, p.title, p.logline, p.kind, p.archived, p.created_at, p.updated_at";

pub(crate) fn project(row: &SqliteRow) -> Result<Project> {
    Ok(Project {
        id: ProjectId(get(row, "id")?),
        title: get(row, "title")?,
        logline: get(row, "logline")?,
        kind: ProjectKind::parse(&get::<String>(row, "kind")?).map_err(invalid)?,
        archived: get::<i64>(row, "archived")? != 0,
        created_at: get(row, "created_at")?,
        updated_at: get(row, "updated_at")?,
    })
}

pub(crate) const DOCUMENT_COLS: &str =
    "d.id, d.project_id, d.title, d.kind, d.format, d.head_revision_id, d.created_at, d.updated_at";

pub(crate) fn document(row: &SqliteRow) -> Result<Document> {
    Ok(Document {
        id: DocumentId(get(row, "id")?),
        project_id: ProjectId(get(row, "project_id")?),
        title: get(row, "title")?,
        kind: DocumentKind::parse(&get::<String>(row, "kind")?).map_err(invalid)?,
        format: DocumentFormat::parse(&get::<String>(row, "format")?).map_err(invalid)?,
        head_revision_id: get::<Option<String>>(row, "head_revision_id")?.map(RevisionId),
        created_at: get(row, "created_at")?,
        updated_at: get(row, "updated_at")?,
    })
}

pub(crate) const REVISION_META_COLS: &str = "r.id, r.document_id, r.parent_id, r.author_id, \
     COALESCE(u.name, '') AS author_name, r.content_hash, r.word_count, r.created_at";

pub(crate) fn revision_meta(row: &SqliteRow) -> Result<RevisionMeta> {
    Ok(RevisionMeta {
        id: RevisionId(get(row, "id")?),
        document_id: DocumentId(get(row, "document_id")?),
        parent_id: get::<Option<String>>(row, "parent_id")?.map(RevisionId),
        author_id: UserId(get(row, "author_id")?),
        author_name: get(row, "author_name")?,
        content_hash: get(row, "content_hash")?,
        word_count: get(row, "word_count")?,
        created_at: get(row, "created_at")?,
    })
}

pub(crate) const EVENT_COLS: &str =
    "chain, seq, id, at, actor, kind, schema_version, subject, payload, prev_hash, hash";

pub(crate) fn event(row: &SqliteRow) -> Result<Event> {
    Ok(Event {
        chain: ChainId::parse(&get::<String>(row, "chain")?),
        seq: get(row, "seq")?,
        id: EventId(get(row, "id")?),
        at: get(row, "at")?,
        actor: UserId(get(row, "actor")?),
        kind: get(row, "kind")?,
        schema_version: get(row, "schema_version")?,
        subject: get(row, "subject")?,
        payload: get(row, "payload")?,
        prev_hash: get(row, "prev_hash")?,
        hash: get(row, "hash")?,
    })
}

/// A chain head row (`seq`, `hash`): the newest event of a chain.
pub(crate) fn head(row: &SqliteRow) -> Result<(i64, String)> {
    Ok((get(row, "seq")?, get(row, "hash")?))
}

pub(crate) const LEGACY_EVENT_COLS: &str =
    "seq, id, at, actor, kind, subject, project_id, payload, prev_hash, hash";

pub(crate) fn legacy_event(row: &SqliteRow) -> Result<LegacyEvent> {
    Ok(LegacyEvent {
        seq: get(row, "seq")?,
        id: EventId(get(row, "id")?),
        at: get(row, "at")?,
        actor: UserId(get(row, "actor")?),
        kind: get(row, "kind")?,
        subject: get(row, "subject")?,
        project_id: get::<Option<String>>(row, "project_id")?.map(ProjectId),
        payload: get(row, "payload")?,
        prev_hash: get(row, "prev_hash")?,
        hash: get(row, "hash")?,
    })
}

pub(crate) fn profile(row: &SqliteRow) -> Result<Profile> {
    Ok(Profile {
        id: UserId(get(row, "id")?),
        name: get(row, "name")?,
        created_at: get(row, "created_at")?,
    })
}
