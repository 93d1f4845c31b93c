//! Moving a project between the local database and a team server, with its whole history and
//! its own ledger chain (copied byte for byte, so it verifies on the destination).
//!
//! The destination is written in one transaction that ends with the mover's
//! `project.moved_in` record: an interrupted move leaves no half project there. Only after it
//! committed (and verified) is the source touched: on a team server the project is archived
//! with a `project.moved_out` record (a team's history is never deleted); on the local
//! database, which is one person's, the project is removed and its chain's head is recorded
//! in a `project.moved_out` event on the workspace chain.

use crate::app::{event, Greenlight};
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::events::payloads::ProjectMoved;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::ChainVerifier;
use greenlight_domain::revision::content_hash;
use greenlight_store::{Backend, ProjectBundle};
use serde::Serialize;

/// What a move did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveReport {
    pub project_id: ProjectId,
    pub title: String,
    pub from: String,
    pub to: String,
    pub documents: i64,
    pub revisions: i64,
    /// Events of the project's chain copied (the move's own record not included).
    pub events: i64,
    /// Whether the chain verified on the destination after the move.
    pub verified: bool,
    /// What became of the source copy: "archived" (team server) or "removed" (local).
    pub source: String,
}

impl Greenlight {
    /// Moves `project` from this database to `dest`. `here` acts on this database, `there`
    /// on the destination (on a team server: the login's person).
    pub async fn move_project(
        &self,
        here: &Actor,
        dest: &Greenlight,
        there: &Actor,
        project: &ProjectId,
    ) -> Result<MoveReport> {
        let bundle = self.store.project_bundle(project).await?;
        check_intact(&bundle)?;
        if dest.store.project_exists_anywhere(project).await? {
            return Err(CoreError::Conflict(format!(
                "{} already holds “{}” (it was moved there before, or is a copy); nothing was moved",
                dest.database_label(),
                bundle.project.title
            )));
        }
        let (from, to) = (self.database_label(), dest.database_label());
        let (head_seq, head_hash) = bundle
            .events
            .last()
            .map(|e| (e.seq, e.hash.clone()))
            .unwrap_or_default();
        let record = ProjectMoved {
            from: from.clone(),
            to: to.clone(),
            head_seq,
            head_hash,
            documents: bundle.documents.len() as i64,
            revisions: bundle.revisions.len() as i64,
        };
        let mut new_blobs = Vec::new();
        if let Err(e) = copy_into(self, dest, there, &bundle, &record, &mut new_blobs).await {
            crate::assets::moving::remove_unused(dest, new_blobs).await;
            return Err(e);
        }
        let report = dest.store.verify_ledger().await?;
        let verified = !report.problems.iter().any(|p| p.chain == project.as_str());
        if !verified {
            tracing::error!(?report, "a moved project did not verify on its destination");
        }
        let source = retire_source(self, here, &bundle, &record).await?;
        if source == "removed" {
            let hashes = bundle.asset_versions.iter().map(|v| v.hash.clone());
            crate::assets::moving::remove_unused(self, hashes).await;
        }
        Ok(MoveReport {
            project_id: project.clone(),
            title: bundle.project.title.clone(),
            from,
            to,
            documents: record.documents,
            revisions: record.revisions,
            events: bundle.events.len() as i64,
            verified,
            source,
        })
    }
}

/// A broken record is not moved: the destination would vouch for it.
fn check_intact(b: &ProjectBundle) -> Result<()> {
    let broken = |why: String| {
        CoreError::Conflict(format!(
            "“{}” cannot be moved: its record is not intact ({why}). Run verify to see where",
            b.project.title
        ))
    };
    let mut verifier = ChainVerifier::new(b.project.id.as_str());
    for e in &b.events {
        verifier.push(e).map_err(|p| broken(p.reason.clone()))?;
    }
    for r in &b.revisions {
        if content_hash(&r.text) != r.meta.content_hash {
            return Err(broken(format!(
                "revision {} does not match its hash",
                r.meta.id
            )));
        }
    }
    Ok(())
}

async fn copy_into(
    src: &Greenlight,
    dest: &Greenlight,
    there: &Actor,
    b: &ProjectBundle,
    record: &ProjectMoved,
    new_blobs: &mut Vec<String>,
) -> Result<()> {
    let now = now_ms();
    let id = &b.project.id;
    let mut tx = dest.store.begin().await?;
    for person in &b.people {
        if person.id != there.id {
            tx.import_person(person, now).await?;
        }
    }
    tx.insert_project(&b.project).await?;
    tx.add_member(id, &there.id, &there.id, now).await?;
    // The mover holds every role, as a project's creator does.
    for role in greenlight_domain::workflow::Role::ALL {
        tx.grant_role(id, &there.id, role, &there.id, now).await?;
    }
    tx.open_import(id).await?;
    for d in &b.documents {
        let mut empty = d.clone();
        empty.head_revision_id = None;
        tx.insert_document(&empty).await?;
    }
    for r in &b.revisions {
        tx.import_revision(r).await?;
    }
    for d in &b.documents {
        tx.update_document(d).await?;
    }
    for e in &b.events {
        tx.import_event(e).await?;
    }
    if let Some(policy) = &b.policy {
        tx.set_policy_json(id, policy, now).await?;
    }
    for run in &b.ai_runs {
        tx.insert_ai_run(run).await?;
    }
    for s in &b.suggestions {
        tx.import_suggestion(s).await?;
    }
    for (revision, document, attribution) in &b.attributions {
        tx.insert_attribution(revision, document, attribution, now)
            .await?;
    }
    for w in &b.workflows {
        tx.put_workflow(id, w).await?;
    }
    for r in &b.reviews {
        tx.import_review(r).await?;
    }
    crate::assets::moving::copy_assets(src, dest, &mut tx, b, new_blobs).await?;
    for c in &b.comments {
        tx.insert_comment(c).await?;
    }
    tx.append_event(
        event(
            there,
            format!("project:{id}"),
            Some(id),
            EventBody::ProjectMovedIn(record.clone()),
        ),
        now,
    )
    .await?;
    tx.close_import(id).await?;
    tx.commit().await?;
    Ok(())
}

async fn retire_source(
    src: &Greenlight,
    here: &Actor,
    b: &ProjectBundle,
    record: &ProjectMoved,
) -> Result<String> {
    let now = now_ms();
    let id = &b.project.id;
    let mut tx = src.store.begin().await?;
    // Schema-1 databases keep their old chain beside the new one; its copies must stay.
    let has_legacy = b.events.iter().any(|e| e.schema_version == 1);
    let outcome = if src.store.backend() == Backend::Sqlite && !has_legacy {
        tx.append_event(
            event(
                here,
                format!("project:{id}"),
                None,
                EventBody::ProjectMovedOut(record.clone()),
            ),
            now,
        )
        .await?;
        tx.retire_moved_project(id).await?;
        "removed"
    } else {
        let mut project = tx.project(id).await?;
        project.archived = true;
        project.updated_at = now;
        tx.update_project(&project).await?;
        tx.append_event(
            event(
                here,
                format!("project:{id}"),
                Some(id),
                EventBody::ProjectMovedOut(record.clone()),
            ),
            now,
        )
        .await?;
        "archived"
    };
    tx.commit().await?;
    Ok(outcome.to_owned())
}
