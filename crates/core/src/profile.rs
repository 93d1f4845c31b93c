//! People: the local profile (created on first run with the OS user name) and renaming.

use crate::app::{event, Greenlight};
use crate::error::CoreError;
use crate::secrets::Credentials;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::events::payloads::{ProfileCreated, ProfileRenamed};
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::UserId;
use greenlight_domain::profile::{clean_profile_name, Profile};
use greenlight_store::{Backend, Store};
use std::sync::Arc;

const LOCAL_PROFILE_KEY: &str = "local_profile_id";

/// The OS user name, or "Writer" when there is none usable.
fn os_user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find_map(|v| clean_profile_name(&v).ok())
        .unwrap_or_else(|| "Writer".to_owned())
}

/// The person using this database session, created on first use: on the local database,
/// the one local profile (named after the OS user); on a team server, the person mapped to the
/// login (named after the login until they rename themselves). On a team server the database
/// decides who this is, from the login: a client cannot choose.
pub(crate) async fn ensure_session_profile(
    store: &Store,
    creds: &Arc<dyn Credentials>,
) -> Result<Profile> {
    match store.backend() {
        Backend::Sqlite => ensure_local_profile(store, creds).await,
        Backend::Postgres => {
            if let Some(p) = store.session_profile().await? {
                return Ok(p);
            }
            let login = store.login().await?.unwrap_or_default();
            let name = clean_profile_name(&login).unwrap_or_else(|_| os_user_name());
            match create_profile(store, creds, name, None).await {
                Ok(p) => Ok(p),
                // Another window of the same login created it first.
                Err(CoreError::Conflict(_)) => store
                    .session_profile()
                    .await?
                    .ok_or_else(|| CoreError::Internal("the login's person vanished".into())),
                Err(e) => Err(e),
            }
        }
    }
}

async fn ensure_local_profile(store: &Store, creds: &Arc<dyn Credentials>) -> Result<Profile> {
    if let Some(id) = store.get_setting(LOCAL_PROFILE_KEY).await? {
        return Ok(store.get_profile(&UserId(id)).await?);
    }
    create_profile(store, creds, os_user_name(), Some(LOCAL_PROFILE_KEY)).await
}

/// Creates a person with a signing key (and records it), remembering its id under `setting`
/// when given.
async fn create_profile(
    store: &Store,
    creds: &Arc<dyn Credentials>,
    name: String,
    setting: Option<&str>,
) -> Result<Profile> {
    let profile = Profile {
        id: UserId::new(),
        name,
        created_at: now_ms(),
    };
    let actor = Actor::from(&profile);
    let mut tx = store.begin().await?;
    tx.insert_profile(&profile).await?;
    if let Some(key) = setting {
        tx.set_setting(key, profile.id.as_str()).await?;
    }
    let key =
        crate::keys::create_for_new_person(creds, &mut tx, &profile.id, profile.created_at).await?;
    store.sign_as(key);
    tx.append_event(
        event(
            &actor,
            format!("profile:{}", profile.id),
            None,
            EventBody::ProfileCreated(ProfileCreated {
                name: profile.name.clone(),
            }),
        ),
        profile.created_at,
    )
    .await?;
    tx.commit().await?;
    Ok(profile)
}

/// People and their names.
pub struct Profiles<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    /// People: the local profile and renaming.
    pub fn profiles(&self) -> Profiles<'_> {
        Profiles { app: self }
    }
}

impl Profiles<'_> {
    /// The person using this session: the local profile on the local database, the login's
    /// person on a team server.
    pub async fn local(&self) -> Result<Profile> {
        ensure_session_profile(&self.app.store, &self.app.credentials).await
    }

    /// The local profile as the actor of a session (the shell and the CLI build it once).
    pub async fn local_actor(&self) -> Result<Actor> {
        Ok(Actor::from(&self.local().await?))
    }

    pub async fn get(&self, id: &UserId) -> Result<Profile> {
        Ok(self.app.store.get_profile(id).await?)
    }

    /// Renames the acting person. Later revisions carry the new name; earlier events keep the
    /// name they were recorded with in their payload.
    pub async fn rename(&self, actor: &Actor, name: &str) -> Result<Profile> {
        let name = clean_profile_name(name)?;
        let current = self.app.store.get_profile(&actor.id).await?;
        if current.name == name {
            return Ok(current);
        }
        let mut tx = self.app.store.begin().await?;
        tx.rename_profile(&actor.id, &name).await?;
        tx.append_event(
            event(
                actor,
                format!("profile:{}", actor.id),
                None,
                EventBody::ProfileRenamed(ProfileRenamed {
                    name: name.clone(),
                    from: current.name.clone(),
                }),
            ),
            now_ms(),
        )
        .await?;
        tx.commit().await?;
        Ok(Profile { name, ..current })
    }
}
