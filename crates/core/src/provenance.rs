//! The legal view of a document: which of its words a model wrote, and for each such span
//! the whole history (the suggestion, the instruction, the template and its version, the
//! provider and model, local or remote, the prompt's hash, the AI policy in force, who
//! accepted it, how much they changed it then and since), with the document's totals and the
//! disclosures that concern it.
//!
//! Everything is read from what was recorded when it happened: the newest revision's
//! attribution, the suggestions, the AI runs, and the project's ledger chain (the policy in
//! force at a request is the last `policy.changed` before its `ai.requested`).

use crate::app::Greenlight;
use crate::Result;
use greenlight_domain::actor::Actor;
use greenlight_domain::ai::{AiOutcome, AiRunRecord};
use greenlight_domain::disclosure::{Disclosure, PolicyTerms};
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{DocumentId, SuggestionId};
use greenlight_domain::ledger::ChainId;
use greenlight_domain::permission::Action;
use greenlight_domain::policy::AiPolicy;
use greenlight_domain::provenance::{AiSpan, DocumentProvenance, ModelUse, SpanHistory};
use greenlight_domain::suggestion_record::SpanOrigin;
use std::collections::HashMap;

/// The most AI runs of a project read for one view (newest first).
const MAX_RUNS: i64 = 100_000;

/// Legal views.
pub struct Provenance<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    pub fn provenance(&self) -> Provenance<'_> {
        Provenance { app: self }
    }
}

/// What the project's chain says about AI requests and acceptances.
struct ChainFacts {
    /// The policy in force at each AI run, by run id.
    policy_at_run: HashMap<String, PolicyTerms>,
    /// Characters of AI text each suggestion put in when it was last accepted.
    accepted_chars: HashMap<SuggestionId, i64>,
}

