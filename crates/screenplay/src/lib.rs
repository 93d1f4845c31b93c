//! Screenplay formats for Greenlight: one element model ([`model`]), Fountain 1.1 parsing and
//! writing ([`parse_fountain`], [`write_fountain`]), Final Draft FDX import and export
//! ([`read_fdx`], [`write_fdx`]), a scene and character index ([`index()`]),,
//! PDF export in standard screenplay layout ([`pdf`], [`render_pdf`]), and a deterministic
//! synthetic script generator ([`synth`]).
//!
//! The crate is pure: text or bytes in, values out (the PDF fonts are compiled in); no file,
//! network or clock access, so it can be fuzzed and property-tested freely. Parsers never panic and run in time linear in
//! their input; the Fountain parser accepts every string (malformed markup is literal text),
//! the FDX reader reports what was wrong with typed errors.

mod error;
mod fdx;
mod fountain;
pub mod index;
mod inline;
pub mod model;
pub mod pdf;
pub mod synth;
/// Work counting for the linear-time tests; not part of the API (see the module docs).
#[doc(hidden)]
pub mod work;

pub use error::{FdxError, FdxWarning};
pub use fdx::{read_fdx, read_fdx_with, write_fdx, FdxLimits, OTHER_KNOWN_TYPES};
pub use fountain::{parse_fountain, write_fountain};
pub use index::{index, CharacterStats, Scene, ScriptIndex, Setting};
pub use model::{Element, ElementKind, Run, Script, Style, StyledText, TitleField};
pub use pdf::{layout, render_pdf, Paper, PdfError, PdfOptions};
