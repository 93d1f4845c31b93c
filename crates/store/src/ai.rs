//! Persistence of AI providers, project policies and run records.

use crate::error::StoreError;
use crate::open::Store;
use crate::rows::{fetch_one_by_id, get};
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::ai::{AiOutcome, AiRunRecord, AiTask, ProviderKindName};
use greenlight_domain::ids::{DocumentId, ProjectId};
use greenlight_domain::policy::AiPolicy;
use sqlx::sqlite::SqliteRow;

/// A provider row (no key: keys live in the OS keyring).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderRow {
    pub id: String,
    pub name: String,
    pub kind: ProviderKindName,
    pub base_url: String,
    pub model: String,
    /// Marked by the person as on their own network.
    pub own_network: bool,
}

fn provider(row: &SqliteRow) -> Result<ProviderRow> {
    let kind: String = get(row, "kind")?;
    Ok(ProviderRow {
        id: get(row, "id")?,
        name: get(row, "name")?,
        kind: ProviderKindName::parse(&kind)
            .ok_or_else(|| StoreError::InvalidData(format!("unknown provider kind '{kind}'")))?,
        base_url: get(row, "base_url")?,
        own_network: get(row, "own_network")?,
        model: get(row, "model")?,
    })
}

fn task_str(t: AiTask) -> &'static str {
    match t {
        AiTask::Summarize => "summarize",
        AiTask::Variation => "variation",
    }
}

fn outcome_str(o: AiOutcome) -> &'static str {
    match o {
        AiOutcome::Done => "done",
        AiOutcome::Failed => "failed",
        AiOutcome::Cancelled => "cancelled",
        AiOutcome::Blocked => "blocked",
        AiOutcome::Interrupted => "interrupted",
    }
}

fn run(row: &SqliteRow) -> Result<AiRunRecord> {
    let task: String = get(row, "task")?;
    let outcome: Option<String> = get(row, "outcome")?;
    Ok(AiRunRecord {
        id: get(row, "id")?,
        project_id: ProjectId(get(row, "project_id")?),
        document_id: get::<Option<String>>(row, "document_id")?.map(DocumentId),
        task: if task == "variation" {
            AiTask::Variation
        } else {
            AiTask::Summarize
        },
        provider_id: get(row, "provider_id")?,
        provider_name: get(row, "provider_name")?,
        model: get(row, "model")?,
        local: get::<i64>(row, "local")? != 0,
        template_id: get(row, "template_id")?,
        template_version: get(row, "template_version")?,
        params: get(row, "params")?,
        prompt_hash: get(row, "prompt_hash")?,
        input_tokens: get(row, "input_tokens")?,
        output_tokens: get(row, "output_tokens")?,
        latency_ms: get(row, "latency_ms")?,
        outcome: match outcome.as_deref() {
            Some("done") => Some(AiOutcome::Done),
            Some("failed") => Some(AiOutcome::Failed),
            Some("cancelled") => Some(AiOutcome::Cancelled),
            Some("blocked") => Some(AiOutcome::Blocked),
            Some("interrupted") => Some(AiOutcome::Interrupted),
            _ => None,
        },
        partial: get::<i64>(row, "partial")? != 0,
        message: get(row, "message")?,
        output: get(row, "output")?,
        started_at: get(row, "started_at")?,
        finished_at: get(row, "finished_at")?,
    })
}

const RUN_COLS: &str = "id, project_id, document_id, task, provider_id, provider_name, model, \
    local, template_id, template_version, params, prompt_hash, input_tokens, output_tokens, \
    latency_ms, outcome, partial, message, output, started_at, finished_at";

