//! Thin IPC commands: typed input, one core call, typed output or [`IpcError`].
//!
//! [`IpcError`]: crate::error::IpcError

pub mod ai;
pub mod app;
pub mod documents;
pub mod projects;
pub mod revisions;
