//! What is kept of a suggestion (one take of a model on a passage) and of a revision's
//! attribution, as the store persists them and the app shows them. The life cycle's rules
//! are in [`crate::suggestion`], the text arithmetic in [`crate::take`].

use crate::attribution::{Attribution, Origin};
use crate::ids::{DocumentId, ProjectId, RevisionId, SuggestionId, UserId};
use crate::suggestion::{RejectReason, SuggestionState};
use crate::take::Hunk;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Ready-made instructions for a variation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum VariationPreset {
    Tighten,
    PunchUpDialogue,
    ChangeTone,
    Longer,
    Shorter,
    InCharactersVoice,
    Translate,
}

impl VariationPreset {
    pub const ALL: [VariationPreset; 7] = [
        Self::Tighten,
        Self::PunchUpDialogue,
        Self::ChangeTone,
        Self::Longer,
        Self::Shorter,
        Self::InCharactersVoice,
        Self::Translate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tighten => "tighten",
            Self::PunchUpDialogue => "punch-up-dialogue",
            Self::ChangeTone => "change-tone",
            Self::Longer => "longer",
            Self::Shorter => "shorter",
            Self::InCharactersVoice => "in-characters-voice",
            Self::Translate => "translate",
        }
    }

    pub fn parse(s: &str) -> Option<VariationPreset> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The instruction sent when the writer adds nothing (or what their words complete:
    /// the tone, the character, the language).
    pub fn instruction(self) -> &'static str {
        match self {
            Self::Tighten => "Tighten this passage: same events and meaning, fewer words.",
            Self::PunchUpDialogue => "Punch up the dialogue: sharper, more alive, same beats.",
            Self::ChangeTone => "Change the tone of this passage",
            Self::Longer => "Make this passage longer, with more texture, same events.",
            Self::Shorter => "Make this passage shorter, keeping what matters.",
            Self::InCharactersVoice => "Rewrite the dialogue in this character's voice",
            Self::Translate => "Translate or adapt this passage to another language",
        }
    }
}

/// A person's decision on a suggestion (the latest one; the ledger keeps them all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    pub by: UserId,
    pub by_name: String,
    pub at: i64,
    /// From the suggestion's creation to this decision, in milliseconds.
    pub ms_to_decide: i64,
    pub reason: Option<RejectReason>,
    pub note: Option<String>,
    /// The writer changed the take before accepting it.
    pub edited: bool,
    /// Between the suggested and the accepted text, 0 to 1 (see
    /// [`crate::take::normalized_edit_distance`]); for acceptances only.
    pub edit_distance: Option<f64>,
    /// The revision the acceptance created.
    pub accepted_revision_id: Option<RevisionId>,
    pub accepted_text: Option<String>,
    /// The hunks accepted, when only some were.
    pub hunks_accepted: Option<Vec<usize>>,
}

/// One take of a model on a passage of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub id: SuggestionId,
    pub project_id: ProjectId,
    pub document_id: DocumentId,
    /// The revision the passage was taken from.
    pub base_revision_id: RevisionId,
    /// Where the passage is now: the revision it was last found unchanged in, and its
    /// characters `[anchor_start, anchor_end)` there.
    pub anchor_revision_id: RevisionId,
    pub anchor_start: i64,
    pub anchor_end: i64,
    /// The passage as the model saw it (before redaction), and its hash.
    pub passage: String,
    pub passage_hash: String,
    pub instruction: String,
    pub preset: Option<VariationPreset>,
    pub provider_id: String,
    pub provider_name: String,
    pub model: String,
    pub local: bool,
    /// The AI run that wrote it (its record has the prompt's hash and the template).
    pub run_id: String,
    /// The take: what the model wrote.
    pub text: String,
    /// The word diff from the passage to the take, numbered from 1.
    pub hunks: Vec<Hunk>,
    pub state: SuggestionState,
    pub created_by: UserId,
    pub created_at: i64,
    pub decision: Option<Decision>,
}

