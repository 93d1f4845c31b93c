//! Unit tests of templates: each validation error, and the serialized shapes the UI reads.

use super::tests::{default_workflow, stage, template, T0};
use super::*;

#[test]
fn templates_are_validated_with_clear_errors() {
    let any = ApprovalRule::Any;
    let w = [Role::Writer];
    let cases: Vec<(WorkflowTemplate, TemplateError)> = vec![
        (template(vec![]), TemplateError::NoStages),
        (
            WorkflowTemplate {
                name: " ".into(),
                stages: vec![stage("a", &w, any, &[])],
            },
            TemplateError::NoName,
        ),
        (
            template(vec![stage("a", &w, any, &[]), stage(" ", &w, any, &[])]),
            TemplateError::UnnamedStage(2),
        ),
        (
            template(vec![
                stage("Legal", &w, any, &[]),
                stage("legal ", &w, any, &[]),
            ]),
            TemplateError::DuplicateStage("legal".into()),
        ),
        (
            template(vec![stage("a", &[], any, &[])]),
            TemplateError::NoRoles("a".into()),
        ),
        (
            template(vec![stage("a", &w, any, &["b"])]),
            TemplateError::UnknownStage {
                stage: "a".into(),
                missing: "b".into(),
            },
        ),
        (
            template(vec![stage("a", &w, any, &["a"])]),
            TemplateError::Cycle(vec!["a".into(), "a".into()]),
        ),
        (
            template(vec![
                stage("start", &w, any, &[]),
                stage("a", &w, any, &["start", "c"]),
                stage("b", &w, any, &["a"]),
                stage("c", &w, any, &["b"]),
            ]),
            TemplateError::Cycle(vec!["a".into(), "c".into(), "b".into(), "a".into()]),
        ),
        (
            template(vec![StageTemplate {
                due_after_ms: Some(0),
                ..stage("a", &w, any, &[])
            }]),
            TemplateError::BadDueTime("a".into()),
        ),
        (
            template(vec![stage(&"x".repeat(101), &w, any, &[])]),
            TemplateError::BadStageName(1),
        ),
        (
            template(
                (0..33)
                    .map(|i| stage(&format!("s{i}"), &w, any, &[]))
                    .collect(),
            ),
            TemplateError::TooManyStages(33),
        ),
    ];
    for (t, expected) in cases {
        assert_eq!(t.validate(), Err(expected));
    }
    assert_eq!(
        TemplateError::Cycle(vec!["a".into(), "b".into(), "a".into()]).to_string(),
        "stages wait for each other in a circle (a waits for b waits for a), so none of them would ever open"
    );
}

#[test]
fn templates_and_states_serialize_as_the_ui_reads_them() {
    let w = default_workflow();
    let json = serde_json::to_value(&w).expect("serialize");
    assert_eq!(json["stages"][2]["roles"][0], "legal_reviewer");
    assert_eq!(json["stages"][1]["selfApproval"], false);
    let back: Workflow = serde_json::from_value(json).expect("round trip");
    assert_eq!(back, w);
    let bad = serde_json::json!({ "name": "x", "stages": [] });
    assert!(serde_json::from_value::<Workflow>(bad).is_err());

    let (s, _) = ReviewState::start(&w, T0);
    let json = serde_json::to_value(&s).expect("serialize");
    assert_eq!(json["status"], "in_review");
    assert_eq!(json["stages"][0]["status"]["kind"], "open");
    assert_eq!(json["stages"][0]["status"]["since"], T0);
    for r in Role::ALL {
        assert_eq!(Role::parse(r.as_str()), Some(r));
        assert_eq!(serde_json::to_value(r).ok(), Some(r.as_str().into()));
    }
    for v in Verdict::ALL {
        assert_eq!(Verdict::parse(v.as_str()), Some(v));
    }
}
