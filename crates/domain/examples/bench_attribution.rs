//! Benchmark: carrying attribution through 1,000 random edits (typing, deleting, replacing,
//! cut and paste) of a 30,000-word document that already holds 300 AI spans, and carrying it
//! through a character diff once; then one save's editor changes applied at once
//! (`apply_changes`): 1,000 of them, and the most a save may carry, each a moved claim, over
//! an attribution of 200,000 spans. Run in release:
//!
//!     cargo run --release -p greenlight-domain --example bench_attribution

use greenlight_domain::attribution::{Attribution, Edit, Origin};
use greenlight_domain::ids::RevisionId;
use greenlight_domain::limits::MAX_TEXT_CHANGES;
use greenlight_domain::text_change::{apply_changes, MovedFrom, MovedSource, TextChange};
use std::time::Instant;

const WORDS: usize = 30_000;
const EDITS: usize = 1_000;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn main() {
    let mut text: Vec<char> = "Maya checks the binder again "
        .repeat(WORDS / 5)
        .chars()
        .collect();
    let mut a = Attribution::human(text.len());
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n.max(1) as u64) as usize
    };
    for i in 0..300 {
        let at = next(text.len() - 40);
        let origin = Origin::Ai {
            suggestion_id: format!("s{i}"),
            edited: i % 3 == 0,
        };
        a.apply(&Edit {
            start: at,
            end: at + 20,
            inserted: vec![(24, origin)],
        })
        .expect("seed");
        text.splice(at..at + 20, std::iter::repeat_n('x', 24));
    }
    let parent: String = text.iter().collect();
    let parent_attribution = a.clone();
    let mut changes = Vec::with_capacity(EDITS);
    let mut ms = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        let len = text.len();
        let start = next(len);
        let end = (start + next(30)).min(len);
        let t = Instant::now();
        if i % 10 == 0 && end > start {
            // Cut and paste elsewhere.
            let cut = a.slice(start, end);
            a.apply(&Edit {
                start,
                end,
                inserted: vec![],
            })
            .expect("cut");
            let moved: Vec<char> = text.drain(start..end).collect();
            let at = next(text.len());
            changes.push(typed(start, end, ""));
            changes.push(typed(at, at, &moved.iter().collect::<String>()));
            a.apply(&Edit {
                start: at,
                end: at,
                inserted: cut,
            })
            .expect("paste");
            text.splice(at..at, moved);
        } else {
            let n = next(12);
            a.apply(&Edit::typed(start, end, n)).expect("edit");
            text.splice(start..end, std::iter::repeat_n('y', n));
            changes.push(typed(start, end, &"y".repeat(n)));
        }
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    assert_eq!(a.len(), text.len());
    ms.sort_by(f64::total_cmp);
    println!(
        "{WORDS} words ({} chars, {} spans): {EDITS} edits, per edit median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        text.len(),
        a.spans().len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms[ms.len() - 1]
    );
    let old: String = text.iter().collect();
    let mut changed = text.clone();
    changed.splice(1000..1010, "a new line of text".chars());
    let new: String = changed.iter().collect();
    let t = Instant::now();
    let carried = a.carry_by_diff(&old, &new, &Origin::Human);
    println!(
        "a save from outside the editor (character diff over the whole text): {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(carried.len(), changed.len());

    // The same edits as one save's changes (moves sent as typing: the figure is the text work).
    let t = Instant::now();
    let edited = apply_changes(&parent, &parent_attribution, &changes, |_, _| None).expect("apply");
    println!(
        "a save of {} editor changes applied to the parent: {:.1} ms",
        changes.len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(edited.text, old);

    // The most a save may carry, each a one-character moved claim, over 200,000 spans.
    let n = 200_000;
    let parent = "ab".repeat(n / 2);
    let spans = Attribution::from_runs((0..n).map(|i| {
        let origin = if i % 2 == 0 {
            Origin::Ai {
                suggestion_id: format!("s{i}"),
                edited: false,
            }
        } else {
            Origin::Human
        };
        (1, origin)
    }));
    let id = RevisionId::new();
    let source = MovedSource::new(&parent, spans.clone()).expect("source");
    let claims: Vec<TextChange> = (0..MAX_TEXT_CHANGES)
        .map(|i| TextChange {
            from: (i * 7) % n,
            to: (i * 7) % n,
            insert: "a".into(),
            moved_from: Some(MovedFrom {
                revision: id.clone(),
                start: (i * 2) % n,
            }),
        })
        .collect();
    let t = Instant::now();
    let edited =
        apply_changes(&parent, &spans, &claims, |m, s| source.origins(m.start, s)).expect("apply");
    println!(
        "{} moved claims over {} spans: {:.1} ms",
        claims.len(),
        spans.spans().len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(edited.attribution.len(), n + MAX_TEXT_CHANGES);
}

fn typed(from: usize, to: usize, insert: &str) -> TextChange {
    TextChange {
        from,
        to,
        insert: insert.into(),
        moved_from: None,
    }
}
