//! The life cycle of a suggestion: a model's take on a passage that a person accepts (whole,
//! after editing it, or some of its hunks), rejects with a reason, or leaves until it goes
//! stale. A pure state machine, `(state, event) -> Result<(state, effects)>`: core carries
//! the effects out (in one transaction with their ledger events), so the rules live in one
//! place and are property-tested.
//!
//! The invariant that matters: a model never writes into a script on its own. Text from a
//! suggestion reaches a revision only through [`Effect::CreateRevision`], which only a
//! person's acceptance of a suggestion that still applies to its passage produces.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

/// Why a writer rejected a take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum RejectReason {
    OffTone,
    Inaccurate,
    TooLong,
    NotMyVoice,
    Other,
}

impl RejectReason {
    pub const ALL: [RejectReason; 5] = [
        Self::OffTone,
        Self::Inaccurate,
        Self::TooLong,
        Self::NotMyVoice,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::OffTone => "off-tone",
            Self::Inaccurate => "inaccurate",
            Self::TooLong => "too-long",
            Self::NotMyVoice => "not-my-voice",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<RejectReason> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Where a suggestion stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionState {
    /// Waiting for a decision; still applies to its passage.
    Pending,
    /// Accepted whole, as the model wrote it.
    Accepted,
    /// Accepted after the writer edited the take.
    AcceptedWithEdits,
    /// Some of its hunks were accepted.
    PartlyAccepted,
    Rejected,
    /// Its passage changed since it was made: it cannot be applied blindly.
    Stale,
    /// Withdrawn before a decision (its run was cancelled or replaced).
    Withdrawn,
}

impl SuggestionState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::AcceptedWithEdits => "accepted_with_edits",
            Self::PartlyAccepted => "partly_accepted",
            Self::Rejected => "rejected",
            Self::Stale => "stale",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Whether a person accepted (some of) it.
    pub fn is_accepted(self) -> bool {
        matches!(
            self,
            Self::Accepted | Self::AcceptedWithEdits | Self::PartlyAccepted
        )
    }
}

/// What can happen to a suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuggestionEvent {
    /// A person accepts: every hunk as the model wrote it (`edited: false`, `hunks: None`),
    /// after editing the take (`edited: true`), or only the listed hunks.
    Accept {
        edited: bool,
        hunks: Option<Vec<usize>>,
        hunk_count: usize,
    },
    Reject {
        reason: RejectReason,
    },
    /// The document got a new revision; `passage_unchanged` says whether the suggestion's
    /// passage is still there, character for character (then it moves with it).
    DocumentChanged {
        passage_unchanged: bool,
    },
    Withdraw,
    /// A rejected suggestion is looked at again.
    Reopen {
        passage_unchanged: bool,
    },
    /// The acceptance is undone (one action, itself recorded).
    UndoAcceptance,
}

