//! Word-level diff between two texts, as writers read changes: whole words in and out, white
//! space kept so the diff reads like the script.

use crate::ids::RevisionId;
use serde::{Deserialize, Serialize};
use similar::{Algorithm, ChangeTag, TextDiff};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffOpKind {
    Equal,
    Insert,
    Delete,
}

/// A run of text with one fate. Adjacent runs never share a kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiffOp {
    pub kind: DiffOpKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WordDiff {
    pub from_id: RevisionId,
    pub to_id: RevisionId,
    pub ops: Vec<DiffOp>,
    pub words_inserted: i64,
    pub words_deleted: i64,
}

/// The runs that turn `old` into `new`. Concatenating the `Equal` and `Delete` runs gives
/// `old`; concatenating `Equal` and `Insert` gives `new`.
pub fn word_ops(old: &str, new: &str) -> Vec<DiffOp> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(old, new);
    let mut ops: Vec<DiffOp> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffOpKind::Equal,
            ChangeTag::Insert => DiffOpKind::Insert,
            ChangeTag::Delete => DiffOpKind::Delete,
        };
        match ops.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => ops.push(DiffOp {
                kind,
                text: change.value().to_owned(),
            }),
        }
    }
    ops
}

/// A diff between two revisions with word counts of what changed.
pub fn word_diff(from_id: RevisionId, old: &str, to_id: RevisionId, new: &str) -> WordDiff {
    let ops = word_ops(old, new);
    let count = |k: DiffOpKind| -> i64 {
        ops.iter()
            .filter(|o| o.kind == k)
            .map(|o| o.text.split_whitespace().count() as i64)
            .sum()
    };
    WordDiff {
        words_inserted: count(DiffOpKind::Insert),
        words_deleted: count(DiffOpKind::Delete),
        from_id,
        to_id,
        ops,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn side(ops: &[DiffOp], skip: DiffOpKind) -> String {
        ops.iter()
            .filter(|o| o.kind != skip)
            .map(|o| o.text.as_str())
            .collect()
    }

    #[test]
    fn marks_changed_words() {
        let d = word_diff(
            "a".into(),
            "She waits by the door.",
            "b".into(),
            "She waits by the window.",
        );
        assert_eq!(d.words_inserted, 1);
        assert_eq!(d.words_deleted, 1);
        assert!(d
            .ops
            .iter()
            .any(|o| o.kind == DiffOpKind::Insert && o.text.contains("window.")));
    }

    #[test]
    fn identical_texts_are_one_equal_run() {
        let ops = word_ops("same words", "same words");
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0].kind, DiffOpKind::Equal);
    }

    proptest! {
        #[test]
        fn both_sides_are_reconstructed(old in "[a-c \n]{0,60}", new in "[a-c \n]{0,60}") {
            let ops = word_ops(&old, &new);
            prop_assert_eq!(side(&ops, DiffOpKind::Insert), old);
            prop_assert_eq!(side(&ops, DiffOpKind::Delete), new);
            for pair in ops.windows(2) {
                prop_assert_ne!(pair[0].kind, pair[1].kind);
            }
        }
    }
}
