//! Comments: on a span carried through later revisions (outdated when its words are gone), on
//! a region of an image, in threads that are resolved and reopened, in a review's round; bad
//! anchors are refused with the reason and nothing is stored.

mod common;

use common::ai::project_with_doc;
use common::LocalActor;
use greenlight_core::comments::{CommentOn, NewComment};
use greenlight_core::domain::comment::CommentAnchor;
use greenlight_core::reviews::ReviewRequest;
use greenlight_core::CoreError;
use tempfile::TempDir;

const SCRIPT: &str =
    "INT. KITCHEN - NIGHT\n\nAnna pours coffee.\n\nEXT. ROOF - DAWN\n\nBen waits.\n";

fn span_of(text: &str, needle: &str) -> (u32, u32) {
    let byte = text.find(needle).expect("needle");
    let start = text[..byte].chars().count() as u32;
    (start, start + needle.chars().count() as u32)
}

#[tokio::test]
async fn a_span_comment_follows_its_words_and_is_outdated_when_they_are_deleted() {
    let dir = TempDir::new().expect("tmp");
    let app = common::open(&dir).await;
    let me = app.me().await;
    let (_, doc) = project_with_doc(&app, SCRIPT).await;
    let first = app
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id
        .expect("head");
    let review = app
        .reviews()
        .request(&me, &doc, ReviewRequest::default())
        .await
        .expect("review");
    let (start, end) = span_of(SCRIPT, "pours coffee");
    let c = app
        .comments()
        .add(
            &me,
            NewComment {
                on: CommentOn::Document(doc.clone()),
                anchor: CommentAnchor::Span {
                    revision_id: first.clone(),
                    start,
                    end,
                },
                body: "Coffee again? Make it tea.".into(),
                reply_to: None,
                review: Some(review.id.clone()),
            },
        )
        .await
        .expect("comment");
    assert_eq!(c.quote.as_deref(), Some("pours coffee"));
    assert_eq!(c.round, Some(1));
    let ben = span_of(SCRIPT, "Ben waits.");
    app.comments()
        .add(
            &me,
            NewComment {
                on: CommentOn::Document(doc.clone()),
                anchor: CommentAnchor::Span {
                    revision_id: first.clone(),
                    start: ben.0,
                    end: ben.1,
                },
                body: "Does he wait long?".into(),
                reply_to: None,
                review: None,
            },
        )
        .await
        .expect("second comment");
    // A reply joins the thread and is about the same words.
    let reply = app
        .comments()
        .add(
            &me,
            NewComment {
                on: CommentOn::Document(doc.clone()),
                anchor: CommentAnchor::Whole,
                body: "Agreed.".into(),
                reply_to: Some(c.id.clone()),
                review: None,
            },
        )
        .await
        .expect("reply");
    assert_eq!(reply.thread_id, c.id);
    assert_eq!(reply.quote.as_deref(), Some("pours coffee"));

    // A new revision: a line above, and Ben's words deleted.
    let edited = SCRIPT
        .replace("INT. KITCHEN - NIGHT\n", "INT. KITCHEN - NIGHT\n\nRain.\n")
        .replace("Ben waits.\n", "");
    app.revisions()
        .save(&me, &doc, Some(&first), edited.clone(), None)
        .await
        .expect("save");
    let listed = app.comments().of_document(&doc, None).await.expect("list");
    assert_eq!(listed.len(), 3);
    let (s, e) = listed[0].span_now.expect("carried");
    let words: String = edited
        .chars()
        .skip(s as usize)
        .take((e - s) as usize)
        .collect();
    assert_eq!(words, "pours coffee");
    assert!(listed[1].outdated, "{:?}", listed[1]);
    // Against the first revision it stays where it was written.
    let then = app
        .comments()
        .of_document(&doc, Some(&first))
        .await
        .expect("list");
    assert_eq!(then[0].span_now, Some((start, end)));

    // Resolve and reopen the thread (named by any of its comments); twice is refused.
    let done = app
        .comments()
        .resolve(&me, &reply.id, true)
        .await
        .expect("resolve");
    assert_eq!(done.id, c.id);
    assert!(done.resolved.is_some());
    assert!(matches!(
        app.comments().resolve(&me, &c.id, true).await,
        Err(CoreError::Conflict(_))
    ));
    let open = app
        .comments()
        .resolve(&me, &c.id, false)
        .await
        .expect("reopen");
    assert!(open.resolved.is_none());
    let kinds: Vec<String> = app
        .ledger()
        .activity(None, 50)
        .await
        .expect("activity")
        .into_iter()
        .map(|a| a.kind)
        .collect();
    for k in ["comment.added", "comment.resolved", "comment.reopened"] {
        assert!(kinds.iter().any(|x| x == k), "{k} missing from {kinds:?}");
    }
    assert!(app.ledger().verify().await.expect("verify").ok);
}

