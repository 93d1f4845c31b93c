//! Property tests of the review life cycle over random workflows (valid graphs of one to five
//! stages, with random roles and rules, listed in random order) and random events (decisions
//! by random people holding random roles, on random stages and rounds; new revisions touching
//! random scopes).
//!
//! The test keeps its own record of the approvals the machine accepted, built from the
//! events (not from the machine's state), and checks after every transition:
//! 1. a stage is open or approved only after every stage it waits for is approved; an
//!    approved stage's rule is met by the recorded approvals of its round; the review is
//!    locked exactly when every stage is approved;
//! 2. no approval by the author is accepted where the stage forbids self-approval;
//! 3. a locked or rejected review refuses every event;
//! 4. "request changes" and "reject" decide their stage and the round at once, and nothing
//!    more is decided on that stage;
//!
//! and that a new revision keeps only approvals of scene-scoped stages it left untouched.

use super::*;
use crate::ids::UserId;
use proptest::prelude::*;

const ALL_ROLES: u8 = 0b1111;

fn roles_of(mask: u8) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, r)| r)
        .collect()
}

/// A random valid template: stage `i` waits only for stages listed before it in creation
/// order (so the graph has no circle), then the list is shuffled.
fn any_template() -> impl Strategy<Value = WorkflowTemplate> {
    let stage = (
        1u8..16,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(1i64..500),
        any::<u8>(),
    );
    proptest::collection::vec(stage, 1..=5)
        .prop_map(|stages| {
            stages
                .into_iter()
                .enumerate()
                .map(
                    |(i, (roles, all, self_ok, scoped, due, after))| StageTemplate {
                        name: format!("s{i}"),
                        roles: roles_of(roles),
                        rule: if all {
                            ApprovalRule::All
                        } else {
                            ApprovalRule::Any
                        },
                        due_after_ms: due,
                        self_approval: self_ok,
                        scene_scoped: scoped,
                        after: (0..i)
                            .filter(|p| after & (1 << p) != 0)
                            .map(|p| format!("s{p}"))
                            .collect(),
                    },
                )
                .collect::<Vec<_>>()
        })
        .prop_shuffle()
        .prop_map(|stages| WorkflowTemplate {
            name: "random".into(),
            stages,
        })
}

/// An event, before it is bound to a workflow and a round.
#[derive(Debug, Clone)]
enum Intent {
    Decide {
        /// Below 5: a stage that does not exist; otherwise `pick % stages`.
        pick: u8,
        /// Person 0 is the author of the subject.
        person: u8,
        roles: u8,
        verdict: Verdict,
        /// Decides on the previous round (a superseded revision).
        stale: bool,
    },
    NewRevision {
        scope: u8,
    },
}

fn any_intent() -> impl Strategy<Value = Intent> {
    let verdict = prop_oneof![
        10 => Just(Verdict::Approve),
        3 => Just(Verdict::ApproveWithChanges),
        2 => Just(Verdict::RequestChanges),
        1 => Just(Verdict::Reject),
    ];
    let roles = prop_oneof![2 => Just(ALL_ROLES), 1 => 0u8..16];
    prop_oneof![
        12 => (0u8..100, 0u8..4, roles, verdict, proptest::bool::weighted(0.05)).prop_map(
            |(pick, person, roles, verdict, stale)| Intent::Decide {
                pick,
                person,
                roles,
                verdict,
                stale,
            }
        ),
        1 => any::<u8>().prop_map(|scope| Intent::NewRevision { scope }),
    ]
}

fn bind(w: &Workflow, state: &ReviewState, intent: &Intent, at: i64) -> ReviewEvent {
    let n = w.stages().len();
    match intent {
        Intent::Decide {
            pick,
            person,
            roles,
            verdict,
            stale,
        } => ReviewEvent::Decide(ReviewDecision {
            stage: if *pick < 5 {
                "nowhere".into()
            } else {
                w.stages()[usize::from(*pick) % n].name.clone()
            },
            round: if *stale {
                state.round.saturating_sub(1)
            } else {
                state.round
            },
            by: UserId(format!("p{person}")),
            roles: roles_of(*roles),
            is_author: *person == 0,
            verdict: *verdict,
            at,
        }),
        Intent::NewRevision { scope } => ReviewEvent::NewRevision {
            at,
            scope_changed: (0..n)
                .filter(|i| scope & (1 << i) != 0)
                .map(|i| w.stages()[i].name.clone())
                .collect(),
        },
    }
}

