//! Disclosures of AI use that writers' and performers' agreements call for, recorded on the
//! project's ledger chain (`disclosure.recorded`) by the person who makes them:
//!
//! - material a model produced that was given to a writer (who disclosed it, to whom, when,
//!   and which material);
//! - a writer's own elected use of AI with the company's consent (who consented, under which
//!   AI policy: the project's, as it stood, is recorded with it);
//! - for a voice or likeness asset, the performer's consent reference and the use described.

use crate::error::{fields, DomainError};
use crate::ids::{AssetId, DocumentId, ProjectId, UserId};
use crate::policy::AiPolicy;
use crate::text::{clean_label, clean_paragraph};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const MAX_LABEL: usize = 200;
const MAX_TEXT: usize = 2_000;

/// The AI policy a consent was given under, as it stood (names to redact are counted, never
/// copied).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PolicyTerms {
    pub ai_enabled: bool,
    pub local_only: bool,
    pub allowed_providers: Vec<String>,
    pub protected_name_count: i64,
}

impl From<&AiPolicy> for PolicyTerms {
    fn from(p: &AiPolicy) -> Self {
        Self {
            ai_enabled: p.ai_enabled,
            local_only: p.local_only,
            allowed_providers: p.allowed_providers.clone(),
            protected_name_count: p.protected_names.len() as i64,
        }
    }
}

/// What is disclosed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Disclosure {
    /// Material a model produced, given to a writer.
    MaterialProvided {
        to: UserId,
        to_name: String,
        /// Which material ("the AI outline of episode 3").
        material: String,
        document_id: Option<DocumentId>,
    },
    /// A writer's own elected use of AI, with the company's consent (given by whoever records
    /// it), under the project's AI policy as it stood.
    ElectedUse {
        writer: UserId,
        writer_name: String,
        /// The use consented to ("variations of dialogue in act two").
        described_use: String,
        policy: PolicyTerms,
    },
    /// A performer's consent for their voice or likeness.
    PerformerConsent {
        performer: String,
        /// The agreement's or release's reference.
        consent_reference: String,
        described_use: String,
        asset_id: Option<AssetId>,
    },
}

impl Disclosure {
    /// The kind's stored name.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::MaterialProvided { .. } => "material_provided",
            Self::ElectedUse { .. } => "elected_use",
            Self::PerformerConsent { .. } => "performer_consent",
        }
    }

    /// The disclosure with its texts checked and trimmed.
    pub fn cleaned(self) -> Result<Self, DomainError> {
        Ok(match self {
            Self::MaterialProvided {
                to,
                to_name,
                material,
                document_id,
            } => Self::MaterialProvided {
                to,
                to_name,
                material: clean_paragraph(fields::MATERIAL, &material, MAX_TEXT)?,
                document_id,
            },
            Self::ElectedUse {
                writer,
                writer_name,
                described_use,
                policy,
            } => Self::ElectedUse {
                writer,
                writer_name,
                described_use: clean_paragraph(fields::DESCRIBED_USE, &described_use, MAX_TEXT)?,
                policy,
            },
            Self::PerformerConsent {
                performer,
                consent_reference,
                described_use,
                asset_id,
            } => Self::PerformerConsent {
                performer: clean_label(fields::PERFORMER, &performer, MAX_LABEL)?,
                consent_reference: clean_label(
                    fields::CONSENT_REFERENCE,
                    &consent_reference,
                    MAX_LABEL,
                )?,
                described_use: clean_paragraph(fields::DESCRIBED_USE, &described_use, MAX_TEXT)?,
                asset_id,
            },
        })
    }

    /// The person it was disclosed to or consented for, when it names one.
    pub fn person(&self) -> Option<&UserId> {
        match self {
            Self::MaterialProvided { to, .. } => Some(to),
            Self::ElectedUse { writer, .. } => Some(writer),
            Self::PerformerConsent { .. } => None,
        }
    }

    /// One sentence for a person.
    pub fn describe(&self) -> String {
        match self {
            Self::MaterialProvided {
                to_name, material, ..
            } => format!("disclosed to {to_name} that this material was produced by a model: {material}"),
            Self::ElectedUse {
                writer_name,
                described_use,
                ..
            } => format!("recorded the company's consent to {writer_name}'s elected use of AI: {described_use}"),
            Self::PerformerConsent {
                performer,
                consent_reference,
                described_use,
                ..
            } => format!(
                "recorded {performer}'s consent ({consent_reference}) for this use of their voice or likeness: {described_use}"
            ),
        }
    }
}

/// A disclosure as a person makes it; core adds names and the policy in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum DisclosureInput {
    MaterialProvided {
        to: UserId,
        material: String,
        document_id: Option<DocumentId>,
    },
    ElectedUse {
        writer: UserId,
        described_use: String,
    },
    PerformerConsent {
        performer: String,
        consent_reference: String,
        described_use: String,
        asset_id: Option<AssetId>,
    },
}

/// A disclosure on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisclosureRecord {
    /// The id of the event that records it.
    pub id: String,
    pub project_id: ProjectId,
    pub disclosure: Disclosure,
    pub recorded_by: UserId,
    pub recorded_by_name: String,
    pub at: i64,
    /// One sentence for a person.
    pub summary: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_checked_and_the_json_is_tagged() {
        let empty = Disclosure::PerformerConsent {
            performer: "  ".into(),
            consent_reference: "REL-1".into(),
            described_use: "Voice of the narrator".into(),
            asset_id: None,
        };
        assert!(empty.cleaned().is_err());
        let ok = Disclosure::MaterialProvided {
            to: UserId::from("w"),
            to_name: "Wren".into(),
            material: "  The AI outline of episode 3. ".into(),
            document_id: None,
        }
        .cleaned()
        .expect("valid");
        let json = serde_json::to_string(&ok).expect("json");
        assert!(json.contains(r#""kind":"material_provided""#), "{json}");
        assert!(json.contains(r#""toName":"Wren""#), "{json}");
        assert!(ok.describe().contains("The AI outline of episode 3."));
    }
}
