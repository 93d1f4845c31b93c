//! Greenlight's persistence.
//!
//! Reads are methods on [`Store`]; every write goes through a [`Tx`], so that a use-case in
//! `core` can make its change *and* append its ledger event in one transaction (the provenance
//! invariant). The schema lives in `migrations/<backend>/`; revisions and events are protected
//! from UPDATE and DELETE by triggers.
//!
//! SQLite is the embedded default. The API is written backend-neutral (plain values in and
//! out, no SQLite types leak), and the contract suite in `tests/contract` takes any [`Store`],
//! so the PostgreSQL backend of team mode plugs in behind the same methods and suite.

mod ai;
mod checkpoint;
mod error;
mod ledger;
mod open;
mod read;
mod rows;
mod tx;

pub use ai::ProviderRow;
pub use error::StoreError;
pub use open::{OpenOptions, Store};
pub use tx::Tx;

pub type Result<T> = std::result::Result<T, StoreError>;
