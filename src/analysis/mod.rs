//! Text analysis: tokens with byte offsets, folding, memoised stemming,
//! negation marking, and hashed word and character n-gram keys.
//!
//! The chain, in the manner of tantivy's analysis chain, one job per file:
//!
//! 1. `token.rs`: [`TokenStream`] walks the text once and yields [`Token`]s
//!    carrying their byte span in the *original* text and a normalised,
//!    lower-cased form in a reused buffer (`U.S.` and `US` folded to
//!    `u.s`). ASCII text takes a fast path.
//! 2. `fold.rs`: typographic apostrophes, quotes and dashes folded to ASCII
//!    ([`fold_char`]), applied by the stream as it scans.
//! 3. `stem.rs`: the Snowball English stemmer (rust-stemmers)
//!    behind a memo, because the stemmer is the slowest stage.
//! 4. `negation.rs`: optionally, tokens after `not`, `never`, `no`, `n't` ...
//!    up to the next punctuation are marked.
//! 5. `ngrams.rs`: word n-gram keys built from stem hashes (never from joined
//!    strings) and character n-gram keys in the style of scikit-learn's
//!    `char_wb` (n-grams inside each token padded with a space on both
//!    sides), sent to a [`TermSink`].
//!
//! [`Analyzer`] (`analyzer.rs`) runs the chain with the settings of an
//! [`AnalyzerConfig`] (`config.rs`).
//!
//! Keys are 64-bit hashes that depend only on the n-gram's text, with a fixed
//! function specified once in `keys.rs` ([`word_key_of_text`],
//! [`char_key_of_text`]), so a saved vocabulary of n-gram texts re-keys
//! identically on any machine. That function is part of the model format.

mod analyzer;
mod config;
mod fold;
mod keys;
mod negation;
mod ngrams;
mod stem;
mod token;

pub use analyzer::Analyzer;
pub use config::{AnalyzerConfig, HashtagMode, MentionMode};
pub use keys::{char_key_of_text, word_key_of_text};
pub use ngrams::{TermId, TermSink};