/// What core must do for a transition, in order, in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save a new revision with the accepted text (the same path as a person's save).
    CreateRevision,
    /// Save a new revision restoring the text from before the acceptance.
    RevertRevision,
    /// Move the suggestion's anchor to the passage's place in the new revision.
    Rebase,
    /// Record the decision (with its reason, time to decision and edit distance).
    RecordDecision,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransitionError {
    #[error("this suggestion was already decided ({0}); reopen or undo it first")]
    AlreadyDecided(&'static str),
    #[error("this suggestion is stale: its passage changed since it was made. Ask for a fresh take from the new text")]
    Stale,
    #[error("this suggestion was withdrawn")]
    Withdrawn,
    #[error("no hunk was chosen; choose at least one, or reject the suggestion")]
    NoHunks,
    #[error("hunk {0} does not exist (this take has {1})")]
    NoSuchHunk(usize, usize),
    #[error("only an accepted suggestion can be undone")]
    NothingToUndo,
    #[error("only a rejected suggestion can be reopened")]
    NotRejected,
}

/// The transition function.
pub fn step(
    state: SuggestionState,
    event: &SuggestionEvent,
) -> Result<(SuggestionState, Vec<Effect>), TransitionError> {
    use SuggestionEvent as E;
    use SuggestionState as S;
    match (state, event) {
        (
            S::Pending,
            E::Accept {
                edited,
                hunks,
                hunk_count,
            },
        ) => {
            let next = match hunks {
                None if *edited => S::AcceptedWithEdits,
                None => S::Accepted,
                Some(chosen) => {
                    if chosen.is_empty() {
                        return Err(TransitionError::NoHunks);
                    }
                    if let Some(bad) = chosen.iter().find(|h| **h == 0 || **h > *hunk_count) {
                        return Err(TransitionError::NoSuchHunk(*bad, *hunk_count));
                    }
                    let mut distinct = chosen.clone();
                    distinct.sort_unstable();
                    distinct.dedup();
                    if distinct.len() == *hunk_count && !*edited {
                        S::Accepted
                    } else if distinct.len() == *hunk_count {
                        S::AcceptedWithEdits
                    } else {
                        S::PartlyAccepted
                    }
                }
            };
            Ok((next, vec![Effect::CreateRevision, Effect::RecordDecision]))
        }
        (S::Pending, E::Reject { .. }) => Ok((S::Rejected, vec![Effect::RecordDecision])),
        (
            S::Pending,
            E::DocumentChanged {
                passage_unchanged: true,
            },
        ) => Ok((S::Pending, vec![Effect::Rebase])),
        (
            S::Pending,
            E::DocumentChanged {
                passage_unchanged: false,
            },
        ) => Ok((S::Stale, vec![])),
        (S::Pending | S::Stale, E::Withdraw) => Ok((S::Withdrawn, vec![])),
        (
            S::Rejected,
            E::Reopen {
                passage_unchanged: true,
            },
        ) => Ok((S::Pending, vec![Effect::Rebase])),
        (
            S::Rejected,
            E::Reopen {
                passage_unchanged: false,
            },
        ) => Ok((S::Stale, vec![])),
        (_, E::Reopen { .. }) => Err(TransitionError::NotRejected),
        (s, E::UndoAcceptance) if s.is_accepted() => Ok((
            S::Pending,
            vec![Effect::RevertRevision, Effect::RecordDecision],
        )),
        (_, E::UndoAcceptance) => Err(TransitionError::NothingToUndo),
        // Decided suggestions and later edits: the decision stands; a rejected or stale one
        // simply stays what it is when the document changes.
        (s, E::DocumentChanged { .. }) => Ok((s, vec![])),
        (S::Stale, E::Accept { .. } | E::Reject { .. }) => Err(TransitionError::Stale),
        (S::Withdrawn, _) => Err(TransitionError::Withdrawn),
        (s, E::Accept { .. } | E::Reject { .. } | E::Withdraw) => {
            Err(TransitionError::AlreadyDecided(s.as_str()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn accept_all() -> SuggestionEvent {
        SuggestionEvent::Accept {
            edited: false,
            hunks: None,
            hunk_count: 3,
        }
    }

    #[test]
    fn a_take_is_accepted_whole_edited_or_in_part() {
        assert_eq!(
            step(SuggestionState::Pending, &accept_all()).map(|s| s.0),
            Ok(SuggestionState::Accepted)
        );
        let edited = SuggestionEvent::Accept {
            edited: true,
            hunks: None,
            hunk_count: 3,
        };
        assert_eq!(
            step(SuggestionState::Pending, &edited).map(|s| s.0),
            Ok(SuggestionState::AcceptedWithEdits)
        );
        let some = SuggestionEvent::Accept {
            edited: false,
            hunks: Some(vec![1, 3]),
            hunk_count: 3,
        };
        assert_eq!(
            step(SuggestionState::Pending, &some).map(|s| s.0),
            Ok(SuggestionState::PartlyAccepted)
        );
        let every = SuggestionEvent::Accept {
            edited: false,
            hunks: Some(vec![3, 2, 1, 2]),
            hunk_count: 3,
        };
        assert_eq!(
            step(SuggestionState::Pending, &every).map(|s| s.0),
            Ok(SuggestionState::Accepted)
        );
        let none = SuggestionEvent::Accept {
            edited: false,
            hunks: Some(vec![]),
            hunk_count: 3,
        };
        assert_eq!(
            step(SuggestionState::Pending, &none),
            Err(TransitionError::NoHunks)
        );
        let bad = SuggestionEvent::Accept {
            edited: false,
            hunks: Some(vec![4]),
            hunk_count: 3,
        };
        assert_eq!(
            step(SuggestionState::Pending, &bad),
            Err(TransitionError::NoSuchHunk(4, 3))
        );
    }

    #[test]
    fn a_stale_suggestion_is_never_applied_and_says_why() {
        let (s, _) = step(
            SuggestionState::Pending,
            &SuggestionEvent::DocumentChanged {
                passage_unchanged: false,
            },
        )
        .expect("stale");
        assert_eq!(s, SuggestionState::Stale);
        let err = step(s, &accept_all()).expect_err("refused");
        assert!(err.to_string().contains("fresh take"));
    }

    #[test]
    fn rejected_suggestions_reopen_and_acceptances_undo() {
        let (s, fx) = step(
            SuggestionState::Pending,
            &SuggestionEvent::Reject {
                reason: RejectReason::TooLong,
            },
        )
        .expect("reject");
        assert_eq!(
            (s, fx),
            (SuggestionState::Rejected, vec![Effect::RecordDecision])
        );
        let (s, _) = step(
            s,
            &SuggestionEvent::Reopen {
                passage_unchanged: true,
            },
        )
        .expect("reopen");
        assert_eq!(s, SuggestionState::Pending);
        let (s, _) = step(s, &accept_all()).expect("accept");
        let (s, fx) = step(s, &SuggestionEvent::UndoAcceptance).expect("undo");
        assert_eq!(s, SuggestionState::Pending);
        assert_eq!(fx[0], Effect::RevertRevision);
        for reason in RejectReason::ALL {
            assert_eq!(RejectReason::parse(reason.as_str()), Some(reason));
        }
    }

    fn any_event() -> impl Strategy<Value = SuggestionEvent> {
        prop_oneof![
            (
                any::<bool>(),
                proptest::option::of(proptest::collection::vec(0usize..5, 0..4))
            )
                .prop_map(|(edited, hunks)| SuggestionEvent::Accept {
                    edited,
                    hunks,
                    hunk_count: 3
                }),
            (0usize..5).prop_map(|i| SuggestionEvent::Reject {
                reason: RejectReason::ALL[i]
            }),
            any::<bool>().prop_map(|u| SuggestionEvent::DocumentChanged {
                passage_unchanged: u
            }),
            Just(SuggestionEvent::Withdraw),
            any::<bool>().prop_map(|u| SuggestionEvent::Reopen {
                passage_unchanged: u
            }),
            Just(SuggestionEvent::UndoAcceptance),
        ]
    }

    proptest! {
        /// Over any sequence of events: text reaches a revision only by accepting a
        /// suggestion that still applies (pending, never stale or withdrawn); every revision
        /// an acceptance made is undone by at most one revert; a refused event changes
        /// nothing.
        #[test]
        fn only_an_acceptance_of_an_applicable_suggestion_writes_text(
            events in proptest::collection::vec(any_event(), 0..40)
        ) {
            let mut state = SuggestionState::Pending;
            let mut applied: i64 = 0;
            for e in &events {
                let before = state;
                match step(state, e) {
                    Ok((next, effects)) => {
                        let creates = effects.iter().filter(|f| **f == Effect::CreateRevision).count();
                        let reverts = effects.iter().filter(|f| **f == Effect::RevertRevision).count();
                        if creates > 0 {
                            prop_assert_eq!(before, SuggestionState::Pending);
                            let is_accept = matches!(e, SuggestionEvent::Accept { .. });
                            prop_assert!(is_accept);
                            prop_assert!(next.is_accepted());
                        }
                        if reverts > 0 {
                            prop_assert!(before.is_accepted());
                        }
                        applied += creates as i64 - reverts as i64;
                        prop_assert!((0..=1).contains(&applied));
                        prop_assert_eq!(applied == 1, next.is_accepted());
                        state = next;
                    }
                    Err(_) => prop_assert_eq!(state, before),
                }
                if state == SuggestionState::Withdrawn {
                    let refused = step(state, &accept_all()).is_err();
                    prop_assert!(refused);
                }
            }
        }
    }
}