/// A request for takes on a passage: the characters `[start, end)` of the document's
/// newest revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaryRequest {
    pub document_id: DocumentId,
    pub start: usize,
    pub end: usize,
    /// What to do; may be empty when a preset says it.
    pub instruction: String,
    pub preset: Option<VariationPreset>,
    /// How many takes (1 to 5), each its own request.
    pub takes: usize,
    /// The provider; the first configured one when `None`.
    pub provider_id: Option<String>,
}

/// A take that did not become a suggestion, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FailedTake {
    /// Which take (from 1, in the order they were asked for).
    pub take: usize,
    /// Its AI run, when it started (its record keeps what happened).
    pub run_id: Option<String>,
    pub provider_name: String,
    pub model: String,
    pub message: String,
}

/// What a request for takes produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaryOutcome {
    /// The takes kept as pending suggestions, in the order they were asked for.
    pub suggestions: Vec<Suggestion>,
    pub failed: Vec<FailedTake>,
}

/// A decision that wrote a revision (an acceptance, or its undoing), and the suggestion after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppliedSuggestion {
    pub suggestion: Suggestion,
    pub revision: crate::revision::RevisionMeta,
}

/// A model server found running on this computer at its usual port, that could be added as a
/// provider in one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LocalModelServer {
    /// "Ollama", "LM Studio", "llama.cpp".
    pub name: String,
    pub kind: crate::ai::ProviderKindName,
    pub base_url: String,
}

/// Where characters came from, flat, for a report or the editor's highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SpanOrigin {
    Human,
    Ai,
}

/// A run of characters `[start, end)` of one origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttributedSpan {
    pub start: i64,
    pub end: i64,
    pub origin: SpanOrigin,
    pub suggestion_id: Option<SuggestionId>,
    pub edited: bool,
}

/// A revision's attribution with its totals ("AI-touched: N words (x %)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttributionReport {
    pub document_id: DocumentId,
    pub revision_id: RevisionId,
    pub total_words: i64,
    /// Words holding at least one character of AI origin.
    pub ai_words: i64,
    pub total_chars: i64,
    pub ai_chars: i64,
    pub spans: Vec<AttributedSpan>,
}

impl AttributionReport {
    pub fn new(
        document_id: DocumentId,
        revision_id: RevisionId,
        text: &str,
        attribution: &Attribution,
    ) -> AttributionReport {
        let (words, touched) = crate::take::touched_words(text, attribution);
        let spans = attribution
            .spans()
            .iter()
            .map(|s| {
                let (origin, suggestion_id, edited) = match &s.origin {
                    Origin::Human => (SpanOrigin::Human, None, false),
                    Origin::Ai {
                        suggestion_id,
                        edited,
                    } => (
                        SpanOrigin::Ai,
                        Some(SuggestionId(suggestion_id.clone())),
                        *edited,
                    ),
                };
                AttributedSpan {
                    start: s.start as i64,
                    end: s.end as i64,
                    origin,
                    suggestion_id,
                    edited,
                }
            })
            .collect();
        AttributionReport {
            document_id,
            revision_id,
            total_words: words as i64,
            ai_words: touched as i64,
            total_chars: attribution.len() as i64,
            ai_chars: attribution.ai_chars() as i64,
            spans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::Edit;

    #[test]
    fn presets_round_trip_and_a_report_totals_its_spans() {
        for p in VariationPreset::ALL {
            assert_eq!(VariationPreset::parse(p.as_str()), Some(p));
            assert!(!p.instruction().is_empty());
        }
        let text = "Maya runs home.";
        let mut a = Attribution::human(15);
        a.apply(&Edit {
            start: 5,
            end: 9,
            inserted: vec![(
                4,
                Origin::Ai {
                    suggestion_id: "s1".into(),
                    edited: false,
                },
            )],
        })
        .expect("edit");
        let r = AttributionReport::new("d".into(), "r".into(), text, &a);
        assert_eq!((r.total_words, r.ai_words), (3, 1));
        assert_eq!((r.total_chars, r.ai_chars), (15, 4));
        assert_eq!(r.spans.len(), 3);
        assert_eq!(r.spans[1].suggestion_id, Some(SuggestionId::from("s1")));
    }
}
