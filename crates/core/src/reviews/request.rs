//! Requesting a review of a document's newest revision under one of the project's workflows.

use super::{open_stages, store_state, subject, Reviews};
use crate::app::event;
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::asset::AssetSummary;
use greenlight_domain::error::fields;
use greenlight_domain::events::payloads::ReviewRequested;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{AssetId, DocumentId, ProjectId, ReviewId, UserId};
use greenlight_domain::permission::Action;
use greenlight_domain::workflow::{ReviewInfo, ReviewState, Workflow, WorkflowTemplate};
use greenlight_domain::DomainError;
use greenlight_store::{StoredReview, Tx};

/// What a person asks for.
#[derive(Debug, Clone, Default)]
pub struct ReviewRequest {
    /// The project's template by name; its only (or `default`) template when `None`.
    pub workflow: Option<String>,
    /// When the whole review should be done (milliseconds since the epoch).
    pub due_at: Option<i64>,
    /// The scenes under review, `4` or `3-5`; the whole document when `None`. Scene-scoped
    /// stages keep their approval through revisions that leave these scenes alone.
    pub scenes: Option<String>,
}

fn invalid(field: greenlight_domain::error::Field, reason: String) -> CoreError {
    CoreError::Invalid(DomainError::Refused { field, reason })
}

/// `3-5` → (3, 5); `4` → (4, 4). Scene numbers count from 1.
pub(crate) fn parse_scenes(s: &str) -> Result<(usize, usize)> {
    let bad = || {
        invalid(
            fields::SCOPE,
            format!("“{s}” is not a scene or a range of scenes (say 4 or 3-5)"),
        )
    };
    let (a, b) = match s.trim().split_once('-') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s.trim(), s.trim()),
    };
    let a: usize = a.parse().map_err(|_| bad())?;
    let b: usize = b.parse().map_err(|_| bad())?;
    if a == 0 || b < a {
        return Err(bad());
    }
    Ok((a, b))
}

impl Reviews<'_> {
    /// `actor` (a writer or producer) asks for a review of `document`'s newest revision. A
    /// document has at most one review under way (in review or waiting for changes).
    pub async fn request(
        &self,
        actor: &Actor,
        document: &DocumentId,
        request: ReviewRequest,
    ) -> Result<ReviewInfo> {
        let mut tx = self.app.store.begin().await?;
        let doc = tx.document(document).await?;
        self.app
            .require_in(&mut tx, actor, &doc.project_id, Action::RequestReview)
            .await?;
        let Some(head) = doc.head_revision_id.clone() else {
            return Err(CoreError::Conflict(format!(
                "“{}” has no saved revision to review yet",
                doc.title
            )));
        };
        if let Some(under_way) = tx.active_reviews_of_document(&doc.id).await?.first() {
            return Err(CoreError::Conflict(format!(
                "“{}” is already under review (review {}, round {}); decide or finish that one first",
                doc.title, under_way.id, under_way.round
            )));
        }
        let locked = tx
            .reviews_of_document(&doc.id)
            .await?
            .into_iter()
            .any(|r| r.status == "locked" && r.subject_id == head.as_str());
        if locked {
            return Err(CoreError::Conflict(format!(
                "the newest revision of “{}” is already approved and locked; further work starts \
                 a new revision that needs a new review",
                doc.title
            )));
        }
        let meta = tx.revision_meta(&head).await?;
        if let Some(scenes) = &request.scenes {
            let (_, last) = parse_scenes(scenes)?;
            let text = tx.revision(&head).await?.text;
            let count = crate::summaries::scenes_of(&text).len();
            if last > count {
                return Err(invalid(
                    fields::SCOPE,
                    format!(
                        "“{}” has {count} scenes; there is no scene {last}",
                        doc.title
                    ),
                ));
            }
        }
        let target = Target {
            project: doc.project_id.clone(),
            kind: "revision",
            document_id: Some(doc.id.clone()),
            asset_id: None,
            subject_id: head.to_string(),
            author: meta.author_id.clone(),
            title: doc.title.clone(),
        };
        self.open(tx, actor, target, request).await
    }

    /// `actor` (a writer or producer) asks for a review of `asset`'s newest version. An asset
    /// has at most one review under way; a new version during it starts the next round.
    pub async fn request_asset(
        &self,
        actor: &Actor,
        asset: &AssetId,
        request: ReviewRequest,
    ) -> Result<ReviewInfo> {
        if request.scenes.is_some() {
            return Err(invalid(fields::SCOPE, "an asset has no scenes".into()));
        }
        let AssetSummary {
            asset: a, latest, ..
        } = self.app.assets().get(asset).await?;
        let mut tx = self.app.store.begin().await?;
        self.app
            .require_in(&mut tx, actor, &a.project_id, Action::RequestReview)
            .await?;
        if let Some(under_way) = tx.active_reviews_of_asset(asset).await?.first() {
            return Err(CoreError::Conflict(format!(
                "“{}” is already under review (review {}, round {}); decide or finish that one first",
                a.name, under_way.id, under_way.round
            )));
        }
        let target = Target {
            project: a.project_id.clone(),
            kind: "asset",
            document_id: None,
            asset_id: Some(a.id.to_string()),
            subject_id: latest.id.to_string(),
            author: latest.imported_by.clone(),
            title: a.name.clone(),
        };
        self.open(tx, actor, target, request).await
    }

    /// Records a new review of `t` in `tx` and commits.
    async fn open(
        &self,
        mut tx: Tx,
        actor: &Actor,
        t: Target,
        request: ReviewRequest,
    ) -> Result<ReviewInfo> {
        if let Some(due) = request.due_at {
            if due <= now_ms() {
                return Err(invalid(fields::DUE, "the due time is in the past".into()));
            }
        }
        let (workflow, json) = chosen(&mut tx, &t.project, request.workflow.as_deref()).await?;
        let now = now_ms();
        let (state, _) = ReviewState::start(&workflow, now);
        let mut stored = StoredReview {
            id: ReviewId::new(),
            project_id: t.project.clone(),
            subject_kind: t.kind.into(),
            document_id: t.document_id.clone(),
            asset_id: t.asset_id,
            subject_id: t.subject_id,
            subject_author: t.author,
            approved_subject_id: None,
            title: t.title.clone(),
            scope: request.scenes.clone(),
            workflow_name: workflow.name().to_owned(),
            workflow: json,
            state: String::new(),
            status: String::new(),
            round: 1,
            requested_by: actor.id.clone(),
            requested_by_name: actor.name.clone(),
            requested_at: now,
            due_at: request.due_at,
            updated_at: now,
            version: 1,
        };
        store_state(&mut stored, &state)?;
        tx.insert_review(&stored).await?;
        tx.set_open_stages(&stored, &open_stages(&workflow, &state))
            .await?;
        tx.append_event(
            event(
                actor,
                subject(&stored.id),
                Some(&t.project),
                EventBody::ReviewRequested(ReviewRequested {
                    review_id: stored.id.clone(),
                    subject_kind: stored.subject_kind.clone(),
                    document_id: t.document_id,
                    subject_id: stored.subject_id.clone(),
                    title: t.title,
                    workflow: workflow.name().to_owned(),
                    stages: workflow.stages().iter().map(|s| s.name.clone()).collect(),
                    due_at: request.due_at,
                }),
            ),
            now,
        )
        .await?;
        let roles = self.app.roles_in(&mut tx, actor, &t.project).await?;
        tx.commit().await?;
        super::info(stored, actor, &roles, now)
    }
}

