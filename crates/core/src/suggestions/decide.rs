//! A person's decisions on a suggestion: accept (whole, edited, or some hunks), reject with a
//! reason, undo an acceptance, reopen a rejection. Each is one transaction that locks the
//! document, then the suggestion, checks the transition with the domain's state machine and
//! carries out its effects with their ledger events. An acceptance and its undoing each save
//! one revision whose parent is the document's newest, exactly as a person's save does, so
//! two acceptances racing on one document queue, and the second finds its passage changed
//! (stale: refused, nothing lost) or moved (applied where the passage now is).

use super::attribution::{attribution_of, refresh_pending};
use super::{elapsed, refused, Suggestions};
use crate::app::event;
use crate::documents::{check_size, revision_event};
use crate::error::CoreError;
use crate::{now_ms, Result};
use greenlight_domain::actor::Actor;
use greenlight_domain::attribution::{Edit, Origin};
use greenlight_domain::document::Document;
use greenlight_domain::error::fields;
use greenlight_domain::events::payloads::{
    SuggestionAccepted, SuggestionRejected, SuggestionReopened, SuggestionUndone,
};
use greenlight_domain::events::EventBody;
use greenlight_domain::ids::{RevisionId, SuggestionId};
use greenlight_domain::permission::Action;
use greenlight_domain::revision::{content_hash, Revision, RevisionMeta};
use greenlight_domain::suggestion::{step, Effect, RejectReason, SuggestionEvent, SuggestionState};
use greenlight_domain::suggestion_record::{AppliedSuggestion, Decision, Suggestion};
use greenlight_domain::take::{
    accepted_origins, apply_hunks, char_slice, map_range, max_take_chars, normalized_edit_distance,
    splice,
};
use greenlight_domain::text::{clean_paragraph, word_count};
use greenlight_domain::DomainError;
use greenlight_store::Tx;

/// Longest note on a rejection, in characters.
const MAX_NOTE_CHARS: usize = 2_000;

