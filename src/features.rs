//! Feature vectors: a fitted vocabulary of word and character n-grams with
//! TF-IDF weights, plus speaker features, producing sparse rows.
//!
//! The layout of a row is fixed by the fitted [`Vectorizer`]: word n-grams
//! first, then character n-grams, then one feature per speaker id seen in
//! training, then one per [`Side`]. Each n-gram block is TF-IDF weighted
//! (smooth idf, optionally sublinear tf) and L2-normalised on its own, as
//! scikit-learn's `FeatureUnion` of two `TfidfVectorizer`s would be; speaker
//! features carry the configured weight.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::analysis::{
    char_key_of_text, word_key_of_text, Analyzer, AnalyzerConfig, TermId, TermSink,
};
use crate::data::Statement;
use crate::error::{Error, Result};
use crate::hashing::KeyMap;
use crate::speakers::{Side, SpeakerTable};

/// Every setting of feature extraction, saved with a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeatureConfig {
    /// Tokenisation, stemming, negation and token filters.
    pub analyzer: AnalyzerConfig,
    /// Word n-gram orders, inclusive (`None` disables). Default `(1, 3)`.
    pub word_ngrams: Option<(usize, usize)>,
    /// Character n-gram orders, inclusive (`None` disables). Default `(2, 5)`.
    pub char_ngrams: Option<(usize, usize)>,
    /// Keep a term only if at least this many training texts contain it.
    /// Default 2.
    pub min_df: usize,
    /// Drop a term if more than this fraction of training texts contain it.
    /// Default 1.0 (keep all).
    pub max_df: f64,
    /// Keep at most this many terms per n-gram block (words, characters), the
    /// most frequent over the training texts. Default `Some(50_000)`.
    pub max_features: Option<usize>,
    /// Use `1 + ln(tf)` instead of raw term counts. Default `true`.
    pub sublinear_tf: bool,
    /// Smooth idf: `ln((1 + n) / (1 + df)) + 1`; otherwise
    /// `ln(n / df) + 1`. Default `true`.
    pub smooth_idf: bool,
    /// Add speaker features (one-hot speaker id and side). Default `true`:
    /// on the real-quote protocol (`docs/stance.md`) they are the largest
    /// single gain; texts without a speaker get none.
    pub speaker_features: bool,
    /// Value of each active speaker feature. Default 0.5.
    pub speaker_weight: f64,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            analyzer: AnalyzerConfig::default(),
            word_ngrams: Some((1, 3)),
            char_ngrams: Some((2, 5)),
            min_df: 2,
            max_df: 1.0,
            max_features: Some(50_000),
            sublinear_tf: true,
            smooth_idf: true,
            speaker_features: true,
            speaker_weight: 0.5,
        }
    }
}

impl FeatureConfig {
    /// Checks the settings; the error names the offending one.
    pub fn check(&self) -> Result<()> {
        for (name, range) in [
            ("word_ngrams", self.word_ngrams),
            ("char_ngrams", self.char_ngrams),
        ] {
            if let Some((lo, hi)) = range {
                if lo == 0 || lo > hi || hi > 10 {
                    return Err(Error::InvalidParam {
                        name,
                        message: format!("({lo}, {hi}) is not a range 1 <= lo <= hi <= 10"),
                    });
                }
            }
        }
        if self.word_ngrams.is_none() && self.char_ngrams.is_none() {
            return Err(Error::InvalidParam {
                name: "word_ngrams",
                message: "word and character n-grams are both disabled".into(),
            });
        }
        if self.min_df == 0 {
            return Err(Error::InvalidParam {
                name: "min_df",
                message: "must be at least 1".into(),
            });
        }
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            return Err(Error::InvalidParam {
                name: "max_df",
                message: format!("{} is not in (0, 1]", self.max_df),
            });
        }
        if self.max_features == Some(0) {
            return Err(Error::InvalidParam {
                name: "max_features",
                message: "must be at least 1".into(),
            });
        }
        if !(self.speaker_weight.is_finite() && self.speaker_weight >= 0.0) {
            return Err(Error::InvalidParam {
                name: "speaker_weight",
                message: format!(
                    "{} is not a finite non-negative number",
                    self.speaker_weight
                ),
            });
        }
        Ok(())
    }
}

/// A sparse feature row: sorted, distinct indices and their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseRow {
    /// Feature indices, strictly increasing.
    pub indices: Vec<u32>,
    /// Values, one per index.
    pub values: Vec<f32>,
}

impl SparseRow {
    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Removes every entry, keeping the allocations.
    pub fn clear(&mut self) {
        self.indices.clear();
        self.values.clear();
    }

    /// `(index, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.indices
            .iter()
            .copied()
            .zip(self.values.iter().copied())
    }
}

/// The terms of one analysed text, as sorted `(key, count)` lists: the
/// model-independent result of analysis, reusable across vectorisers (cross-
/// validation fits one vocabulary per fold from the same analysed texts).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnalyzedText {
    /// Word n-gram keys and counts, sorted by key.
    pub words: Vec<(u64, u32)>,
    /// Character n-gram keys and counts, sorted by key.
    pub chars: Vec<(u64, u32)>,
    /// The speaker id, if any.
    pub speaker: Option<String>,
}

