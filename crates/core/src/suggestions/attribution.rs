//! Every revision's attribution, and what a save does to suggestions.
//!
//! A revision's attribution is recorded with it. A person's save from the editor carries its
//! parent's exactly through the editor's changes (what they typed is theirs; text they moved
//! by cut and paste keeps its origin; see [`super::edits`]); a save from outside the editor
//! (a file, the CLI) carries it by a character diff (unchanged characters keep their origin);
//! an acceptance records exactly which characters the suggestion inserted. Revisions saved
//! before attribution existed have none recorded: they are carried from the nearest recorded
//! ancestor, or are wholly a person's when the document never held AI text.

use super::Suggestions;
use crate::app::event;
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::attribution::{Attribution, Origin};
use greenlight_domain::document::Document;
use greenlight_domain::events::payloads::SuggestionStale;
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{DocumentId, RevisionId};
use greenlight_domain::revision::Revision;
use greenlight_domain::suggestion::{step, Effect, SuggestionEvent, SuggestionState};
use greenlight_domain::suggestion_record::AttributionReport;
use greenlight_domain::take::RangeMap;
use greenlight_domain::text_change::TextChange;
use greenlight_store::{Store, Tx};
use std::collections::HashMap;

/// Where attribution and revisions are read from: the pool, or a transaction.
pub(crate) trait Source {
    async fn stored(&mut self, id: &RevisionId) -> Result<Option<Attribution>>;
    async fn revision(&mut self, id: &RevisionId) -> Result<Revision>;
    async fn any_ai(&mut self, document: &DocumentId) -> Result<bool>;
}

impl Source for Tx {
    async fn stored(&mut self, id: &RevisionId) -> Result<Option<Attribution>> {
        Ok(self.attribution(id).await?)
    }
    async fn revision(&mut self, id: &RevisionId) -> Result<Revision> {
        Ok(Tx::revision(self, id).await?)
    }
    async fn any_ai(&mut self, document: &DocumentId) -> Result<bool> {
        Ok(self.document_has_ai_text(document).await?)
    }
}

impl Source for &Store {
    async fn stored(&mut self, id: &RevisionId) -> Result<Option<Attribution>> {
        Ok(self.get_attribution(id).await?)
    }
    async fn revision(&mut self, id: &RevisionId) -> Result<Revision> {
        Ok(self.get_revision(id).await?)
    }
    async fn any_ai(&mut self, document: &DocumentId) -> Result<bool> {
        Ok(self.document_has_ai_text(document).await?)
    }
}

/// The attribution of `rev`.
pub(crate) async fn attribution_of(src: &mut impl Source, rev: &Revision) -> Result<Attribution> {
    let len = rev.text.chars().count();
    if let Some(a) = src.stored(&rev.meta.id).await? {
        if a.len() != len {
            return Err(CoreError::Internal(format!(
                "the attribution recorded for revision {} covers {} characters, its text has {len}",
                rev.meta.id,
                a.len()
            )));
        }
        return Ok(a);
    }
    if !src.any_ai(&rev.meta.document_id).await? {
        return Ok(Attribution::human(len));
    }
    // Back to the nearest recorded ancestor, then forward as a person's edits.
    let mut chain = vec![rev.clone()];
    let mut base: Option<(Attribution, String)> = None;
    let mut parent = rev.meta.parent_id.clone();
    while let Some(id) = parent {
        let r = src.revision(&id).await?;
        if let Some(a) = src.stored(&id).await? {
            base = Some((a, r.text));
            break;
        }
        parent = r.meta.parent_id.clone();
        chain.push(r);
    }
    crate::blocking::run(move || {
        let (mut attr, mut text) = match base {
            Some(b) => b,
            None => match chain.pop() {
                Some(root) => (Attribution::human(root.text.chars().count()), root.text),
                None => (Attribution::default(), String::new()),
            },
        };
        for r in chain.into_iter().rev() {
            attr = attr.carry_by_diff(&text, &r.text, &Origin::Human);
            text = r.text;
        }
        Ok(attr)
    })
    .await
}

/// Inside a person's save, after the revision is inserted: records its attribution (carried
/// from `parent` through the editor's `changes` when it sent them, by a character diff
/// otherwise) and moves or stales the document's pending suggestions.
pub(crate) async fn after_save(
    tx: &mut Tx,
    actor: &Actor,
    doc: &Document,
    parent: Option<&RevisionId>,
    revision: &Revision,
    changes: Option<Vec<TextChange>>,
) -> Result<()> {
    let len = revision.text.chars().count();
    let attribution = match parent {
        None => Attribution::human(len),
        Some(p) => {
            let stored = tx.attribution(p).await?;
            let all_human = match &stored {
                Some(a) => a.ai_chars() == 0,
                None => !tx.document_has_ai_text(&doc.id).await?,
            };
            // Moved text may come from another revision than the parent.
            let moves = changes
                .as_ref()
                .is_some_and(|c| c.iter().any(|c| c.moved_from.is_some()));
            if all_human && !moves {
                Attribution::human(len)
            } else {
                let parent_rev = Tx::revision(tx, p).await?;
                let before = attribution_of(tx, &parent_rev).await?;
                match changes {
                    Some(changes) => {
                        super::edits::carry_by_changes(
                            tx, doc, parent_rev, before, revision, changes,
                        )
                        .await?
                    }
                    None => {
                        let new_text = revision.text.clone();
                        crate::blocking::run(move || {
                            Ok(before.carry_by_diff(&parent_rev.text, &new_text, &Origin::Human))
                        })
                        .await?
                    }
                }
            }
        }
    };
    tx.insert_attribution(&revision.meta.id, &doc.id, &attribution, now_ms())
        .await?;
    refresh_pending(tx, actor, doc, revision).await
}