/// An approval as the test saw it accepted: the stage roles it covers, and whether the
/// author gave it.
type Seen = (Vec<Role>, bool);

fn rule_met_by(stage: &Stage, seen: &[Seen]) -> bool {
    match stage.rule {
        ApprovalRule::Any => !seen.is_empty(),
        ApprovalRule::All => stage
            .roles
            .iter()
            .all(|r| seen.iter().any(|(covers, _)| covers.contains(r))),
    }
}

fn check_invariants(
    w: &Workflow,
    s: &ReviewState,
    seen: &[Vec<Seen>],
) -> Result<(), TestCaseError> {
    let approved = |i: usize| s.stages[i].status.is_approved();
    for (i, stage) in w.stages().iter().enumerate() {
        let prerequisites_done = stage.after.iter().all(|p| approved(*p));
        match s.stages[i].status {
            StageStatus::Approved { .. } => {
                prop_assert!(
                    prerequisites_done,
                    "{} approved before its prerequisites",
                    stage.name
                );
                prop_assert!(
                    rule_met_by(stage, &seen[i]),
                    "{} approved without its rule: {:?}",
                    stage.name,
                    seen[i]
                );
                prop_assert!(stage.self_approval || seen[i].iter().all(|(_, author)| !author));
            }
            StageStatus::Open { .. } => {
                prop_assert!(prerequisites_done, "{} open too early", stage.name)
            }
            StageStatus::Waiting => {
                if s.status == ReviewStatus::InReview {
                    prop_assert!(!prerequisites_done, "{} stalled", stage.name);
                }
            }
            StageStatus::ChangesRequested { .. } | StageStatus::Rejected { .. } => {}
        }
    }
    let all_approved = (0..s.stages.len()).all(approved);
    prop_assert_eq!(s.status == ReviewStatus::Locked, all_approved);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_sequence_of_events_locks_a_review_without_every_stage_approved(
        template in any_template(),
        intents in proptest::collection::vec(any_intent(), 0..80),
    ) {
        let w = template.validate().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (mut state, _) = ReviewState::start(&w, 0);
        let mut seen: Vec<Vec<Seen>> = vec![Vec::new(); w.stages().len()];
        check_invariants(&w, &state, &seen)?;
        for (k, intent) in intents.iter().enumerate() {
            let at = 10 * (k as i64 + 1);
            let event = bind(&w, &state, intent, at);
            let result = step(&w, &state, &event);
            // 3. A final review refuses everything; a refusal changes nothing (the machine
            // only borrows the state, so `state` stays as it was).
            match state.status {
                ReviewStatus::Locked => prop_assert_eq!(&result, &Err(ReviewError::Locked)),
                ReviewStatus::Rejected => prop_assert_eq!(&result, &Err(ReviewError::Rejected)),
                _ => {}
            }
            let Ok((next, effects)) = result else { continue };
            match &event {
                ReviewEvent::Decide(d) => {
                    let i = w.position(&d.stage).ok_or_else(|| TestCaseError::fail("unknown stage accepted"))?;
                    let stage = &w.stages()[i];
                    prop_assert_eq!(d.round, state.round);
                    prop_assert_eq!(next.round, state.round);
                    let was_open = matches!(state.stages[i].status, StageStatus::Open { .. });
                    prop_assert!(was_open);
                    let covers: Vec<Role> = stage.roles.iter().copied().filter(|r| d.roles.contains(r)).collect();
                    prop_assert!(!covers.is_empty(), "a decision without the stage's role was accepted");
                    // 2. Self-approval never counts where forbidden.
                    if d.verdict.approves() {
                        prop_assert!(stage.self_approval || !d.is_author, "self-approval accepted on {}", stage.name);
                        seen[i].push((covers, d.is_author));
                    }
                    // 4. Request changes / reject decide the stage and the round at once.
                    let ended = match d.verdict {
                        Verdict::RequestChanges => Some((StageStatus::ChangesRequested { at }, ReviewStatus::ChangesRequested)),
                        Verdict::Reject => Some((StageStatus::Rejected { at }, ReviewStatus::Rejected)),
                        _ => None,
                    };
                    if let Some((stage_status, review_status)) = ended {
                        prop_assert_eq!(next.stages[i].status, stage_status);
                        prop_assert_eq!(next.status, review_status);
                        let anyone = ReviewEvent::Decide(ReviewDecision {
                            by: UserId::from("newcomer"),
                            roles: roles_of(ALL_ROLES),
                            is_author: false,
                            verdict: Verdict::Approve,
                            ..d.clone()
                        });
                        prop_assert!(step(&w, &next, &anyone).is_err());
                    }
                    // Only this stage's status can change, besides stages it opened.
                    for (j, (before, after)) in state.stages.iter().zip(&next.stages).enumerate() {
                        if j != i && before.status != after.status {
                            prop_assert_eq!(before.status, StageStatus::Waiting);
                            prop_assert_eq!(after.status, StageStatus::Open { since: at });
                        }
                    }
                }
                ReviewEvent::NewRevision { scope_changed, .. } => {
                    prop_assert_eq!(next.round, state.round + 1);
                    for (i, stage) in w.stages().iter().enumerate() {
                        if next.stages[i].status.is_approved() {
                            prop_assert!(state.stages[i].status.is_approved());
                            prop_assert!(stage.scene_scoped && !scope_changed.contains(&stage.name),
                                "{} kept its approval though it may not", stage.name);
                            prop_assert_eq!(&next.stages[i], &state.stages[i]);
                        } else {
                            prop_assert!(next.stages[i].decisions.is_empty());
                            seen[i].clear();
                        }
                    }
                }
            }
            // Each stage's outcome is announced once, when it changes.
            for (i, stage) in w.stages().iter().enumerate() {
                let announced = effects.iter().filter(|f| matches!(f, ReviewEffect::StageApproved { stage: s } if *s == stage.name)).count();
                let became = !state.stages[i].status.is_approved() && next.stages[i].status.is_approved();
                prop_assert_eq!(announced, usize::from(became));
            }
            let locks = effects.iter().filter(|f| **f == ReviewEffect::Locked).count();
            prop_assert_eq!(locks, usize::from(next.status == ReviewStatus::Locked));
            check_invariants(&w, &next, &seen)?;
            state = next;
        }
    }

    #[test]
    fn a_template_is_refused_exactly_when_its_stages_wait_in_a_circle(
        template in any_template(),
        from in 0usize..5,
    ) {
        // Make s0 (which waits for nothing) wait for another stage, or for itself: that
        // closes a circle exactly when that stage waits, directly or not, for s0.
        let mut t = template;
        let target = format!("s{}", from % t.stages.len());
        let waits_for = |t: &WorkflowTemplate, name: &str| -> Vec<String> {
            t.stages.iter().find(|s| s.name == name).map(|s| s.after.clone()).unwrap_or_default()
        };
        let mut reached = vec![target.clone()];
        let mut k = 0;
        while k < reached.len() {
            for p in waits_for(&t, &reached[k]) {
                if !reached.contains(&p) {
                    reached.push(p);
                }
            }
            k += 1;
        }
        let circle = reached.iter().any(|s| s == "s0");
        if let Some(first) = t.stages.iter_mut().find(|s| s.name == "s0") {
            first.after.push(target);
        }
        match t.validate() {
            Err(TemplateError::Cycle(names)) => {
                prop_assert!(circle);
                prop_assert!(names.len() >= 2 && names.first() == names.last(), "{:?}", names);
            }
            Err(other) => prop_assert!(false, "unexpected {}", other),
            Ok(_) => prop_assert!(!circle),
        }
    }
}
