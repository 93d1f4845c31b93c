//! Helpers for the suggestion and attribution tests: an app whose models are scripted, a
//! remote provider, variation requests, and the attribution report checked for consistency.

use super::LocalActor;
use greenlight_ai::scripted::ScriptedFactory;
use greenlight_core::domain::ai::{ProviderInput, ProviderKindName};
use greenlight_core::domain::ids::DocumentId;
use greenlight_core::domain::suggestion_record::{
    AttributionReport, SpanOrigin, Suggestion, VaryRequest,
};
use greenlight_core::secrets::SecretsFile;
use greenlight_core::{Greenlight, OpenConfig};
use std::sync::Arc;
use tempfile::TempDir;

pub async fn open_with(dir: &TempDir, model: &ScriptedFactory) -> Greenlight {
    let mut cfg = OpenConfig::new(dir.path().join("data"));
    cfg.providers = Arc::new(model.clone());
    cfg.credentials = Arc::new(SecretsFile::new(dir.path().join("keys")));
    Greenlight::open(cfg).await.expect("open")
}

/// A remote provider with a key: the scripted model answers instead of the network.
pub async fn provider(app: &Greenlight) -> String {
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
pub fn range_of(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).expect("needle");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

pub async fn head_text(app: &Greenlight, doc: &DocumentId) -> String {
    let d = app.documents().get(doc).await.expect("doc");
    let head = d.head_revision_id.expect("head");
    app.revisions().get(&head).await.expect("rev").text
}

pub fn ask(
    doc: &DocumentId,
    text: &str,
    passage: &str,
    takes: usize,
    provider: &str,
) -> VaryRequest {
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
pub async fn attribution(app: &Greenlight, doc: &DocumentId) -> AttributionReport {
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
pub async fn ai_text(app: &Greenlight, doc: &DocumentId) -> Vec<String> {
    let r = attribution(app, doc).await;
    let chars: Vec<char> = head_text(app, doc).await.chars().collect();
    r.spans
        .iter()
        .filter(|s| s.origin == SpanOrigin::Ai)
        .map(|s| chars[s.start as usize..s.end as usize].iter().collect())
        .collect()
}

pub fn find<'a>(list: &'a [Suggestion], text: &str) -> &'a Suggestion {
    list.iter()
        .find(|s| s.text.contains(text))
        .unwrap_or_else(|| panic!("no take with {text:?} in {list:#?}"))
}
