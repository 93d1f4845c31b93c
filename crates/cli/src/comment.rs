//! `greenlight comment add|list|resolve`: comments on a document (a passage of a revision, or
//! the whole) or an asset (a region of an image, a time of a video or audio file, a page of a
//! PDF, or the whole), in threads that are resolved and reopened.

use crate::render::Out;
use crate::Session;
use clap::{Args, Subcommand};
use greenlight_core::comments::{CommentOn, NewComment};
use greenlight_core::domain::comment::{CommentAnchor, CommentInfo, REGION_SCALE};
use greenlight_core::domain::error::fields;
use greenlight_core::domain::ids::{
    AssetId, AssetVersionId, CommentId, DocumentId, ReviewId, RevisionId,
};
use greenlight_core::domain::DomainError;
use greenlight_core::CoreError;

#[derive(Subcommand)]
pub enum CommentCmd {
    /// Comment on a document or an asset (or reply with --reply-to)
    Add(AddArgs),
    /// A document's or asset's comments, threads in order
    List {
        /// A document or asset id
        subject: String,
        /// Show where passages lie in this revision [default: the newest]
        #[arg(long)]
        revision: Option<String>,
    },
    /// Resolve a thread (any of its comments names it), or reopen it with --reopen
    Resolve {
        comment: String,
        #[arg(long)]
        reopen: bool,
    },
}

#[derive(Args)]
pub struct AddArgs {
    /// A document or asset id
    pub subject: String,
    /// What the comment says
    #[arg(long)]
    pub text: String,
    /// Characters A-B of the document's revision (Unicode characters, end exclusive)
    #[arg(long, conflicts_with_all = ["region", "time", "page"])]
    pub span: Option<String>,
    /// The revision a --span is in [default: the newest]
    #[arg(long)]
    pub revision: Option<String>,
    /// A region of an image as fractions of its size: x,y,width,height (0.25,0.1,0.5,0.2)
    #[arg(long, conflicts_with_all = ["time", "page"])]
    pub region: Option<String>,
    /// A time of a video or audio file in seconds, or a range (12.5 or 12.5-20)
    #[arg(long, conflicts_with = "page")]
    pub time: Option<String>,
    /// A page of a PDF, from 1
    #[arg(long)]
    pub page: Option<u32>,
    /// The asset version a region, time or page is on [default: the newest]
    #[arg(long)]
    pub version: Option<String>,
    /// Reply to this comment's thread
    #[arg(long)]
    pub reply_to: Option<String>,
    /// The review the comment is made in
    #[arg(long)]
    pub review: Option<String>,
}

fn bad(reason: String) -> CoreError {
    CoreError::Invalid(DomainError::Refused {
        field: fields::COMMENT,
        reason,
    })
}

pub async fn run(s: &Session, out: &Out, cmd: CommentCmd) -> Result<(), CoreError> {
    let comments = s.app.comments();
    match cmd {
        CommentCmd::Add(a) => {
            let on = subject(s, &a.subject).await?;
            let anchor = anchor(s, &on, &a).await?;
            let c = comments
                .add(
                    &s.actor,
                    NewComment {
                        on,
                        anchor,
                        body: a.text,
                        reply_to: a.reply_to.map(CommentId),
                        review: a.review.map(ReviewId),
                    },
                )
                .await?;
            if !out.json(&c) {
                print_one(&c);
            }
        }
        CommentCmd::List {
            subject: id,
            revision,
        } => {
            let list = match subject(s, &id).await? {
                CommentOn::Document(d) => {
                    let r = revision.map(RevisionId);
                    comments.of_document(&d, r.as_ref()).await?
                }
                CommentOn::Asset(a) => comments.of_asset(&a).await?,
            };
            if !out.json(&list) {
                for c in &list {
                    print_one(c);
                }
            }
        }
        CommentCmd::Resolve { comment, reopen } => {
            let c = comments
                .resolve(&s.actor, &CommentId(comment), !reopen)
                .await?;
            if !out.json(&c) {
                print_one(&c);
            }
        }
    }
    Ok(())
}

/// A document if one has this id, else an asset.
async fn subject(s: &Session, id: &str) -> Result<CommentOn, CoreError> {
    match s.app.documents().get(&DocumentId(id.to_owned())).await {
        Ok(d) => Ok(CommentOn::Document(d.id)),
        Err(CoreError::NotFound { .. }) => {
            let a = AssetId(id.to_owned());
            s.app.assets().versions(&a).await.map_err(|e| match e {
                CoreError::NotFound { .. } => CoreError::NotFound {
                    what: "document or asset",
                    id: id.to_owned(),
                },
                other => other,
            })?;
            Ok(CommentOn::Asset(a))
        }
        Err(e) => Err(e),
    }
}

