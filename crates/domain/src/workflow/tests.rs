//! Unit tests of the review life cycle: the default template's happy path, each refusal,
//! rules, parallel stages, the scene-scoped rule of new rounds, and the inbox's questions.

use super::*;
use crate::ids::UserId;

pub(super) const T0: i64 = 1_000;

pub(super) fn default_workflow() -> Workflow {
    WorkflowTemplate::default_template()
        .validate()
        .expect("the default template is valid")
}

fn decision(stage: &str, round: u32, by: &str, roles: &[Role], verdict: Verdict) -> ReviewEvent {
    ReviewEvent::Decide(ReviewDecision {
        stage: stage.into(),
        round,
        by: UserId::from(by),
        roles: roles.to_vec(),
        is_author: false,
        verdict,
        at: T0 + 10,
    })
}

fn by_author(event: ReviewEvent) -> ReviewEvent {
    match event {
        ReviewEvent::Decide(d) => ReviewEvent::Decide(ReviewDecision {
            is_author: true,
            ..d
        }),
        other => other,
    }
}

fn apply(w: &Workflow, s: &ReviewState, e: &ReviewEvent) -> (ReviewState, Vec<ReviewEffect>) {
    step(w, s, e).unwrap_or_else(|err| panic!("{e:?} refused: {err}"))
}

fn status(s: &ReviewState, stage: &str) -> &'static str {
    s.stage(stage).map_or("missing", |st| st.status.as_str())
}

fn opened(stage: &str) -> ReviewEffect {
    ReviewEffect::StageOpened {
        stage: stage.into(),
        due_at: None,
    }
}

#[test]
fn the_default_workflow_goes_from_draft_through_producer_and_legal_to_locked() {
    let w = default_workflow();
    let names: Vec<&str> = w.stages().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["draft", "producer", "legal"]);
    let (s, fx) = ReviewState::start(&w, T0);
    assert_eq!(fx, vec![opened("draft")]);
    assert_eq!(
        (status(&s, "draft"), status(&s, "producer")),
        ("open", "waiting")
    );

    // The writer hands in their own draft: self-approval counts there.
    let draft = by_author(decision(
        "draft",
        1,
        "wren",
        &[Role::Writer],
        Verdict::Approve,
    ));
    let (s, fx) = apply(&w, &s, &draft);
    assert_eq!(
        fx,
        vec![
            ReviewEffect::RecordDecision {
                stage: "draft".into()
            },
            ReviewEffect::StageApproved {
                stage: "draft".into()
            },
            opened("producer"),
        ]
    );
    let producer = decision(
        "producer",
        1,
        "paz",
        &[Role::Producer],
        Verdict::ApproveWithChanges,
    );
    let (s, _) = apply(&w, &s, &producer);
    assert_eq!(status(&s, "legal"), "open");
    let legal = decision("legal", 1, "lee", &[Role::LegalReviewer], Verdict::Approve);
    let (s, fx) = apply(&w, &s, &legal);
    assert_eq!(fx.last(), Some(&ReviewEffect::Locked));
    assert_eq!(s.status, ReviewStatus::Locked);
    assert!(s.stages.iter().all(|st| st.status.is_approved()));

    let revision = ReviewEvent::NewRevision {
        at: T0 + 20,
        scope_changed: vec![],
    };
    let err = step(&w, &s, &revision).expect_err("locked");
    assert_eq!(err, ReviewError::Locked);
    assert!(err
        .to_string()
        .contains("new revision that needs a new review"));
}

#[test]
fn changes_requested_end_the_round_and_a_new_revision_starts_the_next() {
    let w = default_workflow();
    let (s, _) = ReviewState::start(&w, T0);
    let (s, _) = apply(
        &w,
        &s,
        &by_author(decision(
            "draft",
            1,
            "wren",
            &[Role::Writer],
            Verdict::Approve,
        )),
    );
    let ask = decision(
        "producer",
        1,
        "paz",
        &[Role::Producer],
        Verdict::RequestChanges,
    );
    let (s, fx) = apply(&w, &s, &ask);
    assert_eq!(s.status, ReviewStatus::ChangesRequested);
    assert_eq!(status(&s, "producer"), "changes_requested");
    assert!(fx.contains(&ReviewEffect::ChangesRequested {
        stage: "producer".into()
    }));
    let late = decision("producer", 1, "pia", &[Role::Producer], Verdict::Approve);
    assert_eq!(step(&w, &s, &late), Err(ReviewError::AwaitingRevision));

    let (s2, fx) = apply(
        &w,
        &s,
        &ReviewEvent::NewRevision {
            at: T0 + 50,
            scope_changed: vec![],
        },
    );
    assert_eq!(
        fx,
        vec![
            ReviewEffect::RoundStarted {
                round: 2,
                kept: vec![]
            },
            opened("draft"),
        ]
    );
    assert_eq!(s2.round, 2);
    assert_eq!(s2.status, ReviewStatus::InReview);
    assert_eq!(
        s2.stage("draft").map(|st| st.status),
        Some(StageStatus::Open { since: T0 + 50 })
    );
    assert!(s2.stages.iter().all(|st| st.decisions.is_empty()));
    // A decision made while looking at round 1 does not count in round 2.
    let stale = by_author(decision(
        "draft",
        1,
        "wren",
        &[Role::Writer],
        Verdict::Approve,
    ));
    assert_eq!(
        step(&w, &s2, &stale),
        Err(ReviewError::Superseded {
            decided_on: 1,
            current: 2
        })
    );
}

