//! Configuring providers. Rows hold everything but the key; the key goes to the keyring.

use super::{kind_to_ai, offline_config, OFFLINE_ID, OFFLINE_MODEL, OFFLINE_NAME};
use crate::app::{event, Greenlight};
use crate::error::CoreError;
use crate::secrets::{self, provider_account};
use crate::{now_ms, Result};
use greenlight_ai::{list_models, ProviderConfig, Secret};
use greenlight_domain::actor::Actor;
use greenlight_domain::ai::{ConnectionReport, ProviderInfo, ProviderInput, ProviderKindName};
use greenlight_domain::error::fields;
use greenlight_domain::events::payloads::{ProviderRemoved, ProviderSaved};
use greenlight_domain::events::EventBody;
use greenlight_domain::text::clean_label;
use greenlight_domain::DomainError;
use greenlight_store::ProviderRow;

/// AI providers of this workspace; their keys live in its [`crate::secrets::Credentials`].
pub struct Providers<'a> {
    pub(crate) app: &'a Greenlight,
}

fn offline_info() -> ProviderInfo {
    ProviderInfo {
        id: OFFLINE_ID.into(),
        name: OFFLINE_NAME.into(),
        kind: ProviderKindName::Offline,
        base_url: String::new(),
        model: OFFLINE_MODEL.into(),
        key_set: false,
        local: true,
        own_network: false,
        built_in: true,
    }
}

fn config_of(row: &ProviderRow) -> ProviderConfig {
    let mut cfg = ProviderConfig::new(
        &row.id,
        &row.name,
        kind_to_ai(row.kind),
        &row.base_url,
        &row.model,
    );
    cfg.own_network = row.own_network;
    cfg
}

/// The URL requests go to: `base_url`, or the kind's default when it is empty.
fn effective_url(kind: ProviderKindName, base_url: &str) -> String {
    ProviderConfig::new("", "", kind_to_ai(kind), base_url, "").effective_base_url()
}

/// The host a provider's (effective) base URL names, to notice a move to another server.
fn host_of(kind: ProviderKindName, base_url: &str) -> Option<String> {
    greenlight_ai::address::host_of(&effective_url(kind, base_url)).map(|(_, host, _)| host)
}

fn validate(input: &ProviderInput) -> Result<(String, String, String)> {
    let name = clean_label(fields::PROVIDER_NAME, &input.name, 80)?;
    if input.kind == ProviderKindName::Offline {
        return Err(DomainError::UnknownValue {
            field: fields::PROVIDER_KIND,
            value: "offline (the offline engine is built in)".into(),
        }
        .into());
    }
    let url = input.base_url.trim().to_owned();
    let effective = effective_url(input.kind, &url);
    if let Err(e) = greenlight_ai::address::check_address(&effective, input.own_network) {
        return Err(CoreError::Invalid(DomainError::Refused {
            field: fields::BASE_URL,
            reason: e.to_string(),
        }));
    }
    let model = clean_label(fields::MODEL, &input.model, 200)?;
    Ok((name, url, model))
}

impl Greenlight {
    /// AI providers and their keys.
    pub fn providers(&self) -> Providers<'_> {
        Providers { app: self }
    }
}

