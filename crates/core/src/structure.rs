//! Screenplay structure (scenes, characters) of documents and files.

use crate::documents::Documents;
use crate::Result;
use greenlight_domain::ids::DocumentId;
use greenlight_domain::structure::{CharacterInfo, SceneInfo, ScriptStructure};
use greenlight_screenplay::{index, parse_fountain, Setting};

/// Parses Fountain `text` and indexes it. Pure and bounded: the parser is linear and accepts
/// every string.
pub fn structure_of(text: &str) -> ScriptStructure {
    let script = parse_fountain(text);
    let idx = index(&script);
    // Line starts, so a scene's byte offset maps to the line the editor jumps to.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |byte: usize| match line_starts.binary_search(&byte) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    let scenes: Vec<SceneInfo> = idx
        .scenes
        .iter()
        .map(|s| SceneInfo {
            ordinal: s.ordinal as i64,
            number: s.number.clone(),
            heading: s.heading.clone(),
            location: s.location.clone(),
            setting: match s.setting {
                Setting::Int => "INT",
                Setting::Ext => "EXT",
                Setting::IntExt => "INT/EXT",
                _ => "OTHER",
            }
            .to_owned(),
            time_of_day: s.time_of_day.clone(),
            characters: s.characters.clone(),
            words: s.words as i64,
            eighths: i64::from(s.eighths),
            line: line_of(s.range.start) as i64,
        })
        .collect();
    let eighths: i64 = scenes.iter().map(|s| s.eighths).sum();
    ScriptStructure {
        pages: (eighths + 7) / 8,
        scenes,
        characters: idx
            .characters
            .iter()
            .map(|c| CharacterInfo {
                name: c.name.clone(),
                dialogue_blocks: c.dialogue_blocks as i64,
                words: c.words as i64,
                scenes: c.scenes.iter().map(|n| *n as i64).collect(),
            })
            .collect(),
    }
}

impl Documents<'_> {
    /// Scenes and characters of a document's newest revision (parsed on the blocking pool).
    pub async fn structure(&self, id: &DocumentId) -> Result<ScriptStructure> {
        let doc = self.app.store.get_document(id).await?;
        let text = match &doc.head_revision_id {
            Some(r) => self.app.store.get_revision(r).await?.text,
            None => String::new(),
        };
        crate::blocking::run(move || Ok(structure_of(&text))).await
    }
}
