//! The legal view through core: a document with accepted suggestions (one as the model wrote
//! it, one edited before it was accepted, then partly retyped), each span's history as
//! recorded (instruction, template, provider and model, remote, prompt hash, the policy in
//! force, who accepted, edit distance, later edits), the totals; and disclosures recorded,
//! refused when they are wrong, listed for the person they concern, and on the ledger.

mod common;

use common::ai::project_with_doc;
use common::suggest::{ask, head_text, open_with, provider, range_of};
use common::LocalActor;
use greenlight_ai::scripted::{Script, ScriptedFactory};
use greenlight_core::domain::disclosure::{Disclosure, DisclosureInput};
use greenlight_core::domain::policy::AiPolicy;
use greenlight_core::CoreError;
use tempfile::TempDir;

const P1: &str = "Odile drinks her coffee. The rain does not stop.";
const P2: &str = "Odile walks home alone. The city wakes up.";

fn script() -> String {
    format!("INT. DINER - NIGHT\n\n{P1}\n\nEXT. STREET - DAWN\n\n{P2}\n")
}

#[tokio::test]
async fn each_ai_span_carries_its_whole_history_and_the_totals_add_up() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (project, doc) = project_with_doc(&app, &script()).await;
    let prov = provider(&app).await;
    // A policy in force before the requests: remote allowed, one protected name.
    app.ai()
        .set_policy(
            &me,
            &project,
            AiPolicy {
                protected_names: vec!["Odile".into()],
                ..AiPolicy::default()
            },
        )
        .await
        .expect("policy");

    let text = script();
    model.push(Script::text(
        "Odile gulps her coffee. The storm does not stop.",
    ));
    let first = app
        .suggestions()
        .vary(&me, ask(&doc, &text, P1, 1, &prov))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    app.suggestions()
        .accept(&me, &first.id, None, None)
        .await
        .expect("accept as written");
    let text = head_text(&app, &doc).await;
    model.push(Script::text("Odile walks home. The city hums."));
    let second = app
        .suggestions()
        .vary(&me, ask(&doc, &text, P2, 1, &prov))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    app.suggestions()
        .accept(
            &me,
            &second.id,
            None,
            Some("Odile walks home slowly. The city hums.".into()),
        )
        .await
        .expect("accept edited");
    // A person retypes part of the first take afterwards.
    let text = head_text(&app, &doc).await;
    let (s, e) = range_of(&text, "storm");
    let retyped: String = text
        .chars()
        .take(s)
        .chain("drizzle".chars())
        .chain(text.chars().skip(e))
        .collect();
    let head = app
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id;
    app.revisions()
        .save(&me, &doc, head.as_ref(), retyped.clone(), None)
        .await
        .expect("retype");

    let view = app.provenance().document(&me, &doc).await.expect("view");
    assert_eq!(view.text, retyped);
    assert_eq!(view.histories.len(), 2);
    assert!(view.ai_words > 0 && view.ai_words < view.total_words);
    assert_eq!(
        view.ai_chars,
        view.spans.iter().map(|s| s.end - s.start).sum::<i64>()
    );
    assert!(view.sent_remote, "a remote provider was asked");
    assert_eq!(view.models.len(), 1);
    assert_eq!(view.models[0].model, "claude-test");
    assert_eq!(view.models[0].requests, 2);
    // Every span lies inside the text and names one of the two suggestions.
    for s in &view.spans {
        assert!(s.start < s.end && s.end <= view.text.chars().count() as i64);
        assert!(s.suggestion_id == first.id || s.suggestion_id == second.id);
    }
    let h1 = &view.histories[0];
    assert_eq!(h1.suggestion_id, first.id);
    assert_eq!(h1.instruction, "tighten");
    assert_eq!(h1.provider_name, "Studio Claude");
    assert!(!h1.local);
    assert_eq!(h1.prompt_hash.len(), 64, "{h1:?}");
    assert!(!h1.template_id.is_empty() && h1.template_version > 0);
    assert_eq!(h1.accepted_by_name.as_deref(), Some(me.name.as_str()));
    assert!(!h1.edited_before_accepting);
    // "storm" became "drizzle": fewer of its characters are still there than were accepted.
    assert!(h1.chars_now < h1.chars_accepted, "{h1:?}");
    let policy = h1.policy.as_ref().expect("the policy in force");
    assert_eq!(policy.protected_name_count, 1);
    let h2 = &view.histories[1];
    assert!(h2.edited_before_accepting);
    assert!(h2.edit_distance.is_some_and(|d| d > 0.0), "{h2:?}");
    assert_eq!(h2.chars_now, h2.chars_accepted);
}

