//! The Fountain 1.1 block parser.
//!
//! One forward pass over the lines, no backtracking and no recursion: each line is looked at
//! a bounded number of times (the line itself and, for headings, transitions and cues, the
//! next one), so parsing is linear in the input. Every input is accepted; text that fits no
//! rule is action, as the spec prescribes.

use super::rules::{
    heading_prefix, is_blank, is_centered, is_page_break, is_transition, is_two_space, split_cue,
    split_scene_number, unforced_cue, Cue,
};
use super::source::{lines, Line, Source};
use super::title::parse_title_page;
use crate::inline::parse_inline;
use crate::model::{Element, ElementKind, Script, StyledText};
use std::ops::Range;

/// The note text that marks an action paragraph as a paragraph type Fountain has no syntax
/// for (see [`ElementKind::Other`]): `[[fdx:Shot]]` at the very end of the paragraph.
pub(crate) const OTHER_MARKER: &str = "fdx:";

/// Parses Fountain text. Never fails: malformed markup degrades to literal text.
#[must_use]
pub fn parse_fountain(input: &str) -> Script {
    let src = Source::new(input);
    let lines = lines(&src.clean);
    let (title_page, body_start) = parse_title_page(&lines, &src);
    let mut p = Parser {
        lines: &lines,
        src: &src,
        out: Vec::new(),
    };
    p.body(body_start);
    let elements = merge_boneyards(p.out, &src);
    Script {
        title_page,
        elements,
    }
}

struct Parser<'a> {
    lines: &'a [Line<'a>],
    src: &'a Source,
    out: Vec<Element>,
}

/// What a dialogue block is currently accumulating.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Pending {
    Dialogue,
    Lyrics,
}

