//! Three-way merge of a person's unsaved text with a revision someone saved meanwhile, so a
//! refused save ("no lost updates") can be resolved without retyping anything.
//!
//! The merge itself is `diffy`'s line-based diff3 (the algorithm `git merge-file` uses); this
//! module only chooses unambiguous conflict markers and counts the conflicts. Lines are the
//! unit, as in Fountain where every paragraph is a line: two people changing different
//! paragraphs merge cleanly; changing the same (or adjacent) lines is a conflict the person
//! resolves.

use crate::revision::RevisionMeta;
use diffy::{ConflictStyle, IncompleteHunkStyle, MergeOptions};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Shortest conflict marker, as git writes them.
const MIN_MARKER_LEN: usize = 7;

/// The exact marker lines (without their line break) that surround each conflict in
/// [`MergedText::text`]. Each conflict is, in order: a line equal to `mine`, the person's
/// lines, a line equal to `separator`, the other revision's lines, a line equal to `theirs`.
///
/// Invariant: no line of the three merged texts starts with as many `<`, `=` or `>` as these
/// markers do, so a line equal to a marker is always a marker, never script text (a Fountain
/// page break `===` stays a page break).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictMarkers {
    pub mine: String,
    pub separator: String,
    pub theirs: String,
}

/// The result of merging: the text, and how many conflicts it marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedText {
    /// Both sides' changes; where they overlap, both versions between [`ConflictMarkers`].
    pub text: String,
    /// How many overlapping changes are marked in `text` (0: the merge is clean).
    pub conflicts: u32,
    pub markers: ConflictMarkers,
}

/// What merging a person's text with a document's newest revision gives, for the UI to show
/// beside the refused text and to load into the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevisionMerge {
    /// The document's newest revision (who saved it and when); a save of the merged text
    /// takes it as its parent.
    pub head: RevisionMeta,
    /// The newest revision's text.
    pub theirs_text: String,
    /// The merged text (with conflict markers where the changes overlap).
    pub merged_text: String,
    /// True when no change overlapped: the merged text can be saved as it is.
    pub clean: bool,
    /// How many conflicts `merged_text` marks.
    pub conflicts: u32,
    pub markers: ConflictMarkers,
}

/// Merges `mine` and `theirs`, both edited from `base`. Changes on different lines are
/// combined; a change both made identically is kept once; changes to the same lines are
/// kept both, between markers, with `theirs_label` naming the other side (control
/// characters in it become spaces so a marker stays one line).
pub fn merge_texts(base: &str, mine: &str, theirs: &str, theirs_label: &str) -> MergedText {
    let len = marker_len([base, mine, theirs]);
    let mut options = MergeOptions::new();
    options
        .set_conflict_style(ConflictStyle::Merge)
        .set_conflict_marker_length(len)
        .set_incomplete_hunk_style(IncompleteHunkStyle::Git);
    let raw = match options.merge(base, mine, theirs) {
        Ok(clean) => {
            return MergedText {
                text: clean,
                conflicts: 0,
                markers: markers(len, theirs_label),
            }
        }
        Err(conflicted) => conflicted,
    };
    let markers = markers(len, theirs_label);
    let (open, close) = ("<".repeat(len), ">".repeat(len));
    let mut text = String::with_capacity(raw.len());
    let mut conflicts = 0;
    for line in raw.split_inclusive('\n') {
        // Only markers start with `len` of these (see `marker_len`); relabel diffy's.
        if line.starts_with(&open) {
            conflicts += 1;
            text.push_str(&markers.mine);
            text.push('\n');
        } else if line.starts_with(&close) {
            text.push_str(&markers.theirs);
            text.push('\n');
        } else {
            text.push_str(line);
        }
    }
    MergedText {
        text,
        conflicts,
        markers,
    }
}

fn markers(len: usize, theirs_label: &str) -> ConflictMarkers {
    let label: String = theirs_label
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let label = label.trim();
    ConflictMarkers {
        mine: format!("{} your text", "<".repeat(len)),
        separator: "=".repeat(len),
        theirs: if label.is_empty() {
            ">".repeat(len)
        } else {
            format!("{} {label}", ">".repeat(len))
        },
    }
}