fn count_sorted(keys: &mut [u64], out: &mut Vec<(u64, u32)>) {
    keys.sort_unstable();
    out.clear();
    for &k in keys.iter() {
        match out.last_mut() {
            Some((last, c)) if *last == k => *c += 1,
            _ => out.push((k, 1)),
        }
    }
}

#[derive(Default)]
struct KeySink {
    words: Vec<u64>,
    chars: Vec<u64>,
    texts: Option<HashMap<u64, String>>,
}

impl TermSink for KeySink {
    fn word(&mut self, key: u64, text: &dyn Fn() -> String) {
        self.words.push(key);
        if let Some(t) = &mut self.texts {
            t.entry(key).or_insert_with(text);
        }
    }
    fn char(&mut self, key: u64, text: &str) {
        self.chars.push(key | CHAR_TAG);
        if let Some(t) = &mut self.texts {
            t.entry(key | CHAR_TAG).or_insert_with(|| text.to_owned());
        }
    }
    fn wants_text(&self) -> bool {
        self.texts.is_some()
    }
}

// Word and character keys live in separate maps; in the shared text map a
// character key is tagged in its top bit so the two never clash there.
const CHAR_TAG: u64 = 1 << 63;

/// Analyses texts into [`AnalyzedText`]s, remembering the text of every
/// n-gram key it has seen (needed to build a vocabulary).
pub struct CorpusAnalyzer {
    analyzer: Analyzer,
    word_ngrams: Option<(usize, usize)>,
    char_ngrams: Option<(usize, usize)>,
    sink: KeySink,
}

impl CorpusAnalyzer {
    /// An analyser for these feature settings.
    pub fn new(config: &FeatureConfig) -> Self {
        CorpusAnalyzer {
            analyzer: Analyzer::new(config.analyzer.clone()),
            word_ngrams: config.word_ngrams,
            char_ngrams: config.char_ngrams,
            sink: KeySink {
                texts: Some(HashMap::new()),
                ..KeySink::default()
            },
        }
    }

    /// Analyses one statement.
    pub fn analyze(&mut self, statement: &Statement) -> AnalyzedText {
        self.sink.words.clear();
        self.sink.chars.clear();
        self.analyzer.analyze(
            &statement.text,
            self.word_ngrams,
            self.char_ngrams,
            &mut self.sink,
        );
        let mut out = AnalyzedText {
            speaker: statement.speaker.clone(),
            ..AnalyzedText::default()
        };
        count_sorted(&mut self.sink.words, &mut out.words);
        count_sorted(&mut self.sink.chars, &mut out.chars);
        for (k, _) in out.chars.iter_mut() {
            *k &= !CHAR_TAG;
        }
        out
    }

    /// The text of a word key seen so far.
    pub fn word_text(&self, key: u64) -> Option<&str> {
        self.sink.texts.as_ref()?.get(&key).map(String::as_str)
    }

    /// The text of a character key seen so far.
    pub fn char_text(&self, key: u64) -> Option<&str> {
        self.sink
            .texts
            .as_ref()?
            .get(&(key | CHAR_TAG))
            .map(String::as_str)
    }
}

/// One n-gram block of a vocabulary.
#[derive(Debug, Clone, Default, PartialEq)]
struct Block {
    terms: Vec<String>,
    idf: Vec<f32>,
    index: KeyMap<u32>,
}

impl Block {
    fn fit(
        docs: &[&AnalyzedText],
        pick: impl Fn(&AnalyzedText) -> &[(u64, u32)],
        text_of: impl Fn(u64) -> String,
        config: &FeatureConfig,
    ) -> Block {
        let n = docs.len();
        let mut df: KeyMap<(u32, u64)> = KeyMap::default();
        for d in docs {
            for &(k, c) in pick(d) {
                let e = df.entry(k).or_default();
                e.0 += 1;
                e.1 += c as u64;
            }
        }
        let max_df = (config.max_df * n as f64).floor() as u32;
        let mut kept: Vec<(u64, u32, u64)> = df
            .into_iter()
            .filter(|&(_, (d, _))| d as usize >= config.min_df && d <= max_df.max(1))
            .map(|(k, (d, t))| (k, d, t))
            .collect();
        if let Some(cap) = config.max_features {
            if kept.len() > cap {
                // Most frequent first; ties broken by key for determinism.
                kept.sort_unstable_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
                kept.truncate(cap);
            }
        }
        let mut entries: Vec<(String, u32)> =
            kept.into_iter().map(|(k, d, _)| (text_of(k), d)).collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let idf = entries
            .iter()
            .map(|&(_, d)| idf_value(n, d as usize, config.smooth_idf) as f32)
            .collect();
        let terms: Vec<String> = entries.into_iter().map(|(t, _)| t).collect();
        Block {
            idf,
            terms,
            index: KeyMap::default(),
        }
    }

    fn reindex(&mut self, key_of: impl Fn(&str) -> u64) {
        self.index = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (key_of(t), i as u32))
            .collect();
    }

    fn len(&self) -> usize {
        self.terms.len()
    }
}

fn idf_value(n: usize, df: usize, smooth: bool) -> f64 {
    if smooth {
        ((1.0 + n as f64) / (1.0 + df as f64)).ln() + 1.0
    } else {
        (n as f64 / df as f64).ln() + 1.0
    }
}

