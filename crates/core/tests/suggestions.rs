//! Suggestions end to end through core, against the in-process scripted model: takes on a
//! passage, accepting one after editing it and two hunks of another, rejecting one with a
//! reason, undoing, stale and rebased passages, two acceptances racing, and models that
//! answer badly. After every step the attribution totals are checked against what a person
//! counts by hand.

mod common;

use common::ai::project_with_doc;
use common::suggest::{ai_text, ask, attribution, find, head_text, open_with, provider, range_of};
use common::LocalActor;
use greenlight_ai::scripted::{Script, ScriptedFactory, Step};
use greenlight_ai::AiError;
use greenlight_core::domain::events::EventBody;
use greenlight_core::domain::ids::{DocumentId, SuggestionId};
use greenlight_core::domain::ledger::ChainId;
use greenlight_core::domain::suggestion::{RejectReason, SuggestionState};
use greenlight_core::domain::suggestion_record::{SpanOrigin, VaryRequest};
use greenlight_core::{CoreError, Greenlight};
use tempfile::TempDir;

const P1: &str = "Odile drinks her coffee. The rain does not stop.";
const P2: &str = "Odile walks home alone. The city wakes up.";

fn script() -> String {
    format!("INT. DINER - NIGHT\n\n{P1}\n\nEXT. STREET - DAWN\n\n{P2}\n")
}

async fn revision_count(app: &Greenlight, doc: &DocumentId) -> usize {
    app.revisions().list(doc).await.expect("list").len()
}

async fn state(app: &Greenlight, id: &SuggestionId) -> SuggestionState {
    app.suggestions().get(id).await.expect("get").state
}

