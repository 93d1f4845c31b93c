//! Summaries of long scripts as a tree (scene → sequence → whole), and what keeps them honest:
//! every node cached under a hash of what produced it, every sentence citing the scenes it
//! comes from, and names or citations that the script does not back flagged on the sentence.
//!
//! Pure: core runs the provider calls (concurrently, up to a limit) in the order
//! [`plan`] gives (children before parents), looking each node up by [`cache_key`] first, so
//! after an edit only the nodes above the changed scenes are recomputed.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashSet};

/// A scene as summaries see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SceneText {
    /// 1-based position in the script.
    pub ordinal: i64,
    pub heading: String,
    pub text: String,
    /// Speaking characters.
    pub characters: Vec<String>,
}

/// What to summarize.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Scene(i64),
    /// Scenes `A..=B`.
    Scenes(i64, i64),
    /// The characters `[A, B)` of the text (Unicode scalar values): a selection. Core passes
    /// [`plan`] only the parts of the scenes it overlaps.
    Chars(usize, usize),
}

impl Scope {
    /// `all`, `scene:N`, `scenes:A-B` or `chars:A-B` (as the CLI takes it).
    pub fn parse(s: &str) -> Option<Scope> {
        let s = s.trim();
        if s == "all" {
            return Some(Scope::All);
        }
        if let Some((a, b)) = s.strip_prefix("chars:").and_then(|r| r.split_once('-')) {
            let (a, b): (usize, usize) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            return (a < b).then_some(Scope::Chars(a, b));
        }
        if let Some(n) = s.strip_prefix("scene:") {
            return n.trim().parse().ok().filter(|n| *n > 0).map(Scope::Scene);
        }
        let (a, b) = s.strip_prefix("scenes:")?.split_once('-')?;
        let (a, b): (i64, i64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        (a > 0 && a <= b).then_some(Scope::Scenes(a, b))
    }

    fn contains(self, ordinal: i64) -> bool {
        match self {
            Scope::All | Scope::Chars(..) => true,
            Scope::Scene(n) => ordinal == n,
            Scope::Scenes(a, b) => (a..=b).contains(&ordinal),
        }
    }
}

/// What kind of summary: the tree's own summary of the scope, or a logline or synopsis
/// written from it (one more node above the tree's root, with its own template).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SummaryKind {
    Summary,
    Logline,
    Synopsis,
}

impl SummaryKind {
    pub const ALL: [SummaryKind; 3] = [Self::Summary, Self::Logline, Self::Synopsis];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Summary => "summary",
            Self::Logline => "logline",
            Self::Synopsis => "synopsis",
        }
    }

    pub fn parse(s: &str) -> Option<SummaryKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// The plan for this kind: the tree's, plus one node above its root for a logline or a
    /// synopsis (scoped `logline` or `synopsis`, covering the root's scenes).
    pub fn extend(self, mut plan: Vec<NodePlan>) -> Vec<NodePlan> {
        if self == Self::Summary {
            return plan;
        }
        if let Some(root) = plan.len().checked_sub(1) {
            let scenes = plan[root].scenes.clone();
            plan.push(NodePlan {
                scope: self.as_str().to_owned(),
                scenes,
                children: vec![root],
            });
        }
        plan
    }
}

/// One node of the tree: a scene, a sequence of scenes, or the whole scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePlan {
    /// `scene:N`, `scenes:A-B` or `all`.
    pub scope: String,
    /// The scenes it covers, in order.
    pub scenes: Vec<i64>,
    /// Indexes (in the plan) of the nodes it summarizes; empty for a scene.
    pub children: Vec<usize>,
}

/// Why a scope cannot be summarized.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the script has no scenes to summarize")]
    NoScenes,
    #[error("scene {0} does not exist (the script has {1})")]
    NoSuchScene(i64, usize),
}