/// A fitted vectoriser: vocabulary, idf weights and speaker features.
#[derive(Debug, Clone, PartialEq)]
pub struct Vectorizer {
    config: FeatureConfig,
    words: Block,
    chars: Block,
    speakers: Vec<String>,
    speaker_index: HashMap<String, u32>,
    sides: BTreeMap<String, Side>,
}

/// The saved form of a [`Vectorizer`] (inside a model file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VectorizerState {
    /// Feature settings.
    pub config: FeatureConfig,
    /// Word n-gram texts, in feature order.
    pub word_terms: Vec<String>,
    /// Their idf weights.
    pub word_idf: Vec<f32>,
    /// Character n-gram texts, in feature order.
    pub char_terms: Vec<String>,
    /// Their idf weights.
    pub char_idf: Vec<f32>,
    /// Speaker ids with a feature, in feature order.
    pub speakers: Vec<String>,
    /// Speaker id to side, from the speaker table used in training.
    pub sides: BTreeMap<String, Side>,
}

/// Scratch space for [`Vectorizer::transform_into`]: an analyser, buffers
/// and a memo of each term's character n-gram features, reused across texts.
/// One per thread.
///
/// The memo belongs to the vectoriser the featurizer was last used with; it
/// is cleared when the featurizer is used with another one, and when it
/// reaches [`TERM_MEMO_CAPACITY`] terms, so memory stays flat.
pub struct Featurizer {
    analyzer: Analyzer,
    word_hits: Vec<u32>,
    /// Each token's character n-gram hits, as a span of the memo's arena.
    char_spans: Vec<(u32, u32)>,
    counts: Counts,
    terms: TermMemo,
}

/// Term counts by feature index (all zero between uses), and room for the
/// list of indices in use (and a second list for sorting it).
#[derive(Default)]
struct Counts {
    counts: Vec<u32>,
    distinct: Vec<u32>,
    spare: Vec<u32>,
}

/// Sorts feature indices below `bound` ascending. Short lists go to the
/// standard sort; longer ones to a least-significant-digit radix sort, whose
/// loops have no data-dependent branches.
fn sort_indices(keys: &mut [u32], spare: &mut Vec<u32>, bound: usize) {
    if keys.len() <= 24 {
        keys.sort_unstable();
        return;
    }
    if spare.len() < keys.len() {
        spare.resize(keys.len(), 0);
    }
    let spare = &mut spare[..keys.len()];
    let bits = usize::BITS - bound.saturating_sub(1).leading_zeros();
    // Fixed digit widths let the compiler drop the bucket bounds checks.
    if bits <= 14 {
        radix_pass::<7>(keys, spare, 0);
        radix_pass::<7>(spare, keys, 7);
    } else if bits <= 16 {
        radix_pass::<8>(keys, spare, 0);
        radix_pass::<8>(spare, keys, 8);
    } else {
        for pass in 0..4 {
            if pass % 2 == 0 {
                radix_pass::<8>(keys, spare, 8 * pass);
            } else {
                radix_pass::<8>(spare, keys, 8 * pass);
            }
        }
    }
}

/// One stable counting-sort pass of `src` into `dst` by the `W`-bit digit
/// at `shift`.
#[inline]
fn radix_pass<const W: u32>(src: &[u32], dst: &mut [u32], shift: u32) {
    let mask = (1usize << W) - 1;
    let mut start = [0u32; 256];
    for &k in src {
        start[(k >> shift) as usize & mask] += 1;
    }
    let mut sum = 0;
    for s in start[..=mask].iter_mut() {
        let c = *s;
        *s = sum;
        sum += c;
    }
    for &k in src {
        let b = (k >> shift) as usize & mask;
        if let Some(d) = dst.get_mut(start[b] as usize) {
            *d = k;
        }
        start[b] += 1;
    }
}

impl Featurizer {
    /// Scratch space for `vectorizer`.
    pub fn new(vectorizer: &Vectorizer) -> Self {
        Featurizer {
            analyzer: Analyzer::new(vectorizer.config.analyzer.clone()),
            word_hits: Vec::new(),
            char_spans: Vec::new(),
            counts: Counts::default(),
            terms: TermMemo::default(),
        }
    }
}

/// Upper bound on the terms whose character n-gram features a
/// [`Featurizer`] remembers before it forgets them all.
pub const TERM_MEMO_CAPACITY: usize = 100_000;

/// Term frequency weights: `1 + ln(count)` (sublinear) or `count`, looked
/// up for small counts (computed once, by the same arithmetic, so the
/// values are bit for bit those computed on the spot).
struct TfTable {
    sublinear: bool,
    table: &'static [f32; TF_TABLE_LEN],
}

const TF_TABLE_LEN: usize = 64;

impl TfTable {
    #[inline]
    fn get(sublinear: bool) -> TfTable {
        static SUBLINEAR: std::sync::OnceLock<[f32; TF_TABLE_LEN]> = std::sync::OnceLock::new();
        static RAW: std::sync::OnceLock<[f32; TF_TABLE_LEN]> = std::sync::OnceLock::new();
        let table = if sublinear {
            SUBLINEAR.get_or_init(|| std::array::from_fn(|c| Self::compute(true, c as u32)))
        } else {
            RAW.get_or_init(|| std::array::from_fn(|c| Self::compute(false, c as u32)))
        };
        TfTable { sublinear, table }
    }

