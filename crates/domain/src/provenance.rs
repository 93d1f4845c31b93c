//! What a legal reviewer reads about a document: where its words came from, span by span,
//! with each AI-touched span's full history, the document's totals, the models and policies
//! involved, and the disclosures on record. Built by core from the revision's attribution,
//! the suggestions, the AI runs and the project's ledger chain; reports are made of it.

use crate::disclosure::{DisclosureRecord, PolicyTerms};
use crate::ids::{DocumentId, ProjectId, RevisionId, SuggestionId};
use crate::suggestion_record::VariationPreset;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An AI-touched run of the document's newest revision, `[start, end)` in characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AiSpan {
    pub start: i64,
    pub end: i64,
    pub suggestion_id: SuggestionId,
    /// The writer changed the take before accepting it.
    pub edited: bool,
}

/// Everything on record about one suggestion whose words are in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpanHistory {
    pub suggestion_id: SuggestionId,
    /// What the model was asked.
    pub instruction: String,
    pub preset: Option<VariationPreset>,
    pub template_id: String,
    pub template_version: i64,
    pub provider_name: String,
    pub model: String,
    /// Whether the provider runs on this computer (no text left it).
    pub local: bool,
    /// SHA-256 of the exact prompt sent (the prompt itself is not kept).
    pub prompt_hash: String,
    pub run_id: String,
    pub requested_by_name: String,
    pub requested_at: i64,
    pub accepted_by_name: Option<String>,
    pub accepted_at: Option<i64>,
    /// The writer changed the take before accepting it.
    pub edited_before_accepting: bool,
    /// How far the accepted text is from the take (0 = as the model wrote it, 1 = all new).
    pub edit_distance: Option<f64>,
    /// Characters of the take that went into the document when it was accepted.
    pub chars_accepted: i64,
    /// Of those, the characters still in the newest revision (fewer: people edited or cut
    /// them since).
    pub chars_now: i64,
    /// The AI policy in force when the model was asked.
    pub policy: Option<PolicyTerms>,
}

/// A model used on the document, and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ModelUse {
    pub provider_name: String,
    pub model: String,
    pub local: bool,
    /// Requests made to it for this document (summaries and variations, answered or not).
    pub requests: i64,
}

impl ModelUse {
    /// Requests added up by provider, model and place, in that order: `(provider name,
    /// model, local, requests)` for each request or group of them.
    pub fn tally(uses: impl IntoIterator<Item = (String, String, bool, i64)>) -> Vec<ModelUse> {
        let mut by: std::collections::BTreeMap<(String, String, bool), i64> =
            std::collections::BTreeMap::new();
        for (provider, model, local, n) in uses {
            *by.entry((provider, model, local)).or_default() += n;
        }
        by.into_iter()
            .map(|((provider_name, model, local), requests)| ModelUse {
                provider_name,
                model,
                local,
                requests,
            })
            .collect()
    }

    /// As a report states it: "Studio Claude — claude-test (remote, 2 request(s))".
    pub fn phrase(&self) -> String {
        format!(
            "{} — {} ({}, {} request(s))",
            self.provider_name,
            self.model,
            if self.local { "local" } else { "remote" },
            self.requests
        )
    }
}

/// The legal view of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentProvenance {
    pub document_id: DocumentId,
    pub title: String,
    pub project_id: ProjectId,
    pub project_title: String,
    pub revision_id: RevisionId,
    pub revision_at: i64,
    pub text: String,
    pub total_words: i64,
    /// Words holding at least one character a model wrote.
    pub ai_words: i64,
    pub total_chars: i64,
    pub ai_chars: i64,
    pub spans: Vec<AiSpan>,
    /// One per suggestion with words in the document, in the order they first appear.
    pub histories: Vec<SpanHistory>,
    pub models: Vec<ModelUse>,
    /// Whether any of the document's text was sent to a provider off this computer.
    pub sent_remote: bool,
    pub policy_now: PolicyTerms,
    /// The project's disclosures that concern this document or its people.
    pub disclosures: Vec<DisclosureRecord>,
}

impl DocumentProvenance {
    /// The share of words a model touched, 0 to 1.
    pub fn ai_share(&self) -> f64 {
        if self.total_words == 0 {
            0.0
        } else {
            self.ai_words as f64 / self.total_words as f64
        }
    }
}

/// The identifier of the provenance report format; `docs/provenance-report.schema.json`
/// describes it, and a change of shape changes it.
pub const REPORT_FORMAT: &str = "greenlight.provenance-report/1";

/// A report's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Json,
    Html,
    Pdf,
}

impl ReportFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "json" => Some(Self::Json),
            "html" => Some(Self::Html),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    /// The file name extension (also the stored name).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Html => "html",
            Self::Pdf => "pdf",
        }
    }

    /// For a save dialog's filter.
    pub fn label(self) -> &'static str {
        match self {
            Self::Json => "Provenance report (JSON)",
            Self::Html => "Provenance report (web page)",
            Self::Pdf => "Provenance report (PDF)",
        }
    }
}

