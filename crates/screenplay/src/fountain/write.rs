//! The Fountain writer.
//!
//! Guarantee: for every model the parser can produce, `parse(write(m)) == m` ignoring byte
//! ranges (property-tested in `tests/roundtrip.rs`). To get there the writer separates
//! blocks with blank lines, forces (`!`, `@`, `.`, `>`) any line the unforced rules would
//! read differently, escapes inline markup, and writes empty lines inside an element as the
//! "two spaces" line. Models the parser cannot produce (dialogue with no speaker, text with
//! whitespace-only lines, multi-line title values) are written as close as Fountain allows.

use super::parse::OTHER_MARKER;
use super::rules::{
    has_lowercase, heading_prefix, is_centered, is_transition, starts_with_marker, title_key,
    unforced_cue, Cue,
};
use crate::inline::write_inline;
use crate::model::{Element, ElementKind, Script, StyledText, TitleField};

/// Writes a script as Fountain text.
#[must_use]
pub fn write_fountain(script: &Script) -> String {
    let mut out = String::new();
    for field in &script.title_page {
        write_title_field(field, &mut out);
    }
    let blocks = blocks(&script.elements);
    if script.title_page.is_empty() {
        // Without a title page the first line must not look like `Key:`.
        let first_line = blocks.first().and_then(|b| b.lines().next()).unwrap_or("");
        if title_key(first_line).is_some() {
            out.push('\n');
        }
    } else {
        out.push('\n');
    }
    out.push_str(&blocks.join("\n\n"));
    out.push('\n');
    out
}

