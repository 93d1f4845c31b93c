//! The editor's changes to a text, and the exact attribution they give it.
//!
//! The web view sends what a person did since the revision they started from as a list of
//! [`TextChange`]s, applied in sequence: each change's offsets are character offsets (Unicode
//! scalar values, end exclusive) in the text the previous changes left. A change whose
//! inserted text was cut or copied from a revision names where ([`MovedFrom`]); it keeps that
//! text's origins only when the claim checks out ([`MovedSource::origins`]), so a forged claim
//! gives nothing but a person's own typing. Everything here is input from the web view and is
//! bounded ([`check_changes`]) before any work is done.

use crate::attribution::{Attribution, Origin};
use crate::ids::RevisionId;
use crate::limits::{MAX_TEXT_CHANGES, MAX_TEXT_CHANGES_BYTES};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One change the editor made: the characters `[from, to)` replaced by `insert`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TextChange {
    pub from: usize,
    pub to: usize,
    pub insert: String,
    /// Where `insert` was cut or copied from, when it was pasted (or restored by undo).
    #[serde(default)]
    pub moved_from: Option<MovedFrom>,
}

/// Where moved text was: characters `[start, start + len)` of `revision`, `len` being the
/// inserted text's length.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovedFrom {
    pub revision: RevisionId,
    pub start: usize,
}

/// Why a list of changes could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("too many edits in one save ({count}; the limit is {max})")]
    TooMany { count: usize, max: usize },
    #[error("the edits of one save insert too much text ({bytes} bytes; the limit is {max})")]
    TooLarge { bytes: usize, max: usize },
    #[error("edit {index} replaces [{from}, {to}) of a text of {len} characters")]
    OutOfRange {
        index: usize,
        from: usize,
        to: usize,
        len: usize,
    },
    #[error("the attribution covers {attribution} characters, the text has {text}")]
    Misaligned { attribution: usize, text: usize },
}

/// Refuses a list of changes larger than any honest editor session sends.
pub fn check_changes(changes: &[TextChange]) -> Result<(), ChangeError> {
    if changes.len() > MAX_TEXT_CHANGES {
        return Err(ChangeError::TooMany {
            count: changes.len(),
            max: MAX_TEXT_CHANGES,
        });
    }
    let bytes = changes
        .iter()
        .fold(0usize, |n, c| n.saturating_add(c.insert.len()));
    if bytes > MAX_TEXT_CHANGES_BYTES {
        return Err(ChangeError::TooLarge {
            bytes,
            max: MAX_TEXT_CHANGES_BYTES,
        });
    }
    Ok(())
}

/// A revision text that moved text may claim to come from, with its attribution.
#[derive(Debug, Clone)]
pub struct MovedSource {
    chars: Vec<char>,
    attribution: Attribution,
}

impl MovedSource {
    pub fn new(text: &str, attribution: Attribution) -> Result<MovedSource, ChangeError> {
        let chars: Vec<char> = text.chars().collect();
        if attribution.len() != chars.len() {
            return Err(ChangeError::Misaligned {
                attribution: attribution.len(),
                text: chars.len(),
            });
        }
        Ok(MovedSource { chars, attribution })
    }

    /// The origins of `inserted` when this text holds exactly `inserted` at character
    /// `start`; `None` otherwise (the claim is false, and the text counts as typed).
    pub fn origins(&self, start: usize, inserted: &str) -> Option<Vec<(usize, Origin)>> {
        let mut at = start;
        for c in inserted.chars() {
            if self.chars.get(at) != Some(&c) {
                return None;
            }
            at += 1;
        }
        Some(self.attribution.slice(start, at))
    }
}

/// A text and its attribution after the editor's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub text: String,
    pub attribution: Attribution,
}

/// A run of the edited text: `len` characters from `start` of the parent (`None`) or of
/// change `Some(i)`'s inserted text.
#[derive(Debug, Clone, Copy)]
struct Piece {
    source: Option<usize>,
    start: usize,
    len: usize,
}

/// Applies `changes` in sequence to `parent` and its `attribution`. Typed characters are a
/// person's; a moved insertion gets the origins `resolve(moved_from, inserted)` gives (a
/// person's when it gives `None`, or runs that do not cover the insertion exactly).
///
/// The text is kept as pieces of the parent and of the insertions, each insertion with its
/// own origins, and both are assembled once at the end: the work is linear in the text plus
/// quadratic in the (bounded) number of changes, however many spans the attribution has.
pub fn apply_changes(
    parent: &str,
    attribution: &Attribution,
    changes: &[TextChange],
    mut resolve: impl FnMut(&MovedFrom, &str) -> Option<Vec<(usize, Origin)>>,
) -> Result<Edited, ChangeError> {
    check_changes(changes)?;
    let parent_chars: Vec<char> = parent.chars().collect();
    if attribution.len() != parent_chars.len() {
        return Err(ChangeError::Misaligned {
            attribution: attribution.len(),
            text: parent_chars.len(),
        });
    }
    let mut inserts: Vec<(Vec<char>, Attribution)> = Vec::with_capacity(changes.len());
    let mut pieces = vec![Piece {
        source: None,
        start: 0,
        len: parent_chars.len(),
    }];
    let mut len = parent_chars.len();
    for (index, change) in changes.iter().enumerate() {
        if change.from > change.to || change.to > len {
            return Err(ChangeError::OutOfRange {
                index,
                from: change.from,
                to: change.to,
                len,
            });
        }
        let inserted: Vec<char> = change.insert.chars().collect();
        let n = inserted.len();
        let origins = change
            .moved_from
            .as_ref()
            .and_then(|m| resolve(m, &change.insert))
            .filter(|runs| runs.iter().map(|(k, _)| k).sum::<usize>() == n)
            .unwrap_or_else(|| vec![(n, Origin::Human)]);
        inserts.push((inserted, Attribution::from_runs(origins)));
        let first = split(&mut pieces, change.from);
        let last = split(&mut pieces, change.to);
        let new = (n > 0).then_some(Piece {
            source: Some(index),
            start: 0,
            len: n,
        });
        pieces.splice(first..last, new);
        len = len - (change.to - change.from) + n;
    }
    let mut text = String::with_capacity(parent.len());
    let mut runs = Vec::new();
    for p in pieces.iter().filter(|p| p.len > 0) {
        let (chars, origins) = match p.source {
            None => (&parent_chars, attribution),
            Some(i) => (&inserts[i].0, &inserts[i].1),
        };
        text.extend(&chars[p.start..p.start + p.len]);
        runs.extend(origins.slice(p.start, p.start + p.len));
    }
    Ok(Edited {
        text,
        attribution: Attribution::from_runs(runs),
    })
}

/// Splits the piece holding character `at` so that a piece starts there; returns its index
/// (`pieces.len()` when `at` is the end). `at` is within the text.
fn split(pieces: &mut Vec<Piece>, at: usize) -> usize {
    let mut pos = 0;
    for i in 0..pieces.len() {
        let p = pieces[i];
        if pos == at {
            return i;
        }
        if at < pos + p.len {
            let head = at - pos;
            pieces[i].len = head;
            pieces.insert(
                i + 1,
                Piece {
                    source: p.source,
                    start: p.start + head,
                    len: p.len - head,
                },
            );
            return i + 1;
        }
        pos += p.len;
    }
    pieces.len()
}

#[cfg(test)]
mod tests;
