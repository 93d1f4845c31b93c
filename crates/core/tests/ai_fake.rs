//! Whole AI runs through core against an in-process model (no TCP server): policy and
//! redaction before anything is "sent", streaming, the record and its ledger events, a
//! failure mid-stream with its code, a retry before the first token, and cancellation. The
//! wire formats themselves are tested against a local server in `tests/ai.rs` and the ai
//! crate's replay tests.

mod common;

use common::ai::{finished_count, project_with_doc, request};
use common::suggest::{open_with, provider as remote};
use common::LocalActor;
use greenlight_ai::scripted::{Script, ScriptedFactory, Step};
use greenlight_ai::AiError;
use greenlight_core::domain::ai::{AiErrorCode, AiOutcome, AiRunEvent, AiTask};
use greenlight_core::domain::events::EventBody;
use greenlight_core::domain::ledger::ChainId;
use greenlight_core::domain::policy::AiPolicy;
use greenlight_core::Greenlight;
use std::time::Duration;
use tempfile::TempDir;

async fn run(
    app: &Greenlight,
    req: greenlight_core::domain::ai::AiRunRequest,
) -> (Vec<AiRunEvent>, greenlight_core::domain::ai::AiRunRecord) {
    common::ai::run(app, req).await
}

#[tokio::test]
async fn a_whole_variation_is_redacted_streamed_recorded_and_chained() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("[[NAME_1]] walks home. The city wakes."));
    let app = open_with(&dir, &model).await;
    let (project, _doc) = project_with_doc(&app, "Odile walks home.").await;
    let provider = remote(&app).await;
    app.ai()
        .set_policy(
            &app.me().await,
            &project,
            AiPolicy {
                protected_names: vec!["Odile".into()],
                ..AiPolicy::default()
            },
        )
        .await
        .expect("policy");
    let (events, record) = run(
        &app,
        request(
            &project,
            &provider,
            AiTask::Variation,
            Some("Odile walks home."),
        ),
    )
    .await;

    // What reached the model: the placeholder, never the protected name; with the key.
    let sent = model.requests();
    assert_eq!(sent.len(), 1);
    let (config, chat) = &sent[0];
    let prompt = format!("{:?}", chat.messages);
    assert!(!prompt.contains("Odile"), "{prompt}");
    assert!(prompt.contains("[[NAME_1]]"), "{prompt}");
    assert!(
        config.api_key.is_some(),
        "the key was read from the secrets file"
    );

    // What the writer sees: the name restored, streamed word by word, one terminal event.
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            AiRunEvent::Delta { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(text, "Odile walks home. The city wakes.");
    assert_eq!(record.output, text);
    assert!(matches!(
        events.first(),
        Some(AiRunEvent::Started { local: false, .. })
    ));
    assert_eq!(finished_count(&events), 1);
    assert_eq!(record.outcome, Some(AiOutcome::Done));
    assert_eq!(record.model, "claude-test");

    // The ledger: ai.requested then ai.completed on the project's chain, typed, with the
    // output's hash and never its text.
    let chain = app
        .store()
        .chain_events(&ChainId::Project(project.clone()))
        .await
        .expect("chain");
    let ai: Vec<_> = chain.iter().filter(|e| e.kind.starts_with("ai.")).collect();
    assert_eq!(ai.len(), 2);
    match ai[1].body().expect("typed") {
        EventBody::AiCompleted(r) => {
            assert_eq!(
                r.output_hash,
                greenlight_core::domain::revision::content_hash(&text)
            );
            assert_eq!(r.outcome, Some(AiOutcome::Done));
        }
        other => panic!("{other:?}"),
    }
    assert!(!ai[1].payload.contains("city wakes"));
    assert!(app.ledger().verify().await.expect("verify").ok);
}