#[tokio::test]
async fn disclosures_are_recorded_checked_listed_and_verified() {
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (project, doc) = project_with_doc(&app, &script()).await;

    let material = app
        .disclosures()
        .record(
            &me,
            &project,
            DisclosureInput::MaterialProvided {
                to: me.id.clone(),
                material: "The AI outline of the diner scene.".into(),
                document_id: Some(doc.clone()),
            },
        )
        .await
        .expect("material");
    assert!(matches!(
        &material.disclosure,
        Disclosure::MaterialProvided { to_name, .. } if *to_name == me.name
    ));
    assert!(material
        .summary
        .contains("The AI outline of the diner scene."));
    let consent = app
        .disclosures()
        .record(
            &me,
            &project,
            DisclosureInput::ElectedUse {
                writer: me.id.clone(),
                described_use: "Variations of dialogue in act two.".into(),
            },
        )
        .await
        .expect("elected use");
    let Disclosure::ElectedUse { policy, .. } = &consent.disclosure else {
        panic!("{consent:?}");
    };
    assert!(policy.ai_enabled, "the policy in force is recorded with it");
    app.disclosures()
        .record(
            &me,
            &project,
            DisclosureInput::PerformerConsent {
                performer: "Ines Moreau".into(),
                consent_reference: "REL-2026-014".into(),
                described_use: "Her voice for the temp narration.".into(),
                asset_id: None,
            },
        )
        .await
        .expect("performer");

    // Wrong ones are refused with their reason, and nothing is recorded.
    let before = app
        .disclosures()
        .of_project(&me, &project)
        .await
        .expect("list");
    let empty = app
        .disclosures()
        .record(
            &me,
            &project,
            DisclosureInput::PerformerConsent {
                performer: "Ines Moreau".into(),
                consent_reference: " ".into(),
                described_use: "Voice.".into(),
                asset_id: None,
            },
        )
        .await
        .expect_err("no reference");
    assert!(matches!(empty, CoreError::Invalid(_)), "{empty:?}");
    assert!(empty.to_string().contains("consent reference"), "{empty}");
    let (other, _) = project_with_doc(&app, "Another script.").await;
    let elsewhere = app
        .disclosures()
        .record(
            &me,
            &other,
            DisclosureInput::MaterialProvided {
                to: me.id.clone(),
                material: "An outline.".into(),
                document_id: Some(doc.clone()),
            },
        )
        .await
        .expect_err("a document of another project");
    assert!(
        elsewhere.to_string().contains("another project"),
        "{elsewhere}"
    );
    assert_eq!(
        app.disclosures()
            .of_project(&me, &project)
            .await
            .expect("list"),
        before
    );

    assert_eq!(before.len(), 3);
    // What concerns the writer (here the one local person): the material and the consent.
    assert_eq!(app.disclosures().to_me(&me).await.expect("mine").len(), 2);
    // The legal view of the document shows those two.
    let view = app.provenance().document(&me, &doc).await.expect("view");
    assert_eq!(view.disclosures.len(), 2);
    // They are on the signed ledger, and in the activity feed.
    let report = app.ledger().verify().await.expect("verify");
    assert!(report.ok, "{report:?}");
    let feed = app
        .ledger()
        .activity(Some(&project), 20)
        .await
        .expect("feed");
    assert!(
        feed.iter().any(|i| i.summary.contains("REL-2026-014")),
        "{feed:#?}"
    );
}