impl Providers<'_> {
    /// Every provider, the built-in offline engine first, with whether a key is set.
    pub async fn list(&self) -> Result<Vec<ProviderInfo>> {
        let mut out = vec![offline_info()];
        for row in self.app.store.list_providers().await? {
            let key_set = self.key_set(&row.id).await;
            out.push(self.provider_info(&row, key_set));
        }
        Ok(out)
    }

    /// Whether a key is stored. A keyring that cannot be reached reads as "no key" (and is
    /// logged), so local providers keep working on machines without a Secret Service; storing
    /// a key still fails loudly.
    async fn key_set(&self, id: &str) -> bool {
        match secrets::get(&self.app.credentials, provider_account(id)).await {
            Ok(k) => k.is_some(),
            Err(e) => {
                tracing::warn!(error = %e, "keyring not reachable; treating the key as not set");
                false
            }
        }
    }

    fn provider_info(&self, row: &ProviderRow, key_set: bool) -> ProviderInfo {
        ProviderInfo {
            local: config_of(row).is_local(),
            id: row.id.clone(),
            name: row.name.clone(),
            kind: row.kind,
            base_url: row.base_url.clone(),
            model: row.model.clone(),
            own_network: row.own_network,
            key_set,
            built_in: false,
        }
    }

    /// Adds (`id` = `None`) or changes a provider. The key, if given, is stored in the keyring
    /// before the row is written; the ledger records that a key is set, never the key.
    pub async fn save(
        &self,
        actor: &Actor,
        id: Option<&str>,
        input: ProviderInput,
    ) -> Result<ProviderInfo> {
        if id == Some(OFFLINE_ID) {
            return Err(CoreError::Conflict(
                "the offline engine is built in and cannot be changed".into(),
            ));
        }
        let (name, base_url, model) = validate(&input)?;
        let existing = match id {
            Some(existing) => Some(self.app.store.get_provider(existing).await?),
            None => None,
        };
        // A key entered for one server never follows the provider to another host: moving
        // the address forgets it unless the person enters it again with the move.
        let moved = existing
            .as_ref()
            .is_some_and(|old| host_of(old.kind, &old.base_url) != host_of(input.kind, &base_url));
        let id = match existing {
            Some(old) => old.id,
            None => format!("p-{}", greenlight_domain::ids::EventId::new()),
        };
        let creds = &self.app.credentials;
        match input.api_key.as_ref().map(|k| k.expose()) {
            None if moved => secrets::delete(creds, provider_account(&id)).await?,
            None => {}
            Some("") => secrets::delete(creds, provider_account(&id)).await?,
            Some(key) => {
                secrets::set(creds, provider_account(&id), Secret::new(key.trim())).await?
            }
        }
        let key_set = self.key_set(&id).await;
        let row = ProviderRow {
            id,
            name,
            kind: input.kind,
            base_url,
            model,
            own_network: input.own_network,
        };
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        tx.upsert_provider(&row, now).await?;
        tx.append_event(
            event(
                actor,
                format!("provider:{}", row.id),
                None,
                EventBody::ProviderSaved(ProviderSaved {
                    name: row.name.clone(),
                    kind: row.kind,
                    base_url: row.base_url.clone(),
                    model: row.model.clone(),
                    key_set,
                    own_network: row.own_network,
                }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(self.provider_info(&row, key_set))
    }

    /// Removes a provider and its key.
    pub async fn remove(&self, actor: &Actor, id: &str) -> Result<()> {
        if id == OFFLINE_ID {
            return Err(CoreError::Conflict(
                "the offline engine is built in and cannot be removed".into(),
            ));
        }
        let row = self.app.store.get_provider(id).await?;
        let now = now_ms();
        let mut tx = self.app.store.begin().await?;
        tx.delete_provider(id).await?;
        tx.append_event(
            event(
                actor,
                format!("provider:{id}"),
                None,
                EventBody::ProviderRemoved(ProviderRemoved { name: row.name }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        if let Err(e) = secrets::delete(&self.app.credentials, provider_account(id)).await {
            tracing::warn!(error = %e, "the removed provider's key could not be deleted from the keyring");
        }
        Ok(())
    }

    /// The provider's configuration without its key.
    pub(crate) async fn config_keyless(&self, id: &str) -> Result<ProviderConfig> {
        if id == OFFLINE_ID {
            return Ok(offline_config());
        }
        Ok(config_of(&self.app.store.get_provider(id).await?))
    }

    /// The provider's full configuration, key included (from the keyring).
    pub(crate) async fn config(&self, id: &str) -> Result<ProviderConfig> {
        let cfg = self.config_keyless(id).await?;
        if id == OFFLINE_ID {
            return Ok(cfg);
        }
        // A local server rarely needs a key: an unreachable keyring only matters remotely.
        let key = match secrets::get(&self.app.credentials, provider_account(id)).await {
            Ok(k) => k,
            Err(_) if cfg.is_local() => None,
            Err(e) => return Err(e),
        };
        Ok(match key {
            Some(key) => cfg.with_key(key),
            None => cfg,
        })
    }

    /// "Test connection": asks the provider which models it serves.
    pub async fn test(&self, id: &str) -> Result<ConnectionReport> {
        let cfg = self.config(id).await?;
        let name = cfg.name.clone();
        Ok(match list_models(&cfg).await {
            Ok(models) => ConnectionReport {
                ok: true,
                message: format!("Connected to '{name}': {} models available.", models.len()),
                models,
            },
            Err(e) => ConnectionReport {
                ok: false,
                models: Vec::new(),
                message: e.user_message(&name),
            },
        })
    }
}
