//! Asking a model for takes on a passage. Each take is its own AI run (recorded as any run
//! is); the runs go concurrently; each answer that makes a usable take is kept as a pending
//! suggestion with its word-diff hunks, in one transaction with its `suggestion.created`
//! event. An answer that is empty, the passage itself, full of control characters or far too
//! long is not kept, and the outcome says why.

use super::{attribution::refresh_pending, local, Suggestions};
use crate::ai::OFFLINE_ID;
use crate::app::event;
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::ai::{AiOutcome, AiRunEvent, AiRunRecord, AiRunRequest, AiTask};
use greenlight_domain::document::Document;
use greenlight_domain::error::fields;
use greenlight_domain::events::payloads::SuggestionCreated;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::SuggestionId;
use greenlight_domain::permission::Action;
use greenlight_domain::revision::{content_hash, Revision};
use greenlight_domain::suggestion::SuggestionState;
use greenlight_domain::suggestion_record::{
    FailedTake, Suggestion, VariationPreset, VaryOutcome, VaryRequest,
};
use greenlight_domain::take::{char_slice, clean_take, hunks, MAX_PASSAGE_CHARS, MAX_TAKES};
use greenlight_domain::text::clean_paragraph;
use greenlight_domain::DomainError;

/// Longest instruction, in characters.
const MAX_INSTRUCTION_CHARS: usize = 2_000;

/// What was asked, checked.
struct Ask {
    doc: Document,
    head: Revision,
    start: usize,
    end: usize,
    passage: String,
    instruction: String,
    preset: Option<VariationPreset>,
    provider_id: String,
}