/// What a report is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum ReportTarget {
    Document { document_id: DocumentId },
    Project { project_id: ProjectId },
}

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportScope {
    Document,
    Project,
}

/// An AI-touched passage in a report: where it is and the words it covers (one suggestion's
/// spans, with only whitespace between them, read as one passage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportSpan {
    pub start: i64,
    pub end: i64,
    pub suggestion_id: SuggestionId,
    pub edited: bool,
    pub text: String,
}

/// One document in a report (its newest revision).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentReport {
    pub document_id: DocumentId,
    pub title: String,
    pub revision_id: RevisionId,
    pub revision_at: i64,
    pub total_words: i64,
    pub ai_words: i64,
    pub ai_share: f64,
    pub sent_remote: bool,
    pub models: Vec<ModelUse>,
    pub spans: Vec<ReportSpan>,
    pub histories: Vec<SpanHistory>,
}

/// A review and its decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewReport {
    pub review_id: String,
    pub title: String,
    pub status: String,
    pub round: u32,
    pub workflow: String,
    pub requested_by_name: String,
    pub requested_at: i64,
    pub decisions: Vec<crate::workflow::ReviewDecisionRecord>,
}

/// What an asset's newest version says about where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetReport {
    pub asset_id: String,
    pub name: String,
    pub version: i64,
    pub media_type: String,
    /// BLAKE3 of its bytes.
    pub hash: String,
    pub imported_by_name: String,
    pub imported_at: i64,
    /// The validity of its C2PA Content Credentials, when it has any.
    pub credentials: Option<crate::asset::CredentialValidity>,
    pub claim_generator: Option<String>,
    /// Whether the credentials say a trained model made it (only as believable as their
    /// validity).
    pub ai_generated: bool,
}

/// The report's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportSummary {
    pub documents: i64,
    pub total_words: i64,
    pub ai_words: i64,
    pub ai_share: f64,
    pub ai_spans: i64,
    pub sent_remote: bool,
    pub models: Vec<ModelUse>,
    pub reviews: i64,
    pub locked_reviews: i64,
    pub disclosures: i64,
    pub assets: i64,
    pub ai_generated_assets: i64,
}

/// A provenance report of a document or a whole project: what `report` writes as JSON, and
/// what its HTML and PDF renderings show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProvenanceReport {
    /// [`REPORT_FORMAT`].
    pub format: String,
    pub generated_at: i64,
    pub generated_by: String,
    /// The Greenlight version that wrote it.
    pub generator: String,
    pub scope: ReportScope,
    pub project_id: ProjectId,
    pub project_title: String,
    pub summary: ReportSummary,
    pub documents: Vec<DocumentReport>,
    pub reviews: Vec<ReviewReport>,
    pub disclosures: Vec<DisclosureRecord>,
    pub assets: Vec<AssetReport>,
    /// The ledger's verification when the report was made, with each chain's signed head
    /// (`greenlight verify --against` checks a database against them later).
    pub verification: crate::ledger::VerifyReport,
}

impl DocumentReport {
    /// The report's view of a legal view: its AI-touched passages with their words, without
    /// the whole text. Spans of one suggestion separated only by whitespace read as one
    /// passage (a take whose words the writer kept, with the spaces between them).
    pub fn of(p: &DocumentProvenance) -> Self {
        let chars: Vec<char> = p.text.chars().collect();
        let slice = |a: i64, b: i64| -> String {
            let (a, b) = (a.max(0) as usize, b.max(0) as usize);
            chars
                .get(a.min(chars.len())..b.min(chars.len()))
                .map(|c| c.iter().collect())
                .unwrap_or_default()
        };
        let mut spans: Vec<ReportSpan> = Vec::new();
        for s in &p.spans {
            if let Some(last) = spans.last_mut() {
                let gap = slice(last.end, s.start);
                if last.suggestion_id == s.suggestion_id && gap.chars().all(char::is_whitespace) {
                    last.end = s.end;
                    last.edited |= s.edited;
                    last.text = slice(last.start, last.end);
                    continue;
                }
            }
            spans.push(ReportSpan {
                start: s.start,
                end: s.end,
                suggestion_id: s.suggestion_id.clone(),
                edited: s.edited,
                text: slice(s.start, s.end),
            });
        }
        Self {
            document_id: p.document_id.clone(),
            title: p.title.clone(),
            revision_id: p.revision_id.clone(),
            revision_at: p.revision_at,
            total_words: p.total_words,
            ai_words: p.ai_words,
            ai_share: p.ai_share(),
            sent_remote: p.sent_remote,
            models: p.models.clone(),
            spans,
            histories: p.histories.clone(),
        }
    }
}