#[tokio::test]
async fn a_region_of_an_image_is_commented_and_bad_anchors_are_refused() {
    let dir = TempDir::new().expect("tmp");
    let app = common::open(&dir).await;
    let me = app.me().await;
    let (project, doc) = project_with_doc(&app, SCRIPT).await;
    let png = common::write(&dir, "poster.png", &common::media::png(64, 32, 7));
    let imported = app
        .assets()
        .import(&me, &project, &png, None)
        .await
        .expect("import");
    let on = CommentOn::Asset(imported.asset.id.clone());
    let region = |x, width| CommentAnchor::Region {
        version_id: imported.version.id.clone(),
        x,
        y: 1_000,
        width,
        height: 2_000,
    };
    let c = app
        .comments()
        .add(
            &me,
            NewComment {
                on: on.clone(),
                anchor: region(2_500, 5_000),
                body: "The title sits too close to the edge.".into(),
                reply_to: None,
                review: None,
            },
        )
        .await
        .expect("region comment");
    assert_eq!(c.asset_id.as_ref(), Some(&imported.asset.id));
    let listed = app
        .comments()
        .of_asset(&imported.asset.id)
        .await
        .expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].anchor, region(2_500, 5_000));

    let refused = |anchor: CommentAnchor, on: CommentOn| NewComment {
        on,
        anchor,
        body: "x".into(),
        reply_to: None,
        review: None,
    };
    let head = app
        .documents()
        .get(&doc)
        .await
        .expect("doc")
        .head_revision_id
        .expect("head");
    for (why, new) in [
        (
            "outside the image",
            refused(region(9_000, 5_000), on.clone()),
        ),
        (
            "a page of an image",
            refused(
                CommentAnchor::Page {
                    version_id: imported.version.id.clone(),
                    page: 2,
                },
                on.clone(),
            ),
        ),
        (
            "a passage past the end",
            refused(
                CommentAnchor::Span {
                    revision_id: head.clone(),
                    start: 10,
                    end: 10_000,
                },
                CommentOn::Document(doc.clone()),
            ),
        ),
        (
            "a region of a document",
            refused(region(0, 10), CommentOn::Document(doc.clone())),
        ),
    ] {
        match app.comments().add(&me, new).await {
            Err(CoreError::Invalid(e)) => assert!(!e.to_string().is_empty(), "{why}"),
            other => panic!("{why}: {other:?}"),
        }
    }
    let empty = app
        .comments()
        .add(
            &me,
            refused(CommentAnchor::Whole, CommentOn::Document(doc.clone())).with_body("  "),
        )
        .await;
    assert!(matches!(empty, Err(CoreError::Invalid(_))), "{empty:?}");
    assert!(app
        .comments()
        .of_document(&doc, None)
        .await
        .expect("none")
        .is_empty());
    assert_eq!(
        app.comments()
            .of_asset(&imported.asset.id)
            .await
            .expect("one")
            .len(),
        1
    );
}

trait WithBody {
    fn with_body(self, body: &str) -> Self;
}

impl WithBody for NewComment {
    fn with_body(mut self, body: &str) -> Self {
        self.body = body.into();
        self
    }
}
