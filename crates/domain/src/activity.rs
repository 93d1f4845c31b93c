//! Turning ledger events into the sentences of a project's activity feed. Reads the same
//! typed payloads that `verify` and reports read ([`crate::events`]).

use crate::ai::AiTask;
use crate::events::EventBody;
use crate::ids::{DocumentId, EventId, ProjectId};
use crate::ledger::Event;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityItem {
    /// Unique across chains (a `seq` is unique only within its chain).
    pub id: EventId,
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

/// Describes `event`; `actor_name` is resolved by the caller. A kind or version this build
/// cannot read still renders (as its kind), so an older app can show a newer log.
pub fn describe(event: &Event, actor_name: String) -> ActivityItem {
    let (summary, document_id) = match event.body() {
        Ok(body) => sentence(&body),
        Err(_) => (event.kind.clone(), None),
    };
    ActivityItem {
        id: event.id.clone(),
        seq: event.seq,
        at: event.at,
        actor_name,
        kind: event.kind.clone(),
        summary,
        project_id: event.project_id().cloned(),
        document_id,
    }
}

/// The first 80 characters of a comment, on one line.
fn excerpt(body: &str) -> String {
    let line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 80 {
        format!("{}…", line.chars().take(79).collect::<String>())
    } else {
        line
    }
}

/// "approved “Pilot” at stage producer — locked".
fn review_decided(r: &crate::events::payloads::ReviewDecided) -> String {
    let verb = match r.verdict.as_str() {
        "approve" => "approved",
        "approve_with_changes" => "approved with changes",
        "request_changes" => "requested changes to",
        "reject" => "rejected",
        other => other,
    };
    let mut s = format!("{verb} “{}” at stage {}", r.title, r.stage);
    if r.status == "locked" {
        s.push_str(": every stage approved, the revision is locked");
    }
    if let Some(c) = r.comment.as_deref().filter(|c| !c.is_empty()) {
        s.push_str(&format!(" — “{c}”"));
    }
    s
}

/// The sentence for a body, and the document it is about.
fn sentence(body: &EventBody) -> (String, Option<DocumentId>) {
    use EventBody as B;
    let no_doc = |s: String| (s, None);
    match body {
        B::ProfileCreated(p) => no_doc(format!("joined as “{}”", p.name)),
        B::ProfileRenamed(p) => no_doc(format!("changed their name to “{}”", p.name)),
        B::ProjectCreated(p) => no_doc(format!("created the project “{}”", p.title)),
        B::ProjectUpdated(p) => no_doc(format!("updated the project “{}”", p.title)),
        B::ProjectArchived(p) => no_doc(format!("archived the project “{}”", p.title)),
        B::ProjectUnarchived(p) => no_doc(format!("restored the project “{}”", p.title)),
        B::DocumentCreated(d) => (
            format!("created the document “{}”", d.title),
            Some(d.document_id.clone()),
        ),
        B::DocumentImported(d) => (
            format!("imported “{}” from {}", d.title, d.file_name),
            Some(d.document_id.clone()),
        ),
        B::DocumentRenamed(d) => (
            format!("renamed “{}” to “{}”", d.from, d.title),
            Some(d.document_id.clone()),
        ),
        B::RevisionSaved(r) => {
            let sign = if r.word_delta < 0 { "−" } else { "+" };
            (
                format!(
                    "saved a revision of “{}” ({} words, {sign}{})",
                    r.title,
                    r.word_count,
                    r.word_delta.abs()
                ),
                Some(r.document_id.clone()),
            )
        }
        B::RevisionExported(r) => (
            format!("exported “{}” to {}", r.title, r.file_name),
            Some(r.document_id.clone()),
        ),
        B::ProviderSaved(p) => no_doc(format!("configured the AI provider “{}”", p.name)),
        B::ProviderRemoved(p) => no_doc(format!("removed the AI provider “{}”", p.name)),
        B::PolicyChanged(_) => no_doc("changed the project's AI policy".to_owned()),
        B::AiRequested(r) => (
            format!(
                "asked {} ({}, {}) to {}",
                r.provider_name,
                r.model,
                if r.local { "local" } else { "remote" },
                match r.task {
                    AiTask::Variation => "draft a variation",
                    AiTask::Summarize => "summarize",
                    AiTask::Logline => "write a logline",
                    AiTask::Synopsis => "write a synopsis",
                }
            ),
            r.document_id.clone(),
        ),
        B::AiCompleted(r) => (
            format!(
                "AI run {} ({})",
                r.outcome.map_or("ended", |o| o.as_str()),
                r.provider_name
            ),
            r.document_id.clone(),
        ),
        B::AiBlocked(r) => (
            format!(
                "AI request blocked by policy: {}",
                r.message.as_deref().unwrap_or("")
            ),
            r.document_id.clone(),
        ),
        B::LedgerMigrated(m) => no_doc(format!(
            "moved {} earlier events into one record per project",
            m.legacy_events
        )),
        B::MemberAdded(m) => no_doc(format!("added {} to the project", m.name)),
        B::MemberRemoved(m) => no_doc(format!("removed {} from the project", m.name)),
        B::WorkflowSaved(w) => no_doc(format!(
            "saved the workflow “{}” ({})",
            w.name,
            w.stages.join(" → ")
        )),
        B::WorkflowRemoved(w) => no_doc(format!("removed the workflow “{}”", w.name)),
        B::CommentAdded(c) => (
            format!(
                "{} on “{}”: “{}”",
                if c.comment_id == c.thread_id {
                    "commented"
                } else {
                    "replied"
                },
                c.title,
                excerpt(&c.body)
            ),
            c.document_id.clone(),
        ),
        B::CommentResolved(c) => (
            format!("resolved a comment thread on “{}”", c.title),
            c.document_id.clone(),
        ),
        B::CommentReopened(c) => (
            format!("reopened a comment thread on “{}”", c.title),
            c.document_id.clone(),
        ),
        B::ReviewRequested(r) => (
            format!(
                "requested a review of “{}” ({})",
                r.title,
                r.stages.join(" → ")
            ),
            r.document_id.clone(),
        ),
        B::ReviewDecided(r) => (review_decided(r), r.document_id.clone()),
        B::ReviewRoundStarted(r) => (
            format!(
                "started round {} of the review of “{}”{}",
                r.round,
                r.title,
                if r.kept.is_empty() {
                    String::new()
                } else {
                    format!(" (kept: {})", r.kept.join(", "))
                }
            ),
            r.document_id.clone(),
        ),
        B::MemberRolesSet(m) => no_doc(format!(
            "made {} {}",
            m.name,
            if m.roles.is_empty() {
                "a member with no role".to_owned()
            } else {
                m.roles.join(", ").replace('_', " ")
            }
        )),
        B::ProjectMovedIn(m) => no_doc(format!(
            "moved the project here from {} ({} documents, {} revisions, its whole record)",
            m.from, m.documents, m.revisions
        )),
        B::ProjectMovedOut(m) => no_doc(format!("moved the project to {}", m.to)),
        B::SuggestionCreated(c) => (
            format!(
                "got a take on a passage of “{}” from {} ({}, {})",
                c.title,
                c.provider_name,
                c.model,
                if c.local { "local" } else { "remote" }
            ),
            Some(c.document_id.clone()),
        ),
        B::SuggestionAccepted(a) => (
            match (&a.hunks, a.edited) {
                (Some(h), _) if a.state == "partly_accepted" => format!(
                    "accepted {} of a suggestion's changes into “{}”",
                    h.len(),
                    a.title
                ),
                (_, true) => format!(
                    "accepted a suggestion into “{}” after editing it ({} % changed)",
                    a.title,
                    (a.edit_distance_ppm + 5_000) / 10_000
                ),
                _ => format!("accepted a suggestion into “{}”", a.title),
            },
            Some(a.document_id.clone()),
        ),
        B::SuggestionRejected(r) => (
            format!(
                "rejected a suggestion for “{}” ({})",
                r.title,
                r.reason.as_str()
            ),
            Some(r.document_id.clone()),
        ),
        B::SuggestionReopened(r) => (
            format!("reopened a suggestion for “{}”", r.title),
            Some(r.document_id.clone()),
        ),
        B::SuggestionUndone(u) => (
            format!("undid accepting a suggestion into “{}”", u.title),
            Some(u.document_id.clone()),
        ),
        B::SuggestionStale(s) => (
            format!(
                "an edit of “{}” changed a suggestion's passage: it is stale",
                s.title
            ),
            Some(s.document_id.clone()),
        ),
        B::AssetImported(a) => no_doc(asset_imported(a)),
        B::DisclosureRecorded(d) => (
            d.disclosure.describe(),
            match &d.disclosure {
                crate::disclosure::Disclosure::MaterialProvided { document_id, .. } => {
                    document_id.clone()
                }
                _ => None,
            },
        ),
        B::ReportExported(r) => (
            format!(
                "exported a provenance report of the {} as {}",
                r.scope,
                r.format.to_uppercase()
            ),
            (r.scope == "document").then(|| crate::ids::DocumentId(r.target.clone())),
        ),
        B::KeyRegistered(k) => no_doc(match &k.replaces {
            None => format!(
                "registered the signing key {}…",
                crate::ledger::keys::short(&k.key_id)
            ),
            Some(old) => format!(
                "registered a new signing key {}… in place of {}…",
                crate::ledger::keys::short(&k.key_id),
                crate::ledger::keys::short(old)
            ),
        }),
    }
}

/// "imported image “poster.png” (v2)", saying what its Content Credentials claim and whether
/// they can be believed.
fn asset_imported(a: &crate::events::payloads::AssetImported) -> String {
    use crate::asset::CredentialValidity as V;
    let base = format!("imported {} “{}” (v{})", a.kind.label(), a.name, a.version);
    match (a.credentials, a.ai_generated) {
        (None, _) => base,
        (Some(V::Invalid), _) => format!("{base}; its Content Credentials are invalid"),
        (Some(_), true) => format!("{base}; its Content Credentials say it is AI-generated"),
        (Some(_), false) => format!("{base} with Content Credentials"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asset::{AssetKind, CredentialValidity};
    use crate::events::payloads::AssetImported;

    fn imported(credentials: Option<CredentialValidity>, ai: bool) -> String {
        sentence(&EventBody::AssetImported(AssetImported {
            asset_id: "a".into(),
            version_id: "v".into(),
            name: "poster.png".into(),
            kind: AssetKind::Image,
            version: 2,
            hash: "ab".repeat(32),
            size: 10,
            media_type: "image/png".into(),
            credentials,
            ai_generated: ai,
        }))
        .0
    }

    #[test]
    fn an_import_says_what_and_which_version_and_never_trusts_invalid_credentials() {
        assert_eq!(imported(None, false), "imported image “poster.png” (v2)");
        assert!(imported(Some(CredentialValidity::Valid), true).ends_with("say it is AI-generated"));
        let invalid = imported(Some(CredentialValidity::Invalid), true);
        assert!(
            invalid.ends_with("its Content Credentials are invalid"),
            "{invalid}"
        );
    }
}