/// The nodes to compute for `scope`, children before parents: one per scene, then
/// sequences of `fanout` consecutive scenes, then one node over the sequences (as many
/// levels as needed). A single scene is its own root.
pub fn plan(scenes: &[SceneText], scope: Scope, fanout: usize) -> Result<Vec<NodePlan>, PlanError> {
    if scenes.is_empty() {
        return Err(PlanError::NoScenes);
    }
    let last = scenes.len() as i64;
    match scope {
        Scope::Scene(n) | Scope::Scenes(n, _) if n > last => {
            return Err(PlanError::NoSuchScene(n, scenes.len()))
        }
        Scope::Scenes(_, b) if b > last => return Err(PlanError::NoSuchScene(b, scenes.len())),
        _ => {}
    }
    let fanout = fanout.max(2);
    let mut nodes: Vec<NodePlan> = scenes
        .iter()
        .filter(|s| scope.contains(s.ordinal))
        .map(|s| NodePlan {
            scope: format!("scene:{}", s.ordinal),
            scenes: vec![s.ordinal],
            children: Vec::new(),
        })
        .collect();
    let mut level: Vec<usize> = (0..nodes.len()).collect();
    while level.len() > 1 {
        let top = level.len() <= fanout;
        let mut next = Vec::new();
        for group in level.chunks(fanout) {
            let covered: Vec<i64> = group
                .iter()
                .flat_map(|i| nodes[*i].scenes.clone())
                .collect();
            let scope = if top && matches!(scope, Scope::All) {
                "all".to_owned()
            } else if top && matches!(scope, Scope::Chars(..)) {
                SELECTION.to_owned()
            } else {
                format!(
                    "scenes:{}-{}",
                    covered.first().copied().unwrap_or_default(),
                    covered.last().copied().unwrap_or_default()
                )
            };
            nodes.push(NodePlan {
                scope,
                scenes: covered,
                children: group.to_vec(),
            });
            next.push(nodes.len() - 1);
        }
        level = next;
    }
    // A selection inside one scene is that scene's node, named for what it is.
    if let (Scope::Chars(..), [only]) = (scope, nodes.as_mut_slice()) {
        only.scope = SELECTION.to_owned();
    }
    Ok(nodes)
}

/// The root's scope when a selection is summarized.
pub const SELECTION: &str = "selection";

/// The cache key of a node: what produced it, and exactly the text it was made from.
pub fn cache_key(
    provider: &str,
    model: &str,
    template_version: i64,
    params: &str,
    input: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        provider,
        model,
        &template_version.to_string(),
        params,
        input,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    format!("sha256:{}", hex::encode(h.finalize()))
}

/// A flag on a sentence: something the script does not back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Flag {
    pub name: String,
    pub reason: String,
}

/// One sentence of a summary with the scenes it cites and its flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Sentence {
    pub text: String,
    pub citations: Vec<i64>,
    pub flags: Vec<Flag>,
}

/// Words that start sentences or are capitalized for other reasons than being names.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "And",
    "But",
    "Or",
    "In",
    "On",
    "At",
    "As",
    "He",
    "She",
    "They",
    "It",
    "His",
    "Her",
    "Their",
    "Its",
    "We",
    "I",
    "You",
    "When",
    "While",
    "After",
    "Before",
    "Then",
    "Meanwhile",
    "Later",
    "Scene",
    "Scenes",
    "Act",
    "Sequence",
    "Day",
    "Night",
    "Int",
    "Ext",
    "Continuous",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "With",
    "Without",
];

/// Splits a model's summary into sentences with their citations (`[S3]`, `[S3, S5]`, `[S3-S5]`
/// markers, removed from the text) and flags:
/// - a cited scene that does not exist;
/// - a capitalized name (not at the start of a sentence) that occurs nowhere in the script;
/// - a character of the script named in a sentence whose cited scenes do not contain them.
///
/// A sentence without markers cites `fallback` (the node's own scenes): a provider that
/// ignores the requested format still yields a summary cited by the tree's structure.
pub fn sentences(text: &str, scenes: &[SceneText], fallback: &[i64]) -> Vec<Sentence> {
    let script: String = scenes
        .iter()
        .map(|s| format!("{}\n{}\n", s.heading, s.text))
        .collect::<String>()
        .to_lowercase();
    let known: HashSet<String> = script
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let characters: Vec<&str> = {
        let mut all: BTreeSet<&str> = BTreeSet::new();
        for s in scenes {
            all.extend(s.characters.iter().map(String::as_str));
        }
        all.into_iter().collect()
    };
    split_sentences(text)
        .into_iter()
        .filter_map(|raw| {
            let (clean, cited) = take_citations(&raw);
            let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
            if clean.is_empty() {
                return None;
            }
            let citations = if cited.is_empty() {
                fallback.to_vec()
            } else {
                cited
            };
            let mut flags = Vec::new();
            for c in &citations {
                if !scenes.iter().any(|s| s.ordinal == *c) {
                    flags.push(Flag {
                        name: format!("scene {c}"),
                        reason: format!("cites scene {c}, which does not exist"),
                    });
                }
            }
            for (i, word) in clean
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty())
                .enumerate()
            {
                let name = word.trim_end_matches("'s");
                let capitalized = name.chars().next().is_some_and(char::is_uppercase);
                if i == 0 || !capitalized || name.chars().count() < 3 || NOT_NAMES.contains(&name) {
                    continue;
                }
                if !known.contains(&name.to_lowercase()) && !flags.iter().any(|f| f.name == name) {
                    flags.push(Flag {
                        name: name.to_owned(),
                        reason: "occurs nowhere in the script: possibly invented".into(),
                    });
                }
            }
            for ch in &characters {
                let named = clean
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case(ch));
                let present = scenes
                    .iter()
                    .filter(|s| citations.contains(&s.ordinal))
                    .any(|s| {
                        s.characters.iter().any(|c| c == ch)
                            || s.text.to_uppercase().contains(&ch.to_uppercase())
                    });
                if named && !present {
                    flags.push(Flag {
                        name: (*ch).to_owned(),
                        reason: "is not in the scenes this sentence cites".into(),
                    });
                }
            }
            Some(Sentence {
                text: clean,
                citations,
                flags,
            })
        })
        .collect()
}