#[tokio::test]
async fn takes_are_accepted_edited_in_part_rejected_and_undone_with_exact_attribution() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (project, doc) = project_with_doc(&app, &script()).await;
    let prov = provider(&app).await;
    let text = script();
    let before = attribution(&app, &doc).await;
    assert_eq!((before.ai_chars, before.ai_words), (0, 0));
    assert_eq!(before.total_words, 25);

    // Three takes on the first passage, each its own run, kept as pending suggestions.
    for take in [
        "Odile sips her cold coffee. The rain does not stop.",
        "Odile gulps her coffee. The storm does not stop tonight.",
        "Odile stares at the rain.",
    ] {
        model.push(Script::text(take));
    }
    let out = app
        .suggestions()
        .vary(&me, ask(&doc, &text, P1, 3, &prov))
        .await
        .expect("vary");
    assert!(out.failed.is_empty(), "{:?}", out.failed);
    assert_eq!(out.suggestions.len(), 3);
    assert_eq!(model.requests().len(), 3, "one request per take");
    let sips = find(&out.suggestions, "sips").clone();
    let gulps = find(&out.suggestions, "gulps").clone();
    let stares = find(&out.suggestions, "stares").clone();
    assert!(out
        .suggestions
        .iter()
        .all(|s| s.state == SuggestionState::Pending && s.passage == P1));
    assert_eq!(
        gulps
            .hunks
            .iter()
            .map(|h| (h.removed.as_str(), h.inserted.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("drinks", "gulps"),
            ("rain", "storm"),
            ("stop.", "stop tonight.")
        ]
    );
    assert_eq!(sips.provider_name, "Studio Claude");
    assert_eq!(sips.model, "claude-test");
    assert!(!sips.local);

    // The third is rejected with a reason; it stays visible.
    let rejected = app
        .suggestions()
        .reject(&me, &stares.id, RejectReason::OffTone, None)
        .await
        .expect("reject");
    assert_eq!(rejected.state, SuggestionState::Rejected);
    let d = rejected.decision.expect("decision");
    assert_eq!(d.reason, Some(RejectReason::OffTone));
    assert_eq!(d.by, me.id);
    assert!(d.ms_to_decide >= 0);
    let err = app
        .suggestions()
        .reject(&me, &sips.id, RejectReason::Other, Some("  ".into()))
        .await
        .expect_err("other needs a note");
    assert!(err.to_string().contains("note"), "{err}");

    // A take on the second passage, accepted after the writer edits it.
    model.push(Script::text("Odile walks home alone. The city hums awake."));
    let walk = app
        .suggestions()
        .vary(&me, ask(&doc, &text, P2, 1, &prov))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    let revisions = revision_count(&app, &doc).await;
    let applied = app
        .suggestions()
        .accept(
            &me,
            &walk.id,
            None,
            Some("Odile walks home, alone. The city hums awake.".into()),
        )
        .await
        .expect("accept edited");
    assert_eq!(revision_count(&app, &doc).await, revisions + 1);
    assert_eq!(applied.suggestion.state, SuggestionState::AcceptedWithEdits);
    let d = applied.suggestion.decision.clone().expect("decision");
    assert!(d.edited);
    let distance = d.edit_distance.expect("distance");
    assert!(distance > 0.0 && distance < 0.05, "{distance}");
    assert_eq!(d.accepted_revision_id.as_ref(), Some(&applied.revision.id));
    let after_walk = head_text(&app, &doc).await;
    assert!(after_walk.contains("Odile walks home, alone. The city hums awake."));
    // What the model inserted is AI (marked edited); the comma the writer typed is not.
    assert_eq!(ai_text(&app, &doc).await, vec!["hums", "awake."]);
    let r = attribution(&app, &doc).await;
    assert_eq!((r.ai_chars, r.ai_words), (10, 2));
    assert_eq!(r.total_words, 25);
    assert!(r
        .spans
        .iter()
        .filter(|s| s.origin == SpanOrigin::Ai)
        .all(|s| s.edited && s.suggestion_id.as_ref() == Some(&walk.id)));
    // The takes on the first passage moved with it (it did not change).
    let sips_now = app.suggestions().get(&sips.id).await.expect("get");
    assert_eq!(sips_now.state, SuggestionState::Pending);
    assert_eq!(sips_now.anchor_revision_id, applied.revision.id);

    // Two of the three hunks of another take.
    let applied = app
        .suggestions()
        .accept(&me, &gulps.id, Some(vec![1, 3]), None)
        .await
        .expect("accept hunks");
    assert_eq!(applied.suggestion.state, SuggestionState::PartlyAccepted);
    let after_gulps = head_text(&app, &doc).await;
    assert!(after_gulps.contains("Odile gulps her coffee. The rain does not stop tonight."));
    assert_eq!(
        ai_text(&app, &doc).await,
        vec!["gulps", "stop tonight.", "hums", "awake."]
    );
    let r = attribution(&app, &doc).await;
    assert_eq!((r.ai_chars, r.ai_words), (28, 5));
    // The other take on that passage is stale now, and cannot be applied.
    assert_eq!(state(&app, &sips.id).await, SuggestionState::Stale);
    let count = revision_count(&app, &doc).await;
    let err = app
        .suggestions()
        .accept(&me, &sips.id, None, None)
        .await
        .expect_err("stale");
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    assert!(err.to_string().contains("fresh take"), "{err}");
    assert_eq!(revision_count(&app, &doc).await, count, "nothing written");

    // Undo of the partial acceptance: one new revision, the text and attribution as before.
    let undone = app.suggestions().undo(&me, &gulps.id).await.expect("undo");
    assert_eq!(undone.suggestion.state, SuggestionState::Pending);
    assert!(undone.suggestion.decision.is_none());
    assert_eq!(revision_count(&app, &doc).await, count + 1);
    assert_eq!(head_text(&app, &doc).await, after_walk);
    assert_eq!(ai_text(&app, &doc).await, vec!["hums", "awake."]);
    let err = app
        .suggestions()
        .undo(&me, &gulps.id)
        .await
        .expect_err("nothing to undo");
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");

    // A person edits the first passage: the take on it goes stale. Then they edit an AI word
    // of the second: what they typed is theirs.
    let now = head_text(&app, &doc).await;
    let head = app
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id;
    let edited = now.replace("drinks her coffee", "drinks her tea");
    let saved = app
        .revisions()
        .save(&me, &doc, head.as_ref(), edited.clone(), None)
        .await
        .expect("save");
    assert_eq!(state(&app, &gulps.id).await, SuggestionState::Stale);
    assert_eq!(ai_text(&app, &doc).await, vec!["hums", "awake."]);
    app.revisions()
        .save(
            &me,
            &doc,
            Some(&saved.meta.id),
            edited.replace("hums awake", "awake"),
            None,
        )
        .await
        .expect("save");
    let r = attribution(&app, &doc).await;
    assert_eq!(ai_text(&app, &doc).await, vec!["awake."]);
    assert_eq!((r.ai_chars, r.ai_words), (6, 1));

    // The history stays: every take, its state; and the ledger says what happened.
    let all = app.suggestions().list(&doc).await.expect("list");
    let states: Vec<_> = [&sips.id, &gulps.id, &stares.id, &walk.id]
        .iter()
        .map(|id| all.iter().find(|s| &s.id == *id).expect("listed").state)
        .collect();
    assert_eq!(
        states,
        vec![
            SuggestionState::Stale,
            SuggestionState::Stale,
            SuggestionState::Rejected,
            SuggestionState::AcceptedWithEdits
        ]
    );
    let chain = app
        .store()
        .chain_events(&ChainId::Project(project.clone()))
        .await
        .expect("chain");
    let kinds: Vec<&str> = chain
        .iter()
        .filter(|e| e.kind.starts_with("suggestion."))
        .map(|e| e.kind.as_str())
        .collect();
    for (kind, n) in [
        ("suggestion.created", 4),
        ("suggestion.rejected", 1),
        ("suggestion.accepted", 2),
        ("suggestion.undone", 1),
        ("suggestion.stale", 2),
    ] {
        assert_eq!(
            kinds.iter().filter(|k| **k == kind).count(),
            n,
            "{kind} in {kinds:?}"
        );
    }
    let accepted = chain
        .iter()
        .filter_map(|e| match e.body() {
            Ok(EventBody::SuggestionAccepted(a)) => Some(a),
            _ => None,
        })
        .collect::<Vec<_>>();
    assert_eq!(accepted[0].ai_chars, 10);
    assert!(accepted[0].edited);
    assert_eq!(accepted[1].hunks, Some(vec![1, 3]));
    assert!(!chain.iter().any(|e| e.payload.contains("hums awake")));
    let feed = app
        .ledger()
        .activity(Some(&project), 50)
        .await
        .expect("activity");
    assert!(feed
        .iter()
        .any(|i| i.summary.contains("rejected a suggestion") && i.summary.contains("off-tone")));
    assert!(app.ledger().verify().await.expect("verify").ok);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_acceptances_racing_on_one_document_the_second_gets_a_conflict_and_nothing_is_lost() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (_project, doc) = project_with_doc(&app, &script()).await;
    let prov = provider(&app).await;
    let text = script();
    model.push(Script::text(
        "Odile sips her coffee. The rain does not stop.",
    ));
    model.push(Script::text(
        "Odile gulps her coffee. The rain does not stop.",
    ));
    let out = app
        .suggestions()
        .vary(&me, ask(&doc, &text, P1, 2, &prov))
        .await
        .expect("vary");
    let (a, b) = (out.suggestions[0].id.clone(), out.suggestions[1].id.clone());
    let revisions = revision_count(&app, &doc).await;
    // As two windows (or the app and the CLI) would: two handles on one database.
    let other = open_with(&dir, &model).await;
    let spawn = |app: Greenlight, id: SuggestionId, me: greenlight_core::Actor| {
        tokio::spawn(async move { app.suggestions().accept(&me, &id, None, None).await })
    };
    let first = spawn(app.clone(), a.clone(), me.clone());
    let second = spawn(other.clone(), b.clone(), me.clone());
    let (first, second) = (first.await.expect("join"), second.await.expect("join"));
    let results = [first, second];
    let won: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "exactly one acceptance applies: {results:?}");
    let lost = results
        .iter()
        .find_map(|r| r.as_ref().err())
        .expect("one refused");
    assert!(matches!(lost, CoreError::Conflict(_)), "{lost:?}");
    assert!(lost.to_string().contains("stale"), "{lost}");
    // One new revision, the winner's text in it, the loser stale (and still there).
    assert_eq!(revision_count(&app, &doc).await, revisions + 1);
    let winner = &won[0].suggestion;
    assert!(head_text(&app, &doc).await.contains(winner.text.trim()));
    let loser = if winner.id == a { &b } else { &a };
    assert_eq!(state(&app, loser).await, SuggestionState::Stale);
    assert_eq!(ai_text(&app, &doc).await.len(), 1);
    assert!(app.ledger().verify().await.expect("verify").ok);
}

