//! Comments anchored to exactly what they talk about: a span of a document revision, a
//! region of an image, a time code or range of a video or audio file, a page of a PDF, or the
//! subject as a whole. A comment starts a thread or replies to one; a thread is resolved and
//! reopened as a whole.
//!
//! A span is kept as written (the revision and its character offsets) and carried to any later
//! revision by a word diff ([`carry_span`]): it follows its words through edits around them,
//! shrinks with edits inside it, and is outdated when every word of it was deleted.

use crate::diff::{word_ops, DiffOpKind};
use crate::ids::{
    AssetId, AssetVersionId, CommentId, DocumentId, ProjectId, ReviewId, RevisionId, UserId,
};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

/// Region coordinates are in ten-thousandths of the image's width and height, so a comment
/// holds at any size the image is shown at.
pub const REGION_SCALE: u32 = 10_000;

/// The longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 20_000;

/// What a comment is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CommentAnchor {
    /// Characters `[start, end)` (Unicode scalar offsets) of a revision.
    #[serde(rename_all = "camelCase")]
    Span {
        revision_id: RevisionId,
        start: u32,
        end: u32,
    },
    /// A rectangle of an image version ([`REGION_SCALE`] units from its top left corner).
    #[serde(rename_all = "camelCase")]
    Region {
        version_id: AssetVersionId,
        x: u32,
        y: u32,
        width: u32,
        height: u32,
    },
    /// A moment (or from `start_ms` to `end_ms`) of a video or audio version.
    #[serde(rename_all = "camelCase")]
    Time {
        version_id: AssetVersionId,
        start_ms: u32,
        end_ms: Option<u32>,
    },
    /// A page of a PDF version, from 1.
    #[serde(rename_all = "camelCase")]
    Page {
        version_id: AssetVersionId,
        page: u32,
    },
    /// The document or asset as a whole.
    Whole,
}

/// What is wrong with an anchor; messages are for the person commenting.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnchorError {
    #[error("the passage is empty: select the words the comment is about")]
    EmptySpan,
    #[error("the passage ends after the text does (it has {len} characters)")]
    SpanPastEnd { len: usize },
    #[error("the region is empty or reaches outside the image")]
    BadRegion,
    #[error("the time range ends before it starts")]
    BadTime,
    #[error("pages count from 1")]
    BadPage,
}

impl CommentAnchor {
    /// Checks what can be checked without the subject (a span's length is checked against
    /// its revision with [`CommentAnchor::check_span`]).
    pub fn check(&self) -> Result<(), AnchorError> {
        match *self {
            Self::Span { start, end, .. } if start >= end => Err(AnchorError::EmptySpan),
            Self::Region {
                x,
                y,
                width,
                height,
                ..
            } if width == 0
                || height == 0
                || x.checked_add(width).is_none_or(|r| r > REGION_SCALE)
                || y.checked_add(height).is_none_or(|b| b > REGION_SCALE) =>
            {
                Err(AnchorError::BadRegion)
            }
            Self::Time {
                start_ms,
                end_ms: Some(end),
                ..
            } if end <= start_ms => Err(AnchorError::BadTime),
            Self::Page { page: 0, .. } => Err(AnchorError::BadPage),
            _ => Ok(()),
        }
    }

    /// Checks a span against its revision's text.
    pub fn check_span(&self, text: &str) -> Result<(), AnchorError> {
        self.check()?;
        if let Self::Span { end, .. } = *self {
            let len = text.chars().count();
            if end as usize > len {
                return Err(AnchorError::SpanPastEnd { len });
            }
        }
        Ok(())
    }

    /// The asset version it names, if any.
    pub fn version(&self) -> Option<&AssetVersionId> {
        match self {
            Self::Region { version_id, .. }
            | Self::Time { version_id, .. }
            | Self::Page { version_id, .. } => Some(version_id),
            Self::Span { .. } | Self::Whole => None,
        }
    }
}

/// Where `[start, end)` (character offsets) of `old` lies in `new`, by a word diff: from the
/// first to the last of its characters in words that survive unchanged; `None` when none does
/// (the comment is outdated). Words, not characters: "stage doors" retyped as "studio gates"
/// shares letters, not words, and a comment on it is outdated.
pub fn carry_span(old: &str, new: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if old == new {
        return Some((start, end));
    }
    let (mut at_old, mut at_new) = (0usize, 0usize);
    let mut first: Option<usize> = None;
    let mut last = 0;
    for op in word_ops(old, new) {
        let len = op.text.chars().count();
        match op.kind {
            DiffOpKind::Equal => {
                for (i, c) in op.text.chars().enumerate() {
                    let o = at_old + i;
                    if o >= start && o < end && !c.is_whitespace() {
                        first.get_or_insert(at_new + i);
                        last = at_new + i + 1;
                    }
                }
                at_old += len;
                at_new += len;
            }
            DiffOpKind::Delete => at_old += len,
            DiffOpKind::Insert => at_new += len,
        }
        if at_old >= end && first.is_some() {
            break;
        }
    }
    first.map(|f| (f, last))
}

