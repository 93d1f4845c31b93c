//! The project's AI policy.

use super::Ai;
use crate::app::event;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::error::fields;
use greenlight_domain::events::payloads::PolicyChanged;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::ProjectId;
use greenlight_domain::permission::Action;
use greenlight_domain::policy::AiPolicy;
use greenlight_domain::text::clean_label;

impl Ai<'_> {
    pub async fn policy(&self, project: &ProjectId) -> Result<AiPolicy> {
        self.app.store.get_project(project).await?;
        Ok(self.app.store.get_policy(project).await?)
    }

    /// Replaces the project's policy. Protected names are trimmed, de-duplicated and checked;
    /// the ledger records the rules and how many names are protected (not the names
    /// themselves, which may be confidential).
    pub async fn set_policy(
        &self,
        actor: &Actor,
        project: &ProjectId,
        policy: AiPolicy,
    ) -> Result<AiPolicy> {
        let mut names: Vec<String> = Vec::new();
        for n in &policy.protected_names {
            if n.trim().is_empty() {
                continue;
            }
            let clean = clean_label(fields::PROTECTED_NAME, n, 100)?;
            if !names.iter().any(|x| x.eq_ignore_ascii_case(&clean)) {
                names.push(clean);
            }
        }
        let policy = AiPolicy {
            protected_names: names,
            ..policy
        };
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        tx.project(project).await?;
        self.app
            .require_in(&mut tx, actor, project, Action::SetAiPolicy)
            .await?;
        tx.set_policy(project, &policy, now).await?;
        tx.append_event(
            event(
                actor,
                format!("project:{project}"),
                Some(project),
                EventBody::PolicyChanged(PolicyChanged {
                    ai_enabled: policy.ai_enabled,
                    allowed_providers: policy.allowed_providers.clone(),
                    local_only: policy.local_only,
                    protected_name_count: policy.protected_names.len() as i64,
                    max_request_chars: policy.max_request_chars as i64,
                }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(policy)
    }
}
