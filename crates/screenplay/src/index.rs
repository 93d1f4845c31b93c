//! Scene and character index derived from the element sequence.
//!
//! A scene starts at each scene heading and runs to the next one; elements before the first
//! heading belong to no scene. Page length uses the common layout heuristic (55 lines a
//! page, action ~60 characters a line, dialogue ~35, parentheticals ~25, a blank line
//! before each block), so it matches a printed page to within about an eighth on typical
//! scripts; it is an estimate, not a pagination.

use crate::fountain::heading_prefix;
use crate::model::{ElementKind, Script};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

/// Interior / exterior of a scene heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    Int,
    Ext,
    IntExt,
    /// `EST.` (establishing) or a forced heading without a recognised prefix.
    Other,
}

/// One scene.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scene {
    /// 1-based position among scenes.
    pub ordinal: usize,
    /// The heading's `#1A#` number, if any.
    pub number: Option<String>,
    pub heading: String,
    /// Heading text after the prefix and before the last ` - ` (e.g. `KITCHEN`).
    pub location: String,
    pub setting: Setting,
    /// Text after the last ` - ` (e.g. `NIGHT`), if any.
    pub time_of_day: Option<String>,
    /// Normalized names of the characters who speak in the scene, in order of first line.
    pub characters: Vec<String>,
    /// Words of printed text (action, dialogue, parentheticals, lyrics, headings, ...).
    pub words: usize,
    /// Estimated length in eighths of a page (at least 1).
    pub eighths: u32,
    /// From the heading's start to the end of the scene's last element, in the source.
    pub range: Range<usize>,
    /// Index of the heading and one past the last element in `Script::elements`.
    pub elements: Range<usize>,
}

/// One speaking character.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharacterStats {
    /// Uppercased name without extensions.
    pub name: String,
    /// Number of dialogue blocks (cues).
    pub dialogue_blocks: usize,
    /// Words spoken (dialogue and lyrics after their cues).
    pub words: usize,
    /// Ordinals of the scenes they speak in.
    pub scenes: Vec<usize>,
}

/// Scenes in order, characters sorted by name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScriptIndex {
    pub scenes: Vec<Scene>,
    pub characters: Vec<CharacterStats>,
}

const LINES_PER_PAGE: usize = 55;

/// Builds the index. Linear in the number of elements (characters are kept in a map).
#[must_use]
pub fn index(script: &Script) -> ScriptIndex {
    let mut scenes: Vec<Scene> = Vec::new();
    let mut lines_in_scene = 0usize;
    let mut chars: BTreeMap<String, CharacterStats> = BTreeMap::new();
    let mut speaker: Option<String> = None;
    let finish = |scene: &mut Scene, lines: usize| {
        let eighths = (lines * 8).div_ceil(LINES_PER_PAGE).max(1);
        scene.eighths = u32::try_from(eighths).unwrap_or(u32::MAX);
    };
    for (i, el) in script.elements.iter().enumerate() {
        if let ElementKind::SceneHeading { text, number, .. } = &el.kind {
            if let Some(prev) = scenes.last_mut() {
                finish(prev, lines_in_scene);
            }
            let (setting, location, time_of_day) = split_heading(text);
            scenes.push(Scene {
                ordinal: scenes.len() + 1,
                number: number.clone(),
                heading: text.clone(),
                location,
                setting,
                time_of_day,
                characters: Vec::new(),
                words: words(text),
                eighths: 1,
                range: el.range.clone(),
                elements: i..i + 1,
            });
            lines_in_scene = 2;
            speaker = None;
            continue;
        }
        let plain = printed_text(&el.kind);
        let n_words = words(&plain);
        lines_in_scene += layout_lines(&el.kind, &plain);
        let scene = scenes.last_mut();
        let ordinal = scene.as_ref().map(|s| s.ordinal);
        let mut new_speaker = None;
        match &el.kind {
            ElementKind::Character { name, .. } => {
                let name = normalize_name(name);
                let stats = chars.entry(name.clone()).or_insert_with(|| CharacterStats {
                    name: name.clone(),
                    dialogue_blocks: 0,
                    words: 0,
                    scenes: Vec::new(),
                });
                stats.dialogue_blocks += 1;
                if let Some(o) = ordinal {
                    if stats.scenes.last() != Some(&o) {
                        stats.scenes.push(o);
                    }
                }
                new_speaker = Some(name.clone());
                speaker = Some(name);
            }
            ElementKind::Dialogue { .. } | ElementKind::Lyrics { .. } => {
                if let Some(stats) = speaker.as_ref().and_then(|n| chars.get_mut(n)) {
                    stats.words += n_words;
                }
            }
            ElementKind::Parenthetical { .. } => {}
            _ => speaker = None,
        }
        if let Some(s) = scene {
            s.words += n_words;
            s.range.end = s.range.end.max(el.range.end);
            s.elements.end = i + 1;
            if let Some(name) = new_speaker {
                if !s.characters.contains(&name) {
                    s.characters.push(name);
                }
            }
        }
    }
    if let Some(prev) = scenes.last_mut() {
        finish(prev, lines_in_scene);
    }
    ScriptIndex {
        scenes,
        characters: chars.into_values().collect(),
    }
}

