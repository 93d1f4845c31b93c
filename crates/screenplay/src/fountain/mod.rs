//! Fountain 1.1 (<https://fountain.io/syntax>): parser and writer.

mod parse;
mod rules;
mod source;
mod title;
mod write;

pub use parse::parse_fountain;
pub(crate) use rules::{heading_prefix, is_transition, split_cue};
pub use write::write_fountain;
