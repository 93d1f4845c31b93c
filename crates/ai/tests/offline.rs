//! The offline engine on the sample screenplay: deterministic, labelled, cites real scenes,
//! and only ever quotes sentences that are in the source.

use futures_util::StreamExt;
use greenlight_ai::offline::{scenes::split_scenes, summarize, ENGINE_MODEL, LABEL};
use greenlight_ai::{
    build_provider, CancellationToken, Locality, Outcome, ProviderConfig, ProviderKind, StreamEvent,
};

fn sample() -> String {
    let path = format!(
        "{}/../screenplay/samples/sample.fountain",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn normalized(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '*' | '_'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn summary_of_the_sample_is_deterministic_and_cites_every_scene() {
    let script = sample();
    let scenes = split_scenes(&script);
    assert!(scenes.len() >= 3, "sample has scenes: {}", scenes.len());
    assert_eq!(scenes[0].heading, "EXT. HARBOUR STREET - NIGHT");
    let summary = summarize(&script);
    assert_eq!(summary, summarize(&script));
    let text = summary.render();
    assert_eq!(text, summarize(&script).render());
    assert!(text.starts_with(LABEL));
    let source = normalized(&script);
    for scene in &scenes {
        assert!(
            text.contains(&format!("[scene {}]", scene.number)),
            "scene {} not cited:\n{text}",
            scene.number
        );
    }
    for s in summary.scenes.iter().flat_map(|s| &s.sentences) {
        assert!(source.contains(&s.text), "not in the source: {}", s.text);
    }
    // Notes are never quoted.
    assert!(!text.contains("water truck"));
}

#[test]
fn plain_prose_without_headings_is_one_untitled_scene() {
    let text =
        "The shoot ran late. The rain machine failed twice and the crew waited for repairs. \
                Everyone went home at dawn.";
    let summary = summarize(text);
    assert_eq!(summary.scenes.len(), 1);
    assert_eq!(summary.scenes[0].scene, 0);
    assert!(summary.render().contains("[opening]"));
    assert!(summarize("").render().contains("no text to summarize"));
}

#[tokio::test]
async fn offline_provider_streams_a_labelled_local_result() {
    let config = ProviderConfig::new(
        "offline",
        "Built-in (offline)",
        ProviderKind::Offline,
        "",
        "",
    );
    let provider = build_provider(config);
    let t = greenlight_ai::templates::get("summarize.scene").expect("template");
    let script = sample();
    let req = t
        .render(
            &[
                ("scene_number", "1"),
                ("heading", "EXT. HARBOUR STREET"),
                ("max_sentences", "3"),
                ("text", &script),
            ],
            Some(&script),
        )
        .expect("render");
    let events: Vec<StreamEvent> = provider
        .stream(req.clone(), CancellationToken::new())
        .collect()
        .await;
    let Some(StreamEvent::Started(info)) = events.first() else {
        panic!("{events:?}")
    };
    assert_eq!(info.locality, Locality::Local);
    assert_eq!(info.model, ENGINE_MODEL);
    assert_eq!(info.prompt.template.id, "summarize.scene");
    assert_eq!(info.prompt.prompt_sha256, req.prompt_sha256());
    assert!(info.prompt.params["text"].starts_with("sha256:"));
    let text: String = events
        .iter()
        .filter_map(|e| {
            if let StreamEvent::Delta(t) = e {
                Some(t.as_str())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(text, summarize(&script).render());
    assert!(matches!(
        events.last(),
        Some(StreamEvent::Finished(Outcome::Done { .. }))
    ));
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, StreamEvent::Finished(_)))
            .count(),
        1
    );
}