    fn compute(sublinear: bool, count: u32) -> f32 {
        if count == 1 {
            // 1 + ln 1 = 1 exactly.
            1.0
        } else if sublinear {
            1.0 + (count as f32).ln()
        } else {
            count as f32
        }
    }

    #[inline]
    fn tf(&self, count: u32) -> f32 {
        match self.table.get(count as usize) {
            Some(&w) => w,
            None => Self::compute(self.sublinear, count),
        }
    }
}

/// Each term's character n-gram feature indices (hits in the vocabulary,
/// with repeats), stored flat and indexed by the analyser's term ids.
#[derive(Default)]
struct TermMemo {
    /// Identifies the vectoriser whose indices these are.
    owner: (usize, usize, usize),
    /// The analyser memo generation the term ids belong to.
    generation: u32,
    /// `(start, len)` in `arena` by term index; `NOT_SEEN` when unknown.
    spans: Vec<(u32, u32)>,
    /// The word unigram feature of each term index: `NOT_LOOKED_UP`, `MISS`
    /// or the feature index.
    unigrams: Vec<u32>,
    /// Terms remembered.
    terms: usize,
    arena: Vec<u32>,
}

const NOT_SEEN: (u32, u32) = (u32::MAX, 0);
const NOT_LOOKED_UP: u32 = u32::MAX;
const MISS: u32 = u32::MAX - 1;

impl TermMemo {
    fn forget(&mut self) {
        self.spans.clear();
        self.unigrams.clear();
        self.arena.clear();
        self.terms = 0;
    }
}

/// The sink of [`Vectorizer::transform_into`]: looks n-gram keys up as they
/// come and keeps only the hits' feature indices, remembering each new
/// term's character n-gram hits.
struct HitSink<'a> {
    words: &'a Block,
    chars: &'a Block,
    word_hits: &'a mut Vec<u32>,
    char_spans: &'a mut Vec<(u32, u32)>,
    /// The character n-gram hits in all (the spans' total length).
    n_char_hits: usize,
    memo: &'a mut TermMemo,
    /// A term being recorded: its index and where its hits start in the
    /// arena (they are written there directly).
    pending: Option<(u32, u32)>,
}

impl HitSink<'_> {
    /// Stores the hits of the term being recorded.
    fn finish_term(&mut self) {
        if let Some((index, from)) = self.pending.take() {
            let len = self.memo.arena.len() as u32 - from;
            let i = index as usize;
            if self.memo.spans.len() <= i {
                self.memo.spans.resize(i + 1, NOT_SEEN);
            }
            self.memo.spans[i] = (from, len);
            self.memo.terms += 1;
            self.char_spans.push((from, len));
            self.n_char_hits += len as usize;
        }
    }
}

impl TermSink for HitSink<'_> {
    fn word(&mut self, key: u64, _text: &dyn Fn() -> String) {
        if let Some(&i) = self.words.index.get(&key) {
            self.word_hits.push(i);
        }
    }

    fn unigram(&mut self, key: u64, id: TermId) {
        if self.memo.generation != id.generation {
            self.memo.forget();
            self.memo.generation = id.generation;
        }
        let i = id.index as usize;
        if self.memo.unigrams.len() <= i {
            self.memo.unigrams.resize(i + 1, NOT_LOOKED_UP);
        }
        let mut feature = self.memo.unigrams[i];
        if feature == NOT_LOOKED_UP {
            feature = self.words.index.get(&key).copied().unwrap_or(MISS);
            self.memo.unigrams[i] = feature;
        }
        if feature != MISS {
            self.word_hits.push(feature);
        }
    }

    fn char(&mut self, key: u64, _text: &str) {
        if let Some(&i) = self.chars.index.get(&key) {
            self.memo.arena.push(i);
        }
    }

    fn known_chars(&mut self, _term: &str, id: TermId) -> bool {
        self.finish_term();
        if self.memo.generation != id.generation {
            self.memo.forget();
            self.memo.generation = id.generation;
        }
        if let Some(&span) = self.memo.spans.get(id.index as usize) {
            if span != NOT_SEEN {
                self.char_spans.push(span);
                self.n_char_hits += span.1 as usize;
                return true;
            }
        }
        self.pending = Some((id.index, self.memo.arena.len() as u32));
        false
    }
}

impl Vectorizer {
    /// Fits a vocabulary on analysed texts. `table` gives speaker sides.
    pub fn fit(
        config: &FeatureConfig,
        docs: &[&AnalyzedText],
        corpus: &CorpusAnalyzer,
        table: &SpeakerTable,
    ) -> Result<Vectorizer> {
        config.check()?;
        if docs.is_empty() {
            return Err(Error::InvalidParam {
                name: "data",
                message: "no texts to fit a vocabulary on".into(),
            });
        }
        let mut words = Block::fit(
            docs,
            |d| &d.words,
            |k| corpus.word_text(k).unwrap_or_default().to_owned(),
            config,
        );
        words.reindex(word_key_of_text);
        let mut chars = Block::fit(
            docs,
            |d| &d.chars,
            |k| corpus.char_text(k).unwrap_or_default().to_owned(),
            config,
        );
        chars.reindex(char_key_of_text);
        let mut speakers: Vec<String> = if config.speaker_features {
            docs.iter().filter_map(|d| d.speaker.clone()).collect()
        } else {
            Vec::new()
        };
        speakers.sort();
        speakers.dedup();
        let sides = table.iter().map(|s| (s.id.clone(), s.side)).collect();
        let speaker_index = index_of(&speakers);
        Ok(Vectorizer {
            config: config.clone(),
            words,
            chars,
            speakers,
            speaker_index,
            sides,
        })
    }

