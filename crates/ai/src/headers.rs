//! How long a provider asked us to wait, from its response headers.
//!
//! Precedence: `retry-after-ms` (OpenAI), `retry-after` (seconds or an HTTP date), then the
//! reset headers of an exhausted bucket: OpenAI's `x-ratelimit-reset-{requests,tokens}`
//! (durations like `6m0s`, `20ms`) and Anthropic's `anthropic-ratelimit-*-reset` (RFC 3339).

use reqwest::header::HeaderMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const BUCKETS: [(&str, &str); 6] = [
    (
        "x-ratelimit-reset-requests",
        "x-ratelimit-remaining-requests",
    ),
    ("x-ratelimit-reset-tokens", "x-ratelimit-remaining-tokens"),
    (
        "anthropic-ratelimit-requests-reset",
        "anthropic-ratelimit-requests-remaining",
    ),
    (
        "anthropic-ratelimit-tokens-reset",
        "anthropic-ratelimit-tokens-remaining",
    ),
    (
        "anthropic-ratelimit-input-tokens-reset",
        "anthropic-ratelimit-input-tokens-remaining",
    ),
    (
        "anthropic-ratelimit-output-tokens-reset",
        "anthropic-ratelimit-output-tokens-remaining",
    ),
];

/// The wait the headers ask for, measured from `now`.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = get("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return secs_f64(ms / 1000.0);
    }
    if let Some(v) = get("retry-after") {
        if let Ok(s) = v.parse::<f64>() {
            return secs_f64(s);
        }
        if let Some(at) = parse_http_date(v) {
            return Some(until(at, now));
        }
    }
    // Reset times of buckets that are exhausted; if none says "0 remaining", the soonest reset.
    let mut exhausted = Vec::new();
    let mut any = Vec::new();
    for (reset, remaining) in BUCKETS {
        let Some(raw) = get(reset) else { continue };
        let wait = parse_go_duration(raw).or_else(|| parse_rfc3339(raw).map(|t| until(t, now)));
        let Some(wait) = wait else { continue };
        any.push(wait);
        if get(remaining) == Some("0") {
            exhausted.push(wait);
        }
    }
    exhausted
        .into_iter()
        .max()
        .or_else(|| any.into_iter().min())
}

fn secs_f64(s: f64) -> Option<Duration> {
    (s.is_finite() && (0.0..1.0e9).contains(&s)).then(|| Duration::from_secs_f64(s))
}

fn until(at_unix: f64, now: SystemTime) -> Duration {
    let now = now
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    secs_f64(at_unix - now).unwrap_or(Duration::ZERO)
}

/// `1h2m3.5s`, `6m0s`, `20ms`, `0.5s` (the format OpenAI uses).
pub fn parse_go_duration(s: &str) -> Option<Duration> {
    let mut total = 0.0f64;
    let mut rest = s.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let value: f64 = rest.get(..num_len)?.parse().ok()?;
        rest = rest.get(num_len..)?;
        let (factor, unit_len) = if rest.starts_with("ms") {
            (0.001, 2)
        } else if rest.starts_with('h') {
            (3600.0, 1)
        } else if rest.starts_with('m') {
            (60.0, 1)
        } else if rest.starts_with('s') {
            (1.0, 1)
        } else {
            return None;
        };
        total += value * factor;
        rest = rest.get(unit_len..)?;
    }
    secs_f64(total)
}

/// `2024-05-01T12:00:30Z`, with optional fraction and `±hh:mm` offset → Unix seconds.
pub fn parse_rfc3339(s: &str) -> Option<f64> {
    let s = s.trim();
    let (date, time) = s.split_once(['T', 't', ' '])?;
    let mut d = date.split('-');
    let (y, mo, da) = (
        d.next()?.parse::<i64>().ok()?,
        d.next()?.parse::<i64>().ok()?,
        d.next()?.parse::<i64>().ok()?,
    );
    let (clock, offset) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
        (c, 0i64)
    } else {
        let idx = time.rfind(['+', '-'])?;
        let (c, off) = time.split_at(idx);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let (oh, om) = off.get(1..)?.split_once(':')?;
        (
            c,
            sign * (oh.parse::<i64>().ok()? * 3600 + om.parse::<i64>().ok()? * 60),
        )
    };
    let mut t = clock.split(':');
    let h = t.next()?.parse::<i64>().ok()?;
    let mi = t.next()?.parse::<i64>().ok()?;
    let sec = t.next()?.parse::<f64>().ok()?;
    if !(1..=12).contains(&mo) || !(1..=31).contains(&da) || h > 23 || mi > 59 || sec >= 61.0 {
        return None;
    }
    let days = days_from_civil(y, mo, da);
    Some((days * 86_400 + h * 3600 + mi * 60 - offset) as f64 + sec)
}

/// `Wed, 21 Oct 2015 07:28:00 GMT` → Unix seconds.
pub fn parse_http_date(s: &str) -> Option<f64> {
    let mut parts = s.split_whitespace().skip(1);
    let day: i64 = parts.next()?.parse().ok()?;
    let month = parts.next()?;
    let year: i64 = parts.next()?.parse().ok()?;
    let clock = parts.next()?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mo = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as i64 + 1;
    parse_rfc3339(&format!("{year:04}-{mo:02}-{day:02}T{clock}Z"))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn parses_every_hint() {
        let now = UNIX_EPOCH + Duration::from_secs(1_714_564_800); // 2024-05-01T12:00:00Z
        let secs = |p: &[(&'static str, &'static str)]| {
            retry_after(&headers(p), now).map(|d| d.as_secs_f64())
        };
        assert_eq!(secs(&[("retry-after", "4")]), Some(4.0));
        assert_eq!(
            secs(&[("retry-after-ms", "250"), ("retry-after", "4")]),
            Some(0.25)
        );
        assert_eq!(
            secs(&[("retry-after", "Wed, 01 May 2024 12:00:07 GMT")]),
            Some(7.0)
        );
        assert_eq!(
            secs(&[
                ("x-ratelimit-reset-requests", "6m0s"),
                ("x-ratelimit-remaining-requests", "0"),
                ("x-ratelimit-reset-tokens", "20ms")
            ]),
            Some(360.0)
        );
        assert_eq!(
            secs(&[
                ("x-ratelimit-reset-requests", "1s"),
                ("x-ratelimit-reset-tokens", "20ms")
            ]),
            Some(0.02)
        );
        assert_eq!(
            secs(&[("anthropic-ratelimit-requests-reset", "2024-05-01T12:00:30Z")]),
            Some(30.0)
        );
        assert_eq!(
            secs(&[(
                "anthropic-ratelimit-requests-reset",
                "2024-05-01T14:00:30+02:00"
            )]),
            Some(30.0)
        );
        assert_eq!(secs(&[("retry-after", "soon")]), None);
        assert_eq!(secs(&[]), None);
    }
}
