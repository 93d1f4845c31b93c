//! AI runs: checked against the project's policy, redacted, streamed, recorded.
//!
//! A run is recorded when it starts (row + `ai.requested` event, one transaction) and when it
//! ends (row completed + `ai.completed` event, one transaction). A blocked request is recorded
//! too (`ai.blocked`). Events reach the caller in the provider layer's order, with exactly one
//! `Finished` last, protected names restored in every delta.

use super::Ai;
use crate::app::{event, Greenlight};
use crate::error::CoreError;
use crate::{now_ms, Result};
use futures_util::StreamExt;
use greenlight_ai::{
    templates, AiError, CancellationToken, ChatRequest, Locality, Outcome, ProviderConfig,
    StreamEvent,
};
use greenlight_domain::actor::Actor;
use greenlight_domain::ai::{
    AiErrorCode, AiOutcome, AiRunEvent, AiRunRecord, AiRunRequest, AiTask,
};
use greenlight_domain::error::fields;
use greenlight_domain::events::payloads::AiRun;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::EventDraft;
use greenlight_domain::permission::Action;
use greenlight_domain::policy::{redact, Redactions, StreamRestorer};
use greenlight_domain::DomainError;

/// Sentences asked of a summary.
const SUMMARY_SENTENCES: &str = "8";

enum Plan {
    Blocked(String),
    Ready {
        config: Box<ProviderConfig>,
        request: Box<ChatRequest>,
        redactions: Redactions,
    },
}

/// A run that passed validation and is registered for cancellation; [`PreparedRun::execute`]
/// carries it out.
pub struct PreparedRun {
    app: Greenlight,
    actor: Actor,
    record: AiRunRecord,
    plan: Plan,
    cancel: CancellationToken,
}

impl Ai<'_> {
    /// Validates a run request by `actor` and resolves everything it needs (text, provider,
    /// key, policy, prompt). Errors here are the caller's to show; a policy refusal is not an
    /// error but a run that ends `blocked` (and is recorded as such).
    pub async fn prepare_run(&self, actor: &Actor, req: AiRunRequest) -> Result<PreparedRun> {
        let store = &self.app.store;
        let project = store.get_project(&req.project_id).await?;
        self.app.require(actor, &project.id, Action::AskAi).await?;
        let (title, head_text) = match &req.document_id {
            Some(id) => {
                let doc = store.get_document(id).await?;
                if doc.project_id != project.id {
                    return Err(CoreError::Conflict(
                        "that document belongs to another project".into(),
                    ));
                }
                let text = match &doc.head_revision_id {
                    Some(r) => store.get_revision(r).await?.text,
                    None => String::new(),
                };
                (doc.title, text)
            }
            None => (project.title.clone(), String::new()),
        };
        let text = req.text.clone().unwrap_or(head_text);
        if text.trim().is_empty() {
            return Err(DomainError::Empty {
                field: fields::TEXT,
            }
            .into());
        }
        // The key is fetched only once the policy allows the request.
        let providers = self.app.providers();
        let config = providers.config_keyless(&req.provider_id).await?;
        let policy = store.get_policy(&project.id).await?;
        let (safe_text, redactions) = redact(&text, &policy.protected_names);
        let (template_id, params): (&str, Vec<(&str, &str)>) = match req.task {
            AiTask::Summarize => (
                "summarize.document",
                vec![
                    ("title", title.as_str()),
                    ("max_sentences", SUMMARY_SENTENCES),
                    ("text", safe_text.as_str()),
                ],
            ),
            AiTask::Logline => (
                "summarize.logline",
                vec![("title", title.as_str()), ("text", safe_text.as_str())],
            ),
            AiTask::Synopsis => (
                "summarize.synopsis",
                vec![
                    ("title", title.as_str()),
                    ("max_sentences", SUMMARY_SENTENCES),
                    ("text", safe_text.as_str()),
                ],
            ),
            AiTask::Variation => {
                if req.instruction.trim().is_empty() {
                    return Err(DomainError::Empty {
                        field: fields::INSTRUCTION,
                    }
                    .into());
                }
                (
                    "rewrite.variation",
                    vec![
                        ("instruction", req.instruction.trim()),
                        ("text", safe_text.as_str()),
                    ],
                )
            }
        };
        let template =
            templates::get(template_id).map_err(|e| CoreError::Internal(e.to_string()))?;
        let request = template
            .render(&params, Some(&safe_text))
            .map_err(|e| CoreError::Internal(e.to_string()))?;
        let prompt = request.record();
        let local = config.is_local();
        let record = AiRunRecord {
            id: format!("run-{}", greenlight_domain::ids::EventId::new()),
            project_id: project.id.clone(),
            document_id: req.document_id.clone(),
            task: req.task,
            provider_id: config.id.clone(),
            provider_name: config.name.clone(),
            model: config.model.clone(),
            local,
            template_id: prompt.template.id.clone(),
            template_version: i64::from(prompt.template.version),
            params: serde_json::to_string(&prompt.params).unwrap_or_default(),
            prompt_hash: prompt.prompt_sha256.clone(),
            input_tokens: None,
            output_tokens: None,
            latency_ms: None,
            outcome: None,
            partial: false,
            message: None,
            output: String::new(),
            started_at: now_ms(),
            finished_at: None,
        };
        let plan = match policy.check(&config.id, &config.name, local, prompt.prompt_chars) {
            Err(violation) => Plan::Blocked(violation.to_string()),
            Ok(()) => Plan::Ready {
                config: Box::new(providers.config(&config.id).await?),
                request: Box::new(request),
                redactions,
            },
        };
        let cancel = CancellationToken::new();
        self.app.runs.insert(&record.id, cancel.clone());
        Ok(PreparedRun {
            app: self.app.clone(),
            actor: actor.clone(),
            record,
            plan,
            cancel,
        })
    }

    /// Cancels a run in flight; `false` when no such run is running.
    pub fn cancel(&self, run_id: &str) -> bool {
        self.app.runs.cancel(run_id)
    }

    /// The project's runs, newest first.
    pub async fn runs(&self, project: &ProjectId, limit: i64) -> Result<Vec<AiRunRecord>> {
        Ok(self
            .app
            .store
            .list_ai_runs(project, limit.clamp(1, 500))
            .await?)
    }
}

