//! The text arithmetic of a take (a model's rewrite of a passage): its word-diff hunks,
//! accepting some of them, the origin of every accepted character, how much the writer
//! edited it, where a passage went in a newer revision, and how many words a model touched.
//!
//! All offsets are characters (Unicode scalar values), end exclusive, like [`Attribution`].

use crate::attribution::{Attribution, Edit, Origin};
use crate::diff::{word_ops, DiffOpKind};
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp};
use ts_rs::TS;

/// One change of a take against its passage: a maximal run of removed and inserted words
/// between unchanged ones. Numbered from 1 in the order of the word diff; `[start, end)` is
/// the removed part's place in the passage (empty for a pure insertion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Hunk {
    pub n: usize,
    pub start: usize,
    pub end: usize,
    pub removed: String,
    pub inserted: String,
}

/// The longest passage a variation is asked for, in characters (about fifteen pages): longer
/// selections are refused with a message asking for a scene or a few.
pub const MAX_PASSAGE_CHARS: usize = 20_000;
/// How many takes one request may ask for.
pub const MAX_TAKES: usize = 5;

/// Why a model's answer was not kept as a take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TakeProblem {
    #[error("the model returned an empty take")]
    Empty,
    #[error("the model returned the passage unchanged")]
    Unchanged,
    #[error("the take contains control characters, so it was not kept")]
    ControlCharacters,
    #[error("the take is far too long ({chars} characters for a passage of {passage}; the limit is {max}), so it was not kept")]
    TooLong {
        chars: usize,
        passage: usize,
        max: usize,
    },
}

/// The longest take kept for a passage of `passage_chars` characters.
pub fn max_take_chars(passage_chars: usize) -> usize {
    passage_chars.saturating_mul(10).saturating_add(4_000)
}

/// A model's answer as a take on `passage`: line ends normalized, surrounding white space
/// replaced by the passage's own (so accepting it keeps the lines around it as they were),
/// and refused when it is empty, the passage itself, holds control characters or is far
/// longer than the passage.
pub fn clean_take(passage: &str, output: &str) -> Result<String, TakeProblem> {
    let output = output.replace("\r\n", "\n");
    let body = output.trim();
    if body.is_empty() {
        return Err(TakeProblem::Empty);
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(TakeProblem::ControlCharacters);
    }
    let passage_chars = passage.chars().count();
    let chars = body.chars().count();
    let max = max_take_chars(passage_chars);
    if chars > max {
        return Err(TakeProblem::TooLong {
            chars,
            passage: passage_chars,
            max,
        });
    }
    let core = passage.trim();
    let lead = &passage[..passage.len() - passage.trim_start().len()];
    let trail = &passage[lead.len() + core.len()..];
    let take = format!("{lead}{body}{trail}");
    if take == passage {
        return Err(TakeProblem::Unchanged);
    }
    Ok(take)
}

/// The hunks that turn `passage` into `take`. Applying all of them gives `take` back.
pub fn hunks(passage: &str, take: &str) -> Vec<Hunk> {
    let mut out: Vec<Hunk> = Vec::new();
    let mut pos = 0usize;
    let mut open: Option<Hunk> = None;
    for op in word_ops(passage, take) {
        let len = op.text.chars().count();
        match op.kind {
            DiffOpKind::Equal => {
                out.extend(open.take());
                pos += len;
            }
            DiffOpKind::Delete | DiffOpKind::Insert => {
                let h = open.get_or_insert_with(|| Hunk {
                    n: out.len() + 1,
                    start: pos,
                    end: pos,
                    removed: String::new(),
                    inserted: String::new(),
                });
                if op.kind == DiffOpKind::Delete {
                    h.removed.push_str(&op.text);
                    h.end += len;
                    pos += len;
                } else {
                    h.inserted.push_str(&op.text);
                }
            }
        }
    }
    out.extend(open);
    out
}