    /// Fits on statements directly (analysing them first).
    pub fn fit_statements(
        config: &FeatureConfig,
        statements: &[Statement],
        table: &SpeakerTable,
    ) -> Result<Vectorizer> {
        let mut corpus = CorpusAnalyzer::new(config);
        let analysed: Vec<AnalyzedText> = statements.iter().map(|s| corpus.analyze(s)).collect();
        let refs: Vec<&AnalyzedText> = analysed.iter().collect();
        Vectorizer::fit(config, &refs, &corpus, table)
    }

    /// The settings.
    pub fn config(&self) -> &FeatureConfig {
        &self.config
    }

    /// Total number of features.
    pub fn n_features(&self) -> usize {
        self.words.len() + self.chars.len() + self.speakers.len() + self.side_count()
    }

    /// Number of word n-gram features.
    pub fn n_word_features(&self) -> usize {
        self.words.len()
    }

    /// Number of character n-gram features.
    pub fn n_char_features(&self) -> usize {
        self.chars.len()
    }

    fn side_count(&self) -> usize {
        if self.config.speaker_features {
            Side::ALL.len()
        } else {
            0
        }
    }

    /// Indices of the speaker and side features (always kept by feature
    /// selection).
    pub fn speaker_feature_range(&self) -> std::ops::Range<usize> {
        let start = self.words.len() + self.chars.len();
        start..self.n_features()
    }

    /// A human-readable name for feature `index`: `w:strateg partnership`,
    /// `c:" kyi"`, `speaker:wang_yi`, `side:china`.
    pub fn feature_name(&self, index: usize) -> String {
        let w = self.words.len();
        let c = self.chars.len();
        let s = self.speakers.len();
        if index < w {
            format!("w:{}", self.words.terms[index])
        } else if index < w + c {
            format!("c:{:?}", self.chars.terms[index - w])
        } else if index < w + c + s {
            format!("speaker:{}", self.speakers[index - w - c])
        } else if index < self.n_features() {
            format!("side:{}", Side::ALL[index - w - c - s].as_str())
        } else {
            format!("#{index}")
        }
    }

    /// The side of a speaker id (from the table saved with the vectoriser).
    pub fn side_of(&self, speaker: &str) -> Side {
        self.sides.get(speaker).copied().unwrap_or(Side::Other)
    }

    /// The row of an analysed text.
    pub fn transform_analyzed(&self, doc: &AnalyzedText) -> SparseRow {
        let mut row = SparseRow::default();
        let mut pairs = Vec::new();
        self.block_into(
            &self.words,
            0,
            doc.words.iter().copied(),
            &mut pairs,
            &mut row,
        );
        self.block_into(
            &self.chars,
            self.words.len(),
            doc.chars.iter().copied(),
            &mut pairs,
            &mut row,
        );
        self.speaker_into(doc.speaker.as_deref(), &mut row);
        row
    }

    /// The row of a statement, reusing `scratch` (no per-token allocation).
    pub fn transform_into(
        &self,
        statement: &Statement,
        scratch: &mut Featurizer,
        row: &mut SparseRow,
    ) {
        row.clear();
        // Keys are looked up as they come (misses are dropped at once), and
        // a term seen before gets its character n-gram hits from the memo.
        let owner = (
            self as *const Vectorizer as usize,
            self.chars.idf.as_ptr() as usize,
            self.chars.len(),
        );
        if scratch.terms.owner != owner {
            scratch.terms = TermMemo {
                owner,
                ..TermMemo::default()
            };
        }
        // The memo is only forgotten between texts: the spans of a text
        // point into its arena.
        let memo = &mut scratch.terms;
        if memo.terms >= TERM_MEMO_CAPACITY || memo.arena.len() >= u32::MAX as usize / 2 {
            memo.forget();
        }
        scratch.word_hits.clear();
        scratch.char_spans.clear();
        let mut sink = HitSink {
            words: &self.words,
            chars: &self.chars,
            word_hits: &mut scratch.word_hits,
            char_spans: &mut scratch.char_spans,
            n_char_hits: 0,
            memo,
            pending: None,
        };
        scratch.analyzer.analyze(
            &statement.text,
            self.config.word_ngrams,
            self.config.char_ngrams,
            &mut sink,
        );
        sink.finish_term();
        let n_char_hits = sink.n_char_hits;
        self.hits_into(
            &self.words,
            0,
            scratch.word_hits.len(),
            scratch.word_hits.iter().copied(),
            &mut scratch.counts,
            row,
        );
        let arena = &scratch.terms.arena;
        let char_hits = scratch
            .char_spans
            .iter()
            .flat_map(|&(from, len)| arena[from as usize..(from + len) as usize].iter().copied());
        self.hits_into(
            &self.chars,
            self.words.len(),
            n_char_hits,
            char_hits,
            &mut scratch.counts,
            row,
        );
        self.speaker_into(statement.speaker.as_deref(), row);
    }