impl PreparedRun {
    pub fn id(&self) -> &str {
        &self.record.id
    }

    /// Runs to the end, sending every event to `emit`, and returns the completed record.
    pub async fn execute(mut self, mut emit: impl FnMut(AiRunEvent) + Send) -> Result<AiRunRecord> {
        let result = match std::mem::replace(&mut self.plan, Plan::Blocked(String::new())) {
            Plan::Blocked(message) => self.blocked(message, &mut emit).await,
            Plan::Ready {
                config,
                request,
                redactions,
            } => self.stream(*config, *request, redactions, &mut emit).await,
        };
        self.app.runs.remove(&self.record.id);
        result
    }

    async fn blocked(
        &mut self,
        message: String,
        emit: &mut (impl FnMut(AiRunEvent) + Send),
    ) -> Result<AiRunRecord> {
        let r = &mut self.record;
        r.outcome = Some(AiOutcome::Blocked);
        r.message = Some(message.clone());
        r.finished_at = Some(r.started_at);
        let mut tx = self.app.store.begin().await?;
        tx.insert_ai_run(r).await?;
        tx.append_event(ai_event(&self.actor, EventBody::AiBlocked, r), r.started_at)
            .await?;
        tx.commit().await?;
        emit(AiRunEvent::Finished {
            outcome: AiOutcome::Blocked,
            partial: false,
            message: Some(message),
            code: None,
        });
        Ok(self.record.clone())
    }

    async fn stream(
        &mut self,
        config: ProviderConfig,
        request: ChatRequest,
        redactions: Redactions,
        emit: &mut (impl FnMut(AiRunEvent) + Send),
    ) -> Result<AiRunRecord> {
        let name = config.name.clone();
        let provider = self.app.factory.build(config);
        let mut events = provider.stream(request, self.cancel.clone());
        let mut restorer = StreamRestorer::new(redactions);
        let started = std::time::Instant::now();
        let mut recorded = false;
        while let Some(event) = events.next().await {
            match event {
                StreamEvent::Started(info) => {
                    let r = &mut self.record;
                    r.provider_name = info.provider_name.clone();
                    r.model = info.model.clone();
                    r.local = info.locality == Locality::Local;
                    r.prompt_hash = info.prompt.prompt_sha256.clone();
                    self.record_start().await?;
                    recorded = true;
                    emit(AiRunEvent::Started {
                        run_id: self.record.id.clone(),
                        provider_name: self.record.provider_name.clone(),
                        model: self.record.model.clone(),
                        local: self.record.local,
                        template: format!(
                            "{} v{}",
                            self.record.template_id, self.record.template_version
                        ),
                    });
                }
                StreamEvent::Retrying { wait, error, .. } => emit(AiRunEvent::Retrying {
                    message: error.retry_message(&name, wait),
                    wait_ms: wait.as_millis() as i64,
                }),
                StreamEvent::Delta(text) => {
                    let shown = restorer.push(&text);
                    if !shown.is_empty() {
                        self.record.output.push_str(&shown);
                        emit(AiRunEvent::Delta { text: shown });
                    }
                }
                StreamEvent::Usage {
                    input_tokens,
                    output_tokens,
                } => {
                    let count = |n: Option<u64>| n.and_then(|n| i64::try_from(n).ok());
                    self.record.input_tokens = count(input_tokens);
                    self.record.output_tokens = count(output_tokens);
                    emit(AiRunEvent::Usage {
                        input_tokens: self.record.input_tokens,
                        output_tokens: self.record.output_tokens,
                    });
                }
                StreamEvent::Finished(outcome) => {
                    let rest = restorer.finish();
                    if !rest.is_empty() {
                        self.record.output.push_str(&rest);
                        emit(AiRunEvent::Delta { text: rest });
                    }
                    let (o, partial, message, code) = match outcome {
                        Outcome::Done { .. } => (AiOutcome::Done, false, None, None),
                        Outcome::Cancelled { partial } => {
                            (AiOutcome::Cancelled, partial, None, None)
                        }
                        Outcome::Failed { error, partial } => (
                            AiOutcome::Failed,
                            partial,
                            Some(error.user_message(&name)),
                            Some(error_code(&error)),
                        ),
                    };
                    let r = &mut self.record;
                    r.outcome = Some(o);
                    r.partial = partial;
                    r.message = message.clone();
                    r.latency_ms = Some(started.elapsed().as_millis() as i64);
                    r.finished_at = Some(now_ms());
                    if !recorded {
                        self.record_start().await?;
                    }
                    self.record_finish().await?;
                    emit(AiRunEvent::Finished {
                        outcome: o,
                        partial,
                        message,
                        code,
                    });
                    return Ok(self.record.clone());
                }
            }
        }
        Err(CoreError::Internal(
            "the provider stream ended without an outcome".into(),
        ))
    }