impl Parser<'_> {
    fn body(&mut self, mut i: usize) {
        let mut prev_blank = true;
        while let Some(line) = self.lines.get(i) {
            if is_blank(line.text) {
                prev_blank = true;
                i += 1;
                continue;
            }
            // Each block consumes at least its first line.
            i = self.block(i, prev_blank).max(i + 1);
            prev_blank = false;
        }
    }

    fn next_blank(&self, i: usize) -> bool {
        self.lines.get(i + 1).is_none_or(|l| is_blank(l.text))
    }

    fn range(&self, first: usize, last: usize) -> Range<usize> {
        let start = self.lines[first].range.start;
        let end = self.lines[last].range.end;
        self.src.map(start..end)
    }

    fn push(&mut self, kind: ElementKind, first: usize, last: usize) {
        let range = self.range(first, last);
        self.out.push(Element { kind, range });
    }

    /// Classifies the block starting at line `i` and returns the index after it.
    fn block(&mut self, i: usize, prev_blank: bool) -> usize {
        let t = self.lines[i].text.trim();
        // Classifying looks at the line (and at most the next one's blankness).
        crate::work::add(t.len() + 1);
        if t.starts_with('!') {
            return self.action(i, true);
        }
        if let Some(rest) = t.strip_prefix('@') {
            let cue = split_cue(rest).unwrap_or_else(|| Cue {
                name: rest.trim().to_owned(),
                extensions: Vec::new(),
                dual: false,
            });
            return self.dialogue(i, cue);
        }
        if is_page_break(t) {
            self.push(ElementKind::PageBreak, i, i);
            return i + 1;
        }
        if t.starts_with('#') {
            let hashes = t.bytes().take_while(|&c| c == b'#').count();
            let depth = u8::try_from(hashes).unwrap_or(u8::MAX);
            let text = t[hashes..].trim().to_owned();
            self.push(ElementKind::Section { depth, text }, i, i);
            return i + 1;
        }
        if let Some(rest) = t.strip_prefix('=') {
            let text = rest.trim().to_owned();
            self.push(ElementKind::Synopsis { text }, i, i);
            return i + 1;
        }
        if t.starts_with('~') {
            return self.run_of(i, Pending::Lyrics);
        }
        if is_centered(t) {
            return self.centered(i);
        }
        if let Some(rest) = t.strip_prefix('>') {
            let text = rest.trim().to_owned();
            let kind = ElementKind::Transition { text, forced: true };
            self.push(kind, i, i);
            return i + 1;
        }
        if let Some(rest) = t.strip_prefix('.') {
            if rest.chars().next().is_some_and(char::is_alphanumeric) {
                self.heading(i, rest, true);
                return i + 1;
            }
        }
        let next_blank = self.next_blank(i);
        if prev_blank && next_blank && heading_prefix(t).is_some() {
            self.heading(i, t, false);
            return i + 1;
        }
        if prev_blank && next_blank && is_transition(t) {
            let kind = ElementKind::Transition {
                text: t.to_owned(),
                forced: false,
            };
            self.push(kind, i, i);
            return i + 1;
        }
        if t.starts_with("[[") {
            if let Some(end) = self.note_paragraph(i) {
                return end;
            }
        }
        if prev_blank && !next_blank {
            if let Some(cue) = unforced_cue(t) {
                return self.dialogue(i, cue);
            }
        }
        self.action(i, false)
    }

    fn heading(&mut self, i: usize, t: &str, forced: bool) {
        let (text, number) = split_scene_number(t.trim());
        let kind = ElementKind::SceneHeading {
            text: text.to_owned(),
            number: number.map(str::to_owned),
            forced,
        };
        self.push(kind, i, i);
    }

    /// Index after the paragraph starting at `i` (the first blank line or the end).
    fn paragraph_end(&self, i: usize) -> usize {
        let mut j = i;
        while let Some(l) = self.lines.get(j) {
            crate::work::add(l.text.len() + 1);
            if is_blank(l.text) {
                break;
            }
            j += 1;
        }
        j
    }

    /// Lines of a paragraph joined with `\n`; "two spaces" lines become empty lines.
    fn joined(&self, from: usize, to: usize, first_override: Option<&str>) -> String {
        let mut s = String::new();
        for j in from..to {
            if j > from {
                s.push('\n');
            }
            let raw = self.lines[j].text;
            crate::work::add(raw.len() + 1);
            match first_override {
                Some(o) if j == from => s.push_str(o),
                _ if is_two_space(raw) => {}
                _ => s.push_str(raw),
            }
        }
        s
    }

    fn action(&mut self, i: usize, forced: bool) -> usize {
        let end = self.paragraph_end(i);
        let first = self.lines[i].text;
        let unforced;
        let override_first = if forced {
            // Drop the `!` but keep any indentation before it.
            let bang = first.find('!').unwrap_or(0);
            let rest = format!("{}{}", &first[..bang], &first[bang + 1..]);
            // `!` on an otherwise empty line forces an action starting with an empty line.
            unforced = if rest.trim().is_empty() {
                String::new()
            } else {
                rest
            };
            Some(unforced.as_str())
        } else {
            None
        };
        let text = parse_inline(&self.joined(i, end, override_first));
        let kind = match text.runs().split_last() {
            Some((last, rest)) if last.style.note && last.text.starts_with(OTHER_MARKER) => {
                ElementKind::Other {
                    type_name: last.text[OTHER_MARKER.len()..].to_owned(),
                    text: StyledText::from(rest.to_vec()),
                }
            }
            _ => ElementKind::Action { text },
        };
        self.push(kind, i, end - 1);
        end
    }

    fn note_paragraph(&mut self, i: usize) -> Option<usize> {
        let end = self.paragraph_end(i);
        let joined = self.joined(i, end, None);
        let t = joined.trim();
        let inner = t.strip_prefix("[[")?.strip_suffix("]]")?;
        if inner.contains("]]") {
            return None;
        }
        let text = inner.trim().to_owned();
        self.push(ElementKind::Note { text }, i, end - 1);
        Some(end)
    }

    fn centered(&mut self, i: usize) -> usize {
        let mut j = i;
        let mut text_lines = Vec::new();
        while let Some(l) = self.lines.get(j) {
            let t = l.text.trim();
            crate::work::add(t.len() + 1);
            if !is_centered(t) {
                break;
            }
            text_lines.push(t[1..t.len() - 1].trim());
            j += 1;
        }
        let text = parse_inline(&text_lines.join("\n"));
        self.push(ElementKind::Centered { text }, i, j - 1);
        j
    }

    /// Consecutive `~` lyric lines starting at `i` (outside dialogue).
    fn run_of(&mut self, i: usize, kind: Pending) -> usize {
        let mut j = i;
        let mut text_lines = Vec::new();
        while let Some(rest) = self
            .lines
            .get(j)
            .and_then(|l| l.text.trim().strip_prefix('~'))
        {
            crate::work::add(rest.len() + 1);
            text_lines.push(rest.trim());
            j += 1;
        }
        self.flush(kind, &text_lines, i, j - 1);
        j
    }

    fn flush(&mut self, kind: Pending, text_lines: &[&str], first: usize, last: usize) {
        let text = parse_inline(&text_lines.join("\n"));
        let kind = match kind {
            Pending::Dialogue => ElementKind::Dialogue { text },
            Pending::Lyrics => ElementKind::Lyrics { text },
        };
        self.push(kind, first, last);
    }

    /// A cue at line `i` and its dialogue block up to the next blank line.
    fn dialogue(&mut self, i: usize, cue: Cue) -> usize {
        let kind = ElementKind::Character {
            name: cue.name,
            extensions: cue.extensions,
            dual: cue.dual,
        };
        self.push(kind, i, i);
        let end = self.paragraph_end(i);
        let mut pending: Option<(Pending, usize)> = None;
        let mut text_lines: Vec<&str> = Vec::new();
        for j in i + 1..end {
            let raw = self.lines[j].text;
            crate::work::add(raw.len() + 1);
            let t = raw.trim();
            let (kind, content) = if is_two_space(raw) {
                (Some(Pending::Dialogue), "")
            } else if t.len() >= 2 && t.starts_with('(') && t.ends_with(')') {
                (None, t[1..t.len() - 1].trim())
            } else if let Some(rest) = t.strip_prefix('~') {
                (Some(Pending::Lyrics), rest.trim())
            } else {
                (Some(Pending::Dialogue), t)
            };
            if let Some((p, start)) = pending {
                if Some(p) != kind {
                    self.flush(p, &text_lines, start, j - 1);
                    text_lines.clear();
                    pending = None;
                }
            }
            match kind {
                None => {
                    let text = content.to_owned();
                    self.push(ElementKind::Parenthetical { text }, j, j);
                }
                Some(k) => {
                    if pending.is_none() {
                        pending = Some((k, j));
                    }
                    text_lines.push(content);
                }
            }
        }
        if let Some((p, start)) = pending {
            self.flush(p, &text_lines, start, end - 1);
        }
        end
    }
}

/// Inserts boneyard elements among the parsed ones by source position. Both lists are sorted
/// by start, so this is a linear merge.
fn merge_boneyards(parsed: Vec<Element>, src: &Source) -> Vec<Element> {
    if src.boneyards.is_empty() {
        return parsed;
    }
    let mut out = Vec::with_capacity(parsed.len() + src.boneyards.len());
    let mut bones = src.boneyards.iter().peekable();
    crate::work::add(parsed.len() + src.boneyards.len());
    for el in parsed {
        while let Some((text, range)) = bones.next_if(|(_, r)| r.start < el.range.start) {
            out.push(Element {
                kind: ElementKind::Boneyard { text: text.clone() },
                range: range.clone(),
            });
        }
        out.push(el);
    }
    for (text, range) in bones {
        out.push(Element {
            kind: ElementKind::Boneyard { text: text.clone() },
            range: range.clone(),
        });
    }
    out
}
