//! Suggestions end to end through core, against the in-process scripted model: takes on a
//! passage, accepting one after editing it and two hunks of another, rejecting one with a
//! reason, undoing, stale and rebased passages, two acceptances racing, and models that
//! answer badly. After every step the attribution totals are checked against what a person
//! counts by hand.

mod common;

use common::ai::project_with_doc;
use common::LocalActor;
use greenlight_ai::scripted::{Script, ScriptedFactory};
use greenlight_core::domain::ai::{ProviderInput, ProviderKindName};
use greenlight_core::domain::events::EventBody;
use greenlight_core::domain::ids::{DocumentId, SuggestionId};
use greenlight_core::domain::ledger::ChainId;
use greenlight_core::domain::suggestion::{RejectReason, SuggestionState};
use greenlight_core::domain::suggestion_record::{
    AttributionReport, SpanOrigin, Suggestion, VaryRequest,
};
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{CoreError, Greenlight, OpenConfig};
use std::sync::Arc;
use tempfile::TempDir;

const P1: &str = "Odile drinks her coffee. The rain does not stop.";
const P2: &str = "Odile walks home alone. The city wakes up.";

fn script() -> String {
    format!("INT. DINER - NIGHT\n\n{P1}\n\nEXT. STREET - DAWN\n\n{P2}\n")
}

async fn open_with(dir: &TempDir, model: &ScriptedFactory) -> Greenlight {
    let mut cfg = OpenConfig::new(dir.path().join("data"));
    cfg.providers = Arc::new(model.clone());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("keys")));
    Greenlight::open(cfg).await.expect("open")
}

/// A remote provider with a key: the scripted model answers instead of the network.
async fn provider(app: &Greenlight) -> String {
    app.providers()
        .save(
            &app.me().await,
            None,
            ProviderInput {
                name: "Studio Claude".into(),
                kind: ProviderKindName::Anthropic,
                base_url: "https://api.example.invalid".into(),
                model: "claude-test".into(),
                own_network: false,
                api_key: Some("sk-ant-test-000".into()),
            },
        )
        .await
        .expect("provider")
        .id
}

/// Character offsets of the first `needle` in `text`.
fn range_of(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).expect("needle");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

async fn head_text(app: &Greenlight, doc: &DocumentId) -> String {
    let d = app.documents().get(doc).await.expect("doc");
    let head = d.head_revision_id.expect("head");
    app.revisions().get(&head).await.expect("rev").text
}

fn ask(doc: &DocumentId, text: &str, passage: &str, takes: usize, provider: &str) -> VaryRequest {
    let (start, end) = range_of(text, passage);
    VaryRequest {
        document_id: doc.clone(),
        start,
        end,
        instruction: "tighten".into(),
        preset: None,
        takes,
        provider_id: Some(provider.into()),
    }
}

/// The report, checked for consistency: spans cover the text, totals match them.
async fn attribution(app: &Greenlight, doc: &DocumentId) -> AttributionReport {
    let r = app
        .suggestions()
        .attribution(doc, None)
        .await
        .expect("attribution");
    let text = head_text(app, doc).await;
    assert_eq!(r.total_chars as usize, text.chars().count());
    let mut at = 0;
    for s in &r.spans {
        assert_eq!(s.start, at);
        at = s.end;
    }
    assert_eq!(at, r.total_chars);
    let ai: i64 = r
        .spans
        .iter()
        .filter(|s| s.origin == SpanOrigin::Ai)
        .map(|s| s.end - s.start)
        .sum();
    assert_eq!(ai, r.ai_chars);
    r
}

/// The AI characters of the newest revision, as text.
async fn ai_text(app: &Greenlight, doc: &DocumentId) -> Vec<String> {
    let r = attribution(app, doc).await;
    let chars: Vec<char> = head_text(app, doc).await.chars().collect();
    r.spans
        .iter()
        .filter(|s| s.origin == SpanOrigin::Ai)
        .map(|s| chars[s.start as usize..s.end as usize].iter().collect())
        .collect()
}

fn find<'a>(list: &'a [Suggestion], text: &str) -> &'a Suggestion {
    list.iter()
        .find(|s| s.text.contains(text))
        .unwrap_or_else(|| panic!("no take with {text:?} in {list:#?}"))
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
        .save(&me, &doc, head.as_ref(), edited.clone())
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
