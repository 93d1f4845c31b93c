//! Deterministic extractive summaries: per scene, the sentences whose words matter most to that
//! scene (term frequency in the scene × rarity across scenes), kept in script order, each
//! citing its scene. Same input, same output, on every machine.

use super::scenes::{split_scenes, Scene, Sentence};
use std::collections::{BTreeMap, BTreeSet};

/// The label that opens every offline summary: it was selected, not written.
pub const LABEL: &str = "Offline extractive summary: sentences selected from the text by \
Greenlight's built-in engine. No AI model wrote or changed them.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SceneSummary {
    /// The scene's number in the source (0 = before the first heading).
    pub scene: usize,
    pub heading: String,
    pub sentences: Vec<Sentence>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractiveSummary {
    pub scenes: Vec<SceneSummary>,
}

const STOPWORDS: &[&str] = &[
    "about", "after", "again", "all", "also", "and", "any", "are", "back", "because", "been",
    "before", "being", "but", "can", "could", "did", "does", "down", "each", "even", "every",
    "for", "from", "had", "has", "have", "her", "here", "hers", "him", "his", "how", "into", "its",
    "just", "like", "more", "most", "much", "not", "now", "off", "one", "only", "onto", "other",
    "our", "out", "over", "she", "should", "some", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "too", "under", "very", "was", "we're",
    "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would",
    "you", "your", "it's", "don't", "i'm", "you're",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// How many sentences a scene of `n` sentences gets.
fn quota(n: usize) -> usize {
    match n {
        0 => 0,
        1..=6 => 1,
        7..=20 => 2,
        _ => 3,
    }
}

pub fn summarize(text: &str) -> ExtractiveSummary {
    let scenes = split_scenes(text);
    // Document frequency: in how many scenes each word occurs.
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    for scene in &scenes {
        let set: BTreeSet<String> = scene
            .sentences
            .iter()
            .flat_map(|s| words(&s.text))
            .collect();
        for w in set {
            *df.entry(w).or_default() += 1;
        }
    }
    let n_scenes = scenes.len().max(1) as f64;
    ExtractiveSummary {
        scenes: scenes
            .iter()
            .filter(|s| !s.sentences.is_empty())
            .map(|s| summarize_scene(s, &df, n_scenes))
            .collect(),
    }
}

fn summarize_scene(scene: &Scene, df: &BTreeMap<String, usize>, n_scenes: f64) -> SceneSummary {
    let mut tf: BTreeMap<String, usize> = BTreeMap::new();
    for s in &scene.sentences {
        for w in words(&s.text) {
            *tf.entry(w).or_default() += 1;
        }
    }
    let mut scored: Vec<(usize, f64)> = scene
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let ws: BTreeSet<String> = words(&s.text).into_iter().collect();
            let weight: f64 = ws
                .iter()
                .map(|w| {
                    let tf = tf.get(w).copied().unwrap_or(0) as f64;
                    let df = df.get(w).copied().unwrap_or(1) as f64;
                    tf * (1.0 + n_scenes / df).ln()
                })
                .sum();
            let mut score = weight / (1.0 + (ws.len() as f64).sqrt());
            if ws.len() < 3 {
                score *= 0.3; // "Twice." carries no summary
            }
            if s.speaker.is_some() {
                score *= 0.8; // action tells what happens; dialogue mostly colours it
            }
            if i == 0 && s.speaker.is_none() {
                score *= 1.2; // the establishing line
            }
            (i, score)
        })
        .collect();
    // Highest score first; ties go to the earlier sentence, so the result is total-ordered.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut picked: Vec<usize> = scored
        .iter()
        .take(quota(scene.sentences.len()))
        .map(|(i, _)| *i)
        .collect();
    picked.sort_unstable();
    SceneSummary {
        scene: scene.number,
        heading: scene.heading.clone(),
        sentences: picked.iter().map(|&i| scene.sentences[i].clone()).collect(),
    }
}

impl ExtractiveSummary {
    /// Keeps only the first `n` picked sentences (a logline keeps one).
    pub fn keep_first(&mut self, n: usize) {
        let mut left = n;
        for scene in &mut self.scenes {
            scene.sentences.truncate(left);
            left -= scene.sentences.len();
        }
        self.scenes.retain(|s| !s.sentences.is_empty());
    }

    /// Plain text: the label, then one line per picked sentence citing its scene.
    pub fn render(&self) -> String {
        let mut out = String::from(LABEL);
        out.push('\n');
        if self.scenes.is_empty() {
            out.push_str("\n(There was no text to summarize.)\n");
        }
        for s in &self.scenes {
            out.push('\n');
            match (s.scene, s.heading.is_empty()) {
                (0, _) => out.push_str("Opening\n"),
                (n, true) => out.push_str(&format!("Scene {n}\n")),
                (n, false) => out.push_str(&format!("Scene {n}: {}\n", s.heading)),
            }
            for sentence in &s.sentences {
                let cite = if s.scene == 0 {
                    String::from("[opening]")
                } else {
                    format!("[scene {}]", s.scene)
                };
                match &sentence.speaker {
                    Some(who) => out.push_str(&format!("- {who}: \"{}\" {cite}\n", sentence.text)),
                    None => out.push_str(&format!("- {} {cite}\n", sentence.text)),
                }
            }
        }
        out
    }
}