#[tokio::test]
async fn a_report_is_valid_against_its_schema_and_renders_as_html_and_pdf() {
    use greenlight_core::reports::{ReportFormat, ReportOf};
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (project, doc) = project_with_doc(&app, &script()).await;
    let prov = provider(&app).await;
    model.push(Script::text(
        "Odile gulps <her> coffee & the rain does not stop.",
    ));
    let take = app
        .suggestions()
        .vary(&me, ask(&doc, &script(), P1, 1, &prov))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    app.suggestions()
        .accept(&me, &take.id, None, None)
        .await
        .expect("accept");
    app.disclosures()
        .record(
            &me,
            &project,
            DisclosureInput::PerformerConsent {
                performer: "Inès Moreau".into(),
                consent_reference: "REL-2026-014".into(),
                described_use: "Her voice for the temp narration.".into(),
                asset_id: None,
            },
        )
        .await
        .expect("disclosure");

    let report = app
        .reports()
        .build(
            &me,
            &ReportOf::Project {
                project_id: project.clone(),
            },
        )
        .await
        .expect("report");
    assert_eq!(report.summary.documents, 1);
    // Another project's broken record is not this report's finding (nor its title).
    let (other, _) = project_with_doc(&app, "Elsewhere.").await;
    app.store()
        .execute_raw_for_tests(&format!(
            "DROP TRIGGER IF EXISTS events_append_only_update;
             UPDATE events SET payload = replace(payload, 'AI', 'XX') WHERE chain = '{other}' AND kind = 'project.created';"
        ))
        .await
        .expect("tamper elsewhere");
    assert!(!app.ledger().verify().await.expect("verify").ok);
    let report = app
        .reports()
        .build(
            &me,
            &ReportOf::Project {
                project_id: project.clone(),
            },
        )
        .await
        .expect("report");
    assert_eq!(
        report.summary.ai_spans,
        report.documents[0].spans.len() as i64
    );
    assert!(report.summary.ai_share > 0.0 && report.summary.ai_share < 1.0);
    assert!(report.verification.ok);
    assert!(report
        .verification
        .heads
        .iter()
        .any(|h| h.chain == project.as_str() && h.signature.is_some()));
    assert!(report.documents[0].spans[0].text.contains("gulps"));

    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../docs/provenance-report.schema.json"))
            .expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let json: serde_json::Value = serde_json::from_slice(
        &greenlight_core::reports::render(&report, ReportFormat::Json).expect("json"),
    )
    .expect("parse");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is strict enough to catch what a hand edit breaks.
    let mut edited = json.clone();
    edited["summary"]["aiShare"] = serde_json::json!(1.7);
    edited["documents"][0]["spans"][0]["by"] = serde_json::json!("someone");
    assert!(validator.iter_errors(&edited).count() >= 2);
    // The document's own report, too.
    let one = app
        .reports()
        .build(
            &me,
            &ReportOf::Document {
                document_id: doc.clone(),
            },
        )
        .await
        .expect("document report");
    let json = serde_json::to_value(&one).expect("json");
    assert!(validator.is_valid(&json));

    // HTML: what the model wrote, escaped; no script.
    let html = String::from_utf8(
        greenlight_core::reports::render(&report, ReportFormat::Html).expect("html"),
    )
    .expect("utf8");
    assert!(
        html.contains("gulps &lt;her&gt; coffee &amp; the</blockquote>"),
        "{html}"
    );
    assert!(html.contains("REL-2026-014"));
    assert!(html.contains("The record is intact."));
    assert!(!html.to_lowercase().contains("<script"));
    // PDF: a document a reader opens, with the same facts.
    let pdf = greenlight_core::reports::render(&report, ReportFormat::Pdf).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.windows(5).any(|w| w == b"%%EOF"));
}

