//! Disclosures of AI use (see `domain::disclosure`): recorded by a project's legal reviewer
//! as `disclosure.recorded` events on the project's chain — the ledger is their only store,
//! so they are signed and verified like every change — and read back per project, or by the
//! person they were disclosed to.

use crate::app::{event, Greenlight};
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::disclosure::{Disclosure, DisclosureInput, DisclosureRecord, PolicyTerms};
use greenlight_domain::error::{fields, DomainError};
use greenlight_domain::events::payloads::DisclosureRecorded;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{ProjectId, UserId};
use greenlight_domain::ledger::{ChainId, Event};
use greenlight_domain::permission::Action;
use std::collections::HashMap;

const KIND: &str = "disclosure.recorded";

/// Recording and reading disclosures.
pub struct Disclosures<'a> {
    pub(crate) app: &'a Greenlight,
}

impl Greenlight {
    pub fn disclosures(&self) -> Disclosures<'_> {
        Disclosures { app: self }
    }
}

impl Disclosures<'_> {
    /// Records `input` in `project` as `actor` (a legal reviewer). The person it names must be
    /// a member; the document or asset it names must be the project's.
    pub async fn record(
        &self,
        actor: &Actor,
        project: &ProjectId,
        input: DisclosureInput,
    ) -> Result<DisclosureRecord> {
        let store = &self.app.store;
        let p = store
            .get_project(project)
            .await
            .map_err(|e| self.app.not_shared(e, "project"))?;
        let member_name = |who: &UserId| {
            let who = who.clone();
            async move {
                let members = store.members(project).await?;
                let found = members.into_iter().find(|m| m.person.id == who);
                match found {
                    Some(m) => Ok(m.person.name),
                    // On one computer the one person is every member.
                    None if !self.app.is_team() => Ok(store.get_profile(&who).await?.name),
                    None => Err(CoreError::Invalid(DomainError::Refused {
                        field: fields::PERSON,
                        reason: format!("{who} is not a member of “{}”", p.title),
                    })),
                }
            }
        };
        let disclosure = match input {
            DisclosureInput::MaterialProvided {
                to,
                material,
                document_id,
            } => {
                if let Some(d) = &document_id {
                    let doc = store.get_document(d).await?;
                    if doc.project_id != *project {
                        return Err(refused(
                            fields::DOCUMENT,
                            "the document belongs to another project",
                        ));
                    }
                }
                Disclosure::MaterialProvided {
                    to_name: member_name(&to).await?,
                    to,
                    material,
                    document_id,
                }
            }
            DisclosureInput::ElectedUse {
                writer,
                described_use,
            } => Disclosure::ElectedUse {
                writer_name: member_name(&writer).await?,
                writer,
                described_use,
                policy: PolicyTerms::from(&store.get_policy(project).await?),
            },
            DisclosureInput::PerformerConsent {
                performer,
                consent_reference,
                described_use,
                asset_id,
            } => {
                if let Some(a) = &asset_id {
                    let ours = store.assets(project).await?;
                    if !ours.iter().any(|s| s.asset.id == *a) {
                        return Err(refused(
                            fields::ASSET,
                            "the asset is not one of this project's",
                        ));
                    }
                }
                Disclosure::PerformerConsent {
                    performer,
                    consent_reference,
                    described_use,
                    asset_id,
                }
            }
        }
        .cleaned()?;
        let mut tx = store.begin().await?;
        self.app
            .require_in(&mut tx, actor, project, Action::RecordDisclosure)
            .await?;
        let e = tx
            .append_event(
                event(
                    actor,
                    format!("project:{project}"),
                    Some(project),
                    EventBody::DisclosureRecorded(DisclosureRecorded { disclosure }),
                ),
                now_ms(),
            )
            .await?;
        tx.commit().await?;
        let names: HashMap<UserId, String> = [(actor.id.clone(), actor.name.clone())].into();
        record_of(&e, &names)
            .ok_or_else(|| CoreError::Internal("a disclosure just recorded cannot be read".into()))
    }

    /// The disclosures of `project`, oldest first, for those who may export provenance
    /// (a person reads what concerns them with [`Disclosures::to_me`]).
    pub async fn of_project(
        &self,
        actor: &Actor,
        project: &ProjectId,
    ) -> Result<Vec<DisclosureRecord>> {
        self.app
            .require(actor, project, Action::ExportProvenance)
            .await?;
        let events = self
            .app
            .store
            .events_of_kind(Some(&ChainId::Project(project.clone())), KIND)
            .await?;
        self.records(&events).await
    }

    /// What was disclosed to `actor`, or consented for them, in every project they can see.
    pub async fn to_me(&self, actor: &Actor) -> Result<Vec<DisclosureRecord>> {
        let events = self.app.store.events_of_kind(None, KIND).await?;
        let mine: Vec<DisclosureRecord> = self
            .records(&events)
            .await?
            .into_iter()
            .filter(|r| r.disclosure.person() == Some(&actor.id))
            .collect();
        Ok(mine)
    }

    async fn records(&self, events: &[Event]) -> Result<Vec<DisclosureRecord>> {
        let names: HashMap<UserId, String> =
            self.app.store.profile_names().await?.into_iter().collect();
        Ok(events.iter().filter_map(|e| record_of(e, &names)).collect())
    }
}

fn refused(field: greenlight_domain::error::Field, reason: &str) -> CoreError {
    CoreError::Invalid(DomainError::Refused {
        field,
        reason: reason.to_owned(),
    })
}

/// The disclosure an event records (`None` for another kind, or a payload that cannot be
/// read: `verify` reports those).
pub(crate) fn record_of(e: &Event, names: &HashMap<UserId, String>) -> Option<DisclosureRecord> {
    let EventBody::DisclosureRecorded(d) = e.body().ok()? else {
        return None;
    };
    let summary = d.disclosure.describe();
    Some(DisclosureRecord {
        id: e.id.to_string(),
        project_id: e.chain.project()?.clone(),
        recorded_by_name: names
            .get(&e.actor)
            .cloned()
            .unwrap_or_else(|| "Someone".into()),
        recorded_by: e.actor.clone(),
        at: e.at,
        disclosure: d.disclosure,
        summary,
    })
}