/// What a review is requested of.
struct Target {
    project: ProjectId,
    kind: &'static str,
    document_id: Option<DocumentId>,
    asset_id: Option<String>,
    subject_id: String,
    author: UserId,
    title: String,
}

/// The template a review follows, with its JSON exactly as stored (a team server compares it
/// with the project's templates): the one named, else the project's `default` or only one,
/// else the built-in default when the project has none of its own.
async fn chosen(
    tx: &mut Tx,
    project: &ProjectId,
    name: Option<&str>,
) -> Result<(Workflow, String)> {
    let stored = tx.workflows(project).await?;
    let pick = match name {
        Some(n) => stored.iter().find(|w| w.name == n),
        None if stored.len() == 1 => stored.first(),
        None => stored.iter().find(|w| w.name == "default"),
    };
    let (template, json) = match pick {
        Some(w) => (
            serde_json::from_str::<WorkflowTemplate>(&w.template).map_err(|e| {
                CoreError::Internal(format!(
                    "the stored workflow “{}” is unreadable: {e}",
                    w.name
                ))
            })?,
            w.template.clone(),
        ),
        None if stored.is_empty() && name.is_none_or(|n| n == "default") => {
            let t = WorkflowTemplate::default_template();
            let json = serde_json::to_string(&t).map_err(|e| CoreError::Internal(e.to_string()))?;
            (t, json)
        }
        None => {
            let names: Vec<&str> = stored.iter().map(|w| w.name.as_str()).collect();
            let known = if names.is_empty() {
                "default".to_owned()
            } else {
                names.join(", ")
            };
            return Err(invalid(
                fields::WORKFLOW,
                match name {
                    Some(n) => format!("the project has no workflow “{n}” (it has: {known})"),
                    None => format!("say which workflow to follow: {known}"),
                },
            ));
        }
    };
    let workflow = template
        .validate()
        .map_err(|e| invalid(fields::WORKFLOW, e.to_string()))?;
    Ok((workflow, json))
}
