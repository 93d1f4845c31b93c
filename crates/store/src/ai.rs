//! Persistence of AI providers, project policies and run records.

use crate::backend::Backend;
use crate::error::StoreError;
use crate::open::Store;
use crate::query::Statement;
use crate::rows::DbRow;
use crate::tx::Tx;
use crate::Result;
use greenlight_domain::ai::{AiOutcome, AiRunRecord, AiTask, ProviderKindName};
use greenlight_domain::ids::{DocumentId, ProjectId};
use greenlight_domain::policy::AiPolicy;

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

fn provider(row: &dyn DbRow) -> Result<ProviderRow> {
    let kind = row.text("kind")?;
    Ok(ProviderRow {
        id: row.text("id")?,
        name: row.text("name")?,
        kind: ProviderKindName::parse(&kind)
            .ok_or_else(|| StoreError::InvalidData(format!("unknown provider kind '{kind}'")))?,
        base_url: row.text("base_url")?,
        own_network: row.flag("own_network")?,
        model: row.text("model")?,
    })
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

pub(crate) fn run(row: &dyn DbRow) -> Result<AiRunRecord> {
    let task = row.text("task")?;
    let outcome = row.opt_text("outcome")?;
    Ok(AiRunRecord {
        id: row.text("id")?,
        project_id: ProjectId(row.text("project_id")?),
        document_id: row.opt_text("document_id")?.map(DocumentId),
        task: AiTask::parse(&task).unwrap_or(AiTask::Summarize),
        provider_id: row.text("provider_id")?,
        provider_name: row.text("provider_name")?,
        model: row.text("model")?,
        local: row.flag("local")?,
        template_id: row.text("template_id")?,
        template_version: row.int("template_version")?,
        params: row.text("params")?,
        prompt_hash: row.text("prompt_hash")?,
        input_tokens: row.opt_int("input_tokens")?,
        output_tokens: row.opt_int("output_tokens")?,
        latency_ms: row.opt_int("latency_ms")?,
        outcome: match outcome.as_deref() {
            Some("done") => Some(AiOutcome::Done),
            Some("failed") => Some(AiOutcome::Failed),
            Some("cancelled") => Some(AiOutcome::Cancelled),
            Some("blocked") => Some(AiOutcome::Blocked),
            Some("interrupted") => Some(AiOutcome::Interrupted),
            _ => None,
        },
        partial: row.flag("partial")?,
        message: row.opt_text("message")?,
        output: row.text("output")?,
        started_at: row.int("started_at")?,
        finished_at: row.opt_int("finished_at")?,
    })
}

pub(crate) const RUN_COLS: &str =
    "id, project_id, document_id, task, provider_id, provider_name, model, \
    local, template_id, template_version, params, prompt_hash, input_tokens, output_tokens, \
    latency_ms, outcome, partial, message, output, started_at, finished_at";

fn policy(row: &dyn DbRow) -> Result<String> {
    row.text("policy")
}

const PROVIDER_COLS: &str = "id, name, kind, base_url, model, own_network";

impl Store {
    /// Configured providers (on a team server: the login's own; each person keeps their keys
    /// in their own keyring).
    pub async fn list_providers(&self) -> Result<Vec<ProviderRow>> {
        let sql = format!("SELECT {PROVIDER_COLS} FROM providers ORDER BY name");
        self.all(Statement::new(&sql), provider).await
    }

    pub async fn get_provider(&self, id: &str) -> Result<ProviderRow> {
        let sql = format!("SELECT {PROVIDER_COLS} FROM providers WHERE id = $1");
        self.one(Statement::new(&sql).text(id), "provider", id, provider)
            .await
    }

    /// The project's policy, or the default (AI on, every provider) when none was set.
    pub async fn get_policy(&self, project: &ProjectId) -> Result<AiPolicy> {
        let stored = self
            .optional(
                Statement::new("SELECT policy FROM project_policies WHERE project_id = $1")
                    .text(project.as_str()),
                policy,
            )
            .await?;
        match stored {
            None => Ok(AiPolicy::default()),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| StoreError::InvalidData(format!("stored AI policy: {e}"))),
        }
    }

    /// Runs that started but never recorded an outcome (the app stopped mid-run). On a team
    /// server, only the login's own: another person's run may still be going.
    pub async fn unfinished_ai_runs(&self) -> Result<Vec<AiRunRecord>> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                format!("SELECT {RUN_COLS} FROM ai_runs WHERE outcome IS NULL ORDER BY started_at")
            }
            Backend::Postgres => format!(
                "SELECT {RUN_COLS} FROM ai_runs WHERE outcome IS NULL AND login = current_user
                 ORDER BY started_at"
            ),
        };
        self.all(Statement::new(&sql), run).await
    }

    pub async fn list_ai_runs(&self, project: &ProjectId, limit: i64) -> Result<Vec<AiRunRecord>> {
        let sql = format!(
            "SELECT {RUN_COLS} FROM ai_runs WHERE project_id = $1
             ORDER BY started_at DESC, id DESC LIMIT $2"
        );
        self.all(Statement::new(&sql).text(project.as_str()).int(limit), run)
            .await
    }
}

