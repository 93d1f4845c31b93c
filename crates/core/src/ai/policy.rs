//! The project's AI policy.

use crate::app::Greenlight;
use crate::{now_ms, Result};
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::{EventDraft, EventKind};
use greenlight_domain::policy::AiPolicy;
use greenlight_domain::text::clean_label;
use serde_json::json;

impl Greenlight {
    pub async fn get_policy(&self, project: &ProjectId) -> Result<AiPolicy> {
        self.store.get_project(project).await?;
        Ok(self.store.get_policy(project).await?)
    }

    /// Replaces the project's policy. Protected names are trimmed, de-duplicated and checked;
    /// the ledger records the rules and how many names are protected (not the names
    /// themselves, which may be confidential).
    pub async fn set_policy(&self, project: &ProjectId, policy: AiPolicy) -> Result<AiPolicy> {
        let mut names: Vec<String> = Vec::new();
        for n in &policy.protected_names {
            if n.trim().is_empty() {
                continue;
            }
            let clean = clean_label("Protected name", n, 100)?;
            if !names.iter().any(|x| x.eq_ignore_ascii_case(&clean)) {
                names.push(clean);
            }
        }
        let policy = AiPolicy {
            protected_names: names,
            ..policy
        };
        let now = now_ms();
        let mut tx = self.store.begin().await?;
        tx.project(project).await?;
        tx.set_policy(project, &policy, now).await?;
        tx.append_event(
            EventDraft {
                actor: self.me().id,
                kind: EventKind::PolicyChanged,
                subject: format!("project:{project}"),
                project_id: Some(project.clone()),
                payload: json!({
                    "aiEnabled": policy.ai_enabled,
                    "allowedProviders": policy.allowed_providers,
                    "localOnly": policy.local_only,
                    "protectedNameCount": policy.protected_names.len(),
                    "maxRequestChars": policy.max_request_chars,
                }),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(policy)
    }
}