impl Suggestions<'_> {
    /// Accepts a pending suggestion: every hunk (`hunks: None`) or only those numbered (from
    /// 1); `edited_text`, when given, is what the writer made of the take and is accepted
    /// instead. Saves one revision replacing the passage; refused as a conflict, with
    /// nothing written, when the passage changed since (the suggestion is then stale).
    pub async fn accept(
        &self,
        actor: &Actor,
        id: &SuggestionId,
        hunks: Option<Vec<usize>>,
        edited_text: Option<String>,
    ) -> Result<AppliedSuggestion> {
        let edited_text = match edited_text {
            Some(t) => Some(clean_edit(&t)?),
            None => None,
        };
        let (mut tx, doc, s) = self.lock(id).await?;
        self.app
            .require_in(&mut tx, actor, &doc.project_id, Action::ChangeText)
            .await?;
        let head = current_head(&mut tx, &doc).await?;
        if s.state == SuggestionState::Pending && s.anchor_revision_id != head.meta.id {
            // Not moved with its passage yet (a revision saved by an older version): now.
            refresh_pending(&mut tx, actor, &doc, &head).await?;
            let now_state = tx.suggestion(id).await?;
            if now_state.state == SuggestionState::Stale {
                tx.commit().await?;
                return Err(refused(
                    greenlight_domain::suggestion::TransitionError::Stale,
                ));
            }
        }
        let s = tx.suggestion(id).await?;
        let suggested = match &hunks {
            None => s.text.clone(),
            Some(chosen) => apply_hunks(&s.passage, &s.hunks, chosen),
        };
        let accepted = edited_text.unwrap_or_else(|| suggested.clone());
        let edited = accepted != suggested;
        let (next, effects) = step(
            s.state,
            &SuggestionEvent::Accept {
                edited,
                hunks: hunks.clone(),
                hunk_count: s.hunks.len(),
            },
        )
        .map_err(refused)?;
        if accepted == s.passage {
            return Err(CoreError::Invalid(DomainError::Refused {
                field: fields::ACCEPTED_TEXT,
                reason: "this is the passage as it already is; reject the suggestion instead"
                    .into(),
            }));
        }
        let max = max_take_chars(s.passage.chars().count());
        if accepted.chars().count() > max {
            return Err(DomainError::TooLong {
                field: fields::ACCEPTED_TEXT,
                actual: accepted.chars().count(),
                max,
            }
            .into());
        }
        let (start, end) = anchor(&s)?;
        if char_slice(&head.text, start, end) != Some(s.passage.as_str()) {
            return Err(CoreError::Internal(format!(
                "suggestion {id} is not where its passage is"
            )));
        }
        let now = now_ms();
        let mut revision = None;
        let mut ai_chars = 0usize;
        let mut after = s.clone();
        for effect in effects {
            match effect {
                Effect::CreateRevision => {
                    let before = attribution_of(&mut tx, &head).await?;
                    let runs = accepted_origins(
                        &s.passage,
                        &before.slice(start, end),
                        &suggested,
                        &accepted,
                        s.id.as_str(),
                    );
                    ai_chars = runs
                        .iter()
                        .filter(|(_, o)| matches!(o, Origin::Ai { suggestion_id, .. } if suggestion_id == s.id.as_str()))
                        .map(|(n, _)| n)
                        .sum();
                    let mut attribution = before;
                    attribution
                        .apply(&Edit {
                            start,
                            end,
                            inserted: runs,
                        })
                        .map_err(|e| CoreError::Internal(e.to_string()))?;
                    let text = splice(&head.text, start, end, &accepted)
                        .ok_or_else(|| CoreError::Internal("passage out of range".into()))?;
                    let r = save_revision(&mut tx, actor, &doc, &head, text, now).await?;
                    tx.insert_attribution(&r.meta.id, &doc.id, &attribution, now)
                        .await?;
                    revision = Some(r);
                }
                Effect::RecordDecision => {
                    let Some(r) = &revision else {
                        return Err(CoreError::Internal("no revision to record".into()));
                    };
                    let distance = normalized_edit_distance(&suggested, &accepted);
                    after.state = next;
                    after.decision = Some(Decision {
                        by: actor.id.clone(),
                        by_name: actor.name.clone(),
                        at: now,
                        ms_to_decide: elapsed(s.created_at, now),
                        reason: None,
                        note: None,
                        edited,
                        edit_distance: Some(distance),
                        accepted_revision_id: Some(r.meta.id.clone()),
                        accepted_text: Some(accepted.clone()),
                        hunks_accepted: hunks.clone(),
                    });
                    tx.update_suggestion(&after).await?;
                    tx.append_event(
                        decision_event(
                            actor,
                            &doc,
                            &s,
                            EventBody::SuggestionAccepted(SuggestionAccepted {
                                suggestion_id: s.id.clone(),
                                document_id: doc.id.clone(),
                                title: doc.title.clone(),
                                revision_id: r.meta.id.clone(),
                                state: next.as_str().to_owned(),
                                edited,
                                edit_distance_ppm: (distance * 1_000_000.0).round() as i64,
                                hunks: hunks.clone(),
                                accepted_hash: content_hash(&accepted),
                                ai_chars: ai_chars as i64,
                                ms_to_decide: elapsed(s.created_at, now),
                            }),
                        ),
                        now,
                    )
                    .await?;
                }
                Effect::RevertRevision | Effect::Rebase => {}
            }
        }
        let Some(r) = revision else {
            return Err(CoreError::Internal("an acceptance saved nothing".into()));
        };
        refresh_pending(&mut tx, actor, &doc, &r).await?;
        let suggestion = tx.suggestion(id).await?;
        tx.commit().await?;
        Ok(AppliedSuggestion {
            suggestion,
            revision: r.meta,
        })
    }

    /// Rejects a pending suggestion with a reason (`other` needs a note). It stays visible,
    /// and can be reopened.
    pub async fn reject(
        &self,
        actor: &Actor,
        id: &SuggestionId,
        reason: RejectReason,
        note: Option<String>,
    ) -> Result<Suggestion> {
        let note = match note {
            Some(n) => Some(clean_paragraph(fields::NOTE, &n, MAX_NOTE_CHARS)?),
            None => None,
        }
        .filter(|n| !n.is_empty());
        if reason == RejectReason::Other && note.is_none() {
            return Err(DomainError::Empty {
                field: fields::NOTE,
            }
            .into());
        }
        let (mut tx, doc, s) = self.lock(id).await?;
        self.app
            .require_in(&mut tx, actor, &doc.project_id, Action::ChangeText)
            .await?;
        let (next, _) = step(s.state, &SuggestionEvent::Reject { reason }).map_err(refused)?;
        let now = now_ms();
        let mut after = s.clone();
        after.state = next;
        after.decision = Some(Decision {
            by: actor.id.clone(),
            by_name: actor.name.clone(),
            at: now,
            ms_to_decide: elapsed(s.created_at, now),
            reason: Some(reason),
            note: note.clone(),
            edited: false,
            edit_distance: None,
            accepted_revision_id: None,
            accepted_text: None,
            hunks_accepted: None,
        });
        tx.update_suggestion(&after).await?;
        tx.append_event(
            decision_event(
                actor,
                &doc,
                &s,
                EventBody::SuggestionRejected(SuggestionRejected {
                    suggestion_id: s.id.clone(),
                    document_id: doc.id.clone(),
                    title: doc.title.clone(),
                    reason,
                    note,
                    ms_to_decide: elapsed(s.created_at, now),
                }),
            ),
            now,
        )
        .await?;
        let after = tx.suggestion(id).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Undoes an acceptance in one action: one new revision puts the passage back where the
    /// accepted text is (with the origins it had), and the suggestion is pending again.
    /// Refused, with nothing written, when the accepted text was edited since.
    pub async fn undo(&self, actor: &Actor, id: &SuggestionId) -> Result<AppliedSuggestion> {
        let (mut tx, doc, s) = self.lock(id).await?;
        self.app
            .require_in(&mut tx, actor, &doc.project_id, Action::ChangeText)
            .await?;
        let (next, _) = step(s.state, &SuggestionEvent::UndoAcceptance).map_err(refused)?;
        let (Some(accepted_rev), Some(accepted_text)) = (
            s.decision
                .as_ref()
                .and_then(|d| d.accepted_revision_id.clone()),
            s.decision.as_ref().and_then(|d| d.accepted_text.clone()),
        ) else {
            return Err(CoreError::Internal(format!(
                "suggestion {id} is accepted but its acceptance is not recorded"
            )));
        };
        let head = current_head(&mut tx, &doc).await?;
        let (start, _) = anchor(&s)?;
        let end = start + accepted_text.chars().count();
        let place = if head.meta.id == accepted_rev {
            Some((start, end))
        } else {
            let then = tx.revision(&accepted_rev).await?;
            map_range(&then.text, &head.text, start, end)
        };
        let Some((at, to)) = place else {
            return Err(CoreError::Conflict(
                "the accepted text was edited since, so it cannot be put back in one step; edit the passage instead".into(),
            ));
        };
        // The passage's characters get back the origins they had before the acceptance.
        let before_rev = tx.revision(&s.anchor_revision_id).await?;
        let before = attribution_of(&mut tx, &before_rev).await?;
        let (p_start, p_end) = anchor(&s)?;
        let mut attribution = attribution_of(&mut tx, &head).await?;
        attribution
            .apply(&Edit {
                start: at,
                end: to,
                inserted: before.slice(p_start, p_end),
            })
            .map_err(|e| CoreError::Internal(e.to_string()))?;
        let text = splice(&head.text, at, to, &s.passage)
            .ok_or_else(|| CoreError::Internal("accepted text out of range".into()))?;
        let now = now_ms();
        let r = save_revision(&mut tx, actor, &doc, &head, text, now).await?;
        tx.insert_attribution(&r.meta.id, &doc.id, &attribution, now)
            .await?;
        let mut after = s.clone();
        after.state = next;
        after.decision = None;
        after.anchor_revision_id = r.meta.id.clone();
        after.anchor_start = at as i64;
        after.anchor_end = (at + s.passage.chars().count()) as i64;
        tx.update_suggestion(&after).await?;
        tx.append_event(
            decision_event(
                actor,
                &doc,
                &s,
                EventBody::SuggestionUndone(SuggestionUndone {
                    suggestion_id: s.id.clone(),
                    document_id: doc.id.clone(),
                    title: doc.title.clone(),
                    undone_revision_id: accepted_rev,
                    revision_id: r.meta.id.clone(),
                }),
            ),
            now,
        )
        .await?;
        refresh_pending(&mut tx, actor, &doc, &r).await?;
        let suggestion = tx.suggestion(id).await?;
        tx.commit().await?;
        Ok(AppliedSuggestion {
            suggestion,
            revision: r.meta,
        })
    }

    /// Looks at a rejected suggestion again: pending when its passage is still there
    /// unchanged, stale otherwise.
    pub async fn reopen(&self, actor: &Actor, id: &SuggestionId) -> Result<Suggestion> {
        let (mut tx, doc, s) = self.lock(id).await?;
        self.app
            .require_in(&mut tx, actor, &doc.project_id, Action::ChangeText)
            .await?;
        let head = current_head(&mut tx, &doc).await?;
        let (start, end) = anchor(&s)?;
        let place = if head.meta.id == s.anchor_revision_id {
            Some((start, end))
        } else {
            let then = tx.revision(&s.anchor_revision_id).await?;
            map_range(&then.text, &head.text, start, end)
        };
        let (next, effects) = step(
            s.state,
            &SuggestionEvent::Reopen {
                passage_unchanged: place.is_some(),
            },
        )
        .map_err(refused)?;
        let mut after = s.clone();
        after.state = next;
        after.decision = None;
        if let (true, Some((a, b))) = (effects.contains(&Effect::Rebase), place) {
            after.anchor_revision_id = head.meta.id.clone();
            after.anchor_start = a as i64;
            after.anchor_end = b as i64;
        }
        tx.update_suggestion(&after).await?;
        let now = now_ms();
        tx.append_event(
            decision_event(
                actor,
                &doc,
                &s,
                EventBody::SuggestionReopened(SuggestionReopened {
                    suggestion_id: s.id.clone(),
                    document_id: doc.id.clone(),
                    title: doc.title.clone(),
                    state: next.as_str().to_owned(),
                }),
            ),
            now,
        )
        .await?;
        let after = tx.suggestion(id).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Starts a decision: locks the suggestion's document, then the suggestion (always in
    /// this order, so two decisions on one document queue instead of deadlocking).
    async fn lock(&self, id: &SuggestionId) -> Result<(Tx, Document, Suggestion)> {
        let peek = self.get(id).await?;
        let mut tx = self.app.store.begin().await?;
        let doc = tx.document(&peek.document_id).await?;
        let s = tx.suggestion(id).await?;
        Ok((tx, doc, s))
    }
}

/// The document's newest revision, read in the transaction.
async fn current_head(tx: &mut Tx, doc: &Document) -> Result<Revision> {
    match &doc.head_revision_id {
        Some(h) => Ok(tx.revision(h).await?),
        None => Err(CoreError::NotFound {
            what: "newest revision",
            id: doc.id.to_string(),
        }),
    }
}

/// A suggestion's passage as character offsets.
fn anchor(s: &Suggestion) -> Result<(usize, usize)> {
    match (
        usize::try_from(s.anchor_start),
        usize::try_from(s.anchor_end),
    ) {
        (Ok(a), Ok(b)) if a <= b => Ok((a, b)),
        _ => Err(CoreError::Internal(format!(
            "suggestion {} has no valid passage",
            s.id
        ))),
    }
}

/// Saves `text` as the document's next revision (parent: `head`), as a person's save does,
/// with its `revision.saved` event.
async fn save_revision(
    tx: &mut Tx,
    actor: &Actor,
    doc: &Document,
    head: &Revision,
    text: String,
    now: i64,
) -> Result<Revision> {
    check_size(&doc.title, &text)?;
    let revision = Revision {
        meta: RevisionMeta {
            id: RevisionId::new(),
            document_id: doc.id.clone(),
            parent_id: Some(head.meta.id.clone()),
            author_id: actor.id.clone(),
            author_name: actor.name.clone(),
            content_hash: content_hash(&text),
            word_count: word_count(&text) as i64,
            created_at: now,
        },
        text,
    };
    let saved = tx.insert_revision(&revision).await?;
    tx.append_event(
        revision_event(actor, &saved, &revision, head.meta.word_count),
        now,
    )
    .await?;
    crate::reviews::after_revision(tx, actor, &saved, &revision).await?;
    Ok(revision)
}

fn decision_event(
    actor: &Actor,
    doc: &Document,
    s: &Suggestion,
    body: EventBody,
) -> greenlight_domain::ledger::EventDraft {
    event(
        actor,
        format!("suggestion:{}", s.id),
        Some(&doc.project_id),
        body,
    )
}

/// A writer's edit of a take: line ends normalized, no control characters.
fn clean_edit(text: &str) -> Result<String> {
    let text = text.replace("\r\n", "\n");
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(DomainError::ControlCharacters {
            field: fields::ACCEPTED_TEXT,
        }
        .into());
    }
    Ok(text)
}