#[test]
fn a_rejection_ends_the_review() {
    let w = default_workflow();
    let (s, _) = ReviewState::start(&w, T0);
    let (s, fx) = apply(
        &w,
        &s,
        &decision("draft", 1, "wren", &[Role::Writer], Verdict::Reject),
    );
    assert_eq!(s.status, ReviewStatus::Rejected);
    assert!(fx.contains(&ReviewEffect::Rejected {
        stage: "draft".into()
    }));
    let revision = ReviewEvent::NewRevision {
        at: T0,
        scope_changed: vec![],
    };
    assert_eq!(step(&w, &s, &revision), Err(ReviewError::Rejected));
}

#[test]
fn each_refusal_says_why_and_changes_nothing() {
    let w = default_workflow();
    let (s, _) = ReviewState::start(&w, T0);
    let cases: Vec<(ReviewEvent, ReviewError)> = vec![
        (
            decision("draft", 1, "paz", &[Role::Producer], Verdict::Approve),
            ReviewError::NotYourRole {
                stage: "draft".into(),
                needs: vec![Role::Writer],
            },
        ),
        (
            decision("producer", 1, "paz", &[Role::Producer], Verdict::Approve),
            ReviewError::StageNotOpen("producer".into()),
        ),
        (
            decision("casting", 1, "paz", &[Role::Producer], Verdict::Approve),
            ReviewError::UnknownStage("casting".into()),
        ),
        (
            decision("draft", 7, "wren", &[Role::Writer], Verdict::Approve),
            ReviewError::Superseded {
                decided_on: 7,
                current: 1,
            },
        ),
        (
            ReviewEvent::NewRevision {
                at: T0,
                scope_changed: vec!["casting".into()],
            },
            ReviewError::UnknownStage("casting".into()),
        ),
    ];
    for (event, expected) in cases {
        assert_eq!(step(&w, &s, &event), Err(expected));
    }
    let e = ReviewError::NotYourRole {
        stage: "legal".into(),
        needs: vec![Role::Producer, Role::LegalReviewer],
    };
    assert_eq!(
        e.to_string(),
        "stage 'legal' is decided by a producer or legal reviewer; you hold none of these roles"
    );

    // Self-approval where the stage forbids it; the author may still ask for changes.
    let (s, _) = apply(
        &w,
        &s,
        &by_author(decision(
            "draft",
            1,
            "wren",
            &[Role::Writer],
            Verdict::Approve,
        )),
    );
    let own = by_author(decision(
        "producer",
        1,
        "wren",
        &[Role::Writer, Role::Producer],
        Verdict::Approve,
    ));
    assert_eq!(
        step(&w, &s, &own),
        Err(ReviewError::SelfApproval("producer".into()))
    );
    // A stage decided once is not decided again.
    let again = decision("draft", 1, "wyn", &[Role::Writer], Verdict::Approve);
    assert_eq!(
        step(&w, &s, &again),
        Err(ReviewError::StageDecided {
            stage: "draft".into(),
            outcome: "approved"
        })
    );
    // A mismatched state is refused rather than read out of bounds.
    let other = WorkflowTemplate {
        name: "short".into(),
        stages: vec![WorkflowTemplate::default_template().stages[0].clone()],
    }
    .validate()
    .expect("valid");
    assert_eq!(step(&other, &s, &again), Err(ReviewError::WorkflowMismatch));
}

pub(super) fn stage(
    name: &str,
    roles: &[Role],
    rule: ApprovalRule,
    after: &[&str],
) -> StageTemplate {
    StageTemplate {
        name: name.into(),
        roles: roles.to_vec(),
        rule,
        due_after_ms: None,
        self_approval: false,
        scene_scoped: false,
        after: after.iter().map(|s| (*s).to_owned()).collect(),
    }
}

pub(super) fn template(stages: Vec<StageTemplate>) -> WorkflowTemplate {
    WorkflowTemplate {
        name: "custom".into(),
        stages,
    }
}