/// One more than the longest run of `<`, `=` or `>` that starts a line of any text (and at
/// least git's 7), so markers never collide with the text.
fn marker_len(texts: [&str; 3]) -> usize {
    let longest = texts
        .iter()
        .flat_map(|t| t.lines())
        .map(|line| {
            ['<', '=', '>']
                .iter()
                .map(|&c| line.chars().take_while(|&x| x == c).count())
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    (longest + 1).max(MIN_MARKER_LEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "INT. DINER - NIGHT\n\nThe coffee is cold.\n\nMAYA\nWe should go.\n\nEXT. LOT - NIGHT\n\nRain.\n";

    #[test]
    fn changes_to_different_paragraphs_merge_cleanly() {
        let mine = BASE.replace("The coffee is cold.", "The coffee is ice cold.");
        let theirs = BASE.replace("Rain.", "Rain hammers the cars.");
        let m = merge_texts(BASE, &mine, &theirs, "saved by Abel");
        assert_eq!(m.conflicts, 0);
        assert!(
            m.text.contains("ice cold") && m.text.contains("hammers"),
            "{}",
            m.text
        );
        assert!(!m.text.contains("<<<<<<<"));
    }

    #[test]
    fn changes_to_the_same_line_are_a_marked_conflict_keeping_both() {
        let mine = BASE.replace("We should go.", "We should run.");
        let theirs = BASE
            .replace("We should go.", "We should stay.")
            .replace("Rain.", "Snow.");
        let m = merge_texts(BASE, &mine, &theirs, "saved by Abel");
        assert_eq!(m.conflicts, 1);
        let expected =
            "<<<<<<< your text\nWe should run.\n=======\nWe should stay.\n>>>>>>> saved by Abel\n";
        assert!(m.text.contains(expected), "{}", m.text);
        // The non-overlapping change is merged in as well.
        assert!(m.text.contains("Snow.") && !m.text.contains("Rain."));
        assert_eq!(m.markers.mine, "<<<<<<< your text");
        assert_eq!(m.markers.separator, "=======");
        assert_eq!(m.markers.theirs, ">>>>>>> saved by Abel");
    }

    #[test]
    fn two_overlaps_are_two_conflicts() {
        let mine = BASE
            .replace("The coffee is cold.", "Mine one.")
            .replace("Rain.", "Mine two.");
        let theirs = BASE
            .replace("The coffee is cold.", "Theirs one.")
            .replace("Rain.", "Theirs two.");
        let m = merge_texts(BASE, &mine, &theirs, "saved by Abel");
        assert_eq!(m.conflicts, 2);
        assert_eq!(m.text.matches(&m.markers.separator).count(), 2);
    }

    #[test]
    fn the_same_change_on_both_sides_is_kept_once() {
        let both = BASE.replace("Rain.", "Rain, sideways.");
        let m = merge_texts(BASE, &both, &both, "x");
        assert_eq!(m.conflicts, 0);
        assert_eq!(m.text, both);
    }

    #[test]
    fn only_one_side_changed_gives_that_side() {
        let mine = format!("{BASE}\nINT. CAR - NIGHT\n");
        assert_eq!(merge_texts(BASE, &mine, BASE, "x").text, mine);
        assert_eq!(merge_texts(BASE, BASE, &mine, "x").text, mine);
    }

    #[test]
    fn empty_base_with_equal_texts_is_clean_and_with_different_texts_one_conflict() {
        let same = merge_texts("", "Hello.\n", "Hello.\n", "x");
        assert_eq!((same.conflicts, same.text.as_str()), (0, "Hello.\n"));
        let diff = merge_texts("", "Mine.\n", "Theirs.\n", "saved by Abel");
        assert_eq!(diff.conflicts, 1);
        assert_eq!(
            diff.text,
            "<<<<<<< your text\nMine.\n=======\nTheirs.\n>>>>>>> saved by Abel\n"
        );
        assert_eq!(merge_texts("", "", "", "x").text, "");
    }

    #[test]
    fn a_last_line_without_a_line_break_keeps_markers_on_their_own_lines() {
        let m = merge_texts("A\nB", "A\nmine", "A\ntheirs", "saved by Abel");
        assert_eq!(m.conflicts, 1);
        assert_eq!(
            m.text,
            "A\n<<<<<<< your text\nmine\n=======\ntheirs\n>>>>>>> saved by Abel\n"
        );
    }

    #[test]
    fn markers_are_longer_than_any_marker_like_line_in_the_texts() {
        // A Fountain page break and a line that looks like a git marker.
        let base = "Page one.\n\n===\n\n<<<<<<<<< not a marker\nEnd.\n";
        let mine = base.replace("End.", "The end.");
        let theirs = base.replace("End.", "Fin.");
        let m = merge_texts(base, &mine, &theirs, "saved by Abel");
        assert_eq!(m.conflicts, 1);
        assert_eq!(m.markers.mine, format!("{} your text", "<".repeat(10)));
        assert_eq!(m.markers.separator, "=".repeat(10));
        assert!(m.text.contains("<<<<<<<<< not a marker\n"), "{}", m.text);
        assert_eq!(m.text.lines().filter(|l| *l == m.markers.mine).count(), 1);
    }

    #[test]
    fn a_label_cannot_break_a_marker_line() {
        let m = merge_texts("a\n", "b\n", "c\n", "saved by\nEve\r");
        assert_eq!(m.markers.theirs, ">>>>>>> saved by Eve");
        assert_eq!(
            merge_texts("a\n", "b\n", "c\n", " ").markers.theirs,
            ">>>>>>>"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Texts of a few short lines from a small alphabet, so edits often overlap.
        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec("[ab=<>]{0,3}", 0..8).prop_map(|lines| lines.join("\n"))
        }

        proptest! {
            #[test]
            fn one_sided_edits_and_counted_markers(base in text(), mine in text(), theirs in text()) {
                prop_assert_eq!(merge_texts(&base, &mine, &base, "x").text, mine.clone());
                prop_assert_eq!(merge_texts(&base, &base, &theirs, "x").text, theirs.clone());
                let m = merge_texts(&base, &mine, &theirs, "x");
                let count = |marker: &str| m.text.lines().filter(|l| *l == marker).count() as u32;
                prop_assert_eq!(count(&m.markers.mine), m.conflicts);
                prop_assert_eq!(count(&m.markers.separator), m.conflicts);
                prop_assert_eq!(count(&m.markers.theirs), m.conflicts);
            }
        }
    }
}