#[tokio::test]
async fn an_export_carries_c2pa_credentials_that_read_back_and_break_when_the_file_changes() {
    use greenlight_core::domain::asset::CredentialValidity;
    use greenlight_core::domain::structure::ExportFormat;
    use greenlight_core::export_credentials::{read_sidecar, sidecar_path};
    let dir = TempDir::new().expect("tmp");
    let model = ScriptedFactory::new(Script::text("unused"));
    let app = open_with(&dir, &model).await;
    let me = app.me().await;
    let (_project, doc) = project_with_doc(&app, &script()).await;
    // Before any AI: a first revision, all human.
    let first = app
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id
        .expect("head");
    let human = dir.path().join("human.fountain");
    app.revisions()
        .export(&me, &first, &human, ExportFormat::Fountain)
        .await
        .expect("export");
    let c = read_sidecar(&human, "text/plain").expect("read");
    assert_eq!(c.validity, CredentialValidity::Valid, "{c:?}");
    assert!(!c.ai_generated);
    assert_eq!(c.actions[0].action, "c2pa.created");
    assert!(c.actions[0]
        .digital_source_type
        .as_deref()
        .is_some_and(|d| d.ends_with("/digitalCreation")));

    // A take accepted: the PDF of the new revision says a model wrote some of it.
    let prov = provider(&app).await;
    model.push(Script::text(
        "Odile gulps her coffee. The storm does not stop.",
    ));
    let take = app
        .suggestions()
        .vary(&me, ask(&doc, &script(), P1, 1, &prov))
        .await
        .expect("vary")
        .suggestions
        .remove(0);
    let applied = app
        .suggestions()
        .accept(&me, &take.id, None, None)
        .await
        .expect("accept");
    let pdf = dir.path().join("draft.pdf");
    app.revisions()
        .export(&me, &applied.revision.id, &pdf, ExportFormat::Pdf)
        .await
        .expect("export pdf");
    let sidecar = sidecar_path(&pdf);
    assert_eq!(sidecar, dir.path().join("draft.pdf.c2pa"));
    let c = read_sidecar(&pdf, "application/pdf").expect("read");
    assert_eq!(c.validity, CredentialValidity::Valid, "{c:?}");
    assert!(c.ai_generated, "{c:?}");
    assert!(c
        .claim_generator
        .as_deref()
        .is_some_and(|g| g.starts_with("Greenlight")));
    let actions: Vec<&str> = c.actions.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["c2pa.opened", "c2pa.edited"]);
    assert!(c.actions[1]
        .digital_source_type
        .as_deref()
        .is_some_and(|d| d.ends_with("/compositeWithTrainedAlgorithmicMedia")));
    assert_eq!(c.actions[1].software_agent.as_deref(), Some("Greenlight"));

    // The same facts through the c2pa crate itself: the earlier revision as an ingredient, and
    // the signer's public key is the person's ledger key.
    let reader = c2pa::Reader::from_context(c2pa::Context::new())
        .with_manifest_data_and_stream(
            &std::fs::read(&sidecar).expect("sidecar"),
            "application/pdf",
            std::fs::File::open(&pdf).expect("pdf"),
        )
        .expect("reader");
    let m = reader.active_manifest().expect("manifest");
    assert_eq!(m.ingredients().len(), 1);
    assert!(m.ingredients()[0]
        .title()
        .is_some_and(|t| t.contains(first.as_str())));
    let ours: serde_json::Value = m
        .assertions()
        .iter()
        .find(|a| a.label() == "app.greenlight.provenance")
        .expect("Greenlight's assertion")
        .value()
        .expect("value")
        .clone();
    let key = app
        .keys()
        .show(&me)
        .await
        .expect("keys")
        .key_id
        .expect("key");
    assert_eq!(ours["keyId"], key);
    assert_eq!(ours["revisionId"], applied.revision.id.as_str());

    // One byte of the PDF changed: the credentials no longer hold.
    let mut bytes = std::fs::read(&pdf).expect("pdf");
    let last = bytes.len() - 10;
    bytes[last] ^= 0x20;
    std::fs::write(&pdf, &bytes).expect("tamper");
    let c = read_sidecar(&pdf, "application/pdf").expect("read");
    assert_eq!(c.validity, CredentialValidity::Invalid, "{c:?}");
}
