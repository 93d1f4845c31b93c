//! The IPC boundary's own pieces: how commands are declared and described to TypeScript, the
//! channel argument, and the types that exist only here.

mod channel;
mod command;
mod types;

pub use channel::EventChannel;
pub use command::{camel_case, ArgSpec, CommandSpec, IpcArg, IpcResult};
pub(crate) use command::{command, command_arg};
pub use types::{AppInfo, ImportBatch, RefusedFile};