/// Moves each pending suggestion of `doc` whose passage is unchanged in `head` to its place
/// there, and marks the others stale (recorded, with the revision that changed them).
pub(crate) async fn refresh_pending(
    tx: &mut Tx,
    actor: &Actor,
    doc: &Document,
    head: &Revision,
) -> Result<()> {
    let pending: Vec<_> = tx
        .pending_suggestions(&doc.id)
        .await?
        .into_iter()
        .filter(|s| s.anchor_revision_id != head.meta.id)
        .collect();
    if pending.is_empty() {
        return Ok(());
    }
    let mut olds: HashMap<RevisionId, String> = HashMap::new();
    for s in &pending {
        if !olds.contains_key(&s.anchor_revision_id) {
            let text = Tx::revision(tx, &s.anchor_revision_id).await?.text;
            olds.insert(s.anchor_revision_id.clone(), text);
        }
    }
    let ranges: Vec<(RevisionId, usize, usize)> = pending
        .iter()
        .map(|s| {
            (
                s.anchor_revision_id.clone(),
                usize::try_from(s.anchor_start).unwrap_or(usize::MAX),
                usize::try_from(s.anchor_end).unwrap_or(usize::MAX),
            )
        })
        .collect();
    let new_text = head.text.clone();
    let mapped = crate::blocking::run(move || {
        let mut maps: HashMap<RevisionId, RangeMap> = HashMap::new();
        Ok(ranges
            .into_iter()
            .map(|(rev, start, end)| {
                let old = olds.get(&rev).map(String::as_str).unwrap_or_default();
                maps.entry(rev)
                    .or_insert_with(|| RangeMap::new(old, &new_text))
                    .map(start, end)
            })
            .collect::<Vec<_>>())
    })
    .await?;
    let now = now_ms();
    for (mut s, place) in pending.into_iter().zip(mapped) {
        let (next, effects) = step(
            s.state,
            &SuggestionEvent::DocumentChanged {
                passage_unchanged: place.is_some(),
            },
        )
        .map_err(super::refused)?;
        if let (true, Some((start, end))) = (effects.contains(&Effect::Rebase), place) {
            s.anchor_revision_id = head.meta.id.clone();
            s.anchor_start = start as i64;
            s.anchor_end = end as i64;
        }
        s.state = next;
        tx.update_suggestion(&s).await?;
        if next == SuggestionState::Stale {
            tx.append_event(
                event(
                    actor,
                    format!("suggestion:{}", s.id),
                    Some(&doc.project_id),
                    EventBody::SuggestionStale(SuggestionStale {
                        suggestion_id: s.id.clone(),
                        document_id: doc.id.clone(),
                        title: doc.title.clone(),
                        revision_id: head.meta.id.clone(),
                    }),
                ),
                now,
            )
            .await?;
        }
    }
    Ok(())
}

impl Suggestions<'_> {
    /// A revision's attribution (the document's newest when `revision` is `None`), with its
    /// totals: words and characters, and how many of them a model touched.
    pub async fn attribution(
        &self,
        document: &DocumentId,
        revision: Option<&RevisionId>,
    ) -> Result<AttributionReport> {
        let store = &self.app.store;
        let doc = store
            .get_document(document)
            .await
            .map_err(|e| self.app.not_shared(e, "document"))?;
        let id = match revision.or(doc.head_revision_id.as_ref()) {
            Some(id) => id.clone(),
            None => {
                return Err(CoreError::NotFound {
                    what: "revision",
                    id: doc.id.to_string(),
                })
            }
        };
        let rev = store.get_revision(&id).await?;
        if rev.meta.document_id != doc.id {
            return Err(CoreError::Conflict(format!(
                "revision {id} belongs to another document than “{}”",
                doc.title
            )));
        }
        let mut src = store;
        let attribution = attribution_of(&mut src, &rev).await?;
        crate::blocking::run(move || {
            Ok(AttributionReport::new(
                rev.meta.document_id.clone(),
                rev.meta.id.clone(),
                &rev.text,
                &attribution,
            ))
        })
        .await
    }
}