    async fn record_start(&self) -> Result<()> {
        let r = &self.record;
        let mut tx = self.app.store.begin().await?;
        tx.insert_ai_run(r).await?;
        tx.append_event(
            ai_event(&self.actor, EventBody::AiRequested, r),
            r.started_at,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_finish(&self) -> Result<()> {
        let r = &self.record;
        let at = r.finished_at.unwrap_or_else(now_ms);
        let mut tx = self.app.store.begin().await?;
        tx.finish_ai_run(r).await?;
        tx.append_event(ai_event(&self.actor, EventBody::AiCompleted, r), at)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Marks every run left without an outcome by a crash or kill as interrupted, recording each
/// (row and `ai.completed` event, one transaction). Runs at open, before anything else runs.
pub(crate) async fn mark_interrupted(
    store: &greenlight_store::Store,
    actor: &Actor,
) -> Result<usize> {
    let runs = store.unfinished_ai_runs().await?;
    for mut r in runs.iter().cloned() {
        let now = now_ms();
        r.outcome = Some(AiOutcome::Interrupted);
        r.message =
            Some("Greenlight stopped before this run finished; its answer was not kept.".into());
        r.finished_at = Some(now);
        let mut tx = store.begin().await?;
        tx.finish_ai_run(&r).await?;
        tx.append_event(ai_event(actor, EventBody::AiCompleted, &r), now)
            .await?;
        tx.commit().await?;
    }
    Ok(runs.len())
}

/// The ledger's view of a run: who answered and how, the prompt's hash, never the text.
fn ai_event(actor: &Actor, kind: fn(AiRun) -> EventBody, r: &AiRunRecord) -> EventDraft {
    let body = kind(AiRun {
        run_id: r.id.clone(),
        document_id: r.document_id.clone(),
        task: r.task,
        provider_id: r.provider_id.clone(),
        provider_name: r.provider_name.clone(),
        model: r.model.clone(),
        local: r.local,
        template_id: r.template_id.clone(),
        template_version: r.template_version,
        prompt_hash: r.prompt_hash.clone(),
        input_tokens: r.input_tokens,
        output_tokens: r.output_tokens,
        latency_ms: r.latency_ms,
        outcome: r.outcome,
        partial: r.partial,
        message: r.message.clone(),
        output_hash: greenlight_domain::revision::content_hash(&r.output),
    });
    event(actor, format!("ai-run:{}", r.id), Some(&r.project_id), body)
}

/// The class of a provider failure, as the UI branches on it.
fn error_code(e: &AiError) -> AiErrorCode {
    match e {
        AiError::RateLimited { .. } => AiErrorCode::RateLimited,
        AiError::Overloaded { .. } => AiErrorCode::Overloaded,
        AiError::Unavailable { .. } => AiErrorCode::Unavailable,
        AiError::AuthRejected { .. } => AiErrorCode::AuthRejected,
        AiError::QuotaExhausted { .. } => AiErrorCode::QuotaExhausted,
        AiError::ContextTooLong { .. } => AiErrorCode::ContextTooLong,
        AiError::ModelNotFound { .. } => AiErrorCode::ModelNotFound,
        AiError::BadRequest { .. } => AiErrorCode::BadRequest,
        AiError::Network { .. } => AiErrorCode::Network,
        AiError::Timeout { .. } => AiErrorCode::Timeout,
        AiError::MalformedReply { .. } => AiErrorCode::MalformedReply,
        AiError::TruncatedStream => AiErrorCode::TruncatedStream,
        AiError::Provider { .. } => AiErrorCode::ProviderError,
        AiError::Config { .. } => AiErrorCode::Config,
        AiError::Redirected { .. } => AiErrorCode::Redirected,
        AiError::ReplyTooLarge { .. } => AiErrorCode::ReplyTooLarge,
        AiError::TookTooLong { .. } => AiErrorCode::TookTooLong,
    }
}
