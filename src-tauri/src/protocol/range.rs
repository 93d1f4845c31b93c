//! HTTP byte ranges (RFC 9110 §14) as far as a media element or PDF reader uses them: one
//! range per request. Pure, so the arithmetic is tested without a web view.

/// The most bytes one response carries. Each response is a buffer in memory (the web view's
/// custom-protocol API takes a whole body), so a 2 GB video is served as many small parts,
/// which is what media elements ask for anyway (`Range: bytes=N-`).
pub const MAX_PART: u64 = 4 * 1024 * 1024;

/// Below this size a request without `Range` gets the whole file in one answer (an `<img>`
/// never asks for ranges); above it, the first part, as a 206.
pub const MAX_WHOLE: u64 = 64 * 1024 * 1024;

/// What to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// 200 with the whole file.
    Whole,
    /// 206 with bytes `start..=end`.
    Part { start: u64, end: u64 },
    /// 416: the range starts past the end.
    Unsatisfiable,
}

/// The answer to a request with `range` (the header's value, if any) for a file of `size`
/// bytes. A header that cannot be parsed is ignored, as the RFC says; of several ranges only
/// the first is served (a 206 with fewer bytes than asked is valid, and clients ask again).
pub fn answer(range: Option<&str>, size: u64) -> Answer {
    parse(range, size, MAX_PART, MAX_WHOLE)
}

/// As [`answer`] for a response written to a socket as it is read (the loopback media server):
/// any range is served whole, since memory does not grow with it.
pub fn answer_streamed(range: Option<&str>, size: u64) -> Answer {
    parse(range, size, u64::MAX, u64::MAX)
}

fn parse(range: Option<&str>, size: u64, max_part: u64, max_whole: u64) -> Answer {
    let clamp = |start: u64, end: u64| Answer::Part {
        start,
        end: end
            .min(start.saturating_add(max_part - 1))
            .min(size.saturating_sub(1)),
    };
    let whole = || {
        if size <= max_whole {
            Answer::Whole
        } else {
            clamp(0, size - 1)
        }
    };
    let Some(spec) = range.and_then(|r| r.trim().strip_prefix("bytes=")) else {
        return whole();
    };
    let first = spec.split(',').next().unwrap_or("").trim();
    let Some((from, to)) = first.split_once('-') else {
        return whole();
    };
    let number = |s: &str| {
        if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
            s.parse::<u64>().ok()
        } else {
            None
        }
    };
    let (from, to) = (from.trim(), to.trim());
    if !to.is_empty() && number(to).is_none() {
        return whole();
    }
    match (number(from), number(to)) {
        // bytes=N- and bytes=N-M
        (Some(start), end) => {
            if end.is_some_and(|e| e < start) {
                return whole();
            }
            if start >= size {
                return Answer::Unsatisfiable;
            }
            clamp(start, end.unwrap_or(u64::MAX))
        }
        // bytes=-N: the last N bytes
        (None, Some(n)) if from.is_empty() => {
            if n == 0 || size == 0 {
                return Answer::Unsatisfiable;
            }
            clamp(size.saturating_sub(n), size - 1)
        }
        _ => whole(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_served_in_parts_no_larger_than_max_part() {
        let gb2 = 2 * 1024 * 1024 * 1024_u64;
        assert_eq!(answer(None, 10), Answer::Whole);
        assert_eq!(
            answer(Some("bytes=0-"), 10),
            Answer::Part { start: 0, end: 9 }
        );
        assert_eq!(
            answer(Some("bytes=2-4"), 10),
            Answer::Part { start: 2, end: 4 }
        );
        assert_eq!(
            answer(Some("bytes=2-400"), 10),
            Answer::Part { start: 2, end: 9 }
        );
        assert_eq!(
            answer(Some("bytes=-3"), 10),
            Answer::Part { start: 7, end: 9 }
        );
        assert_eq!(
            answer(Some("bytes=-30"), 10),
            Answer::Part { start: 0, end: 9 }
        );
        assert_eq!(
            answer(Some("bytes=0-"), gb2),
            Answer::Part {
                start: 0,
                end: MAX_PART - 1
            }
        );
        assert_eq!(
            answer(Some("bytes=1000000000-"), gb2),
            Answer::Part {
                start: 1_000_000_000,
                end: 1_000_000_000 + MAX_PART - 1
            }
        );
        assert_eq!(
            answer(None, gb2),
            Answer::Part {
                start: 0,
                end: MAX_PART - 1
            },
            "a 2 GB file is never answered whole"
        );
        assert_eq!(
            answer(Some("bytes=1-2, 5-6"), 10),
            Answer::Part { start: 1, end: 2 }
        );
    }

    #[test]
    fn streamed_ranges_are_not_cut() {
        let gb2 = 2 * 1024 * 1024 * 1024_u64;
        assert_eq!(answer_streamed(None, gb2), Answer::Whole);
        assert_eq!(
            answer_streamed(Some("bytes=1000-"), gb2),
            Answer::Part {
                start: 1000,
                end: gb2 - 1
            }
        );
        assert_eq!(answer_streamed(Some("bytes=5-"), 5), Answer::Unsatisfiable);
    }

    #[test]
    fn bad_or_impossible_ranges() {
        assert_eq!(answer(Some("bytes=10-"), 10), Answer::Unsatisfiable);
        assert_eq!(answer(Some("bytes=-0"), 10), Answer::Unsatisfiable);
        assert_eq!(answer(Some("bytes=0-"), 0), Answer::Unsatisfiable);
        assert_eq!(answer(Some("bytes=5-2"), 10), Answer::Whole, "ignored");
        assert_eq!(answer(Some("items=0-1"), 10), Answer::Whole, "ignored");
        assert_eq!(answer(Some("bytes=+1-2"), 10), Answer::Whole, "ignored");
        assert_eq!(answer(Some("bytes=x"), 10), Answer::Whole, "ignored");
        assert_eq!(answer(Some("bytes=2-x"), 10), Answer::Whole, "ignored");
    }
}