impl Store {
    pub async fn list_providers(&self) -> Result<Vec<ProviderRow>> {
        let rows = sqlx::query(
            "SELECT id, name, kind, base_url, model, own_network FROM providers ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(|e| self.err(e))?;
        rows.iter().map(provider).collect()
    }

    pub async fn get_provider(&self, id: &str) -> Result<ProviderRow> {
        fetch_one_by_id(
            &self.pool,
            "SELECT id, name, kind, base_url, model, own_network FROM providers WHERE id = ?1",
            id,
            "provider",
            &self.path,
            provider,
        )
        .await
    }

    /// The project's policy, or the default (AI on, every provider) when none was set.
    pub async fn get_policy(&self, project: &ProjectId) -> Result<AiPolicy> {
        let row = sqlx::query("SELECT policy FROM project_policies WHERE project_id = ?1")
            .bind(project.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        match row {
            None => Ok(AiPolicy::default()),
            Some(r) => {
                let json: String = get(&r, "policy")?;
                serde_json::from_str(&json)
                    .map_err(|e| StoreError::InvalidData(format!("stored AI policy: {e}")))
            }
        }
    }

    /// Runs that started but never recorded an outcome (the app stopped mid-run).
    pub async fn unfinished_ai_runs(&self) -> Result<Vec<AiRunRecord>> {
        let sql =
            format!("SELECT {RUN_COLS} FROM ai_runs WHERE outcome IS NULL ORDER BY started_at");
        let rows = sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        rows.iter().map(run).collect()
    }

    pub async fn list_ai_runs(&self, project: &ProjectId, limit: i64) -> Result<Vec<AiRunRecord>> {
        let sql = format!(
            "SELECT {RUN_COLS} FROM ai_runs WHERE project_id = ?1 ORDER BY started_at DESC, id DESC LIMIT ?2"
        );
        let rows = sqlx::query(&sql)
            .bind(project.as_str())
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.err(e))?;
        rows.iter().map(run).collect()
    }
}

impl Tx {
    pub async fn upsert_provider(&mut self, p: &ProviderRow, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO providers (id, name, kind, base_url, model, own_network, created_at,
               updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
               base_url = excluded.base_url, model = excluded.model,
               own_network = excluded.own_network, updated_at = excluded.updated_at",
        )
        .bind(&p.id)
        .bind(&p.name)
        .bind(p.kind.as_str())
        .bind(&p.base_url)
        .bind(&p.model)
        .bind(p.own_network)
        .bind(now)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| match self.err(e) {
            StoreError::Database(inner) if inner.to_string().contains("UNIQUE") => {
                StoreError::Conflict(format!("a provider named “{}” already exists", p.name))
            }
            other => other,
        })?;
        Ok(())
    }

    pub async fn delete_provider(&mut self, id: &str) -> Result<()> {
        let done = sqlx::query("DELETE FROM providers WHERE id = ?1")
            .bind(id)
            .execute(&mut *self.inner)
            .await
            .map_err(|e| self.err(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "provider",
                id: id.to_owned(),
            });
        }
        Ok(())
    }

    pub async fn set_policy(
        &mut self,
        project: &ProjectId,
        policy: &AiPolicy,
        now: i64,
    ) -> Result<()> {
        let json = serde_json::to_string(policy)
            .map_err(|e| StoreError::InvalidData(format!("AI policy: {e}")))?;
        sqlx::query(
            "INSERT INTO project_policies (project_id, policy, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(project_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at",
        )
        .bind(project.as_str())
        .bind(json)
        .bind(now)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Records a run as it starts (outcome still empty), so even a crash mid-run leaves a trace.
    pub async fn insert_ai_run(&mut self, r: &AiRunRecord) -> Result<()> {
        let sql = format!(
            "INSERT INTO ai_runs ({RUN_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
             ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)"
        );
        sqlx::query(&sql)
            .bind(&r.id)
            .bind(r.project_id.as_str())
            .bind(r.document_id.as_ref().map(|d| d.as_str()))
            .bind(task_str(r.task))
            .bind(&r.provider_id)
            .bind(&r.provider_name)
            .bind(&r.model)
            .bind(r.local)
            .bind(&r.template_id)
            .bind(r.template_version)
            .bind(&r.params)
            .bind(&r.prompt_hash)
            .bind(r.input_tokens)
            .bind(r.output_tokens)
            .bind(r.latency_ms)
            .bind(r.outcome.map(outcome_str))
            .bind(r.partial)
            .bind(&r.message)
            .bind(&r.output)
            .bind(r.started_at)
            .bind(r.finished_at)
            .execute(&mut *self.inner)
            .await
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Completes a run's record with how it ended.
    pub async fn finish_ai_run(&mut self, r: &AiRunRecord) -> Result<()> {
        sqlx::query(
            "UPDATE ai_runs SET input_tokens = ?2, output_tokens = ?3, latency_ms = ?4,
             outcome = ?5, partial = ?6, message = ?7, output = ?8, finished_at = ?9,
             provider_name = ?10, model = ?11 WHERE id = ?1",
        )
        .bind(&r.id)
        .bind(r.input_tokens)
        .bind(r.output_tokens)
        .bind(r.latency_ms)
        .bind(r.outcome.map(outcome_str))
        .bind(r.partial)
        .bind(&r.message)
        .bind(&r.output)
        .bind(r.finished_at)
        .bind(&r.provider_name)
        .bind(&r.model)
        .execute(&mut *self.inner)
        .await
        .map_err(|e| self.err(e))?;
        Ok(())
    }
}