async fn anchor(s: &Session, on: &CommentOn, a: &AddArgs) -> Result<CommentAnchor, CoreError> {
    let version = || async {
        match (&a.version, on) {
            (Some(v), _) => Ok(AssetVersionId(v.clone())),
            (None, CommentOn::Asset(asset)) => s
                .app
                .assets()
                .versions(asset)
                .await?
                .pop()
                .map(|v| v.id)
                .ok_or_else(|| bad("the asset has no version".into())),
            (None, CommentOn::Document(_)) => Err(bad(
                "a region, time or page is on an asset, not a document".into(),
            )),
        }
    };
    if let Some(span) = &a.span {
        let CommentOn::Document(d) = on else {
            return Err(bad("a passage of text is not on an asset".into()));
        };
        let (start, end) = pair(span, '-')?;
        let revision_id = match &a.revision {
            Some(r) => RevisionId(r.clone()),
            None => s
                .app
                .documents()
                .get(d)
                .await?
                .head_revision_id
                .ok_or_else(|| bad("the document has no saved revision".into()))?,
        };
        return Ok(CommentAnchor::Span {
            revision_id,
            start: whole(start)?,
            end: whole(end)?,
        });
    }
    if let Some(region) = &a.region {
        let parts: Vec<f64> = region
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                bad(format!(
                    "“{region}” is not x,y,width,height (0.25,0.1,0.5,0.2)"
                ))
            })?;
        let [x, y, w, h] = parts[..] else {
            return Err(bad(format!(
                "“{region}” is not four numbers: x,y,width,height"
            )));
        };
        let scaled = |f: f64| -> Result<u32, CoreError> {
            if !(0.0..=1.0).contains(&f) {
                return Err(bad(format!("{f} is not a fraction of the image (0 to 1)")));
            }
            Ok((f * f64::from(REGION_SCALE)).round() as u32)
        };
        return Ok(CommentAnchor::Region {
            version_id: version().await?,
            x: scaled(x)?,
            y: scaled(y)?,
            width: scaled(w)?,
            height: scaled(h)?,
        });
    }
    if let Some(time) = &a.time {
        let ms = |t: &str| -> Result<u32, CoreError> {
            let secs: f64 = t
                .trim()
                .parse()
                .map_err(|_| bad(format!("“{t}” is not a time in seconds")))?;
            if !(0.0..=4_000_000.0).contains(&secs) {
                return Err(bad(format!("{secs} s is not a time of the file")));
            }
            Ok((secs * 1000.0).round() as u32)
        };
        let (start_ms, end_ms) = match time.split_once('-') {
            Some((a, b)) => (ms(a)?, Some(ms(b)?)),
            None => (ms(time)?, None),
        };
        return Ok(CommentAnchor::Time {
            version_id: version().await?,
            start_ms,
            end_ms,
        });
    }
    if let Some(page) = a.page {
        return Ok(CommentAnchor::Page {
            version_id: version().await?,
            page,
        });
    }
    Ok(CommentAnchor::Whole)
}

fn pair(s: &str, sep: char) -> Result<(i64, i64), CoreError> {
    let (a, b) = s
        .split_once(sep)
        .ok_or_else(|| bad(format!("“{s}” is not a range A-B")))?;
    let n = |x: &str| {
        x.trim()
            .parse::<i64>()
            .map_err(|_| bad(format!("“{s}” is not a range of character offsets A-B")))
    };
    Ok((n(a)?, n(b)?))
}

fn whole(n: i64) -> Result<u32, CoreError> {
    u32::try_from(n).map_err(|_| bad(format!("{n} is not a character offset")))
}

fn print_one(c: &CommentInfo) {
    let at = match &c.anchor {
        CommentAnchor::Span { .. } => match (&c.quote, c.outdated) {
            (Some(q), true) => format!("on “{q}” (outdated: the words were deleted)"),
            (Some(q), false) => format!("on “{q}”"),
            _ => "on a passage".into(),
        },
        CommentAnchor::Region {
            x,
            y,
            width,
            height,
            ..
        } => format!(
            "on region {:.2},{:.2} {:.2}×{:.2}",
            f64::from(*x) / f64::from(REGION_SCALE),
            f64::from(*y) / f64::from(REGION_SCALE),
            f64::from(*width) / f64::from(REGION_SCALE),
            f64::from(*height) / f64::from(REGION_SCALE)
        ),
        CommentAnchor::Time {
            start_ms, end_ms, ..
        } => match end_ms {
            Some(e) => format!(
                "at {:.1}–{:.1} s",
                f64::from(*start_ms) / 1000.0,
                f64::from(*e) / 1000.0
            ),
            None => format!("at {:.1} s", f64::from(*start_ms) / 1000.0),
        },
        CommentAnchor::Page { page, .. } => format!("on page {page}"),
        CommentAnchor::Whole => "on the whole".into(),
    };
    let indent = if c.reply_to.is_some() { "    ↳ " } else { "" };
    println!(
        "{indent}{}  {} {at}{}: {}",
        c.id,
        c.author_name,
        if c.resolved.is_some() {
            " [resolved]"
        } else {
            ""
        },
        c.body
    );
}