    /// The row of a statement (allocating scratch space; for one-off calls).
    pub fn transform(&self, statement: &Statement) -> SparseRow {
        let mut scratch = Featurizer::new(self);
        let mut row = SparseRow::default();
        self.transform_into(statement, &mut scratch, &mut row);
        row
    }

    #[inline]
    fn tf(&self, count: u32) -> f32 {
        TfTable::get(self.config.sublinear_tf).tf(count)
    }

    fn block_into(
        &self,
        block: &Block,
        offset: usize,
        counts: impl Iterator<Item = (u64, u32)>,
        pairs: &mut Vec<(u32, f32)>,
        row: &mut SparseRow,
    ) {
        pairs.clear();
        for (key, count) in counts {
            if let Some(&i) = block.index.get(&key) {
                pairs.push((i, self.tf(count) * block.idf[i as usize]));
            }
        }
        pairs.sort_unstable_by_key(|p| p.0);
        Self::normalized_into(offset, pairs, row);
    }

    /// As [`Vectorizer::block_into`] from the feature indices of every
    /// n-gram found in the vocabulary (unsorted, with repeats; `n_hits` of
    /// them): the same values in the same order.
    #[allow(clippy::too_many_arguments)]
    fn hits_into(
        &self,
        block: &Block,
        offset: usize,
        n_hits: usize,
        hits: impl Iterator<Item = u32>,
        counts: &mut Counts,
        row: &mut SparseRow,
    ) {
        // Count by index in a dense array, listing each index the first time
        // it is counted, then sort the list. The loops (and the sort) are
        // written without data-dependent branches: on real text which hits
        // repeat is unpredictable, and mispredicted branches, more than
        // instructions, were this function's cost.
        let len = block.len();
        let Counts {
            counts,
            distinct,
            spare,
        } = counts;
        if counts.len() < len {
            counts.resize(len, 0);
        }
        if distinct.len() < n_hits {
            distinct.resize(n_hits, 0);
        }
        let counts = &mut counts[..len];
        let mut n = 0;
        for i in hits {
            if let Some(c) = counts.get_mut(i as usize) {
                // Written to the next free slot every time; kept (by moving
                // past it) only on the index's first hit. `n` never passes
                // the hits seen (at most `n_hits`), so the slot exists.
                if let Some(slot) = distinct.get_mut(n) {
                    *slot = i;
                }
                n += usize::from(*c == 0);
                *c += 1;
            }
        }
        let distinct = &mut distinct[..n];
        sort_indices(distinct, spare, len);
        // A first pass in index order turns each count into its TF-IDF value
        // (stored in the count's own slot, as bits) and sums the squares, in
        // index order as `block_into`'s sum runs; a second pass passes the
        // normalised values on and clears the slots.
        let idf = &block.idf[..len];
        let tf = TfTable::get(self.config.sublinear_tf);
        let mut norm2 = 0.0f32;
        for &i in distinct.iter() {
            let slot = &mut counts[i as usize];
            let v = tf.tf(*slot) * idf[i as usize];
            norm2 += v * v;
            *slot = v.to_bits();
        }
        let norm = norm2.sqrt();
        let offset = offset as u32;
        if norm > 0.0 {
            row.indices.extend(distinct.iter().map(|&i| offset + i));
            row.values.extend(
                distinct
                    .iter()
                    .map(|&i| f32::from_bits(std::mem::take(&mut counts[i as usize])) / norm),
            );
        } else {
            for &i in distinct.iter() {
                counts[i as usize] = 0;
            }
        }
    }

    /// Appends index-sorted `pairs` to `row`, L2-normalised as a block.
    fn normalized_into(offset: usize, pairs: &[(u32, f32)], row: &mut SparseRow) {
        let norm = pairs.iter().map(|p| p.1 * p.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            let offset = offset as u32;
            row.indices.extend(pairs.iter().map(|&(i, _)| offset + i));
            row.values.extend(pairs.iter().map(|&(_, v)| v / norm));
        }
    }

    fn speaker_into(&self, speaker: Option<&str>, row: &mut SparseRow) {
        if !self.config.speaker_features {
            return;
        }
        let base = self.words.len() + self.chars.len();
        let weight = self.config.speaker_weight as f32;
        if weight == 0.0 {
            return;
        }
        if let Some(id) = speaker {
            if let Some(&i) = self.speaker_index.get(id) {
                row.indices.push((base + i as usize) as u32);
                row.values.push(weight);
            }
        }
        let side = speaker.map_or(Side::Other, |s| self.side_of(s));
        let side_idx = Side::ALL.iter().position(|&s| s == side).unwrap_or(3);
        row.indices
            .push((base + self.speakers.len() + side_idx) as u32);
        row.values.push(weight);
    }