#[tokio::test]
async fn a_passage_moves_with_edits_around_it_and_goes_stale_when_it_is_edited() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (_project, doc) = project_with_doc(&app, &script()).await;
    let prov = provider(&app).await;
    let text = script();
    model.push(Script::text("Odile walks home. The city wakes."));
    let s = app
        .suggestions()
        .vary(&me, ask(&doc, &text, P2, 1, &prov))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    // An edit before the passage: it moves, and accepting it applies it where it now is.
    let head = app
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id;
    let longer = text.replace("INT. DINER - NIGHT", "INT. ALL-NIGHT DINER - LATE NIGHT");
    app.revisions()
        .save(&me, &doc, head.as_ref(), longer.clone(), None)
        .await
        .expect("save");
    let moved = app.suggestions().get(&s.id).await.expect("get");
    assert_eq!(moved.state, SuggestionState::Pending);
    let (start, end) = range_of(&longer, P2);
    assert_eq!(
        (moved.anchor_start, moved.anchor_end),
        (start as i64, end as i64)
    );
    let applied = app
        .suggestions()
        .accept(&me, &s.id, None, None)
        .await
        .expect("accept");
    assert_eq!(applied.suggestion.state, SuggestionState::Accepted);
    let now = head_text(&app, &doc).await;
    assert_eq!(now, longer.replace(P2, "Odile walks home. The city wakes."));
    let r = attribution(&app, &doc).await;
    assert_eq!(ai_text(&app, &doc).await, vec!["home.", "wakes."]);
    assert_eq!((r.ai_words, r.ai_chars), (2, 11));
    assert!(r
        .spans
        .iter()
        .filter(|s| s.origin == SpanOrigin::Ai)
        .all(|s| !s.edited));

    // A take on the first passage; then a person edits inside it: stale, and refused.
    let text = now;
    model.push(Script::text("Odile drinks. The rain does not stop."));
    let s = app
        .suggestions()
        .vary(&me, ask(&doc, &text, P1, 1, &prov))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    app.revisions()
        .save(
            &me,
            &doc,
            Some(&applied.revision.id),
            text.replace("The rain does not stop.", "The rain stops."),
            None,
        )
        .await
        .expect("save");
    assert_eq!(state(&app, &s.id).await, SuggestionState::Stale);
    let err = app
        .suggestions()
        .accept(&me, &s.id, None, None)
        .await
        .expect_err("stale");
    assert!(err.to_string().contains("fresh take"), "{err}");
    let err = app
        .suggestions()
        .reject(&me, &s.id, RejectReason::TooLong, None)
        .await
        .expect_err("stale");
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
}

