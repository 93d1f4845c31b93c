//! One declaration per command, two outputs: the `#[tauri::command]` function Tauri calls, and
//! the command's entry in the table the TypeScript `Commands` interface is generated from.
//! Both come from the same tokens, so the UI's view of a command cannot disagree with it.

use super::EventChannel;
use crate::error::IpcError;
use ts_rs::{Config, TS};

/// A command as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSpec {
    /// The name `invoke` uses: the Rust function's name.
    pub name: &'static str,
    /// The function's doc comment, one line per entry.
    pub docs: &'static [&'static str],
    /// The arguments the UI sends, in declaration order (Tauri-provided parameters left out).
    pub args: Vec<ArgSpec>,
    /// What the call resolves with (the `Ok` side of `CmdResult`), as a TypeScript type.
    pub result: String,
}

/// One argument the UI sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgSpec {
    /// The key in `invoke`'s argument object: Tauri expects the Rust name in camelCase.
    pub name: String,
    /// Its TypeScript type.
    pub ts: String,
}

/// A type the UI can pass as an argument: anything ts-rs describes, or an [`EventChannel`],
/// which the UI passes as a callback receiving each event.
pub trait IpcArg {
    fn ts(cfg: &Config) -> String;
}

impl<T: TS> IpcArg for T {
    fn ts(cfg: &Config) -> String {
        T::name(cfg)
    }
}

impl<E: TS> IpcArg for EventChannel<E> {
    fn ts(cfg: &Config) -> String {
        format!("(event: {}) => void", E::name(cfg))
    }
}

/// What a command may return: every command fails with [`IpcError`], so the UI has one error
/// shape to handle. Implemented for `CmdResult<T>` only; any other return type fails to compile.
pub trait IpcResult {
    fn ts(cfg: &Config) -> String;
}

impl<T: TS> IpcResult for Result<T, IpcError> {
    fn ts(cfg: &Config) -> String {
        T::name(cfg)
    }
}

/// `include_archived` → `includeArchived`, as Tauri renames command arguments by default.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Declares one IPC command. Write the function as usual inside `command! { ... }`:
///
/// ```ignore
/// command! {
///     /// Doc comment: becomes the TypeScript doc too.
///     pub async fn project_get(
///         #[tauri] state: State<'_, AppState>,
///         id: ProjectId,
///     ) -> CmdResult<Project> {
///         Ok(state.app()?.get_project(&id).await?)
///     }
/// }
/// ```
///
/// - Parameters Tauri provides (`State`, `AppHandle`) are marked `#[tauri]`; every other
///   parameter is an argument the UI sends (under its camelCase name) and must implement
///   `ts_rs::TS` or be an [`EventChannel`].
/// - The return type must be `CmdResult<T>`.
/// - Only doc comments are allowed as attributes.
///
/// Besides the function it defines a module of the same name holding `spec`, the command's
/// table entry. Register the command by adding it to `commands::for_each_command!`.
macro_rules! command {
    ($(#[doc = $doc:literal])*
     pub async fn $name:ident ($($params:tt)*) -> $ret:ty $body:block) => {
        $crate::ipc::command!(@emit [$($doc),*] [async] $name ($($params)*) -> $ret $body);
    };
    ($(#[doc = $doc:literal])*
     pub fn $name:ident ($($params:tt)*) -> $ret:ty $body:block) => {
        $crate::ipc::command!(@emit [$($doc),*] [] $name ($($params)*) -> $ret $body);
    };
    (@emit [$($doc:literal),*] [$($async:tt)?] $name:ident
        ($($(#[$mark:ident])? $arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[doc = $doc])*
        #[tauri::command]
        pub $($async)? fn $name($($arg: $ty),*) -> $ret $body

        #[doc = concat!("The table entry of the `", stringify!($name), "` command.")]
        pub mod $name {
            #[allow(unused_imports)]
            use super::*;

            pub fn spec(cfg: &::ts_rs::Config) -> $crate::ipc::CommandSpec {
                $crate::ipc::CommandSpec {
                    name: stringify!($name),
                    docs: &[$($doc),*],
                    args: [$($crate::ipc::command_arg!(cfg, [$($mark)?] $arg: $ty)),*]
                        .into_iter()
                        .flatten()
                        .collect(),
                    result: <$ret as $crate::ipc::IpcResult>::ts(cfg),
                }
            }
        }
    };
}

/// One parameter's table entry: `None` for a parameter Tauri provides.
macro_rules! command_arg {
    ($cfg:ident, [tauri] $arg:ident : $ty:ty) => {
        None::<$crate::ipc::ArgSpec>
    };
    ($cfg:ident, [] $arg:ident : $ty:ty) => {
        Some($crate::ipc::ArgSpec {
            name: $crate::ipc::camel_case(stringify!($arg)),
            ts: <$ty as $crate::ipc::IpcArg>::ts($cfg),
        })
    };
}

pub(crate) use {command, command_arg};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_renamed_as_tauri_renames_them() {
        assert_eq!(camel_case("include_archived"), "includeArchived");
        assert_eq!(camel_case("on_event"), "onEvent");
        assert_eq!(camel_case("id"), "id");
        assert_eq!(camel_case("from_id"), "fromId");
    }

    #[test]
    fn results_are_the_ok_side_and_channels_are_callbacks() {
        let cfg = Config::new();
        assert_eq!(<crate::error::CmdResult<()> as IpcResult>::ts(&cfg), "null");
        assert_eq!(
            <crate::error::CmdResult<Vec<String>> as IpcResult>::ts(&cfg),
            "Array<string>"
        );
        assert_eq!(
            <EventChannel<greenlight_domain::ai::AiRunEvent> as IpcArg>::ts(&cfg),
            "(event: AiRunEvent) => void"
        );
        assert_eq!(<Option<String> as IpcArg>::ts(&cfg), "string | null");
    }
}