/// A resolved thread: who resolved it, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Resolution {
    pub by: UserId,
    pub by_name: String,
    pub at: i64,
}

/// A comment as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommentInfo {
    pub id: CommentId,
    pub project_id: ProjectId,
    pub document_id: Option<DocumentId>,
    pub asset_id: Option<AssetId>,
    /// The review it was made in, and the round then.
    pub review_id: Option<ReviewId>,
    pub round: Option<u32>,
    /// The thread's first comment (its own id for a first comment).
    pub thread_id: CommentId,
    pub reply_to: Option<CommentId>,
    pub anchor: CommentAnchor,
    /// The words a span covered when the comment was written.
    pub quote: Option<String>,
    /// Where the span lies in the revision listed (`[start, end)`); `None` for other anchors
    /// or when it is outdated.
    pub span_now: Option<(u32, u32)>,
    /// Every character the span covered was deleted since.
    pub outdated: bool,
    pub body: String,
    pub author_id: UserId,
    pub author_name: String,
    pub created_at: i64,
    /// Set on a thread's first comment when the thread is resolved.
    pub resolved: Option<Resolution>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_span_follows_its_words_shrinks_and_is_outdated_when_deleted() {
        let old = "Anna pours coffee. Ben waits.";
        let (s, e) = (5, 17); // "pours coffee"
        assert_eq!(&old[s..e], "pours coffee");
        let new = "Later, Anna pours coffee. Ben waits.";
        let (a, b) = carry_span(old, new, s, e).expect("kept");
        assert_eq!(&new[a..b], "pours coffee");
        let shrunk = "Anna pours tea. Ben waits.";
        let (a, b) = carry_span(old, shrunk, s, e).expect("partly kept");
        assert_eq!(&shrunk[a..b], "pours");
        assert_eq!(carry_span(old, "Ben waits.", s, e), None);
        // Retyped words share letters, not words: outdated.
        assert_eq!(
            carry_span(old, "Anna spills coffin. Ben waits.", s, e),
            None
        );
    }

    #[test]
    fn anchors_are_checked() {
        let v = AssetVersionId::from("v");
        let region = |x, y, width, height| CommentAnchor::Region {
            version_id: v.clone(),
            x,
            y,
            width,
            height,
        };
        assert_eq!(region(0, 0, 10_000, 10_000).check(), Ok(()));
        assert_eq!(
            region(9_000, 0, 2_000, 10).check(),
            Err(AnchorError::BadRegion)
        );
        assert_eq!(region(0, 0, 0, 10).check(), Err(AnchorError::BadRegion));
        assert_eq!(
            region(u32::MAX, 0, 2, 10).check(),
            Err(AnchorError::BadRegion)
        );
        let span = CommentAnchor::Span {
            revision_id: RevisionId::from("r"),
            start: 2,
            end: 9,
        };
        assert_eq!(
            span.check_span("short"),
            Err(AnchorError::SpanPastEnd { len: 5 })
        );
        assert_eq!(span.check_span("long enough"), Ok(()));
        let time = CommentAnchor::Time {
            version_id: v.clone(),
            start_ms: 5_000,
            end_ms: Some(4_000),
        };
        assert_eq!(time.check(), Err(AnchorError::BadTime));
        let page = CommentAnchor::Page {
            version_id: v,
            page: 0,
        };
        assert_eq!(page.check(), Err(AnchorError::BadPage));
    }

    proptest! {
        /// A carried span lies inside the new text and its ends are characters of the old span
        /// (never white space).
        #[test]
        fn a_carried_span_stays_inside_the_text_and_keeps_only_its_own_ends(
            old in "[a-c ]{0,40}",
            new in "[a-c ]{0,40}",
            a in 0usize..40,
            b in 0usize..40,
        ) {
            let len = old.chars().count();
            let (s, e) = (a.min(b).min(len), a.max(b).min(len));
            prop_assume!(s < e);
            if let Some((ns, ne)) = carry_span(&old, &new, s, e) {
                prop_assert!(ns < ne && ne <= new.chars().count());
                let old_chars: Vec<char> = old.chars().collect();
                let new_chars: Vec<char> = new.chars().collect();
                prop_assert!(old_chars[s..e].contains(&new_chars[ns]));
                prop_assert!(old_chars[s..e].contains(&new_chars[ne - 1]));
                prop_assert!(!new_chars[ns].is_whitespace() && !new_chars[ne - 1].is_whitespace());
            }
            prop_assert_eq!(carry_span(&old, &old, s, e), Some((s, e)));
            // Text added around it moves it by exactly that much.
            let around = format!("x {old}");
            if let Some((ns, ne)) = carry_span(&old, &around, s, e) {
                let around_chars: Vec<char> = around.chars().collect();
                let old_chars: Vec<char> = old.chars().collect();
                prop_assert_eq!(&around_chars[ns..ne], &old_chars[ns - 2..ne - 2]);
            }
        }
    }
}