#[tokio::test]
async fn a_rejected_suggestion_reopens_and_an_undone_one_comes_back_where_its_text_went() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (_project, doc) = project_with_doc(&app, &script()).await;
    let prov = provider(&app).await;
    let text = script();
    model.push(Script::text("Odile drinks. The rain does not stop."));
    model.push(Script::text("Odile walks. The city wakes up."));
    let out = app
        .suggestions()
        .vary(&me, ask(&doc, &text, P1, 1, &prov))
        .await
        .expect("vary");
    let first = out.suggestions[0].clone();
    let second = app
        .suggestions()
        .vary(&me, ask(&doc, &text, P2, 1, &prov))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    app.suggestions()
        .reject(&me, &first.id, RejectReason::Other, Some("later".into()))
        .await
        .expect("reject");
    let reopened = app
        .suggestions()
        .reopen(&me, &first.id)
        .await
        .expect("reopen");
    assert_eq!(reopened.state, SuggestionState::Pending);
    // Accept the first, then the second, then undo the first: the second's text stays.
    let a = app
        .suggestions()
        .accept(&me, &first.id, None, None)
        .await
        .expect("accept");
    app.suggestions()
        .accept(&me, &second.id, None, None)
        .await
        .expect("accept");
    assert_eq!(ai_text(&app, &doc).await, vec!["drinks.", "walks."]);
    app.suggestions()
        .undo(&me, &first.id)
        .await
        .expect("undo after a later acceptance");
    let now = head_text(&app, &doc).await;
    assert!(now.contains(P1), "{now}");
    assert!(now.contains("Odile walks. The city wakes up."), "{now}");
    assert_eq!(ai_text(&app, &doc).await, vec!["walks."]);
    // The first is pending again where its passage is; accepting it again works.
    let back = app.suggestions().get(&first.id).await.expect("get");
    assert_eq!(back.state, SuggestionState::Pending);
    assert_ne!(back.anchor_revision_id, a.revision.id);
    app.suggestions()
        .accept(&me, &first.id, None, None)
        .await
        .expect("accept again");
    // Undo refused once the accepted text itself was edited.
    let head = app
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id;
    let t = head_text(&app, &doc).await;
    app.revisions()
        .save(
            &me,
            &doc,
            head.as_ref(),
            t.replace("Odile drinks.", "Odile drinks slowly."),
            None,
        )
        .await
        .expect("save");
    let count = revision_count(&app, &doc).await;
    let err = app
        .suggestions()
        .undo(&me, &first.id)
        .await
        .expect_err("edited since");
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    assert_eq!(revision_count(&app, &doc).await, count);
}

