//! The activity feed: ledger events rendered as sentences.

use crate::app::Greenlight;
use crate::Result;
use greenlight_domain::activity::{describe, ActivityItem};
use greenlight_domain::ids::ProjectId;
use std::collections::HashMap;

/// The most events one feed request returns.
const MAX_ACTIVITY: i64 = 500;

impl Greenlight {
    /// Newest first; all projects when `project` is `None`.
    pub async fn activity(
        &self,
        project: Option<&ProjectId>,
        limit: i64,
    ) -> Result<Vec<ActivityItem>> {
        let events = self
            .store
            .recent_events(project, limit.clamp(1, MAX_ACTIVITY))
            .await?;
        let names: HashMap<_, _> = self.store.profile_names().await?.into_iter().collect();
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