impl Tx {
    pub async fn upsert_provider(&mut self, p: &ProviderRow, now: i64) -> Result<()> {
        let sql = format!(
            "INSERT INTO providers ({PROVIDER_COLS}, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
               base_url = excluded.base_url, model = excluded.model,
               own_network = excluded.own_network, updated_at = excluded.updated_at"
        );
        self.exec(
            Statement::new(&sql)
                .text(&p.id)
                .text(&p.name)
                .text(p.kind.as_str())
                .text(&p.base_url)
                .text(&p.model)
                .flag(p.own_network)
                .int(now),
        )
        .await
        .map_err(|e| match e {
            StoreError::Duplicate(_) => {
                StoreError::Conflict(format!("a provider named “{}” already exists", p.name))
            }
            other => other,
        })?;
        Ok(())
    }

    pub async fn delete_provider(&mut self, id: &str) -> Result<()> {
        let changed = self
            .exec(Statement::new("DELETE FROM providers WHERE id = $1").text(id))
            .await?;
        if changed == 0 {
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
        self.exec(
            Statement::new(
                "INSERT INTO project_policies (project_id, policy, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT(project_id) DO UPDATE SET policy = excluded.policy,
                   updated_at = excluded.updated_at",
            )
            .text(project.as_str())
            .text(&json)
            .int(now),
        )
        .await?;
        Ok(())
    }

    /// Records a run as it starts (outcome still empty), so even a crash mid-run leaves a trace.
    pub async fn insert_ai_run(&mut self, r: &AiRunRecord) -> Result<()> {
        let sql = format!(
            "INSERT INTO ai_runs ({RUN_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
             $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"
        );
        self.exec(
            Statement::new(&sql)
                .text(&r.id)
                .text(r.project_id.as_str())
                .opt_text(r.document_id.as_ref().map(|d| d.as_str()))
                .text(AiTask::as_str(r.task))
                .text(&r.provider_id)
                .text(&r.provider_name)
                .text(&r.model)
                .flag(r.local)
                .text(&r.template_id)
                .int(r.template_version)
                .text(&r.params)
                .text(&r.prompt_hash)
                .opt_int(r.input_tokens)
                .opt_int(r.output_tokens)
                .opt_int(r.latency_ms)
                .opt_text(r.outcome.map(outcome_str))
                .flag(r.partial)
                .opt_text(r.message.as_deref())
                .text(&r.output)
                .int(r.started_at)
                .opt_int(r.finished_at),
        )
        .await?;
        Ok(())
    }

    /// Completes a run's record with how it ended.
    pub async fn finish_ai_run(&mut self, r: &AiRunRecord) -> Result<()> {
        self.exec(
            Statement::new(
                "UPDATE ai_runs SET input_tokens = $2, output_tokens = $3, latency_ms = $4,
                 outcome = $5, partial = $6, message = $7, output = $8, finished_at = $9,
                 provider_name = $10, model = $11 WHERE id = $1",
            )
            .text(&r.id)
            .opt_int(r.input_tokens)
            .opt_int(r.output_tokens)
            .opt_int(r.latency_ms)
            .opt_text(r.outcome.map(outcome_str))
            .flag(r.partial)
            .opt_text(r.message.as_deref())
            .text(&r.output)
            .opt_int(r.finished_at)
            .text(&r.provider_name)
            .text(&r.model),
        )
        .await?;
        Ok(())
    }
}
