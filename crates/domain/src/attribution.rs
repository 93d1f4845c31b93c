//! Attribution: which characters of a revision came from which suggestion.
//!
//! An [`Attribution`] covers a text exactly, as consecutive [`Span`]s of character offsets
//! (Unicode scalar values, end exclusive), each with its [`Origin`]. It is carried through
//! every edit: the editor sends its changes ([`crate::text_change::TextChange`]), each applied
//! as an [`Edit`] (replace a range with new text of given origins), so nothing is guessed; a
//! revision saved from outside the editor (a file, the CLI) is carried by a character diff
//! ([`Attribution::carry_by_diff`]). Moving text by cut and paste keeps its origin: the paste
//! is an edit whose inserted characters carry the origins the text had where it was cut
//! ([`Attribution::slice`]).

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp};

/// Where characters came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "origin", rename_all = "snake_case")]
pub enum Origin {
    /// Typed (or imported) by a person.
    Human,
    /// Inserted by accepting a suggestion; `edited`: the writer changed the take before
    /// accepting it.
    Ai { suggestion_id: String, edited: bool },
}

/// A run of characters of one origin: `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    #[serde(flatten)]
    pub origin: Origin,
}

/// One change to a text: the characters `[start, end)` are replaced by `inserted` characters,
/// each with its origin (runs of origin, in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub inserted: Vec<(usize, Origin)>,
}

impl Edit {
    /// A person typing `len` characters over `[start, end)`.
    pub fn typed(start: usize, end: usize, len: usize) -> Edit {
        Edit {
            start,
            end,
            inserted: vec![(len, Origin::Human)],
        }
    }
}

/// Why an edit could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the edit [{start}, {end}) does not fit a text of {len} characters")]
pub struct OutOfRange {
    pub start: usize,
    pub end: usize,
    pub len: usize,
}

/// The origins of every character of a text, as spans.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attribution {
    spans: Vec<Span>,
}

impl Attribution {
    /// A text of `len` characters all of one origin.
    pub fn uniform(len: usize, origin: Origin) -> Attribution {
        let mut a = Attribution::default();
        a.push(len, origin);
        a
    }

