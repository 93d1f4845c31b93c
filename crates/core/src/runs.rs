//! The AI runs in flight, by run id, so a run can be cancelled from another call, and a limit
//! per provider on how many of a summary's calls run at once. Part of the shared handle, so it
//! depends on nothing of the AI feature.

use greenlight_ai::CancellationToken;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::Semaphore;

#[derive(Debug, Clone, Default)]
pub(crate) struct RunRegistry {
    runs: Arc<Mutex<HashMap<String, CancellationToken>>>,
    limits: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
}

impl RunRegistry {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, CancellationToken>> {
        match self.runs.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// The one limit of `permits` concurrent calls to `provider`, shared by every summary
    /// this process runs with it.
    pub(crate) fn limit(&self, provider: &str, permits: usize) -> Arc<Semaphore> {
        let mut limits = match self.limits.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        limits
            .entry(provider.to_owned())
            .or_insert_with(|| Arc::new(Semaphore::new(permits)))
            .clone()
    }

    pub(crate) fn insert(&self, id: &str, token: CancellationToken) {
        self.lock().insert(id.to_owned(), token);
    }

    pub(crate) fn remove(&self, id: &str) {
        self.lock().remove(id);
    }

    /// Cancels a run in flight; `false` when no such run is running.
    pub(crate) fn cancel(&self, id: &str) -> bool {
        match self.lock().get(id) {
            Some(t) => {
                t.cancel();
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_with_one_provider_share_one_limit() {
        let runs = RunRegistry::default();
        let a = runs.limit("studio-claude", 8);
        let again = runs.clone().limit("studio-claude", 8);
        assert!(Arc::ptr_eq(&a, &again), "one limit per provider");
        assert!(!Arc::ptr_eq(&a, &runs.limit("ollama", 8)));
        let held: Vec<_> = (0..8)
            .filter_map(|_| a.clone().try_acquire_owned().ok())
            .collect();
        assert_eq!(held.len(), 8);
        assert!(
            again.try_acquire().is_err(),
            "a ninth call waits, whoever asks"
        );
    }
}
