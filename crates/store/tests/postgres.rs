//! The store contract against a real PostgreSQL server, as an ordinary login under row-level
//! security (see `support`).

mod contract;
mod support;

use greenlight_store::Store;

/// A fresh database and login; the guard is the database's name (kept for debugging).
async fn fresh() -> (Store, String) {
    let db = support::fresh_database().await;
    let login = support::fresh_login().await;
    (support::open_as(&db, &login).await, db)
}

contract_tests!(fresh);