#[test]
fn an_all_stage_needs_every_role_and_a_person_decides_once() {
    let both = [Role::Producer, Role::LegalReviewer];
    let w = template(vec![stage("sign-off", &both, ApprovalRule::All, &[])])
        .validate()
        .expect("valid");
    let (s, _) = ReviewState::start(&w, T0);
    let (s, fx) = apply(
        &w,
        &s,
        &decision("sign-off", 1, "paz", &[Role::Producer], Verdict::Approve),
    );
    assert_eq!(fx.len(), 1, "recorded, not yet approved: {fx:?}");
    assert_eq!(status(&s, "sign-off"), "open");
    let twice = decision("sign-off", 1, "paz", &[Role::Producer], Verdict::Reject);
    assert_eq!(
        step(&w, &s, &twice),
        Err(ReviewError::AlreadyDecided("sign-off".into()))
    );
    let (s, _) = apply(
        &w,
        &s,
        &decision(
            "sign-off",
            1,
            "lee",
            &[Role::LegalReviewer],
            Verdict::Approve,
        ),
    );
    assert_eq!(s.status, ReviewStatus::Locked);

    // One person holding both roles covers both.
    let (s, _) = ReviewState::start(&w, T0);
    let (s, _) = apply(
        &w,
        &s,
        &decision("sign-off", 1, "max", &both, Verdict::Approve),
    );
    assert_eq!(s.status, ReviewStatus::Locked);
}

#[test]
fn parallel_stages_open_together_and_the_join_waits_for_both() {
    let w = template(vec![
        stage("draft", &[Role::Writer], ApprovalRule::Any, &[]),
        stage("producer", &[Role::Producer], ApprovalRule::Any, &["draft"]),
        stage(
            "legal",
            &[Role::LegalReviewer],
            ApprovalRule::Any,
            &["draft"],
        ),
        stage(
            "final",
            &[Role::Admin],
            ApprovalRule::Any,
            &["producer", "legal"],
        ),
    ])
    .validate()
    .expect("valid");
    let (s, _) = ReviewState::start(&w, T0);
    let (s, fx) = apply(
        &w,
        &s,
        &decision("draft", 1, "wren", &[Role::Writer], Verdict::Approve),
    );
    assert!(fx.contains(&opened("producer")) && fx.contains(&opened("legal")));
    let (s, fx) = apply(
        &w,
        &s,
        &decision("legal", 1, "lee", &[Role::LegalReviewer], Verdict::Approve),
    );
    assert!(!fx.contains(&opened("final")));
    let (s, fx) = apply(
        &w,
        &s,
        &decision("producer", 1, "paz", &[Role::Producer], Verdict::Approve),
    );
    assert!(fx.contains(&opened("final")));
    assert_eq!(s.status, ReviewStatus::InReview);
}

#[test]
fn a_new_revision_keeps_only_scene_scoped_approvals_of_untouched_scopes() {
    let scoped = |mut s: StageTemplate| {
        s.scene_scoped = true;
        s
    };
    let w = template(vec![
        scoped(stage("producer", &[Role::Producer], ApprovalRule::Any, &[])),
        scoped(stage(
            "legal",
            &[Role::LegalReviewer],
            ApprovalRule::Any,
            &[],
        )),
        stage("admin", &[Role::Admin], ApprovalRule::Any, &["legal"]),
        scoped(stage(
            "final",
            &[Role::Producer],
            ApprovalRule::Any,
            &["admin"],
        )),
    ])
    .validate()
    .expect("valid");
    let (s, _) = ReviewState::start(&w, T0);
    let (s, _) = apply(
        &w,
        &s,
        &decision("producer", 1, "paz", &[Role::Producer], Verdict::Approve),
    );
    let (s, _) = apply(
        &w,
        &s,
        &decision("legal", 1, "lee", &[Role::LegalReviewer], Verdict::Approve),
    );
    let (s, _) = apply(
        &w,
        &s,
        &decision("admin", 1, "ada", &[Role::Admin], Verdict::Approve),
    );
    assert_eq!(status(&s, "final"), "open");
    let (s, fx) = apply(
        &w,
        &s,
        &ReviewEvent::NewRevision {
            at: T0 + 99,
            scope_changed: vec!["legal".into()],
        },
    );
    assert_eq!(
        fx,
        vec![
            ReviewEffect::RoundStarted {
                round: 2,
                kept: vec!["producer".into()]
            },
            opened("legal"),
        ]
    );
    assert_eq!(status(&s, "producer"), "approved");
    assert_eq!(s.stage("producer").map(|st| st.decisions[0].round), Some(1));
    assert_eq!(
        (
            status(&s, "legal"),
            status(&s, "admin"),
            status(&s, "final")
        ),
        ("open", "waiting", "waiting")
    );
}

#[test]
fn overdue_lists_open_stages_past_their_due_time() {
    let mut t = WorkflowTemplate::default_template();
    t.stages[0].due_after_ms = Some(100);
    t.stages[1].due_after_ms = Some(100);
    let w = t.validate().expect("valid");
    let (s, fx) = ReviewState::start(&w, T0);
    assert_eq!(
        fx,
        vec![ReviewEffect::StageOpened {
            stage: "draft".into(),
            due_at: Some(T0 + 100)
        }]
    );
    assert!(s.overdue(&w, T0 + 100).is_empty());
    assert_eq!(
        s.overdue(&w, T0 + 101),
        vec![OverdueStage {
            stage: "draft".into(),
            opened_at: T0,
            due_at: T0 + 100
        }]
    );
    let wren = UserId::from("wren");
    assert_eq!(s.waiting_for(&w, &wren, &[Role::Writer]), ["draft"]);
    assert!(s.waiting_for(&w, &wren, &[Role::Producer]).is_empty());
}