    pub fn human(len: usize) -> Attribution {
        Self::uniform(len, Origin::Human)
    }

    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// How many characters it covers.
    pub fn len(&self) -> usize {
        self.spans.last().map_or(0, |s| s.end)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Characters of AI origin.
    pub fn ai_chars(&self) -> usize {
        self.spans
            .iter()
            .filter(|s| matches!(s.origin, Origin::Ai { .. }))
            .map(|s| s.end - s.start)
            .sum()
    }

    /// Appends `len` characters of `origin`, merging with the last span when it is the same.
    fn push(&mut self, len: usize, origin: Origin) {
        if len == 0 {
            return;
        }
        let start = self.len();
        match self.spans.last_mut() {
            Some(last) if last.origin == origin => last.end += len,
            _ => self.spans.push(Span {
                start,
                end: start + len,
                origin,
            }),
        }
    }

    /// Runs of origin, in order, as one attribution (adjacent runs of one origin merged).
    pub fn from_runs(runs: impl IntoIterator<Item = (usize, Origin)>) -> Attribution {
        let mut a = Attribution::default();
        for (n, o) in runs {
            a.push(n, o);
        }
        a
    }

    /// The origins of `[start, end)`, as runs (for a cut that will be pasted elsewhere).
    /// Finds the first span by binary search: the cost is that of the runs returned.
    pub fn slice(&self, start: usize, end: usize) -> Vec<(usize, Origin)> {
        let mut out: Vec<(usize, Origin)> = Vec::new();
        let first = self.spans.partition_point(|s| s.end <= start);
        for s in &self.spans[first..] {
            if s.start >= end {
                break;
            }
            let (a, b) = (s.start.max(start), s.end.min(end));
            if a < b {
                match out.last_mut() {
                    Some((n, o)) if *o == s.origin => *n += b - a,
                    _ => out.push((b - a, s.origin.clone())),
                }
            }
        }
        out
    }

    /// Applies one edit.
    pub fn apply(&mut self, edit: &Edit) -> Result<(), OutOfRange> {
        let len = self.len();
        if edit.start > edit.end || edit.end > len {
            return Err(OutOfRange {
                start: edit.start,
                end: edit.end,
                len,
            });
        }
        let mut next = Attribution::default();
        for (n, o) in self.slice(0, edit.start) {
            next.push(n, o);
        }
        for (n, o) in &edit.inserted {
            next.push(*n, o.clone());
        }
        for (n, o) in self.slice(edit.end, len) {
            next.push(n, o);
        }
        *self = next;
        Ok(())
    }

    /// Carries the attribution of `old` onto `new` by a character diff: unchanged characters
    /// keep their origin, inserted ones get `inserted_as`.
    pub fn carry_by_diff(&self, old: &str, new: &str, inserted_as: &Origin) -> Attribution {
        let mut next = Attribution::default();
        for op in char_diff(old, new) {
            match op {
                DiffOp::Equal { old_index, len, .. } => {
                    for (n, o) in self.slice(old_index, old_index + len) {
                        next.push(n, o);
                    }
                }
                DiffOp::Insert { new_len, .. } => next.push(new_len, inserted_as.clone()),
                DiffOp::Replace { new_len, .. } => next.push(new_len, inserted_as.clone()),
                DiffOp::Delete { .. } => {}
            }
        }
        next
    }
}

/// The character diff attribution is carried by.
fn char_diff(old: &str, new: &str) -> Vec<DiffOp> {
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    similar::capture_diff_slices_deadline(Algorithm::Myers, &old_chars, &new_chars, Some(deadline))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ai(id: &str) -> Origin {
        Origin::Ai {
            suggestion_id: id.into(),
            edited: false,
        }
    }

    /// The reference model: one origin per character.
    fn expand(a: &Attribution) -> Vec<Origin> {
        a.spans()
            .iter()
            .flat_map(|s| std::iter::repeat_n(s.origin.clone(), s.end - s.start))
            .collect()
    }

    #[test]
    fn typing_inside_an_ai_span_splits_it_and_cut_paste_keeps_origins() {
        let mut a = Attribution::human(10);
        a.apply(&Edit {
            start: 2,
            end: 4,
            inserted: vec![(6, ai("s1"))],
        })
        .expect("accept");
        assert_eq!(a.len(), 14);
        assert_eq!(a.ai_chars(), 6);
        a.apply(&Edit::typed(5, 5, 1)).expect("type");
        assert_eq!(a.ai_chars(), 6);
        assert_eq!(a.spans().len(), 5);
        // Cut [2, 9) and paste it at the end.
        let cut = a.slice(2, 9);
        a.apply(&Edit {
            start: 2,
            end: 9,
            inserted: vec![],
        })
        .expect("cut");
        let end = a.len();
        a.apply(&Edit {
            start: end,
            end,
            inserted: cut,
        })
        .expect("paste");
        assert_eq!(a.ai_chars(), 6);
        assert_eq!(a.len(), 15);
        assert!(a.apply(&Edit::typed(3, 99, 1)).is_err());
    }

    #[test]
    fn a_revision_from_outside_the_editor_is_carried_by_a_character_diff() {
        let old = "INT. ROOM - DAY\nMaya waits.";
        let mut a = Attribution::human(old.chars().count());
        // "waits" came from a suggestion.
        a.apply(&Edit {
            start: 21,
            end: 26,
            inserted: vec![(5, ai("s1"))],
        })
        .expect("ai");
        let new = "INT. ROOM - NIGHT\nMaya waits.";
        let carried = a.carry_by_diff(old, new, &Origin::Human);
        assert_eq!(carried.len(), new.chars().count());
        assert_eq!(carried.ai_chars(), 5);
        let origins = expand(&carried);
        assert_eq!(origins[23], ai("s1"), "the AI word moved with the text");
    }

    fn origin() -> impl Strategy<Value = Origin> {
        prop_oneof![Just(Origin::Human), Just(ai("a")), Just(ai("b"))]
    }

    proptest! {
        /// Under any sequence of typing, deleting, replacing and cut-and-paste, the spans
        /// describe exactly the per-character origins a naive model computes, cover the text
        /// and never hold two adjacent spans of the same origin.
        #[test]
        fn spans_stay_exact_under_random_edits(
            start_len in 0usize..40,
            ops in proptest::collection::vec((0usize..60, 0usize..60, 0usize..8, origin(), any::<bool>()), 0..60)
        ) {
            let mut a = Attribution::human(start_len);
            let mut model: Vec<Origin> = vec![Origin::Human; start_len];
            for (x, y, n, o, paste) in ops {
                let len = model.len();
                let (start, end) = if len == 0 { (0, 0) } else { let (p, q) = (x % (len + 1), y % (len + 1)); (p.min(q), p.max(q)) };
                if paste && end > start {
                    // Cut [start, end) and paste it at the (new) end.
                    let cut = a.slice(start, end);
                    let moved: Vec<Origin> = model.drain(start..end).collect();
                    a.apply(&Edit { start, end, inserted: vec![] }).expect("cut");
                    let at = model.len();
                    a.apply(&Edit { start: at, end: at, inserted: cut }).expect("paste");
                    model.extend(moved);
                } else {
                    a.apply(&Edit { start, end, inserted: vec![(n, o.clone())] }).expect("edit");
                    model.splice(start..end, std::iter::repeat_n(o, n));
                }
                prop_assert_eq!(expand(&a), model.clone());
                prop_assert_eq!(a.len(), model.len());
                for w in a.spans().windows(2) {
                    prop_assert_eq!(w[0].end, w[1].start);
                    prop_assert!(w[0].origin != w[1].origin);
                }
            }
        }

        /// Carrying by diff gives every unchanged character exactly its old origin and every
        /// inserted one the new origin; an unchanged text keeps its attribution.
        #[test]
        fn a_diff_keeps_the_origin_of_unchanged_text(
            old in "[a-d ]{0,40}", new in "[a-d ]{0,40}", cut in 0usize..40
        ) {
            let n = old.chars().count();
            let mut a = Attribution::uniform(n, ai("kept"));
            let at = cut.min(n);
            a.apply(&Edit::typed(at, at, 0)).expect("noop");
            a.apply(&Edit { start: at, end: at, inserted: vec![(1, Origin::Human)] }).expect("mark");
            let old: String = { let mut c: Vec<char> = old.chars().collect(); c.insert(at, 'x'); c.into_iter().collect() };
            let before = expand(&a);
            let carried = a.carry_by_diff(&old, &new, &ai("new"));
            let mut expected = Vec::new();
            for op in char_diff(&old, &new) {
                match op {
                    DiffOp::Equal { old_index, len, .. } => expected.extend_from_slice(&before[old_index..old_index + len]),
                    DiffOp::Insert { new_len, .. } | DiffOp::Replace { new_len, .. } => expected.extend(std::iter::repeat_n(ai("new"), new_len)),
                    DiffOp::Delete { .. } => {}
                }
            }
            prop_assert_eq!(expand(&carried), expected);
            prop_assert_eq!(carried.len(), new.chars().count());
            prop_assert_eq!(a.carry_by_diff(&old, &old, &ai("new")), a);
        }
    }
}