#[tokio::test]
async fn models_that_answer_badly_leave_a_clear_message_and_no_suggestion() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (_project, doc) = project_with_doc(&app, &script()).await;
    let prov = provider(&app).await;
    let text = script();
    let huge = "word ".repeat(200_000);
    let cases: Vec<(Script, &str)> = vec![
        (Script::text("   \n"), "empty take"),
        (Script::text(P1), "passage unchanged"),
        (Script::text("Odile\u{1b}[2J drinks."), "control characters"),
        (
            Script {
                steps: vec![Step::Delta(huge)],
                finish: greenlight_ai::FinishReason::Stop,
            },
            "too long",
        ),
        (
            Script::text("Odile half ").then(Step::Fail(AiError::Overloaded { retry_after: None })),
            "Studio Claude",
        ),
    ];
    for (answer, expected) in cases {
        model.push(answer);
        let err = app
            .suggestions()
            .vary(&me, ask(&doc, &text, P1, 1, &prov))
            .await
            .expect_err("not kept");
        assert!(matches!(err, CoreError::Ai(_)), "{err:?}");
        assert!(err.to_string().contains(expected), "{expected}: {err}");
    }
    assert!(app.suggestions().list(&doc).await.expect("list").is_empty());
    assert_eq!(
        revision_count(&app, &doc).await,
        1,
        "no revision was written"
    );

    // Among several takes, the good ones are kept and the others say why.
    model.push(Script::text(""));
    model.push(Script::text("Odile drinks tea. The rain does not stop."));
    model.push(Script::text(P1));
    let out = app
        .suggestions()
        .vary(&me, ask(&doc, &text, P1, 3, &prov))
        .await
        .expect("one kept");
    assert_eq!(out.suggestions.len(), 1);
    assert_eq!(out.failed.len(), 2);
    assert!(out.failed.iter().all(|f| f.run_id.is_some()));

    // Bad requests are refused before anything is sent.
    let sent = model.requests().len();
    let bad = |start: usize, end: usize, takes: usize| VaryRequest {
        document_id: doc.clone(),
        start,
        end,
        instruction: "tighten".into(),
        preset: None,
        takes,
        provider_id: Some(prov.clone()),
    };
    let len = text.chars().count();
    for (req, field) in [
        (bad(5, 5, 1), "range"),
        (bad(5, len + 10, 1), "range"),
        (bad(0, 4, 0), "takes"),
        (bad(0, 4, 6), "takes"),
    ] {
        match app.suggestions().vary(&me, req).await {
            Err(CoreError::Invalid(e)) => assert_eq!(e.field(), Some(field), "{e}"),
            other => panic!("{field}: {other:?}"),
        }
    }
    let mut no_instruction = bad(0, 4, 1);
    no_instruction.instruction = " ".into();
    assert!(matches!(
        app.suggestions().vary(&me, no_instruction).await,
        Err(CoreError::Invalid(_))
    ));
    // A whole long script is too long a passage.
    let long = format!(
        "{}\n",
        "INT. ROOM - DAY\n\nMaya waits by the door.\n".repeat(2_000)
    );
    let (_p, long_doc) = project_with_doc(&app, &long).await;
    let whole = VaryRequest {
        document_id: long_doc,
        start: 0,
        end: long.chars().count(),
        instruction: "tighten".into(),
        preset: None,
        takes: 1,
        provider_id: Some(prov.clone()),
    };
    let err = app
        .suggestions()
        .vary(&me, whole)
        .await
        .expect_err("too long");
    assert!(err.to_string().contains("select a scene"), "{err}");
    assert_eq!(model.requests().len(), sent, "nothing was sent");

    // The offline engine cannot write variations, and says so.
    let mut offline = bad(0, 4, 1);
    offline.provider_id = Some("offline".into());
    let err = app
        .suggestions()
        .vary(&me, offline)
        .await
        .expect_err("offline");
    assert!(err.to_string().contains("cannot write variations"), "{err}");
}

