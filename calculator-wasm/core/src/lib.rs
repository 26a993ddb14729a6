//! `shebao-calc`: the statement engine.
//!
//! Data flows one way: statement bytes → [`read`] → [`record::Person`] records →
//! [`analyse`] (with [`policy::Policy`]) → [`report::Report`]. The crate does no I/O and reads
//! no clock: the caller passes bytes, the policy figures and "today"; the native CLI and the
//! wasm layer are thin fronts over the same functions.

// Bad input is a located error, never a panic, and money is never a float: the library code
// (not its tests) may neither unwrap nor do float arithmetic.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::float_arithmetic))]

pub mod analyse;
pub mod decode;
pub mod error;
pub mod label;
pub mod money;
pub mod month;
pub mod options;
pub mod order;
pub mod policy;
pub mod read;
pub mod record;
pub mod report;
pub mod statement;
pub mod summary;

pub use analyse::{analyse, Options};
#[cfg(feature = "native")]
pub use decode::NativeDecoder;
pub use decode::TextDecode;
pub use error::{ErrorKind, StatementError};
pub use options::{OptionError, OptionText};
pub use policy::Policy;
pub use read::read;
pub use report::Report;
pub use statement::{Input, Statement};
pub use summary::summary_zh;

/// Read a statement and analyse it: the one call the CLI and the wasm layer make.
pub fn check(
    input: &Input<'_>,
    decoder: &dyn TextDecode,
    policy: &Policy,
    options: &Options,
) -> Result<Report, StatementError> {
    let statement = read(input, decoder)?;
    Ok(analyse(statement, policy, options))
}
