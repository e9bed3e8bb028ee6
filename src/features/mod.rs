//! Feature vectors: a fitted vocabulary of word and character n-grams with
//! TF-IDF weights, plus speaker features, producing sparse rows.
//!
//! The layout of a row is fixed by the fitted [`Vectorizer`]: word n-grams
//! first, then character n-grams, then one feature per speaker id seen in
//! training, then one per [`Side`]. Each n-gram block is TF-IDF weighted
//! (smooth idf, optionally sublinear tf) and L2-normalised on its own, as
//! scikit-learn's `FeatureUnion` of two `TfidfVectorizer`s would be; speaker
//! features carry the configured weight.
//!
//! One job per file: `config.rs` (every setting and its defaults),
//! `corpus.rs` (analysed texts, for training), `vocabulary.rs` (the n-gram
//! blocks), `tfidf.rs` (the weighting both transform paths end in),
//! `vectorizer.rs` (the fitted vectoriser and its saved form),
//! `featurizer.rs` (the prediction path, with its term memo), `radix.rs`
//! (the sort of a text's hits) and `sparse.rs` (rows).
//!
//! Two paths make a row, and give the same row for the same text (tests
//! check it): [`Vectorizer::transform_analyzed`] from an [`AnalyzedText`]
//! (training analyses each text once and builds one vocabulary per fold)
//! and [`Vectorizer::transform_into`], which analyses and looks keys up as
//! it goes (prediction). They differ only in where a block's `(index,
//! count)` pairs come from; the TF-IDF weighting and normalisation is one
//! function.

mod config;
mod corpus;
mod featurizer;
mod radix;
mod sparse;
mod tfidf;
mod vectorizer;
mod vocabulary;

pub use config::FeatureConfig;
pub use corpus::{AnalyzedText, CorpusAnalyzer};
pub use featurizer::Featurizer;
pub use sparse::SparseRow;
pub use vectorizer::{Vectorizer, VectorizerState};
