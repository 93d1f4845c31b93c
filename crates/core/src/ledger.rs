//! The ledger as people read it: verification of every chain (named for a person) and the
//! activity feed, both from the same typed events.

use crate::app::Greenlight;
use crate::Result;
use greenlight_domain::activity::{describe, ActivityItem};
use greenlight_domain::ids::ProjectId;
use greenlight_domain::ledger::legacy::LEGACY_CHAIN;
use greenlight_domain::ledger::{keys, signing};
use greenlight_domain::ledger::{LedgerProblem, SignedHead, VerifyReport, WORKSPACE_CHAIN};
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
        self.name_chains(&mut report).await?;
        self.sign_heads(&mut report).await?;
        Ok(report)
    }

    /// Signs each head the report records, as the person using this session (under the
    /// reported-head tag), so that an edited report is caught by `verify --against`.
    async fn sign_heads(&self, report: &mut VerifyReport) -> Result<()> {
        let me = self.app.profiles().local().await?;
        let Some(key) = self.app.store.signing_key(&me.id) else {
            return Ok(());
        };
        for h in &mut report.heads {
            h.key_id = Some(key.key_id());
            h.signature = Some(key.sign(&signing::reported_head_message(&h.chain, h.seq, &h.hash)));
        }
        Ok(())
    }

    /// [`Ledger::verify`], and then that every head recorded in `earlier` (a report made
    /// before: `greenlight verify --json`, or a provenance report) is still on its chain and
    /// carries a valid signature. This catches what no check inside the database can: a
    /// database rolled back to an earlier state, or rewritten after the report was made; and a
    /// report edited since it was written.
    pub async fn verify_against(&self, earlier: &[SignedHead]) -> Result<VerifyReport> {
        let mut report = self.app.store.verify_ledger().await?;
        for h in earlier {
            if let Some(reason) = self.recorded_head_problem(h).await? {
                report.add(LedgerProblem::at_event(&h.chain, h.seq, "", reason));
            }
        }
        report.against_checked = Some(earlier.len() as i64);
        self.name_chains(&mut report).await?;
        self.sign_heads(&mut report).await?;
        Ok(report)
    }

    async fn recorded_head_problem(&self, h: &SignedHead) -> Result<Option<String>> {
        let store = &self.app.store;
        match (&h.key_id, &h.signature) {
            (Some(k), Some(sig)) => {
                if !signing::verify(
                    k,
                    &signing::reported_head_message(&h.chain, h.seq, &h.hash),
                    sig,
                ) {
                    return Ok(Some(format!(
                        "the report's head of this chain (#{}) does not carry a valid signature: the report was edited after it was written",
                        h.seq
                    )));
                }
                if !store.signing_keys().await?.iter().any(|r| r.key_id == *k) {
                    return Ok(Some(format!(
                        "the report's head of this chain (#{}) is signed with the key {}…, which is not registered in this database",
                        h.seq,
                        keys::short(k)
                    )));
                }
            }
            (None, None) => {}
            _ => {
                return Ok(Some(format!(
                    "the report's head of this chain (#{}) names a key without a signature or a signature without a key: the report was edited",
                    h.seq
                )))
            }
        }
        let now = store.chain_head(&h.chain).await?;
        Ok(match store.event_hash_at(&h.chain, h.seq).await? {
            Some(hash) if hash == h.hash => None,
            Some(_) => Some(format!(
                "event #{} is no longer the one the report recorded: the chain was rewritten after the report was made",
                h.seq
            )),
            None => Some(format!(
                "the report recorded this chain up to event #{}, but it now ends at #{}: the database was rolled back to an earlier state, or events were removed",
                h.seq,
                now.map_or(0, |(s, _)| s)
            )),
        })
    }

    /// Names chains as a person knows them (the project's title), in problems and heads.
    async fn name_chains(&self, report: &mut VerifyReport) -> Result<()> {
        if report.problems.is_empty() && report.heads.is_empty() {
            return Ok(());
        }
        let titles: HashMap<String, String> = self
            .app
            .store
            .list_projects(true)
            .await?
            .into_iter()
            .map(|p| (p.project.id.to_string(), p.project.title))
            .collect();
        let name = |chain: &str| match chain {
            WORKSPACE_CHAIN => "the workspace record".to_owned(),
            LEGACY_CHAIN => "the earlier single record (before one per project)".to_owned(),
            id => match titles.get(id) {
                Some(t) => format!("project “{t}”"),
                None => format!("project {id} (not in this database)"),
            },
        };
        for p in &mut report.problems {
            p.chain_name = name(&p.chain);
        }
        for h in &mut report.heads {
            h.chain_name = name(&h.chain);
        }
        Ok(())
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
            .filter(|e| !is_first_key_registration(e))
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

/// A key's registration on a chain that is not a change of key: it precedes a person's first
/// event on every chain, and would only repeat that event in the feed.
fn is_first_key_registration(e: &greenlight_domain::ledger::Event) -> bool {
    matches!(
        e.body(),
        Ok(greenlight_domain::events::EventBody::KeyRegistered(k)) if k.replaces.is_none()
    )
}