#[tokio::test]
async fn with_no_model_configured_the_offline_engine_says_plainly_it_cannot_vary() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (_project, doc) = project_with_doc(&app, &script()).await;
    let mut req = ask(&doc, &script(), P1, 1, "x");
    req.provider_id = None;
    let err = app
        .suggestions()
        .vary(&me, req)
        .await
        .expect_err("no model");
    assert!(
        err.to_string()
            .contains("offline engine cannot write variations"),
        "{err}"
    );
    assert!(model.requests().is_empty());
    // Servers already running on this computer are offered (whatever this machine runs).
    let found = app
        .suggestions()
        .local_model_servers()
        .await
        .expect("probe");
    assert!(found
        .iter()
        .all(|s| s.base_url.starts_with("http://127.0.0.1:")));
}

#[tokio::test]
async fn takes_run_concurrently_and_stream_with_their_number() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (_project, doc) = project_with_doc(&app, &script()).await;
    let prov = provider(&app).await;
    for take in ["Odile sips.", "Odile gulps.", "Odile waits."] {
        model.push(Script {
            steps: vec![
                Step::Wait(std::time::Duration::from_millis(400)),
                Step::Delta(take.into()),
            ],
            finish: greenlight_ai::FinishReason::Stop,
        });
    }
    let seen = std::sync::Mutex::new(Vec::new());
    let started = std::time::Instant::now();
    let out = app
        .suggestions()
        .vary_streaming(&me, ask(&doc, &script(), P1, 3, &prov), |take, e| {
            if let Ok(mut s) = seen.lock() {
                s.push((take, e));
            }
        })
        .await
        .expect("vary");
    let took = started.elapsed();
    assert_eq!(out.suggestions.len(), 3);
    assert!(
        took < std::time::Duration::from_millis(1_100),
        "three 400 ms takes took {took:?}: not concurrent"
    );
    let seen = seen.into_inner().expect("events");
    for take in 1..=3 {
        let finished = seen
            .iter()
            .filter(|(t, e)| {
                *t == take && matches!(e, greenlight_core::domain::ai::AiRunEvent::Finished { .. })
            })
            .count();
        assert_eq!(finished, 1, "take {take}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_take_on_a_passage_edited_while_the_model_wrote_is_kept_as_stale() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (_project, doc) = project_with_doc(&app, &script()).await;
    let prov = provider(&app).await;
    let text = script();
    for take in [
        "Odile sips her coffee.",
        "Odile walks home. The city wakes.",
    ] {
        model.push(Script {
            steps: vec![
                Step::Wait(std::time::Duration::from_millis(400)),
                Step::Delta(take.into()),
            ],
            finish: greenlight_ai::FinishReason::Stop,
        });
    }
    let asking = {
        let (app, me, req) = (app.clone(), me.clone(), ask(&doc, &text, P1, 1, &prov));
        tokio::spawn(async move { app.suggestions().vary(&me, req).await })
    };
    let asking_other = {
        let (app, me, req) = (app.clone(), me.clone(), ask(&doc, &text, P2, 1, &prov));
        tokio::spawn(async move { app.suggestions().vary(&me, req).await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let head = app
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id;
    app.revisions()
        .save(
            &me,
            &doc,
            head.as_ref(),
            text.replace("drinks her", "drinks hot"),
            None,
        )
        .await
        .expect("save while the model writes");
    let edited = asking
        .await
        .expect("join")
        .expect("vary")
        .suggestions
        .remove(0);
    let elsewhere = asking_other
        .await
        .expect("join")
        .expect("vary")
        .suggestions
        .remove(0);
    assert_eq!(edited.state, SuggestionState::Stale, "its passage changed");
    assert_eq!(
        elsewhere.state,
        SuggestionState::Pending,
        "its passage did not"
    );
    assert_ne!(elsewhere.anchor_revision_id, elsewhere.base_revision_id);
    app.suggestions()
        .accept(&me, &elsewhere.id, None, None)
        .await
        .expect("accept the moved one");
    assert!(head_text(&app, &doc).await.contains("drinks hot coffee"));
}
