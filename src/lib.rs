//! quotestance: quotations in English news, their speakers, and their stance.
#![warn(missing_docs)]

pub mod error;
pub mod extract;
pub mod speakers;

pub use error::{Error, Location, Result};
