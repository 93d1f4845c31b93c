//! What a comment may be anchored to on its subject, and how a stored comment is shown.

use super::{invalid, CommentOn, Comments};
use crate::error::CoreError;
use crate::Result;
use greenlight_domain::asset::AssetKind;
use greenlight_domain::comment::{CommentAnchor, CommentInfo, Resolution};
use greenlight_domain::error::fields;
use greenlight_domain::ids::DocumentId;
use greenlight_store::StoredComment;

impl Comments<'_> {
    /// Checks `anchor` against what it is on; the words a span covers.
    pub(super) async fn check_anchor(
        &self,
        on: &CommentOn,
        anchor: &CommentAnchor,
    ) -> Result<Option<String>> {
        let bad =
            |e: greenlight_domain::comment::AnchorError| invalid(fields::COMMENT, e.to_string());
        anchor.check().map_err(bad)?;
        match (on, anchor) {
            (_, CommentAnchor::Whole) => Ok(None),
            (
                CommentOn::Document(d),
                CommentAnchor::Span {
                    revision_id,
                    start,
                    end,
                },
            ) => {
                let rev = self.app.store.get_revision(revision_id).await?;
                if rev.meta.document_id != *d {
                    return Err(invalid(
                        fields::COMMENT,
                        "the passage is in a revision of another document",
                    ));
                }
                anchor.check_span(&rev.text).map_err(bad)?;
                let quote: String = rev
                    .text
                    .chars()
                    .skip(*start as usize)
                    .take((end - start) as usize)
                    .collect();
                Ok(Some(quote))
            }
            (CommentOn::Asset(a), _) => {
                let Some(version) = anchor.version() else {
                    return Err(invalid(
                        fields::COMMENT,
                        "a passage of text is not on an asset",
                    ));
                };
                let (asset, _) = self.app.store.asset_version(version).await?;
                if asset.id != *a {
                    return Err(invalid(
                        fields::COMMENT,
                        "that version belongs to another asset",
                    ));
                }
                let fits = matches!(
                    (anchor, asset.kind),
                    (CommentAnchor::Region { .. }, AssetKind::Image)
                        | (
                            CommentAnchor::Time { .. },
                            AssetKind::Video | AssetKind::Audio
                        )
                        | (CommentAnchor::Page { .. }, AssetKind::Pdf)
                );
                if !fits {
                    return Err(invalid(
                        fields::COMMENT,
                        format!(
                            "a {} comment does not fit a {} asset",
                            anchor_kind(anchor),
                            asset.kind.as_str()
                        ),
                    ));
                }
                Ok(None)
            }
            (CommentOn::Document(_), _) => Err(invalid(
                fields::COMMENT,
                "a region, time or page is on an asset, not a document",
            )),
        }
    }
}

pub(super) fn on_of(c: &StoredComment) -> CommentOn {
    match (&c.document_id, &c.asset_id) {
        (Some(d), _) => CommentOn::Document(d.clone()),
        (None, Some(a)) => CommentOn::Asset(a.clone()),
        (None, None) => CommentOn::Document(DocumentId(String::new())),
    }
}

pub(super) fn anchor_kind(a: &CommentAnchor) -> &'static str {
    match a {
        CommentAnchor::Span { .. } => "span",
        CommentAnchor::Region { .. } => "region",
        CommentAnchor::Time { .. } => "time",
        CommentAnchor::Page { .. } => "page",
        CommentAnchor::Whole => "whole",
    }
}

pub(super) fn parse_anchor(c: &StoredComment) -> Result<CommentAnchor> {
    serde_json::from_str(&c.anchor).map_err(|e| {
        CoreError::Internal(format!(
            "comment {}: its stored anchor is unreadable: {e}",
            c.id
        ))
    })
}

/// What the app shows of a stored comment; `carried` is where its span lies now (outer
/// `None`: not computed; inner `None`: outdated).
pub(super) fn shown(
    c: StoredComment,
    carried: Option<Option<(usize, usize)>>,
) -> Result<CommentInfo> {
    let anchor = parse_anchor(&c)?;
    let span_now = carried.flatten().map(|(s, e)| {
        (
            u32::try_from(s).unwrap_or(u32::MAX),
            u32::try_from(e).unwrap_or(u32::MAX),
        )
    });
    let outdated = matches!(carried, Some(None));
    let resolved = match (c.resolved_at, c.resolved_by) {
        (Some(at), Some(by)) => Some(Resolution {
            by,
            by_name: c.resolved_by_name.unwrap_or_default(),
            at,
        }),
        _ => None,
    };
    Ok(CommentInfo {
        id: c.id,
        project_id: c.project_id,
        document_id: c.document_id,
        asset_id: c.asset_id,
        review_id: c.review_id,
        round: c.round.and_then(|r| u32::try_from(r).ok()),
        thread_id: c.thread_id,
        reply_to: c.reply_to,
        anchor,
        quote: c.quote,
        span_now,
        outdated,
        body: c.body,
        author_id: c.author_id,
        author_name: c.author_name,
        created_at: c.created_at,
        resolved,
    })
}