/// `passage` with only the `chosen` hunks (numbers from 1) applied. Numbers that name no
/// hunk are ignored (the state machine refuses them before this runs).
pub fn apply_hunks(passage: &str, all: &[Hunk], chosen: &[usize]) -> String {
    let chars: Vec<char> = passage.chars().collect();
    let mut out = String::with_capacity(passage.len());
    let mut pos = 0usize;
    for h in all.iter().filter(|h| chosen.contains(&h.n)) {
        let (start, end) = (h.start.min(chars.len()), h.end.min(chars.len()));
        if start < pos {
            continue;
        }
        out.extend(&chars[pos..start]);
        out.push_str(&h.inserted);
        pos = end;
    }
    out.extend(&chars[pos..]);
    out
}

/// The origin of every character of an accepted text, as runs, for the edit that puts it in
/// place of the passage.
///
/// `suggested` is what the model proposed (the take, or the passage with the chosen hunks);
/// `accepted` is what the writer accepted (the same, or their edit of it). Characters the
/// word diff from the passage to `suggested` inserted are the suggestion's (`edited` when
/// the writer changed anything); words it left unchanged keep their origin in
/// `passage_origins`; characters the writer typed into `suggested` are human.
pub fn accepted_origins(
    passage: &str,
    passage_origins: &[(usize, Origin)],
    suggested: &str,
    accepted: &str,
    suggestion_id: &str,
) -> Vec<(usize, Origin)> {
    let edited = suggested != accepted;
    let ai = Origin::Ai {
        suggestion_id: suggestion_id.to_owned(),
        edited,
    };
    let mut before = Attribution::default();
    // Origins of the passage, to slice unchanged words from.
    let _ = before.apply(&Edit {
        start: 0,
        end: 0,
        inserted: passage_origins.to_vec(),
    });
    let mut runs: Vec<(usize, Origin)> = Vec::new();
    let mut pos = 0usize;
    for op in word_ops(passage, suggested) {
        let len = op.text.chars().count();
        match op.kind {
            DiffOpKind::Equal => {
                let kept = before.slice(pos, pos + len);
                let covered: usize = kept.iter().map(|(n, _)| n).sum();
                runs.extend(kept);
                // Origins shorter than the passage (should not happen): the rest is human.
                if covered < len {
                    runs.push((len - covered, Origin::Human));
                }
                pos += len;
            }
            DiffOpKind::Insert => runs.push((len, ai.clone())),
            DiffOpKind::Delete => pos += len,
        }
    }
    let mut of_suggested = Attribution::default();
    let _ = of_suggested.apply(&Edit {
        start: 0,
        end: 0,
        inserted: runs,
    });
    let of_accepted = if edited {
        of_suggested.carry_by_diff(suggested, accepted, &Origin::Human)
    } else {
        of_suggested
    };
    of_accepted.slice(0, of_accepted.len())
}

/// Edit distance between what was suggested and what was accepted, from 0 (unchanged) to 1
/// (nothing in common): characters inserted, deleted or replaced by a character diff,
/// divided by the longer text's length.
pub fn normalized_edit_distance(suggested: &str, accepted: &str) -> f64 {
    if suggested == accepted {
        return 0.0;
    }
    let a: Vec<char> = suggested.chars().collect();
    let b: Vec<char> = accepted.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 0.0;
    }
    let changed: usize = char_diff(&a, &b)
        .iter()
        .map(|op| match *op {
            DiffOp::Equal { .. } => 0,
            DiffOp::Delete { old_len, .. } => old_len,
            DiffOp::Insert { new_len, .. } => new_len,
            DiffOp::Replace {
                old_len, new_len, ..
            } => old_len.max(new_len),
        })
        .sum();
    (changed.min(longest) as f64) / (longest as f64)
}

/// Where the characters `[start, end)` of `old` are in `new`, when they are still there
/// unchanged and in one piece; `None` when an edit touched them.
pub fn map_range(old: &str, new: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if old == new {
        return (start <= end && end <= old.chars().count()).then_some((start, end));
    }
    RangeMap::new(old, new).map(start, end)
}

/// Maps many ranges of one old text into one new text (see [`map_range`]), diffing at most
/// once.
#[derive(Debug)]
pub struct RangeMap {
    a: Vec<char>,
    b: Vec<char>,
    prefix: usize,
    suffix: usize,
    diff: Option<Vec<DiffOp>>,
}