/// Uppercase, extensions and the dual marker removed, whitespace collapsed, so `Bob (V.O.)`
/// and `BOB` count as one character.
#[must_use]
pub fn normalize_name(name: &str) -> String {
    let base = name.split('(').next().unwrap_or(name);
    let base = base.trim().trim_end_matches('^');
    base.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

fn split_heading(text: &str) -> (Setting, String, Option<String>) {
    let (setting, rest) = match heading_prefix(text) {
        Some(p) => {
            let setting = match p {
                "INT" => Setting::Int,
                "EXT" => Setting::Ext,
                "EST" => Setting::Other,
                _ => Setting::IntExt,
            };
            let rest = &text[p.len()..];
            (setting, rest.trim_start_matches(['.', ' ']))
        }
        None => (Setting::Other, text),
    };
    match rest.rfind(" - ") {
        Some(p) => (
            setting,
            rest[..p].trim().to_owned(),
            Some(rest[p + 3..].trim().to_owned()).filter(|t| !t.is_empty()),
        ),
        None => (setting, rest.trim().to_owned(), None),
    }
}

fn printed_text(kind: &ElementKind) -> String {
    match kind {
        ElementKind::SceneHeading { text, .. }
        | ElementKind::Parenthetical { text }
        | ElementKind::Transition { text, .. } => text.clone(),
        ElementKind::Character { name, .. } => name.clone(),
        ElementKind::Action { text }
        | ElementKind::Dialogue { text }
        | ElementKind::Lyrics { text }
        | ElementKind::Centered { text }
        | ElementKind::Other { text, .. } => text.to_plain(),
        ElementKind::PageBreak
        | ElementKind::Section { .. }
        | ElementKind::Synopsis { .. }
        | ElementKind::Note { .. }
        | ElementKind::Boneyard { .. } => String::new(),
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Printed lines an element takes, including the blank line before a block.
fn layout_lines(kind: &ElementKind, plain: &str) -> usize {
    let wrapped = |width: usize| -> usize {
        plain
            .split('\n')
            .map(|l| l.chars().count().div_ceil(width).max(1))
            .sum()
    };
    match kind {
        ElementKind::Action { .. } | ElementKind::Other { .. } => 1 + wrapped(60),
        ElementKind::Centered { .. } | ElementKind::Transition { .. } => 1 + wrapped(60),
        ElementKind::Character { .. } => 2,
        ElementKind::Dialogue { .. } | ElementKind::Lyrics { .. } => wrapped(35),
        ElementKind::Parenthetical { .. } => wrapped(25),
        _ => 0,
    }
}
