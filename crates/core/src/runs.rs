//! The AI runs in flight, by run id, so a run can be cancelled from another call. Part of
//! the shared handle, so it depends on nothing of the AI feature.

use greenlight_ai::CancellationToken;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Clone, Default)]
pub(crate) struct RunRegistry {
    runs: Arc<Mutex<HashMap<String, CancellationToken>>>,
}

impl RunRegistry {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, CancellationToken>> {
        match self.runs.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
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
