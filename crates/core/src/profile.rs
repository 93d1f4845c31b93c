//! The local profile: created on first run with the OS user name, renamable.

use crate::app::Greenlight;
use crate::{now_ms, Result};
use greenlight_domain::ids::UserId;
use greenlight_domain::ledger::{EventDraft, EventKind};
use greenlight_domain::profile::{clean_profile_name, Profile};
use greenlight_store::Store;
use serde_json::json;

const LOCAL_PROFILE_KEY: &str = "local_profile_id";

/// The OS user name, or "Writer" when there is none usable.
fn os_user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find_map(|v| clean_profile_name(&v).ok())
        .unwrap_or_else(|| "Writer".to_owned())
}

pub(crate) async fn ensure_local_profile(store: &Store) -> Result<Profile> {
    if let Some(id) = store.get_setting(LOCAL_PROFILE_KEY).await? {
        return Ok(store.get_profile(&UserId(id)).await?);
    }
    let profile = Profile {
        id: UserId::new(),
        name: os_user_name(),
        created_at: now_ms(),
    };
    let mut tx = store.begin().await?;
    tx.insert_profile(&profile).await?;
    tx.set_setting(LOCAL_PROFILE_KEY, profile.id.as_str())
        .await?;
    tx.append_event(
        EventDraft {
            actor: profile.id.clone(),
            kind: EventKind::ProfileCreated,
            subject: format!("profile:{}", profile.id),
            project_id: None,
            payload: json!({ "name": profile.name }),
        },
        profile.created_at,
    )
    .await?;
    tx.commit().await?;
    Ok(profile)
}

impl Greenlight {
    /// Renames the local profile; later revisions carry the new name, earlier events keep the
    /// name they were recorded with in their payload.
    pub async fn set_profile_name(&self, name: &str) -> Result<Profile> {
        let name = clean_profile_name(name)?;
        let me = self.me();
        let mut tx = self.store.begin().await?;
        tx.rename_profile(&me.id, &name).await?;
        tx.append_event(
            EventDraft {
                actor: me.id.clone(),
                kind: EventKind::ProfileRenamed,
                subject: format!("profile:{}", me.id),
                project_id: None,
                payload: json!({ "name": name, "from": me.name }),
            },
            now_ms(),
        )
        .await?;
        tx.commit().await?;
        let mut guard = match self.me.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        guard.name = name;
        Ok(guard.clone())
    }
}