impl RangeMap {
    pub fn new(old: &str, new: &str) -> RangeMap {
        let a: Vec<char> = old.chars().collect();
        let b: Vec<char> = new.chars().collect();
        let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let suffix = a[prefix..]
            .iter()
            .rev()
            .zip(b[prefix..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        RangeMap {
            a,
            b,
            prefix,
            suffix,
            diff: None,
        }
    }

    pub fn map(&mut self, start: usize, end: usize) -> Option<(usize, usize)> {
        let (a, b) = (&self.a, &self.b);
        if start > end || end > a.len() {
            return None;
        }
        // Most saves change one place: the range is then in the common prefix or suffix.
        let mapped = if end <= self.prefix {
            Some((start, end))
        } else if start >= a.len() - self.suffix {
            let shift = b.len() as i64 - a.len() as i64;
            let s = usize::try_from(start as i64 + shift).ok()?;
            let e = usize::try_from(end as i64 + shift).ok()?;
            Some((s, e))
        } else {
            let diff = self.diff.get_or_insert_with(|| char_diff(a, b));
            diff.iter().find_map(|op| match *op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } if old_index <= start && end <= old_index + len => {
                    Some((new_index + start - old_index, new_index + end - old_index))
                }
                _ => None,
            })
        }?;
        // The mapping must land on the same characters (a diff may align repeats differently).
        (self.b.get(mapped.0..mapped.1)? == &self.a[start..end]).then_some(mapped)
    }
}

/// Words as a writer counts them (runs of non-white-space), and how many of them hold at
/// least one character of AI origin.
pub fn touched_words(text: &str, attribution: &Attribution) -> (usize, usize) {
    let mut ai = vec![false; text.chars().count()];
    for s in attribution.spans() {
        if matches!(s.origin, Origin::Ai { .. }) {
            for flag in ai.iter_mut().take(s.end).skip(s.start) {
                *flag = true;
            }
        }
    }
    let (mut words, mut touched) = (0usize, 0usize);
    let mut in_word = false;
    let mut word_ai = false;
    for (i, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            if in_word && word_ai {
                touched += 1;
            }
            in_word = false;
            word_ai = false;
        } else {
            if !in_word {
                words += 1;
                in_word = true;
            }
            word_ai |= ai[i];
        }
    }
    if in_word && word_ai {
        touched += 1;
    }
    (words, touched)
}

/// The characters `[start, end)` of `text`, or `None` when the range does not fit.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let a = byte_offset(text, start)?;
    let b = byte_offset(text, end)?;
    text.get(a..b)
}

/// `text` with the characters `[start, end)` replaced by `with`.
pub fn splice(text: &str, start: usize, end: usize, with: &str) -> Option<String> {
    if start > end {
        return None;
    }
    let a = byte_offset(text, start)?;
    let b = byte_offset(text, end)?;
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(text.get(..a)?);
    out.push_str(with);
    out.push_str(text.get(b..)?);
    Some(out)
}

/// The byte offset of character `n` (the text's length in bytes for `n` = its length).
fn byte_offset(text: &str, n: usize) -> Option<usize> {
    if n == 0 {
        return Some(0);
    }
    match text.char_indices().nth(n) {
        Some((i, _)) => Some(i),
        None if text.chars().count() == n => Some(text.len()),
        None => None,
    }
}