/// Sentences end at `.`, `!` or `?` followed by a space or the end, or at a line break.
fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        current.push(c);
        let boundary = match c {
            '.' | '!' | '?' => {
                // Citations right after the stop belong to this sentence.
                let mut j = i + 1;
                while j < chars.len() && chars[j] == ' ' {
                    j += 1;
                }
                if j < chars.len() && chars[j] == '[' {
                    if let Some(end) = chars[j..].iter().position(|c| *c == ']') {
                        current.extend(&chars[i + 1..=j + end]);
                        i = j + end;
                    }
                }
                i + 1 >= chars.len() || chars[i + 1].is_whitespace()
            }
            '\n' => true,
            _ => false,
        };
        if boundary {
            out.push(std::mem::take(&mut current));
        }
        i += 1;
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// Removes `[S…]` markers from a sentence and returns the scenes they cite.
fn take_citations(sentence: &str) -> (String, Vec<i64>) {
    let mut text = String::with_capacity(sentence.len());
    let mut cited = BTreeSet::new();
    let mut rest = sentence;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        let parsed = parse_marker(inner);
        text.push_str(&rest[..open]);
        match parsed {
            Some(scenes) => cited.extend(scenes),
            None => text.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    (text, cited.into_iter().collect())
}

/// `S3`, `S3, S5`, `S3-S5` (or without the S) → scene ordinals; `None` if it is no marker.
fn parse_marker(inner: &str) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    for part in inner.split(',') {
        let part = part.trim();
        let num = |s: &str| -> Option<i64> {
            let s = s.trim();
            let s = s
                .strip_prefix('S')
                .or_else(|| s.strip_prefix('s'))
                .unwrap_or(s);
            s.trim().parse().ok()
        };
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (num(a)?, num(b)?);
                if a > b || b - a > 500 {
                    return None;
                }
                out.extend(a..=b);
            }
            None => out.push(num(part)?),
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenes(n: i64) -> Vec<SceneText> {
        (1..=n)
            .map(|i| SceneText {
                ordinal: i,
                heading: format!("INT. ROOM {i} - DAY"),
                text: if i == 2 {
                    "Maya pours coffee for Theo.".into()
                } else {
                    "Maya waits.".into()
                },
                characters: if i == 2 {
                    vec!["MAYA".into(), "THEO".into()]
                } else {
                    vec!["MAYA".into()]
                },
            })
            .collect()
    }

    #[test]
    fn a_long_script_becomes_scenes_sequences_and_a_whole() {
        let s = scenes(20);
        let nodes = plan(&s, Scope::All, 8).expect("plan");
        let leaves = nodes.iter().filter(|n| n.children.is_empty()).count();
        assert_eq!(leaves, 20);
        let root = nodes.last().expect("root");
        assert_eq!(root.scope, "all");
        assert_eq!(root.scenes, (1..=20).collect::<Vec<_>>());
        assert_eq!(root.children.len(), 3, "sequences of 8, 8 and 4 scenes");
        for (i, n) in nodes.iter().enumerate() {
            assert!(n.children.iter().all(|c| *c < i), "children come first");
        }
        let one = plan(&s, Scope::Scene(3), 8).expect("one");
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].scope, "scene:3");
        let range = plan(&s, Scope::Scenes(2, 4), 8).expect("range");
        assert_eq!(range.last().map(|n| n.scope.as_str()), Some("scenes:2-4"));
        assert_eq!(
            plan(&s, Scope::Scene(21), 8),
            Err(PlanError::NoSuchScene(21, 20))
        );
        assert_eq!(plan(&[], Scope::All, 8), Err(PlanError::NoScenes));
        assert_eq!(Scope::parse("scenes:2-4"), Some(Scope::Scenes(2, 4)));
        assert_eq!(Scope::parse("scene:0"), None);
        assert_eq!(Scope::parse("scenes:4-2"), None);
        assert_eq!(Scope::parse("chars:10-250"), Some(Scope::Chars(10, 250)));
        assert_eq!(Scope::parse("chars:9-9"), None);
        // A selection: the root is named for it, and so is a selection inside one scene.
        let sel = plan(&s[3..12], Scope::Chars(0, 1), 8).expect("selection");
        assert_eq!(sel.last().map(|n| n.scope.as_str()), Some(SELECTION));
        assert_eq!(sel.iter().filter(|n| n.children.is_empty()).count(), 9);
        let inside = plan(&s[4..5], Scope::Chars(0, 1), 8).expect("inside");
        assert_eq!(inside.len(), 1);
        assert_eq!(
            (inside[0].scope.as_str(), inside[0].scenes.clone()),
            (SELECTION, vec![5])
        );
    }

    #[test]
    fn a_logline_or_synopsis_is_one_node_above_the_root() {
        let s = scenes(20);
        let tree = plan(&s, Scope::All, 8).expect("plan");
        assert_eq!(SummaryKind::Summary.extend(tree.clone()), tree);
        for kind in [SummaryKind::Logline, SummaryKind::Synopsis] {
            let nodes = kind.extend(tree.clone());
            assert_eq!(nodes.len(), tree.len() + 1);
            let top = nodes.last().expect("top");
            assert_eq!(top.scope, kind.as_str());
            assert_eq!(
                top.children,
                vec![tree.len() - 1],
                "its input is the whole's summary"
            );
            assert_eq!(top.scenes, (1..=20).collect::<Vec<_>>());
            assert_eq!(SummaryKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(SummaryKind::parse("tagline"), None);
    }

    #[test]
    fn the_cache_key_changes_with_anything_that_made_the_node() {
        let k = cache_key("p", "m", 1, "{}", "text");
        assert_eq!(k, cache_key("p", "m", 1, "{}", "text"));
        for other in [
            cache_key("q", "m", 1, "{}", "text"),
            cache_key("p", "n", 1, "{}", "text"),
            cache_key("p", "m", 2, "{}", "text"),
            cache_key("p", "m", 1, "{\"n\":1}", "text"),
            cache_key("p", "m", 1, "{}", "text!"),
            cache_key("pm", "", 1, "{}", "text"),
        ] {
            assert_ne!(k, other);
        }
    }

    #[test]
    fn sentences_cite_their_scenes_and_unbacked_names_are_flagged() {
        let s = scenes(3);
        let out = sentences(
            "Maya pours coffee for Theo. [S2] Later, Maya meets Gustavo in Lisbon. [S1] Theo waits alone. [S3] It ends. [S9]",
            &s,
            &[1, 2, 3],
        );
        assert_eq!(out.len(), 4);
        assert_eq!(out[0].text, "Maya pours coffee for Theo.");
        assert_eq!(out[0].citations, vec![2]);
        assert!(out[0].flags.is_empty(), "{:?}", out[0].flags);
        let names: Vec<&str> = out[1].flags.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Gustavo", "Lisbon"]);
        assert_eq!(
            out[2].flags.len(),
            1,
            "Theo is not in scene 3: {:?}",
            out[2].flags
        );
        assert_eq!(out[2].flags[0].name, "THEO");
        assert!(out[3].flags[0].reason.contains("does not exist"));
        // A provider that ignored the format: the node's own scenes are cited.
        let plain = sentences("Maya waits. Theo comes.", &s, &[2]);
        assert!(plain.iter().all(|p| p.citations == vec![2]));
        assert_eq!(take_citations("He runs [S3-S5].").1, vec![3, 4, 5]);
        assert_eq!(take_citations("See [note].").0, "See [note].");
    }
}
