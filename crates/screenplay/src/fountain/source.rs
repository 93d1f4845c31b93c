//! Source preparation: byte-order mark, boneyard extraction and line splitting, with a map
//! from the cleaned text back to byte offsets of the original input.
//!
//! Boneyard (`/* ... */`) is removed before any other rule runs, because it may span and
//! split any construct. An unclosed `/*` is literal text, as the spec says of unmatched
//! markup. A boneyard that fills whole lines removes those lines entirely, so cutting a
//! line out of a dialogue block does not split the block.

use std::ops::Range;

/// The input with boneyard removed, plus the information to map positions back.
pub struct Source {
    /// Text the line rules run on.
    pub clean: String,
    /// `(clean_start, src_start)` of each kept stretch, sorted by both.
    segments: Vec<(usize, usize)>,
    /// Boneyard contents and their byte range (including `/*` and `*/`) in the input.
    pub boneyards: Vec<(String, Range<usize>)>,
}

impl Source {
    pub fn new(input: &str) -> Source {
        let bom = if input.starts_with('\u{feff}') { 3 } else { 0 };
        let b = input.as_bytes();
        let mut clean = String::with_capacity(input.len());
        let mut segments = Vec::new();
        let mut boneyards = Vec::new();
        let mut kept_from = bom;
        let mut line_start = bom;
        let mut only_ws = true;
        let mut i = bom;
        let mut keep = |from: usize, to: usize, clean: &mut String| {
            if from < to {
                segments.push((clean.len(), from));
                clean.push_str(&input[from..to]);
            }
        };
        // Bytes the loop looks at, for `crate::work` (the searches count themselves).
        let mut looked_at = 0;
        while i < b.len() {
            looked_at += 1;
            match b[i] {
                b'\\' => {
                    only_ws = false;
                    i += if b.get(i + 1) == Some(&b'\n') { 1 } else { 2 };
                }
                b'\n' => {
                    i += 1;
                    line_start = i;
                    only_ws = true;
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    let Some(rel) = crate::work::find(&input[i + 2..], "*/") else {
                        // Unclosed: literal text, and no later `/*` can close either.
                        break;
                    };
                    let close_end = i + 2 + rel + 2;
                    boneyards.push((input[i + 2..i + 2 + rel].to_owned(), i..close_end));
                    // Whole-line boneyard: nothing but whitespace around it on its lines.
                    // Both scans stop at the first non-space byte, keeping this linear.
                    let whole_line = only_ws
                        && input[close_end..]
                            .bytes()
                            .take_while(|&c| c != b'\n')
                            .all(|c| c.is_ascii_whitespace());
                    let (cut_from, cut_to) = if whole_line {
                        let line_end = crate::work::find(&input[close_end..], "\n")
                            .map_or(b.len(), |p| close_end + p + 1);
                        (line_start.max(kept_from), line_end)
                    } else {
                        (i, close_end)
                    };
                    keep(kept_from, cut_from, &mut clean);
                    kept_from = cut_to;
                    i = cut_to;
                    if whole_line {
                        line_start = cut_to;
                        only_ws = true;
                    } else if let Some(nl) = input[i - rel - 2..cut_to].rfind('\n') {
                        line_start = i - rel - 2 + nl + 1;
                        only_ws = false;
                    } else {
                        only_ws = false;
                    }
                }
                c => {
                    if !c.is_ascii_whitespace() {
                        only_ws = false;
                    }
                    i += 1;
                }
            }
        }
        keep(kept_from, b.len(), &mut clean);
        crate::work::add(looked_at);
        Source {
            clean,
            segments,
            boneyards,
        }
    }

    /// Maps a range of `clean` to the input. The end is exclusive and maps to just after the
    /// last byte of the range, so a range never swallows text removed right after it.
    pub fn map(&self, r: Range<usize>) -> Range<usize> {
        let start = self.map_pos(r.start);
        let end = if r.end > r.start {
            self.map_pos(r.end - 1) + 1
        } else {
            start
        };
        start..end
    }

    fn map_pos(&self, p: usize) -> usize {
        let idx = self.segments.partition_point(|&(c, _)| c <= p);
        match idx.checked_sub(1).and_then(|k| self.segments.get(k)) {
            Some(&(c, s)) => s + (p - c),
            None => p,
        }
    }
}

/// One line of the cleaned text: its content (without `\n` or trailing `\r`) and its byte
/// range in the cleaned text.
pub struct Line<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
}

/// Splits into lines; `\r\n` and a lone trailing `\r` are line-ending noise.
pub fn lines(clean: &str) -> Vec<Line<'_>> {
    crate::work::add(clean.len());
    let mut out = Vec::new();
    let mut start = 0;
    for piece in clean.split('\n') {
        let end = start + piece.len();
        let text = piece.strip_suffix('\r').unwrap_or(piece);
        out.push(Line {
            text,
            range: start..start + text.len(),
        });
        start = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boneyard_whole_lines_are_removed() {
        let s = Source::new("A\n/* gone\nstill gone */\nB");
        assert_eq!(s.clean, "A\nB");
        assert_eq!(s.boneyards[0].0, " gone\nstill gone ");
        assert_eq!(s.map(2..3), 24..25);
    }

    #[test]
    fn inline_boneyard_and_unclosed() {
        let s = Source::new("He /*quietly*/ leaves. /* open");
        assert_eq!(s.clean, "He  leaves. /* open");
        assert_eq!(s.boneyards.len(), 1);
    }
}