impl Provenance<'_> {
    async fn chain_facts(&self, chain: &ChainId) -> Result<ChainFacts> {
        let store = &self.app.store;
        let mut timeline: Vec<(i64, EventBody)> = Vec::new();
        for kind in [
            "policy.changed",
            "ai.requested",
            "ai.blocked",
            "suggestion.accepted",
        ] {
            for e in store.events_of_kind(Some(chain), kind).await? {
                if let Ok(body) = e.body() {
                    timeline.push((e.seq, body));
                }
            }
        }
        timeline.sort_by_key(|(seq, _)| *seq);
        let mut policy = PolicyTerms::from(&AiPolicy::default());
        let mut facts = ChainFacts {
            policy_at_run: HashMap::new(),
            accepted_chars: HashMap::new(),
        };
        for (_, body) in timeline {
            match body {
                EventBody::PolicyChanged(p) => {
                    policy = PolicyTerms {
                        ai_enabled: p.ai_enabled,
                        local_only: p.local_only,
                        allowed_providers: p.allowed_providers,
                        protected_name_count: p.protected_name_count,
                    }
                }
                EventBody::AiRequested(r) | EventBody::AiBlocked(r) => {
                    facts.policy_at_run.insert(r.run_id, policy.clone());
                }
                EventBody::SuggestionAccepted(a) => {
                    facts.accepted_chars.insert(a.suggestion_id, a.ai_chars);
                }
                _ => {}
            }
        }
        Ok(facts)
    }

    /// The legal view of `document`'s newest revision. Only those who may export provenance
    /// (producers, legal reviewers, admins) read it.
    pub async fn document(
        &self,
        actor: &Actor,
        document: &DocumentId,
    ) -> Result<DocumentProvenance> {
        let store = &self.app.store;
        let doc = store
            .get_document(document)
            .await
            .map_err(|e| self.app.not_shared(e, "document"))?;
        let project = store.get_project(&doc.project_id).await?;
        self.app
            .require(actor, &project.id, Action::ExportProvenance)
            .await?;
        let attribution = self.app.suggestions().attribution(document, None).await?;
        let head = store.get_revision(&attribution.revision_id).await?;
        let suggestions: HashMap<SuggestionId, _> = store
            .list_suggestions(document)
            .await?
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
        let runs: HashMap<String, AiRunRecord> = store
            .list_ai_runs(&project.id, MAX_RUNS)
            .await?
            .into_iter()
            .map(|r| (r.id.clone(), r))
            .collect();
        let facts = self
            .chain_facts(&ChainId::Project(project.id.clone()))
            .await?;
        let names: HashMap<_, _> = store.profile_names().await?.into_iter().collect();
        let name_of = |id| {
            names
                .get(id)
                .cloned()
                .unwrap_or_else(|| "Someone".to_owned())
        };

        let mut spans = Vec::new();
        let mut chars_now: HashMap<SuggestionId, i64> = HashMap::new();
        let mut order: Vec<SuggestionId> = Vec::new();
        for s in &attribution.spans {
            let (SpanOrigin::Ai, Some(id)) = (s.origin, &s.suggestion_id) else {
                continue;
            };
            if !chars_now.contains_key(id) {
                order.push(id.clone());
            }
            *chars_now.entry(id.clone()).or_default() += s.end - s.start;
            spans.push(AiSpan {
                start: s.start,
                end: s.end,
                suggestion_id: id.clone(),
                edited: s.edited,
            });
        }
        let histories = order
            .iter()
            .filter_map(|id| {
                let s = suggestions.get(id)?;
                let run = runs.get(&s.run_id);
                let decision = s.decision.as_ref();
                Some(SpanHistory {
                    suggestion_id: id.clone(),
                    instruction: s.instruction.clone(),
                    preset: s.preset,
                    template_id: run.map(|r| r.template_id.clone()).unwrap_or_default(),
                    template_version: run.map_or(0, |r| r.template_version),
                    provider_name: s.provider_name.clone(),
                    model: s.model.clone(),
                    local: s.local,
                    prompt_hash: run.map(|r| r.prompt_hash.clone()).unwrap_or_default(),
                    run_id: s.run_id.clone(),
                    requested_by_name: name_of(&s.created_by),
                    requested_at: s.created_at,
                    accepted_by_name: decision.map(|d| d.by_name.clone()),
                    accepted_at: decision.map(|d| d.at),
                    edited_before_accepting: decision.is_some_and(|d| d.edited),
                    edit_distance: decision.and_then(|d| d.edit_distance),
                    chars_accepted: facts
                        .accepted_chars
                        .get(id)
                        .copied()
                        .unwrap_or_else(|| chars_now.get(id).copied().unwrap_or(0)),
                    chars_now: chars_now.get(id).copied().unwrap_or(0),
                    policy: facts.policy_at_run.get(&s.run_id).cloned(),
                })
            })
            .collect();

        let of_document: Vec<&AiRunRecord> = runs
            .values()
            .filter(|r| r.document_id.as_ref() == Some(document))
            .collect();
        let models = ModelUse::tally(
            of_document
                .iter()
                .map(|r| (r.provider_name.clone(), r.model.clone(), r.local, 1)),
        );
        let sent_remote = of_document
            .iter()
            .any(|r| !r.local && r.outcome != Some(AiOutcome::Blocked));
        let disclosures = self
            .app
            .disclosures()
            .of_project(actor, &project.id)
            .await?
            .into_iter()
            .filter(|d| match &d.disclosure {
                Disclosure::MaterialProvided { document_id, .. } => {
                    document_id.as_ref().is_none_or(|d| d == document)
                }
                Disclosure::ElectedUse { .. } => true,
                Disclosure::PerformerConsent { .. } => false,
            })
            .collect();
        Ok(DocumentProvenance {
            document_id: doc.id.clone(),
            title: doc.title.clone(),
            project_id: project.id.clone(),
            project_title: project.title.clone(),
            revision_id: head.meta.id.clone(),
            revision_at: head.meta.created_at,
            text: head.text,
            total_words: attribution.total_words,
            ai_words: attribution.ai_words,
            total_chars: attribution.total_chars,
            ai_chars: attribution.ai_chars,
            spans,
            histories,
            models,
            sent_remote,
            policy_now: PolicyTerms::from(&store.get_policy(&project.id).await?),
            disclosures,
        })
    }
}