#[tokio::test]
async fn a_failure_mid_stream_keeps_the_partial_text_and_names_its_class() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(
        Script::text("Half a ").then(Step::Fail(AiError::AuthRejected { status: 401 })),
    );
    let app = open_with(&dir, &model).await;
    let (project, _) = project_with_doc(&app, "Text.").await;
    let provider = remote(&app).await;
    let (events, record) = run(
        &app,
        request(&project, &provider, AiTask::Variation, Some("Text.")),
    )
    .await;
    assert_eq!(record.outcome, Some(AiOutcome::Failed));
    assert!(record.partial);
    assert_eq!(record.output, "Half a ");
    match events.last() {
        Some(AiRunEvent::Finished {
            outcome: AiOutcome::Failed,
            partial: true,
            code: Some(AiErrorCode::AuthRejected),
            message: Some(m),
        }) => assert!(m.contains("Studio Claude"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(finished_count(&events), 1);
}

#[tokio::test]
async fn a_retry_before_the_first_token_is_announced() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("ok"));
    model.push(Script {
        steps: vec![
            Step::Retry {
                error: AiError::Overloaded { retry_after: None },
                wait: Duration::from_millis(5),
            },
            Step::Delta("after the wait".into()),
        ],
        finish: greenlight_ai::FinishReason::Stop,
    });
    let app = open_with(&dir, &model).await;
    let (project, _) = project_with_doc(&app, "Text.").await;
    let provider = remote(&app).await;
    let (events, record) = run(
        &app,
        request(&project, &provider, AiTask::Variation, Some("Text.")),
    )
    .await;
    assert!(
        matches!(events[1], AiRunEvent::Retrying { .. }),
        "{events:?}"
    );
    assert_eq!(record.output, "after the wait");
    // The next run gets the default script.
    let (_, second) = run(
        &app,
        request(&project, &provider, AiTask::Variation, Some("Text.")),
    )
    .await;
    assert_eq!(second.output, "ok");
}

#[tokio::test]
async fn cancelling_by_run_id_ends_the_run_as_cancelled_with_its_partial_text() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::paced(
        "one two three four five six seven eight",
        Duration::from_millis(40),
    ));
    let app = open_with(&dir, &model).await;
    let (project, _) = project_with_doc(&app, "Text.").await;
    let provider = remote(&app).await;
    let prepared = app
        .ai()
        .prepare_run(
            &app.me().await,
            request(&project, &provider, AiTask::Variation, Some("Text.")),
        )
        .await
        .expect("prepare");
    let id = prepared.id().to_owned();
    let canceller = app.clone();
    let mut cancelled = false;
    let mut events = Vec::new();
    let record = prepared
        .execute(|e| {
            if matches!(e, AiRunEvent::Delta { .. }) && !cancelled {
                cancelled = canceller.ai().cancel(&id);
            }
            events.push(e);
        })
        .await
        .expect("execute");
    assert!(cancelled, "the run was registered for cancellation");
    assert_eq!(record.outcome, Some(AiOutcome::Cancelled));
    assert!(record.partial);
    assert!(record.output.starts_with("one"));
    assert!(!record.output.contains("eight"), "{}", record.output);
    assert!(
        !app.ai().cancel(&id),
        "a finished run is no longer registered"
    );
}

#[tokio::test]
async fn a_run_cut_off_by_a_crash_is_marked_interrupted_at_the_next_start() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::paced(
        "one two three four five six",
        Duration::from_millis(200),
    ));
    let app = open_with(&dir, &model).await;
    let (project, _) = project_with_doc(&app, "Text.").await;
    let provider = remote(&app).await;
    let prepared = app
        .ai()
        .prepare_run(
            &app.me().await,
            request(&project, &provider, AiTask::Variation, Some("Text.")),
        )
        .await
        .expect("prepare");
    // The process "dies" mid-answer: the run's future is dropped after it was recorded as
    // started, so nothing records its end.
    let cut = tokio::time::timeout(Duration::from_millis(300), prepared.execute(|_| {})).await;
    assert!(cut.is_err(), "the run was still streaming");
    let runs = app.ai().runs(&project, 10).await.expect("runs");
    assert_eq!(runs[0].outcome, None, "no outcome was recorded");
    app.close().await;

    let again = open_with(&dir, &model).await;
    let runs = again.ai().runs(&project, 10).await.expect("runs");
    assert_eq!(runs[0].outcome, Some(AiOutcome::Interrupted));
    assert!(runs[0].finished_at.is_some());
    let feed = again
        .ledger()
        .activity(Some(&project), 1)
        .await
        .expect("feed");
    assert_eq!(feed[0].kind, "ai.completed");
    assert!(
        feed[0].summary.contains("interrupted"),
        "{}",
        feed[0].summary
    );
    assert!(again.ledger().verify().await.expect("verify").ok);
    // Only once: a third start finds nothing left to mark.
    again.close().await;
    let third = open_with(&dir, &model).await;
    let completed = third
        .store()
        .all_events()
        .await
        .expect("events")
        .into_iter()
        .filter(|e| e.kind == "ai.completed")
        .count();
    assert_eq!(completed, 1);
}