fn char_diff(a: &[char], b: &[char]) -> Vec<DiffOp> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    similar::capture_diff_slices_deadline(Algorithm::Myers, a, b, Some(deadline))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ai(id: &str, edited: bool) -> Origin {
        Origin::Ai {
            suggestion_id: id.into(),
            edited,
        }
    }

    fn expand(runs: &[(usize, Origin)]) -> Vec<Origin> {
        runs.iter()
            .flat_map(|(n, o)| std::iter::repeat_n(o.clone(), *n))
            .collect()
    }

    #[test]
    fn hunks_are_numbered_in_order_and_apply_one_by_one() {
        let passage = "She waits by the door. It rains.";
        let take = "She lingers by the window. It rains hard.";
        let hs = hunks(passage, take);
        assert_eq!(
            hs.iter().map(|h| h.n).collect::<Vec<_>>(),
            vec![1, 2, 3],
            "{hs:?}"
        );
        assert_eq!(hs[0].removed, "waits");
        assert_eq!(hs[0].inserted, "lingers");
        assert_eq!(char_slice(passage, hs[1].start, hs[1].end), Some("door."));
        assert_eq!(apply_hunks(passage, &hs, &[1, 2, 3]), take);
        assert_eq!(
            apply_hunks(passage, &hs, &[1, 3]),
            "She lingers by the door. It rains hard."
        );
        assert_eq!(apply_hunks(passage, &hs, &[]), passage);
        assert!(hunks(passage, passage).is_empty());
    }

    #[test]
    fn accepted_characters_are_ai_unchanged_keep_their_origin_typed_are_human() {
        let passage = "Maya waits.";
        // "Maya " came from an earlier suggestion.
        let before = vec![(5, ai("old", false)), (6, Origin::Human)];
        let take = "Maya runs home.";
        let runs = accepted_origins(passage, &before, take, take, "s1");
        let got = expand(&runs);
        assert_eq!(got.len(), take.chars().count());
        assert_eq!(
            got[0],
            ai("old", false),
            "an unchanged word keeps its origin"
        );
        assert_eq!(
            got[5],
            ai("s1", false),
            "an inserted word is the suggestion's"
        );
        // The writer edits the take before accepting it: typed characters are human, the
        // suggestion's are marked edited.
        let edited = "Maya runs far home.";
        let runs = accepted_origins(passage, &before, take, edited, "s1");
        let got = expand(&runs);
        assert_eq!(got.len(), edited.chars().count());
        assert_eq!(got[5], ai("s1", true));
        assert_eq!(got[10], Origin::Human, "'far' was typed");
    }

    #[test]
    fn a_take_keeps_the_passages_surrounding_space_and_bad_answers_are_named() {
        let passage = "\nMaya waits.\n\n";
        assert_eq!(
            clean_take(passage, "  Maya runs.\r\n").as_deref(),
            Ok("\nMaya runs.\n\n")
        );
        assert_eq!(clean_take(passage, " \n\t "), Err(TakeProblem::Empty));
        assert_eq!(
            clean_take(passage, "Maya waits."),
            Err(TakeProblem::Unchanged)
        );
        assert_eq!(
            clean_take(passage, "Maya\u{1b}[31m runs."),
            Err(TakeProblem::ControlCharacters)
        );
        let huge = "x".repeat(1_000_000);
        assert!(matches!(
            clean_take(passage, &huge),
            Err(TakeProblem::TooLong {
                chars: 1_000_000,
                ..
            })
        ));
        assert!(TakeProblem::Empty.to_string().contains("empty"));
    }

    #[test]
    fn edit_distance_is_normalized() {
        assert_eq!(normalized_edit_distance("abc", "abc"), 0.0);
        assert_eq!(normalized_edit_distance("", ""), 0.0);
        assert_eq!(normalized_edit_distance("abcd", "abXd"), 0.25);
        assert_eq!(normalized_edit_distance("ab", ""), 1.0);
    }

    #[test]
    fn a_passage_moves_with_edits_elsewhere_and_not_through_its_own() {
        let old = "INT. ROOM - DAY\nMaya waits.\nEXT. STREET";
        let (s, e) = (16, 27);
        assert_eq!(char_slice(old, s, e), Some("Maya waits."));
        let before = "INT. BIG ROOM - NIGHT\nMaya waits.\nEXT. STREET";
        assert_eq!(map_range(old, before, s, e), Some((22, 33)));
        let after = "INT. ROOM - DAY\nMaya waits.\nEXT. STREET - DAWN";
        assert_eq!(map_range(old, after, s, e), Some((s, e)));
        let both = "INT. HALL - DAY\nMaya waits.\nEXT. ROAD";
        assert_eq!(map_range(old, both, s, e), Some((s, e)));
        let inside = "INT. ROOM - DAY\nMaya sits.\nEXT. STREET";
        assert_eq!(map_range(old, inside, s, e), None);
        assert_eq!(map_range(old, "", s, e), None);
    }

    #[test]
    fn touched_words_count_any_ai_character() {
        let text = "one two three";
        let mut a = Attribution::human(13);
        a.apply(&Edit {
            start: 5,
            end: 6,
            inserted: vec![(1, ai("s", false))],
        })
        .expect("edit");
        assert_eq!(touched_words(text, &a), (3, 1));
        assert_eq!(touched_words("", &Attribution::default()), (0, 0));
    }

    #[test]
    fn slices_and_splices_count_characters() {
        assert_eq!(char_slice("héllo", 1, 3), Some("él"));
        assert_eq!(char_slice("héllo", 3, 9), None);
        assert_eq!(splice("héllo", 1, 2, "E").as_deref(), Some("hEllo"));
        assert_eq!(splice("ab", 2, 2, "c").as_deref(), Some("abc"));
    }

    proptest! {
        /// Every subset of hunks gives a text whose unchosen hunks stay as in the passage;
        /// all of them give the take.
        #[test]
        fn hunks_reconstruct_the_take(passage in "[a-c \n]{0,40}", take in "[a-c \n]{0,40}", mask in any::<u32>()) {
            let hs = hunks(&passage, &take);
            let all: Vec<usize> = hs.iter().map(|h| h.n).collect();
            prop_assert_eq!(apply_hunks(&passage, &hs, &all), take.clone());
            prop_assert_eq!(apply_hunks(&passage, &hs, &[]), passage.clone());
            let some: Vec<usize> = all.iter().copied().filter(|n| mask & (1 << (n % 32)) != 0).collect();
            // The reference: walk the word diff, keeping the insertions of chosen hunks and
            // the deletions of the others.
            let mut expected = String::new();
            let mut n = 0;
            let mut in_hunk = false;
            for op in word_ops(&passage, &take) {
                match op.kind {
                    DiffOpKind::Equal => { in_hunk = false; expected.push_str(&op.text); }
                    kind => {
                        if !in_hunk { n += 1; in_hunk = true; }
                        let chosen = some.contains(&n);
                        if (kind == DiffOpKind::Insert) == chosen { expected.push_str(&op.text); }
                    }
                }
            }
            prop_assert_eq!(apply_hunks(&passage, &hs, &some), expected);
        }

        /// The origins cover the accepted text exactly.
        #[test]
        fn origins_cover_the_accepted_text(passage in "[a-c \n]{0,30}", take in "[a-c \n]{0,30}", edit in "[a-d ]{0,30}") {
            let n = passage.chars().count();
            let before = if n == 0 { vec![] } else { vec![(n, Origin::Human)] };
            let runs = accepted_origins(&passage, &before, &take, &edit, "s");
            prop_assert_eq!(runs.iter().map(|(n, _)| n).sum::<usize>(), edit.chars().count());
            let runs = accepted_origins(&passage, &before, &take, &take, "s");
            let ai_chars: usize = runs.iter().filter(|(_, o)| *o != Origin::Human).map(|(n, _)| n).sum();
            let inserted: usize = hunks(&passage, &take).iter().map(|h| h.inserted.chars().count()).sum();
            prop_assert_eq!(ai_chars, inserted);
        }

        /// A mapped range always holds the same characters.
        #[test]
        fn mapped_ranges_hold_the_same_text(old in "[a-c \n]{1,40}", new in "[a-c \n]{0,40}", x in 0usize..40, y in 0usize..40) {
            let len = old.chars().count();
            let (s, e) = { let (p, q) = (x % (len + 1), y % (len + 1)); (p.min(q), p.max(q)) };
            if let Some((ns, ne)) = map_range(&old, &new, s, e) {
                prop_assert_eq!(char_slice(&new, ns, ne), char_slice(&old, s, e));
            }
            prop_assert_eq!(map_range(&old, &old, s, e), Some((s, e)));
        }
    }
}
