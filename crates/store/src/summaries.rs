//! The summary cache: each node of a summary tree under the hash of what produced it.

use crate::open::Store;
use crate::query::Statement;
use crate::rows::DbRow;
use crate::Result;
use greenlight_domain::ids::{DocumentId, ProjectId};

/// A cached summary node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedNode {
    pub cache_key: String,
    pub project_id: ProjectId,
    pub document_id: DocumentId,
    pub scope: String,
    pub text: String,
    /// The AI run that wrote it.
    pub run_id: String,
    pub created_at: i64,
}

fn node(r: &dyn DbRow) -> Result<CachedNode> {
    Ok(CachedNode {
        cache_key: r.text("cache_key")?,
        project_id: ProjectId(r.text("project_id")?),
        document_id: DocumentId(r.text("document_id")?),
        scope: r.text("scope")?,
        text: r.text("text")?,
        run_id: r.text("run_id")?,
        created_at: r.int("created_at")?,
    })
}

const COLS: &str = "cache_key, project_id, document_id, scope, text, run_id, created_at";

impl Store {
    /// The node cached under `key`, if any (and visible to the login).
    pub async fn summary_node(&self, key: &str) -> Result<Option<CachedNode>> {
        let sql = format!("SELECT {COLS} FROM summary_nodes WHERE cache_key = $1");
        self.optional(Statement::new(&sql).text(key), node).await
    }

    /// Caches `n` (replacing an entry with the same key).
    pub async fn put_summary_node(&self, n: &CachedNode) -> Result<()> {
        let sql = format!(
            "INSERT INTO summary_nodes ({COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (cache_key) DO UPDATE SET text = excluded.text,
               run_id = excluded.run_id, created_at = excluded.created_at"
        );
        let mut tx = self.begin().await?;
        tx.exec(
            Statement::new(&sql)
                .text(&n.cache_key)
                .text(n.project_id.as_str())
                .text(n.document_id.as_str())
                .text(&n.scope)
                .text(&n.text)
                .text(&n.run_id)
                .int(n.created_at),
        )
        .await?;
        tx.commit().await
    }
}