fn write_title_field(field: &TitleField, out: &mut String) {
    out.push_str(&field.key);
    out.push(':');
    let values: Vec<String> = field
        .values
        .iter()
        .flat_map(|v| {
            write_inline(v)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    if let [single] = values.as_slice() {
        out.push(' ');
        out.push_str(single);
    } else {
        for v in &values {
            out.push_str("\n    ");
            out.push_str(v);
        }
    }
    out.push('\n');
}

/// Groups elements into blocks (a dialogue block is a cue plus its parentheticals, dialogue
/// and lyrics) and renders each.
fn blocks(elements: &[Element]) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while let Some(el) = elements.get(i) {
        i += 1;
        if let ElementKind::Character {
            name,
            extensions,
            dual,
        } = &el.kind
        {
            let start = i;
            let mut last_part: Option<&ElementKind> = None;
            loop {
                // A boneyard between cue and dialogue (cut from inside the block) stays in
                // the block as a whole line, which the parser removes without splitting it.
                let mut j = i;
                while matches!(
                    elements.get(j).map(|e| &e.kind),
                    Some(ElementKind::Boneyard { .. })
                ) {
                    j += 1;
                }
                let Some(part) = elements.get(j).map(|e| &e.kind) else {
                    break;
                };
                // A part of the same kind as the one before it would merge into it on
                // parsing (one dialogue element spans all consecutive lines).
                let repeats = !matches!(part, ElementKind::Parenthetical { .. })
                    && last_part
                        .is_some_and(|l| std::mem::discriminant(l) == std::mem::discriminant(part));
                if !is_dialogue_part(part) || repeats {
                    break;
                }
                last_part = Some(part);
                i = j + 1;
            }
            let cue = Cue {
                name: name.clone(),
                extensions: extensions.clone(),
                dual: *dual,
            };
            blocks.push(dialogue_block(&cue, &elements[start..i]));
        } else {
            blocks.push(block(&el.kind));
        }
    }
    blocks
}

fn is_dialogue_part(k: &ElementKind) -> bool {
    matches!(
        k,
        ElementKind::Parenthetical { .. }
            | ElementKind::Dialogue { .. }
            | ElementKind::Lyrics { .. }
    )
}

fn cue_line(cue: &Cue) -> String {
    let mut s = cue.name.clone();
    for e in &cue.extensions {
        s.push_str(" (");
        s.push_str(e);
        s.push(')');
    }
    if cue.dual {
        s.push_str(" ^");
    }
    s
}

fn dialogue_block(cue: &Cue, parts: &[Element]) -> String {
    let line = cue_line(cue);
    let reads_back = unforced_cue(&line).is_some_and(|c| c == *cue);
    let has_parts = parts.iter().any(|p| is_dialogue_part(&p.kind));
    let mut out = if reads_back && has_parts {
        line
    } else {
        format!("@{line}")
    };
    for part in parts {
        out.push('\n');
        match &part.kind {
            ElementKind::Parenthetical { text } => {
                out.push('(');
                out.push_str(text);
                out.push(')');
            }
            ElementKind::Dialogue { text } => {
                let lines: Vec<String> = inline_lines(text)
                    .into_iter()
                    .map(|l| {
                        let t = l.trim_start();
                        let special =
                            (t.starts_with('(') && t.ends_with(')')) || t.starts_with('~');
                        if special {
                            format!("\\{l}")
                        } else {
                            l
                        }
                    })
                    .collect();
                out.push_str(&lines.join("\n"));
            }
            ElementKind::Lyrics { text } => out.push_str(&prefixed(text, "~", "")),
            ElementKind::Boneyard { text } => {
                out.push_str("/*");
                out.push_str(text);
                out.push_str("*/");
            }
            _ => {}
        }
    }
    out
}

/// Inline markup split into lines, with whitespace-only lines written as "two spaces" so
/// they stay inside the element.
fn inline_lines(text: &StyledText) -> Vec<String> {
    two_space_blank_lines(&write_inline(text))
}

fn two_space_blank_lines(written: &str) -> Vec<String> {
    written
        .split('\n')
        .map(|l| {
            if l.trim().is_empty() {
                "  ".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect()
}

fn prefixed(text: &StyledText, before: &str, after: &str) -> String {
    write_inline(text)
        .split('\n')
        .map(|l| format!("{before}{l}{after}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Action-like paragraph, forced with `!` when its first line would read as anything else.
fn action(text: &StyledText, always_force: bool, suffix: &str) -> String {
    let mut written = write_inline(text);
    written.push_str(suffix);
    let mut lines = two_space_blank_lines(&written);
    if let Some(first) = lines.first_mut() {
        let t = first.trim();
        let force = always_force
            || t.is_empty()
            || starts_with_marker(t)
            || heading_prefix(t).is_some()
            || is_centered(t)
            || !has_lowercase(t)
            || unforced_cue(t).is_some();
        if force {
            first.insert(0, '!');
        }
    }
    lines.join("\n")
}

fn block(kind: &ElementKind) -> String {
    match kind {
        ElementKind::SceneHeading {
            text,
            number,
            forced,
        } => {
            let mut s = String::new();
            if *forced || heading_prefix(text).is_none() {
                s.push('.');
            }
            s.push_str(text);
            if let Some(n) = number {
                s.push_str(" #");
                s.push_str(n);
                s.push('#');
            }
            s
        }
        ElementKind::Action { text } => action(text, false, ""),
        ElementKind::Other { type_name, text } => {
            let marker = format!("[[{OTHER_MARKER}{}]]", type_name.replace("]]", "] ]"));
            action(text, true, &marker)
        }
        ElementKind::Transition { text, forced } => {
            if *forced
                || !is_transition(text)
                || starts_with_marker(text)
                || heading_prefix(text).is_some()
            {
                format!(">{text}")
            } else {
                text.clone()
            }
        }
        ElementKind::Centered { text } => prefixed(text, ">", "<"),
        ElementKind::Lyrics { text } => prefixed(text, "~", ""),
        ElementKind::PageBreak => "===".to_owned(),
        ElementKind::Section { depth, text } => {
            format!("{} {text}", "#".repeat(usize::from((*depth).max(1))))
        }
        ElementKind::Synopsis { text } => format!("= {text}"),
        ElementKind::Note { text } => {
            let lines: Vec<&str> = text
                .split('\n')
                .map(|l| if l.trim().is_empty() { "  " } else { l })
                .collect();
            format!("[[{}]]", lines.join("\n"))
        }
        ElementKind::Boneyard { text } => format!("/*{text}*/"),
        // A speaker-less dialogue part: the nearest Fountain has is an action paragraph.
        ElementKind::Parenthetical { text } => {
            action(&StyledText::plain(&format!("({text})")), false, "")
        }
        ElementKind::Dialogue { text } => action(text, false, ""),
        ElementKind::Character { .. } => String::new(),
    }
}
