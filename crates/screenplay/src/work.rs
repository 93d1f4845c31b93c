//! A deterministic count of the work the Fountain parser does, for the linear-time tests in
//! `tests/robustness.rs`.
//!
//! Those tests cannot time the parser (timings flake on a shared machine) and cannot count
//! instructions portably, so the parser counts for itself: every byte its loops and
//! searches look at, and every line it visits, adds one unit. Quadratic behaviour comes from
//! looking at the same text again and again (a search restarted at every unclosed opener, a
//! paragraph re-read for each of its lines), which makes this count grow with the square of
//! the input, so comparing it on inputs of size N and 8N tells linear from quadratic
//! without a clock. It counts the scans the parser has; a new loop must count itself
//! (with `add` or `find`) to be covered.
//!
//! Counting exists only in builds with debug assertions (`cargo test`, dev builds). In
//! release builds `add` compiles to nothing and [`measure`] reports `None`, so the parser
//! pays nothing for it. The counter is per thread, so parallel tests do not disturb each
//! other.

#[cfg(debug_assertions)]
thread_local! {
    static UNITS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Records `units` of work on this thread (nothing in release builds).
#[inline]
pub(crate) fn add(units: usize) {
    #[cfg(debug_assertions)]
    UNITS.with(|u| u.set(u.get().saturating_add(units)));
    #[cfg(not(debug_assertions))]
    let _ = units;
}

/// `hay.find(needle)` that records the bytes the search looked at: up to the end of the
/// match, or all of `hay` when there is none.
#[inline]
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    let found = hay.find(needle);
    add(found.map_or(hay.len(), |p| p + needle.len()));
    found
}

/// Runs `f` and returns its result with the units of work recorded on this thread while it
/// ran, or `None` in builds without debug assertions (where nothing is counted).
#[doc(hidden)]
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, Option<usize>) {
    #[cfg(debug_assertions)]
    {
        let before = UNITS.with(std::cell::Cell::get);
        let result = f();
        let after = UNITS.with(std::cell::Cell::get);
        (result, Some(after.saturating_sub(before)))
    }
    #[cfg(not(debug_assertions))]
    {
        (f(), None)
    }
}
