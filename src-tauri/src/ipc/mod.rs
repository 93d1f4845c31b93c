//! The IPC boundary's own pieces: how commands are declared and described to TypeScript, the
//! channel argument, and the types that exist only here.

mod channel;
mod command;
mod database;
mod types;

pub use channel::EventChannel;
pub use command::{camel_case, ArgSpec, CommandSpec, IpcArg, IpcResult};
pub(crate) use command::{command, command_arg};
pub use database::{
    ConnectionResult, DatabaseForm, DatabaseMode, DatabaseSource, DatabaseStatus, LiveUpdate,
    Password, ServerFields, SetUpInfo, TlsChoice,
};
pub use types::{
    AppInfo, AssetImportBatch, ImportBatch, MemberInfo, PersonInfo, RefusedFile, ReviewDetail,
    TakeEvent,
};
