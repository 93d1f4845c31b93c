//! Greenlight's persistence, on the embedded SQLite database (one person) or a shared
//! PostgreSQL server (a team).
//!
//! Reads are methods on [`Store`]; every write goes through a [`Tx`], so that a use-case in
//! `core` can make its change *and* append its ledger event in one transaction (the provenance
//! invariant). Revisions and events are protected from UPDATE and DELETE by triggers on both
//! backends.
//!
//! **Two backends, one API.** [`Store`] holds an enum over two typed sqlx pools (see
//! `backend`): each query is written once with `$n` placeholders and run through a
//! [`query`](crate::query)-helper that binds it on whichever pool is open, and rows are read
//! through one `DbRow` trait, so a mapping is written once for both. Where the backends differ
//! on purpose the code matches on [`Backend`]: locking (SQLite's single write lock versus
//! PostgreSQL row locks on a document and a chain head), and team mode's identity and
//! row-level security, which live in the PostgreSQL schema (`migrations/postgres`). sqlx's
//! `Any` driver was not used: it fails on SQLite booleans and hides each driver's types. The
//! contract suite in `tests/contract` runs every check on both backends.

mod ai;
mod assets;
mod attribution;
mod backend;
mod checkpoint;
mod comments;
mod error;
mod ledger;
mod listen;
mod members;
mod moving;
mod open;
mod postgres;
mod query;
mod read;
mod reviews;
mod rows;
mod suggestions;
mod summaries;
mod tx;
mod workflows;

pub use ai::ProviderRow;
pub use backend::Backend;
pub use comments::{StoredComment, COMMENT_LIST_LIMIT};
pub use error::StoreError;
pub use listen::{Listener, Notice};
pub use members::{Member, Person};
pub use moving::ProjectBundle;
pub use open::{OpenOptions, Store};
pub use postgres::{
    set_up_state, team_add_person, team_init, InitReport, PersonReport, PgOptions, ServerConfig,
    SetUpState, TlsMode, UrlError, PEOPLE_ROLE,
};
pub use reviews::{MovedReview, OpenStage, StoredDecision, StoredReview, REVIEW_LIST_LIMIT};
pub use summaries::CachedNode;
pub use tx::Tx;
pub use workflows::StoredWorkflow;

pub type Result<T> = std::result::Result<T, StoreError>;
