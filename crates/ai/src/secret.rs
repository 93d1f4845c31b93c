//! A secret string (an API key) that cannot leak through formatting or serialization.
//!
//! Invariant: the only way to read the value is [`Secret::expose`], called where the key goes
//! into a request header. `Debug` and `Display` print `[redacted]`; there is no `Serialize`.
//! Dropping a `Secret` (every clone too) overwrites its bytes before the memory is freed, so a
//! key does not linger in freed heap memory for a later crash dump or swap file.

use std::fmt;
use zeroize::Zeroize;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The raw value, for the request header only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Removes every occurrence of the secret from `text` (providers sometimes echo a key back
    /// in an error body, e.g. "Incorrect API key provided: sk-…").
    pub fn scrub(&self, text: &str) -> String {
        if self.0.len() < 4 {
            return text.to_owned();
        }
        text.replace(&self.0, "[redacted]")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        // In place first (keeping the length, so the test hook sees exactly what gets freed),
        // then the whole buffer including spare capacity.
        self.0.as_mut_str().zeroize();
        #[cfg(test)]
        wiped::record(self.0.as_bytes());
        self.0.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

/// Test instrumentation: what each drop left in its buffer just before freeing it.
#[cfg(test)]
mod wiped {
    use std::cell::RefCell;

    thread_local! {
        static SEEN: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    }

    pub fn record(bytes: &[u8]) {
        SEEN.with(|s| s.borrow_mut().push(bytes.to_vec()));
    }

    pub fn take() -> Vec<Vec<u8>> {
        SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_value() {
        let s = Secret::new("sk-live-123456");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(format!("{s}"), "[redacted]");
        assert_eq!(s.scrub("bad key sk-live-123456!"), "bad key [redacted]!");
    }

    #[test]
    fn dropping_wipes_the_bytes() {
        fn zeroized_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        zeroized_on_drop::<Secret>();
        let key = "sk-live-0123456789abcdef";
        let secret = Secret::new(key);
        let copy = secret.clone();
        drop(secret);
        drop(copy);
        // What each drop left in its buffer just before freeing it, as seen by the hook.
        let seen = wiped::take();
        assert_eq!(seen.len(), 2, "{seen:?}");
        for bytes in seen {
            assert_eq!(bytes.len(), key.len());
            assert!(bytes.iter().all(|&b| b == 0), "not wiped: {bytes:?}");
        }
    }
}
