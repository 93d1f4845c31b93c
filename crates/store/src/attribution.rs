//! Every revision's attribution: which characters came from which suggestion. Written once,
//! with its revision, and never changed (triggers on both backends).

use crate::error::StoreError;
use crate::open::Store;
use crate::query::Statement;
use crate::rows::{self, DbRow, REVISION_META_COLS};
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::attribution::Attribution;
use greenlight_domain::ids::{DocumentId, ProjectId, RevisionId};
use greenlight_domain::revision::Revision;

fn spans(r: &dyn DbRow) -> Result<Attribution> {
    let json = r.text("spans")?;
    let a: Attribution = serde_json::from_str(&json)
        .map_err(|e| StoreError::InvalidData(format!("stored attribution: {e}")))?;
    // The spans must cover the text from its first character, one after the other.
    let mut at = 0;
    for s in a.spans() {
        if s.start != at || s.end <= s.start {
            return Err(StoreError::InvalidData(format!(
                "stored attribution: a span [{}, {}) does not follow the one before it",
                s.start, s.end
            )));
        }
        at = s.end;
    }
    Ok(a)
}

const SQL: &str = "SELECT spans FROM revision_attributions WHERE revision_id = $1";

impl Store {
    /// A revision's attribution, if one was recorded (revisions saved before attribution
    /// existed have none: they are a person's).
    pub async fn get_attribution(&self, revision: &RevisionId) -> Result<Option<Attribution>> {
        self.optional(Statement::new(SQL).text(revision.as_str()), spans)
            .await
    }

    /// Whether any revision of `document` has characters of AI origin.
    pub async fn document_has_ai_text(&self, document: &DocumentId) -> Result<bool> {
        let n = self
            .one(
                Statement::new(AI_TEXT).text(document.as_str()),
                "document",
                document.as_str(),
                crate::query::int0,
            )
            .await?;
        Ok(n > 0)
    }
}

const AI_TEXT: &str = "SELECT count(*) AS n FROM revision_attributions
     WHERE document_id = $1 AND ai_chars > 0";

impl Tx {
    /// Records a revision's attribution (in the transaction that saves the revision).
    pub async fn insert_attribution(
        &mut self,
        revision: &RevisionId,
        document: &DocumentId,
        attribution: &Attribution,
        at: i64,
    ) -> Result<()> {
        let json = serde_json::to_string(attribution)
            .map_err(|e| StoreError::InvalidData(format!("attribution: {e}")))?;
        self.exec(
            Statement::new(
                "INSERT INTO revision_attributions (revision_id, document_id, spans, total_chars,
                 ai_chars, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .text(revision.as_str())
            .text(document.as_str())
            .text(&json)
            .int(attribution.len() as i64)
            .int(attribution.ai_chars() as i64)
            .int(at),
        )
        .await?;
        Ok(())
    }

    /// A revision's attribution, read inside the transaction.
    pub async fn attribution(&mut self, revision: &RevisionId) -> Result<Option<Attribution>> {
        self.optional(Statement::new(SQL).text(revision.as_str()), spans)
            .await
    }

    /// A revision with its text, read inside the transaction (carrying attribution across a
    /// save needs the parent's text, and a save holding the write lock never waits for a
    /// second connection).
    pub async fn revision(&mut self, id: &RevisionId) -> Result<Revision> {
        let sql = format!(
            "SELECT {REVISION_META_COLS}, r.text FROM revisions r
             LEFT JOIN profiles u ON u.id = r.author_id WHERE r.id = $1"
        );
        self.one(
            Statement::new(&sql).text(id.as_str()),
            "revision",
            id.as_str(),
            revision_row,
        )
        .await
    }

    /// Whether any revision of `document` has characters of AI origin (when none has, a
    /// revision without a recorded attribution is a person's).
    pub async fn document_has_ai_text(&mut self, document: &DocumentId) -> Result<bool> {
        let n = self
            .one(
                Statement::new(AI_TEXT).text(document.as_str()),
                "document",
                document.as_str(),
                crate::query::int0,
            )
            .await?;
        Ok(n > 0)
    }

    /// Every recorded attribution of a project's revisions (for moving it).
    pub(crate) async fn project_attributions(
        &mut self,
        project: &ProjectId,
    ) -> Result<Vec<(RevisionId, DocumentId, Attribution)>> {
        self.all(
            Statement::new(
                "SELECT a.revision_id, a.document_id, a.spans FROM revision_attributions a
                 JOIN documents d ON d.id = a.document_id WHERE d.project_id = $1
                 ORDER BY a.created_at, a.revision_id",
            )
            .text(project.as_str()),
            row,
        )
        .await
    }
}

fn revision_row(r: &dyn DbRow) -> Result<Revision> {
    Ok(Revision {
        meta: rows::revision_meta(r)?,
        text: r.text("text")?,
    })
}

fn row(r: &dyn DbRow) -> Result<(RevisionId, DocumentId, Attribution)> {
    Ok((
        RevisionId(r.text("revision_id")?),
        DocumentId(r.text("document_id")?),
        spans(r)?,
    ))
}
