//! The ledger as people read it: verification of every chain (named for a person) and the
//! activity feed, both from the same typed events.

use crate::app::Greenlight;
use crate::Result;
use greenlight_domain::activity::{describe, ActivityItem};
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::legacy::LEGACY_CHAIN;
use greenlight_domain::ledger::{VerifyReport, WORKSPACE_CHAIN};
use std::collections::HashMap;

/// The most events one feed request returns.
const MAX_ACTIVITY: i64 = 500;

/// Reading and checking the record.
pub struct Ledger<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// The ledger: verification and the activity feed.
    pub fn ledger(&self) -> Ledger<'_> {
        Ledger { app: self }
    }
}

impl Ledger<'_> {
    /// Checks every chain, every head, and every revision's text against its recorded hash.
    /// Problems name their chain as a person knows it (the project's title).
    pub async fn verify(&self) -> Result<VerifyReport> {
        let mut report = self.app.store.verify_ledger().await?;
        if report.problems.is_empty() {
            return Ok(report);
        }
        let titles: HashMap<String, String> = self
            .app
            .store
            .list_projects(true)
            .await?
            .into_iter()
            .map(|p| (p.project.id.to_string(), p.project.title))
            .collect();
        for p in &mut report.problems {
            p.chain_name = match p.chain.as_str() {
                WORKSPACE_CHAIN => "the workspace record".to_owned(),
                LEGACY_CHAIN => "the earlier single record (before one per project)".to_owned(),
                id => match titles.get(id) {
                    Some(t) => format!("project “{t}”"),
                    None => format!("project {id} (no longer in the database)"),
                },
            };
        }
        Ok(report)
    }

    /// Newest first; every chain when `project` is `None`.
    pub async fn activity(
        &self,
        project: Option<&ProjectId>,
        limit: i64,
    ) -> Result<Vec<ActivityItem>> {
        let events = self
            .app
            .store
            .recent_events(project, limit.clamp(1, MAX_ACTIVITY))
            .await?;
        let names: HashMap<_, _> = self.app.store.profile_names().await?.into_iter().collect();
        Ok(events
            .iter()
            .map(|e| {
                let who = names
                    .get(&e.actor)
                    .cloned()
                    .unwrap_or_else(|| "Someone".to_owned());
                describe(e, who)
            })
            .collect())
    }
}
