//! A forgiving Fountain reader for the offline engine: just enough to split a script into
//! scenes and scenes into sentences. Plain prose (no headings) becomes one untitled scene.
//!
//! Scene headings are lines starting with `INT`, `EXT`, `EST`, `INT./EXT`, `INT/EXT` or `I/E`
//! followed by `.` or a space, or forced with a leading `.`; a trailing `#n#` scene number is
//! dropped. Notes `[[…]]`, boneyard `/*…*/`, sections `#`, synopses `=`, transitions and
//! character cues are not summary material.

/// One scene of the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scene {
    /// 1-based, in script order; 0 for text before the first heading.
    pub number: usize,
    pub heading: String,
    pub sentences: Vec<Sentence>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    /// The speaking character for dialogue; `None` for action.
    pub speaker: Option<String>,
}

pub fn is_scene_heading(line: &str) -> bool {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix('.') {
        return !rest.starts_with('.') && !rest.trim().is_empty();
    }
    let upper = t.to_ascii_uppercase();
    ["INT./EXT", "INT/EXT", "I/E", "INT", "EXT", "EST"]
        .iter()
        .any(|p| {
            upper
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with(' '))
        })
}

fn clean_heading(line: &str) -> String {
    let t = line.trim().trim_start_matches('.');
    let t = match (t.find('#'), t.ends_with('#')) {
        (Some(i), true) => &t[..i],
        _ => t,
    };
    t.trim().to_owned()
}

/// Removes `[[notes]]` and `/* boneyard */`, which may span lines.
fn strip_hidden(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = [("[[", "]]"), ("/*", "*/")]
            .iter()
            .filter_map(|(open, close)| rest.find(open).map(|i| (i, *open, *close)))
            .min_by_key(|(i, _, _)| *i);
        let Some((i, open, close)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i]);
        let after = &rest[i + open.len()..];
        rest = after.find(close).map_or("", |j| &after[j + close.len()..]);
    }
}

fn is_cue(line: &str) -> bool {
    let t = line.trim();
    if let Some(name) = t.strip_prefix('@') {
        return !name.is_empty();
    }
    let name = t
        .split('(')
        .next()
        .unwrap_or(t)
        .trim()
        .trim_end_matches('^')
        .trim();
    name.chars().any(|c| c.is_alphabetic())
        && !name.chars().any(|c| c.is_lowercase())
        && !t.ends_with(':')
        && name.chars().count() <= 40
}

fn is_transition(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with('>') && !t.ends_with('<'))
        || (t.ends_with("TO:") && !t.chars().any(|c| c.is_lowercase()))
}

fn skip_title_page(text: &str) -> &str {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let is_key = first
        .split_once(':')
        .is_some_and(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == ' '));
    if !is_key {
        return text;
    }
    let body = text.trim_start();
    match body.find("\n\n") {
        Some(i) => &body[i..],
        None => "",
    }
}

/// Splits text into scenes of sentences.
pub fn split_scenes(text: &str) -> Vec<Scene> {
    let cleaned = strip_hidden(&text.replace("\r\n", "\n"));
    let body = skip_title_page(&cleaned);
    let mut scenes = vec![Scene {
        number: 0,
        heading: String::new(),
        sentences: Vec::new(),
    }];
    let blocks: Vec<Vec<&str>> = body
        .split("\n\n")
        .map(|b| {
            b.lines()
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|b| !b.is_empty())
        .collect();
    for block in blocks {
        let first = block[0].trim();
        if is_scene_heading(first) {
            let number = scenes.len();
            scenes.push(Scene {
                number,
                heading: clean_heading(first),
                sentences: Vec::new(),
            });
            // Text right under a heading without a blank line is still action.
            add_block(&mut scenes, &block[1..], None);
            continue;
        }
        if first.starts_with('#') || first.starts_with('=') || is_transition(first) {
            continue;
        }
        if block.len() > 1 && is_cue(first) {
            let speaker = first
                .trim_start_matches('@')
                .split('(')
                .next()
                .unwrap_or(first)
                .trim();
            let speaker = speaker.trim_end_matches('^').trim().to_owned();
            let lines: Vec<&str> = block[1..]
                .iter()
                .copied()
                .filter(|l| !l.trim().starts_with('('))
                .collect();
            add_block(&mut scenes, &lines, Some(speaker));
            continue;
        }
        add_block(&mut scenes, &block, None);
    }
    if scenes[0].sentences.is_empty() {
        scenes.remove(0);
    }
    scenes
}

fn add_block(scenes: &mut [Scene], lines: &[&str], speaker: Option<String>) {
    let joined = lines
        .iter()
        .map(|l| {
            l.trim()
                .trim_start_matches(['!', '>'])
                .trim_end_matches('<')
                .trim()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let Some(scene) = scenes.last_mut() else {
        return;
    };
    for text in sentences(&joined) {
        scene.sentences.push(Sentence {
            text,
            speaker: speaker.clone(),
        });
    }
}

/// Sentence split at `.`, `!`, `?` (with closing quotes) followed by a space. Emphasis marks
/// are dropped.
pub fn sentences(text: &str) -> Vec<String> {
    let text: String = text.chars().filter(|c| !matches!(c, '*' | '_')).collect();
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut j = k + 1;
        while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')') {
            j += 1;
        }
        let at_break = j >= chars.len() || chars[j].1.is_whitespace();
        let word_before = text[start..i].split_whitespace().last().unwrap_or("");
        let abbrev = matches!(word_before, "Mr" | "Mrs" | "Ms" | "Dr" | "St" | "vs" | "Mt");
        if at_break && !abbrev {
            let end = chars.get(j).map_or(text.len(), |&(e, _)| e);
            push_sentence(&mut out, &text[start..end]);
            start = end;
        }
    }
    push_sentence(&mut out, &text[start..]);
    out
}

fn push_sentence(out: &mut Vec<String>, s: &str) {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().any(|c| c.is_alphanumeric()) {
        out.push(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        for h in [
            "INT. HOUSE - DAY",
            "EXT. STREET",
            "EST. CITY",
            "INT./EXT. CAR",
            "I/E CAR",
            "int. kitchen",
            ".FLASHBACK",
            "EXT. HARBOUR #1#",
        ] {
            assert!(is_scene_heading(h), "{h}");
        }
        for h in ["INTERIOR DESIGN", "EXTRA", "...", "The INT. is here"] {
            assert!(!is_scene_heading(h), "{h}");
        }
    }

    #[test]
    fn splits_scenes_dialogue_and_sentences() {
        let s = "Title: X\nAuthor: Y\n\nINT. ROOM - DAY #1#\n\nAnna sits. She waits for Mr. Cole.\n\nANNA\n(quietly)\nHe is late. Again!\n\nCUT TO:\n\nEXT. STREET - NIGHT\n\n[[a note]] Rain falls.";
        let scenes = split_scenes(s);
        assert_eq!(scenes.len(), 2);
        assert_eq!(scenes[0].heading, "INT. ROOM - DAY");
        let texts: Vec<_> = scenes[0]
            .sentences
            .iter()
            .map(|x| x.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "Anna sits.",
                "She waits for Mr. Cole.",
                "He is late.",
                "Again!"
            ]
        );
        assert_eq!(scenes[0].sentences[2].speaker.as_deref(), Some("ANNA"));
        assert_eq!(scenes[1].sentences[0].text, "Rain falls.");
    }
}
