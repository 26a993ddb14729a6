//! From content/ files to validated pages: reading ([`load`]), splitting front matter,
//! unknown-key detection, serde shapes, and validation into the [`crate::model`].

pub mod front_matter;
mod guide;
pub mod keys;
pub mod load;
mod locate;
pub mod raw;
pub mod validate;
