//! Find the quotations in English news, say who said each one, and classify
//! its stance (`favor` / `against` / `none`) toward given targets.
//!
//! The crate has two halves that never reach into each other:
//!
//! - [`Extractor`] finds direct, partial, indirect and scare quotes in an
//!   article, with byte spans, and attributes each to a speaker of a
//!   [`SpeakerTable`] (names, aliases, pronouns, role nouns by period of
//!   office). No model is involved.
//! - [`StanceModel`] holds one logistic regression per target (`us`,
//!   `ukraine`, `partnership` in the shipped model), fitted by
//!   [`StanceParams`] on [`LabelledQuote`]s and applied to [`Statement`]s,
//!   with probabilities and the features behind each label.
//!
//! Every fallible function returns [`Result`]; an [`Error`] on bad input says
//! where (file, line, field or byte).
//!
//! # Example: extract, then classify
//!
//! ```
//! use quotestance::{Extractor, SpeakerTable, StanceModel, Statement};
//!
//! # fn main() -> quotestance::Result<()> {
//! let article = "Foreign Minister Wang Yi said on Monday that the two countries \
//!                would keep working together. \"Our ties are not aimed at anyone,\" \
//!                Wang told reporters.";
//! let quotes = Extractor::new(SpeakerTable::builtin()).extract(article);
//! assert!(quotes.iter().all(|q| q.speaker.as_deref() == Some("wang_yi")));
//!
//! let model = StanceModel::load("models/stance.json")?;
//! let statements: Vec<Statement> = quotes
//!     .iter()
//!     .map(|q| Statement::new(q.text.clone()).with_speaker(q.speaker.clone().unwrap_or_default()))
//!     .collect();
//! for (quote, prediction) in quotes.iter().zip(model.predict_batch(&statements)) {
//!     let p = &prediction["partnership"];
//!     println!("{:?} {}: {} (p = {:.2})", quote.kind, quote.text, p.label, p.probabilities.get(p.label));
//! }
//! # Ok(()) }
//! ```
//!
//! To train your own model, read labelled quotes with
//! [`advanced::data::read_labelled`] and call
//! `StanceParams::new().fit(&quotes)?` (the README's library example).
//!
//! # Guides
//!
//! In the repository's `docs/` folder:
//! `docs/attribution.md`
//! (the sieves and their figures on real news),
//! `docs/stance.md` (features, training, calibration), `docs/labelling.md`
//! (the data format and labelling guidelines), `docs/cli.md` (the command-line
//! tool), `docs/python.md` and `docs/spark.md` (bindings), `docs/report.md`
//! (the analyst report), `docs/benchmarks.md` (how well, how fast, with the
//! commands that measured it) and `docs/fuzzing.md`.
//!
//! # Beyond the root
//!
//! The root re-exports what most programs call. [`advanced`] holds the rest
//! of the public machinery (data files, evaluation, summaries, reports,
//! suggestions, the model's reports) that the command-line tool, the Python
//! bindings, the benchmarks and the examples use. [`batch`] runs a model over
//! a stream of JSONL or text lines on all cores.
#![warn(missing_docs)]

pub mod advanced;
mod analysis;
pub mod batch;
mod data;
mod date;
mod dateline;
mod error;
mod eval;
mod extract;
mod features;
mod hashing;
mod model;
mod newscv;
mod par;
mod report;
mod speakers;
mod splitmix;
mod suggest;
mod summary;

pub use data::{Label, LabelledQuote, Statement};
pub use error::{Error, Location, Result};
pub use extract::{Extractor, Quote, QuoteKind};
pub use model::{StanceModel, StanceParams};
pub use speakers::SpeakerTable;

/// The README's examples, compiled and run by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
