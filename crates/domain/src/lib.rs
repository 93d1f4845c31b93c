//! Greenlight's domain: pure types and rules, no I/O, no database, no tauri.
//!
//! Everything the app stores or shows is defined here once; the store persists these types,
//! `core` orchestrates them, and the shell exports them to TypeScript (see `ts-rs` derives).

pub mod activity;
pub mod actor;
pub mod ai;
pub mod asset;
pub mod attribution;
pub mod comment;
pub mod diff;
pub mod disclosure;
pub mod document;
pub mod error;
pub mod events;
pub mod ids;
pub mod ledger;
pub mod limits;
pub mod merge;
pub mod permission;
pub mod policy;
pub mod profile;
pub mod project;
pub mod provenance;
pub mod revision;
pub mod structure;
pub mod suggestion;
pub mod suggestion_record;
pub mod summary_record;
pub mod summary_tree;
pub mod take;
pub mod text;
pub mod text_change;
pub mod workflow;

pub use error::DomainError;
