//! `shebao-calc`: the statement engine.
//!
//! Data flows one way: statement bytes → [`read`] → [`record::Person`] records →
//! [`analyse`] (with [`policy::Policy`]) → [`report::Report`]. The crate does no I/O and reads
//! no clock: the caller passes bytes, the policy figures and "today"; the native CLI and the
//! wasm layer are thin fronts over the same functions.

pub mod month;
pub mod money;
pub mod policy;
pub mod record;
pub mod decode;
pub mod error;
pub mod read;
pub mod statement;

pub use decode::TextDecode;
#[cfg(feature = "native")]
pub use decode::NativeDecoder;
pub use error::{ErrorKind, StatementError};
pub use read::read;
pub use statement::{Input, Statement};
