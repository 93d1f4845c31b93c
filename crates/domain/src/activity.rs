//! Turning ledger events into the sentences of a project's activity feed.

use crate::ids::{DocumentId, ProjectId};
use crate::ledger::Event;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityItem {
    pub seq: i64,
    pub at: i64,
    pub actor_name: String,
    /// Machine kind, e.g. `project.created`, `revision.saved`.
    pub kind: String,
    /// One sentence for a person, e.g. "saved a revision of “Pilot” (1204 words, +12)".
    pub summary: String,
    pub project_id: Option<ProjectId>,
    pub document_id: Option<DocumentId>,
}

/// Describes `event`; `actor_name` is resolved by the caller. Unknown kinds still render
/// (as their kind), so an older app can show a newer log.
pub fn describe(event: &Event, actor_name: String) -> ActivityItem {
    let payload: Value = serde_json::from_str(&event.payload).unwrap_or(Value::Null);
    let s = |key: &str| payload.get(key).and_then(Value::as_str).unwrap_or("");
    let n = |key: &str| payload.get(key).and_then(Value::as_i64).unwrap_or(0);
    let summary = match event.kind.as_str() {
        "profile.created" => format!("joined as “{}”", s("name")),
        "profile.renamed" => format!("changed their name to “{}”", s("name")),
        "project.created" => format!("created the project “{}”", s("title")),
        "project.updated" => format!("updated the project “{}”", s("title")),
        "project.archived" => format!("archived the project “{}”", s("title")),
        "project.unarchived" => format!("restored the project “{}”", s("title")),
        "document.created" => format!("created the document “{}”", s("title")),
        "document.imported" => format!("imported “{}” from {}", s("title"), s("fileName")),
        "document.renamed" => format!("renamed “{}” to “{}”", s("from"), s("title")),
        "revision.saved" => {
            let delta = n("wordDelta");
            let sign = if delta < 0 { "−" } else { "+" };
            format!(
                "saved a revision of “{}” ({} words, {sign}{})",
                s("title"),
                n("wordCount"),
                delta.abs()
            )
        }
        "revision.exported" => format!("exported “{}” to {}", s("title"), s("fileName")),
        "provider.saved" => format!("configured the AI provider “{}”", s("name")),
        "provider.removed" => format!("removed the AI provider “{}”", s("name")),
        "policy.changed" => "changed the project's AI policy".to_owned(),
        "ai.requested" => format!(
            "asked {} ({}, {}) to {}",
            s("providerName"),
            s("model"),
            if payload.get("local").and_then(Value::as_bool) == Some(true) {
                "local"
            } else {
                "remote"
            },
            if s("task") == "variation" {
                "draft a variation"
            } else {
                "summarize"
            }
        ),
        "ai.completed" => format!("AI run {} ({})", s("outcome"), s("providerName")),
        "ai.blocked" => format!("AI request blocked by policy: {}", s("message")),
        other => other.to_owned(),
    };
    ActivityItem {
        seq: event.seq,
        at: event.at,
        actor_name,
        kind: event.kind.clone(),
        summary,
        project_id: event.project_id.clone(),
        document_id: payload
            .get("documentId")
            .and_then(Value::as_str)
            .map(DocumentId::from),
    }
}