    /// The saved form.
    pub fn to_state(&self) -> VectorizerState {
        VectorizerState {
            config: self.config.clone(),
            word_terms: self.words.terms.clone(),
            word_idf: self.words.idf.clone(),
            char_terms: self.chars.terms.clone(),
            char_idf: self.chars.idf.clone(),
            speakers: self.speakers.clone(),
            sides: self.sides.clone(),
        }
    }

    /// Rebuilds a vectoriser from its saved form, checking consistency.
    pub fn from_state(state: VectorizerState) -> std::result::Result<Vectorizer, String> {
        state.config.check().map_err(|e| e.to_string())?;
        if state.word_terms.len() != state.word_idf.len()
            || state.char_terms.len() != state.char_idf.len()
        {
            return Err("vocabulary and idf lengths differ".into());
        }
        let mut words = Block {
            terms: state.word_terms,
            idf: state.word_idf,
            index: KeyMap::default(),
        };
        words.reindex(word_key_of_text);
        let mut chars = Block {
            terms: state.char_terms,
            idf: state.char_idf,
            index: KeyMap::default(),
        };
        chars.reindex(char_key_of_text);
        if words.index.len() != words.len() || chars.index.len() != chars.len() {
            return Err("duplicate terms in the vocabulary".into());
        }
        let speaker_index = index_of(&state.speakers);
        if speaker_index.len() != state.speakers.len() {
            return Err("duplicate speaker ids".into());
        }
        Ok(Vectorizer {
            config: state.config,
            words,
            chars,
            speakers: state.speakers,
            speaker_index,
            sides: state.sides,
        })
    }
}

