//! How long to wait before the next attempt: capped exponential backoff with jitter, or
//! exactly what the provider asked for.

use crate::config::Limits;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

/// The wait before attempt `failed + 1`, or `None` when the provider asks for longer than
/// `limits.max_backoff` (waiting minutes inside one request helps nobody; the user is told).
pub fn delay(limits: &Limits, failed: u32, hint: Option<Duration>) -> Option<Duration> {
    if let Some(hint) = hint {
        // Honour the hint, never shorter; add up to 10 % so clients don't all return at once.
        let wait = hint + hint.mul_f64(0.1 * unit_random());
        return (hint <= limits.max_backoff).then_some(wait.min(limits.max_backoff));
    }
    let exp = limits
        .initial_backoff
        .saturating_mul(1u32 << failed.saturating_sub(1).min(16));
    let jittered = exp.mul_f64(0.75 + 0.5 * unit_random());
    Some(jittered.min(limits.max_backoff))
}

/// A number in [0, 1) from the process's random hasher seed and the clock; good enough for
/// jitter, which needs spread, not cryptographic randomness.
fn unit_random() -> f64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_honours_hints() {
        let limits = Limits {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
            ..Limits::default()
        };
        for _ in 0..50 {
            let d1 = delay(&limits, 1, None).unwrap_or_default();
            assert!(d1 >= Duration::from_millis(75) && d1 <= Duration::from_millis(125));
            let d3 = delay(&limits, 3, None).unwrap_or_default();
            assert!(d3 >= Duration::from_millis(300) && d3 <= Duration::from_millis(500));
            assert!(delay(&limits, 30, None).unwrap_or_default() <= Duration::from_secs(1));
            let h = delay(&limits, 1, Some(Duration::from_millis(400))).unwrap_or_default();
            assert!(h >= Duration::from_millis(400) && h <= Duration::from_millis(440));
        }
        assert_eq!(delay(&limits, 1, Some(Duration::from_secs(5))), None);
    }
}