impl Suggestions<'_> {
    /// Asks for `req.takes` takes on a passage and keeps each usable one as a pending
    /// suggestion. Fails only when no take could be kept (with the reasons).
    pub async fn vary(&self, actor: &Actor, req: VaryRequest) -> Result<VaryOutcome> {
        self.vary_streaming(actor, req, |_, _| {}).await
    }

    /// The same, sending every event of every take's run to `emit` with the take's number
    /// (from 1) as it streams. A take's run can be cancelled by its run id (in its `Started`
    /// event) with `app.ai().cancel`.
    pub async fn vary_streaming(
        &self,
        actor: &Actor,
        req: VaryRequest,
        emit: impl Fn(usize, AiRunEvent) + Send + Sync,
    ) -> Result<VaryOutcome> {
        let ask = self.check(req.clone()).await?;
        self.app
            .require(actor, &ask.doc.project_id, Action::AskAi)
            .await?;
        let mut prepared = Vec::with_capacity(req.takes);
        for _ in 0..req.takes {
            let run = self
                .app
                .ai()
                .prepare_run(
                    actor,
                    AiRunRequest {
                        project_id: ask.doc.project_id.clone(),
                        document_id: Some(ask.doc.id.clone()),
                        provider_id: ask.provider_id.clone(),
                        task: AiTask::Variation,
                        instruction: ask.instruction.clone(),
                        text: Some(ask.passage.clone()),
                    },
                )
                .await;
            match run {
                Ok(run) => prepared.push(run),
                Err(e) => {
                    for p in &prepared {
                        self.app.runs.remove(p.id());
                    }
                    return Err(e);
                }
            }
        }
        let emit = &emit;
        let runs = prepared
            .into_iter()
            .enumerate()
            .map(|(i, run)| async move { run.execute(move |e| emit(i + 1, e)).await });
        let records = futures_util::future::join_all(runs).await;

        let mut outcome = VaryOutcome {
            suggestions: Vec::new(),
            failed: Vec::new(),
        };
        let mut blocked = 0;
        for (i, record) in records.into_iter().enumerate() {
            let take = i + 1;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    outcome.failed.push(FailedTake {
                        take,
                        run_id: None,
                        provider_name: String::new(),
                        model: String::new(),
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            let failed = |message: String| FailedTake {
                take,
                run_id: Some(record.id.clone()),
                provider_name: record.provider_name.clone(),
                model: record.model.clone(),
                message,
            };
            match record.outcome {
                Some(AiOutcome::Done) => match clean_take(&ask.passage, &record.output) {
                    Ok(text) => {
                        let s = self.keep(actor, &ask, &record, text).await?;
                        outcome.suggestions.push(s);
                    }
                    Err(problem) => outcome
                        .failed
                        .push(failed(format!("{}: {problem}", record.provider_name))),
                },
                Some(AiOutcome::Blocked) => {
                    blocked += 1;
                    outcome.failed.push(failed(
                        record
                            .message
                            .clone()
                            .unwrap_or_else(|| "blocked by the project's AI policy".into()),
                    ));
                }
                Some(AiOutcome::Cancelled) => {
                    outcome.failed.push(failed("the take was cancelled".into()))
                }
                _ => outcome.failed.push(failed(
                    record
                        .message
                        .clone()
                        .unwrap_or_else(|| format!("{} did not answer", record.provider_name)),
                )),
            }
        }
        if outcome.suggestions.is_empty() {
            let mut reasons: Vec<String> = Vec::new();
            for f in &outcome.failed {
                if !reasons.contains(&f.message) {
                    reasons.push(f.message.clone());
                }
            }
            let message = if req.takes == 1 {
                reasons.join("; ")
            } else {
                format!(
                    "none of the {} takes could be kept: {}",
                    req.takes,
                    reasons.join("; ")
                )
            };
            return Err(if blocked == outcome.failed.len() {
                CoreError::PolicyBlocked(message)
            } else {
                CoreError::Ai(message)
            });
        }
        Ok(outcome)
    }

    /// Checks a request before anything is sent.
    async fn check(&self, req: VaryRequest) -> Result<Ask> {
        let store = &self.app.store;
        let doc = store
            .get_document(&req.document_id)
            .await
            .map_err(|e| self.app.not_shared(e, "document"))?;
        let Some(head_id) = doc.head_revision_id.clone() else {
            return Err(CoreError::NotFound {
                what: "newest revision",
                id: doc.id.to_string(),
            });
        };
        let head = store.get_revision(&head_id).await?;
        let refuse =
            |field, reason: String| CoreError::Invalid(DomainError::Refused { field, reason });
        let len = head.text.chars().count();
        if req.start >= req.end {
            return Err(refuse(
                fields::PASSAGE,
                "the selection is empty; select the passage to vary".into(),
            ));
        }
        let Some(passage) = char_slice(&head.text, req.start, req.end) else {
            return Err(refuse(
                fields::PASSAGE,
                format!(
                    "characters {}..{} are outside “{}”, which has {len}",
                    req.start, req.end, doc.title
                ),
            ));
        };
        if passage.trim().is_empty() {
            return Err(refuse(
                fields::PASSAGE,
                "the selection holds only white space; select some text".into(),
            ));
        }
        let chars = req.end - req.start;
        if chars > MAX_PASSAGE_CHARS {
            return Err(refuse(
                fields::PASSAGE,
                format!("the selection is too long for a variation ({chars} characters; the limit is {MAX_PASSAGE_CHARS}): select a scene or a few"),
            ));
        }
        if req.takes == 0 || req.takes > MAX_TAKES {
            return Err(refuse(
                fields::TAKES,
                format!("ask for 1 to {MAX_TAKES} takes"),
            ));
        }
        let typed = clean_paragraph(fields::INSTRUCTION, &req.instruction, MAX_INSTRUCTION_CHARS)?;
        let instruction = match (req.preset, typed.is_empty()) {
            (Some(p), true) => p.instruction().to_owned(),
            (Some(p), false) => format!("{}: {typed}", p.instruction().trim_end_matches('.')),
            (None, false) => typed,
            (None, true) => {
                return Err(DomainError::Empty {
                    field: fields::INSTRUCTION,
                }
                .into())
            }
        };
        let provider_id = self.provider(req.provider_id.as_deref()).await?;
        Ok(Ask {
            passage: passage.to_owned(),
            doc,
            head,
            start: req.start,
            end: req.end,
            instruction,
            preset: req.preset,
            provider_id,
        })
    }

    /// The provider that writes the takes: the one named, else the first configured one.
    /// The offline engine only extracts sentences; it cannot write a variation.
    async fn provider(&self, wanted: Option<&str>) -> Result<String> {
        let configured: Vec<_> = self
            .app
            .providers()
            .list()
            .await?
            .into_iter()
            .filter(|p| !p.built_in && p.id != OFFLINE_ID)
            .collect();
        match wanted {
            Some(id) if id != OFFLINE_ID => Ok(id.to_owned()),
            None if !configured.is_empty() => Ok(configured[0].id.clone()),
            _ => Err(CoreError::Ai(no_model_message(
                &local::model_servers().await,
            ))),
        }
    }

    /// Keeps a take as a pending suggestion (and, if the document moved on while the model
    /// wrote, moves it with its passage or marks it stale at once).
    async fn keep(
        &self,
        actor: &Actor,
        ask: &Ask,
        record: &AiRunRecord,
        text: String,
    ) -> Result<Suggestion> {
        let now = now_ms();
        let s = Suggestion {
            id: SuggestionId::new(),
            project_id: ask.doc.project_id.clone(),
            document_id: ask.doc.id.clone(),
            base_revision_id: ask.head.meta.id.clone(),
            anchor_revision_id: ask.head.meta.id.clone(),
            anchor_start: ask.start as i64,
            anchor_end: ask.end as i64,
            passage: ask.passage.clone(),
            passage_hash: content_hash(&ask.passage),
            instruction: ask.instruction.clone(),
            preset: ask.preset,
            provider_id: record.provider_id.clone(),
            provider_name: record.provider_name.clone(),
            model: record.model.clone(),
            local: record.local,
            run_id: record.id.clone(),
            hunks: hunks(&ask.passage, &text),
            text,
            state: SuggestionState::Pending,
            created_by: actor.id.clone(),
            created_at: now,
            decision: None,
        };
        let mut tx = self.app.store.begin().await?;
        let doc = tx.document(&ask.doc.id).await?;
        tx.insert_suggestion(&s).await?;
        tx.append_event(
            event(
                actor,
                format!("suggestion:{}", s.id),
                Some(&doc.project_id),
                EventBody::SuggestionCreated(SuggestionCreated {
                    suggestion_id: s.id.clone(),
                    document_id: doc.id.clone(),
                    title: doc.title.clone(),
                    base_revision_id: s.base_revision_id.clone(),
                    anchor_start: s.anchor_start,
                    anchor_end: s.anchor_end,
                    passage_hash: s.passage_hash.clone(),
                    take_hash: content_hash(&s.text),
                    hunk_count: s.hunks.len() as i64,
                    run_id: s.run_id.clone(),
                    provider_id: s.provider_id.clone(),
                    provider_name: s.provider_name.clone(),
                    model: s.model.clone(),
                    local: s.local,
                    preset: s.preset.map(|p| p.as_str().to_owned()),
                }),
            ),
            now,
        )
        .await?;
        if let Some(head) = &doc.head_revision_id {
            if *head != s.anchor_revision_id {
                let head = tx.revision(head).await?;
                refresh_pending(&mut tx, actor, &doc, &head).await?;
            }
        }
        let kept = tx.suggestion(&s.id).await?;
        tx.commit().await?;
        Ok(kept)
    }
}

/// Why no take can be written, and what to do: the offline engine only extracts; a model
/// server already running on this computer is named so it can be added.
fn no_model_message(found: &[greenlight_domain::suggestion_record::LocalModelServer]) -> String {
    let mut m = "The offline engine cannot write variations: it only picks sentences from your text. Add a model provider (Settings → AI providers, or `greenlight providers add`): a model server on this computer such as Ollama, LM Studio or llama.cpp, or a remote API".to_owned();
    if !found.is_empty() {
        let named: Vec<String> = found
            .iter()
            .map(|s| format!("{} at {}", s.name, s.base_url))
            .collect();
        m.push_str(&format!(
            ". A model server is already running on this computer: {}; add it to use it",
            named.join(", ")
        ));
    }
    m
}