fn index_of(items: &[String]) -> HashMap<String, u32> {
    items
        .iter()
        .enumerate()
        .map(|(i, s)| (s.clone(), i as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(text: &str, speaker: Option<&str>) -> Statement {
        Statement {
            id: None,
            text: text.into(),
            speaker: speaker.map(str::to_owned),
        }
    }

    fn words_only() -> FeatureConfig {
        FeatureConfig {
            word_ngrams: Some((1, 1)),
            char_ngrams: None,
            min_df: 1,
            sublinear_tf: false,
            speaker_features: false,
            ..FeatureConfig::default()
        }
    }

    #[test]
    fn tfidf_matches_hand_computed_values() {
        // 3 docs; "china" in all 3, "russia" in 2, "talks" in 1.
        let docs = [
            st("china russia", None),
            st("china russia talks talks", None),
            st("china", None),
        ];
        let v = Vectorizer::fit_statements(&words_only(), &docs, &SpeakerTable::new()).unwrap();
        assert_eq!(v.n_features(), 3);
        let row = v.transform(&docs[1]);
        let idf = |df: f64| ((1.0 + 3.0) / (1.0 + df)).ln() + 1.0;
        // Terms are sorted: china, russia, talk.
        let raw = [idf(3.0), idf(2.0), 2.0 * idf(1.0)];
        let norm = raw.iter().map(|x| x * x).sum::<f64>().sqrt();
        assert_eq!(row.indices, vec![0, 1, 2]);
        for (got, want) in row.values.iter().zip(raw.iter()) {
            assert!(
                (*got as f64 - want / norm).abs() < 1e-6,
                "{got} vs {}",
                want / norm
            );
        }
        assert_eq!(v.feature_name(2), "w:talk");
    }

    #[test]
    fn min_df_max_df_and_max_features_prune_the_vocabulary() {
        let docs = [st("a b c", None), st("a b", None), st("a", None)];
        let mut cfg = words_only();
        cfg.min_df = 2;
        let v = Vectorizer::fit_statements(&cfg, &docs, &SpeakerTable::new()).unwrap();
        assert_eq!(v.n_features(), 2); // a, b
        cfg.max_df = 0.9;
        let v = Vectorizer::fit_statements(&cfg, &docs, &SpeakerTable::new()).unwrap();
        assert_eq!(v.n_features(), 1); // b only: a is in 100%
        cfg.min_df = 1;
        cfg.max_df = 1.0;
        cfg.max_features = Some(1);
        let v = Vectorizer::fit_statements(&cfg, &docs, &SpeakerTable::new()).unwrap();
        assert_eq!(v.feature_name(0), "w:a");
    }

    #[test]
    fn speaker_features_use_id_and_side() {
        let mut cfg = words_only();
        cfg.speaker_features = true;
        cfg.speaker_weight = 0.5;
        let docs = [st("x", Some("wang_yi")), st("x", Some("lavrov"))];
        let v = Vectorizer::fit_statements(&cfg, &docs, &SpeakerTable::builtin()).unwrap();
        // 1 word + 2 speakers + 4 sides.
        assert_eq!(v.n_features(), 7);
        let row = v.transform(&st("x", Some("wang_yi")));
        let names: Vec<_> = row
            .indices
            .iter()
            .map(|&i| v.feature_name(i as usize))
            .collect();
        assert_eq!(names, vec!["w:x", "speaker:wang_yi", "side:china"]);
        assert_eq!(row.values[1], 0.5);
        // An unseen speaker still gets its side from the table.
        let row = v.transform(&st("x", Some("shoigu")));
        let names: Vec<_> = row
            .indices
            .iter()
            .map(|&i| v.feature_name(i as usize))
            .collect();
        assert_eq!(names, vec!["w:x", "side:russia"]);
    }

    #[test]
    fn state_round_trip_rebuilds_identical_rows() {
        let docs = [
            st(
                "The partnership is not aimed at any third party.",
                Some("wang_yi"),
            ),
            st("Washington's hegemony is the root cause.", Some("lavrov")),
        ];
        let cfg = FeatureConfig {
            min_df: 1,
            ..FeatureConfig::default()
        };
        let v = Vectorizer::fit_statements(&cfg, &docs, &SpeakerTable::builtin()).unwrap();
        let json = serde_json::to_string(&v.to_state()).unwrap();
        let back = Vectorizer::from_state(serde_json::from_str(&json).unwrap()).unwrap();
        for d in &docs {
            assert_eq!(v.transform(d), back.transform(d));
        }
        // And the analysed path agrees with the streaming path.
        let mut corpus = CorpusAnalyzer::new(&cfg);
        let a = corpus.analyze(&docs[0]);
        assert_eq!(v.transform_analyzed(&a), v.transform(&docs[0]));
    }

    #[test]
    fn char_ngrams_whose_key_had_the_top_bit_set_are_active() {
        // Vocabulary building strips the top bit of character keys (it tags
        // them in a shared map); a key with that bit set used to be in the
        // vocabulary but never found in a row.
        let cfg = FeatureConfig {
            word_ngrams: None,
            char_ngrams: Some((2, 3)),
            min_df: 1,
            speaker_features: false,
            ..FeatureConfig::default()
        };
        let doc = st("partnership sanctions hegemony", None);
        let v = Vectorizer::fit_statements(&cfg, std::slice::from_ref(&doc), &SpeakerTable::new())
            .unwrap();
        let mut corpus = CorpusAnalyzer::new(&cfg);
        let analysed = corpus.analyze(&doc);
        assert_eq!(v.transform_analyzed(&analysed).nnz(), v.n_features());
        assert_eq!(v.transform(&doc).nnz(), v.n_features());
    }

    #[test]
    fn the_streaming_path_counts_repeats_as_the_analysed_path_does() {
        let docs = [
            st(
                "no no no, we say no to sanctions and no to sanctions",
                Some("lavrov"),
            ),
            st("sanctions sanctions everywhere; we say yes", None),
        ];
        for sublinear_tf in [true, false] {
            let cfg = FeatureConfig {
                min_df: 1,
                sublinear_tf,
                ..FeatureConfig::default()
            };
            let v = Vectorizer::fit_statements(&cfg, &docs, &SpeakerTable::builtin()).unwrap();
            let mut corpus = CorpusAnalyzer::new(&cfg);
            for d in &docs {
                let a = corpus.analyze(d);
                assert_eq!(v.transform_analyzed(&a), v.transform(d));
            }
        }
    }

    #[test]
    fn radix_sort_of_indices_matches_the_standard_sort() {
        // A fixed pseudo-random sequence (SplitMix64), with repeats.
        let mut state = 7u64;
        let mut next = move || {
            state = state.wrapping_add(1);
            crate::analysis::mix64(state)
        };
        let mut spare = Vec::new();
        // Bounds giving 1, 2, 3 and 4 passes; lengths on both sides of the
        // cut-over to the standard sort.
        for bound in [2usize, 200, 6_767, 13_822, 65_536, 70_000, 1 << 31] {
            for len in [0usize, 1, 24, 25, 100, 1_000] {
                let keys: Vec<u32> = (0..len).map(|_| (next() % bound as u64) as u32).collect();
                let mut want = keys.clone();
                want.sort_unstable();
                let mut got = keys.clone();
                sort_indices(&mut got, &mut spare, bound);
                assert_eq!(got, want, "bound {bound}, len {len}");
            }
        }
    }

    #[test]
    fn a_reused_featurizer_stays_exact_across_memo_resets() {
        // 150 distinct words in texts of 12, with repeats within and across
        // texts: the analyser's memo (64 terms in unit tests) is cleared
        // many times, and the character n-gram and unigram memos must
        // follow it.
        let words: Vec<String> = (0..150)
            .map(|i| format!("w{}x{}", i * 7 % 150, "ab".repeat(i % 4)))
            .collect();
        let docs: Vec<Statement> = (0..60)
            .map(|t| {
                let text: Vec<&str> = (0..12)
                    .map(|k| words[(t * 13 + k * k * 5) % 150].as_str())
                    .chain(["not", "sanctions", "US", "no"])
                    .collect();
                st(&text.join(" "), None)
            })
            .collect();
        for negation in [false, true] {
            let mut cfg = FeatureConfig {
                min_df: 1,
                ..FeatureConfig::default()
            };
            cfg.analyzer.negation = negation;
            let v =
                Vectorizer::fit_statements(&cfg, &docs[..30], &SpeakerTable::builtin()).unwrap();
            let mut corpus = CorpusAnalyzer::new(&cfg);
            let mut scratch = Featurizer::new(&v);
            let mut row = SparseRow::default();
            for round in 0..2 {
                for d in &docs {
                    v.transform_into(d, &mut scratch, &mut row);
                    let want = v.transform_analyzed(&corpus.analyze(d));
                    assert_eq!(row, want, "round {round}, negation {negation}: {}", d.text);
                }
            }
        }
    }
}
