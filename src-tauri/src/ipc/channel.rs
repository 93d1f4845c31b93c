//! A Tauri channel as a command argument the command table can describe.

use tauri::ipc::{Channel, CommandArg, CommandItem, InvokeError, IpcResponse};
use tauri::Runtime;

/// Streams events of type `E` to the UI while a command runs. On the Rust side it is a Tauri
/// [`Channel`]; the UI passes a callback, which its service wraps in a `Channel`. A newtype
/// (rather than `Channel` itself) so the command table can name its TypeScript type.
pub struct EventChannel<E>(Channel<E>);

impl<E: IpcResponse> EventChannel<E> {
    /// Sends one event; fails when the window that asked is gone.
    pub fn send(&self, event: E) -> tauri::Result<()> {
        self.0.send(event)
    }
}

impl<'de, R: Runtime, E> CommandArg<'de, R> for EventChannel<E> {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        Channel::from_command(command).map(Self)
    }
}
