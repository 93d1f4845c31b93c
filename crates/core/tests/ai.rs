//! AI runs end to end: the offline engine, policy blocks, name redaction, cancellation and
//! truncation, against a local OpenAI-compatible server speaking the real SSE wire format.

mod common;

use common::LocalActor;

use common::ai::*;
use greenlight_core::domain::ai::{AiOutcome, AiRunEvent, AiTask, ProviderInput, ProviderKindName};
use greenlight_core::domain::policy::AiPolicy;
use std::time::Duration;
use tempfile::TempDir;

#[tokio::test]
async fn offline_summary_is_streamed_recorded_and_chained() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, doc) = project_with_doc(&app, SCRIPT).await;
    let mut req = request(&project, "offline", AiTask::Summarize, None);
    req.document_id = Some(doc);
    let (events, record) = run(&app, req).await;
    assert!(
        matches!(
            events.first(),
            Some(AiRunEvent::Started { local: true, .. })
        ),
        "{events:?}"
    );
    assert!(matches!(
        events.last(),
        Some(AiRunEvent::Finished {
            outcome: AiOutcome::Done,
            ..
        })
    ));
    assert_eq!(finished_count(&events), 1);
    assert!(record.output.contains("Odile Varga"), "{}", record.output);
    assert_eq!(record.template_id, "summarize.document");
    assert_eq!(record.prompt_hash.len(), 64);
    let runs = app.ai().runs(&project, 10).await.expect("runs");
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].outcome, Some(AiOutcome::Done));
    let kinds: Vec<String> = app
        .ledger()
        .activity(Some(&project), 2)
        .await
        .expect("a")
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(kinds, ["ai.completed", "ai.requested"]);
    assert!(app.ledger().verify().await.expect("verify").ok);
}

#[tokio::test]
async fn policy_blocks_are_recorded_and_nothing_is_sent() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, _doc) = project_with_doc(&app, SCRIPT).await;
    // A remote provider whose address would fail if anything were sent.
    let remote = app
        .providers()
        .save(
            &app.me().await,
            None,
            ProviderInput {
                name: "Studio OpenAI".into(),
                kind: ProviderKindName::OpenaiCompatible,
                base_url: "https://api.invalid/v1".into(),
                model: "gpt-4o-mini".into(),
                own_network: false,
                api_key: None,
            },
        )
        .await
        .expect("provider");
    assert!(!remote.local);
    app.ai()
        .set_policy(
            &app.me().await,
            &project,
            AiPolicy {
                local_only: true,
                ..AiPolicy::default()
            },
        )
        .await
        .expect("policy");
    let (events, record) = run(
        &app,
        request(&project, &remote.id, AiTask::Summarize, Some("Some text.")),
    )
    .await;
    assert_eq!(events.len(), 1, "{events:?}");
    match &events[0] {
        AiRunEvent::Finished {
            outcome: AiOutcome::Blocked,
            message: Some(m),
            ..
        } => {
            assert!(
                m.contains("local models only") && m.contains("Studio OpenAI"),
                "{m}"
            );
        }
        other => panic!("expected a block, got {other:?}"),
    }
    assert_eq!(record.outcome, Some(AiOutcome::Blocked));

    app.ai()
        .set_policy(
            &app.me().await,
            &project,
            AiPolicy {
                ai_enabled: false,
                ..AiPolicy::default()
            },
        )
        .await
        .expect("policy");
    let (events, _) = run(
        &app,
        request(&project, "offline", AiTask::Summarize, Some("Some text.")),
    )
    .await;
    assert!(
        matches!(&events[0], AiRunEvent::Finished { outcome: AiOutcome::Blocked, message: Some(m), .. } if m.contains("turned off"))
    );
    let feed = app
        .ledger()
        .activity(Some(&project), 1)
        .await
        .expect("activity");
    assert_eq!(feed[0].kind, "ai.blocked");
}

#[tokio::test]
async fn protected_names_never_leave_and_come_back_in_the_answer() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, _doc) = project_with_doc(&app, SCRIPT).await;
    // The fake answers with the placeholder split across two deltas.
    let (url, seen) = fake_openai(
        vec!["Tighter: [[NA".into(), "ME_1]] waits.".into()],
        Duration::from_millis(5),
        false,
    )
    .await;
    let local = local_provider(&app, "Local fake", url).await;
    assert!(local.local);
    app.ai()
        .set_policy(
            &app.me().await,
            &project,
            AiPolicy {
                protected_names: vec!["Odile Varga".into()],
                ..AiPolicy::default()
            },
        )
        .await
        .expect("policy");
    let (events, record) = run(
        &app,
        request(&project, &local.id, AiTask::Variation, Some(SCRIPT)),
    )
    .await;
    let sent = seen.lock().expect("seen").clone();
    assert!(!sent.is_empty(), "the server saw the request");
    assert!(
        !sent.contains("Odile"),
        "a protected name left the machine: {sent}"
    );
    assert!(sent.contains("[[NAME_1]]"), "{sent}");
    assert_eq!(record.output, "Tighter: Odile Varga waits.");
    assert_eq!(finished_count(&events), 1);
    assert!(matches!(
        events.last(),
        Some(AiRunEvent::Finished {
            outcome: AiOutcome::Done,
            ..
        })
    ));
}

#[tokio::test]
async fn cancelling_midway_keeps_the_partial_text_marked() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, _doc) = project_with_doc(&app, SCRIPT).await;
    let words: Vec<String> = (0..200).map(|i| format!("word{i} ")).collect();
    let (url, _) = fake_openai(words, Duration::from_millis(20), false).await;
    let p = local_provider(&app, "Slow local", url).await;
    let prepared = app
        .ai()
        .prepare_run(
            &app.me().await,
            request(&project, &p.id, AiTask::Summarize, Some("text")),
        )
        .await
        .expect("prepare");
    let id = prepared.id().to_owned();
    let app2 = app.clone();
    let mut events = Vec::new();
    let mut cancelled = false;
    let record = prepared
        .execute(|e| {
            if matches!(e, AiRunEvent::Delta { .. }) && !cancelled {
                cancelled = app2.ai().cancel(&id);
            }
            events.push(e);
        })
        .await
        .expect("execute");
    assert!(cancelled);
    assert_eq!(record.outcome, Some(AiOutcome::Cancelled));
    assert!(record.partial && !record.output.is_empty());
    assert!(
        record.output.len() < 200 * 6,
        "stopped early: {} bytes",
        record.output.len()
    );
    assert_eq!(finished_count(&events), 1);
    assert!(
        !app.ai().cancel(&id),
        "a finished run is no longer cancellable"
    );
}

#[tokio::test]
async fn a_stream_cut_without_its_end_marker_fails_with_partial_text() {
    let dir = TempDir::new().expect("tmp");
    let app = open(&dir).await;
    let (project, _doc) = project_with_doc(&app, SCRIPT).await;
    let (url, _) = fake_openai(
        vec!["Half an ".into(), "answer".into()],
        Duration::from_millis(5),
        true,
    )
    .await;
    let p = local_provider(&app, "Cut", url).await;
    let (events, record) = run(
        &app,
        request(&project, &p.id, AiTask::Summarize, Some("text")),
    )
    .await;
    assert_eq!(record.outcome, Some(AiOutcome::Failed));
    assert!(record.partial);
    assert_eq!(record.output, "Half an answer");
    assert_eq!(finished_count(&events), 1);
}
