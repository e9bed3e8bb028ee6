#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod analysis;
pub mod batch;
pub mod data;
mod date;
pub mod dateline;
pub mod error;
pub mod eval;
pub mod extract;
pub mod features;
mod hashing;
pub mod model;
pub mod newscv;
mod par;
pub mod report;
pub mod speakers;
mod splitmix;
pub mod suggest;
pub mod summary;

pub use data::{Label, LabelledQuote, Statement};
pub use error::{Error, Location, Result};
pub use model::{StanceModel, StanceParams};
