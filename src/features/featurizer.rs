//! The prediction path's featurizer: analyses a statement and looks its
//! n-gram keys up as they come, remembering each term's character n-gram
//! hits, so a term seen before costs one memo lookup.

use super::radix::sort_indices;
use super::sparse::SparseRow;
use super::tfidf::{append_block, TfTable};
use super::vocabulary::Block;
use super::Vectorizer;
use crate::analysis::{Analyzer, TermId, TermSink};
use crate::data::Statement;

/// Scratch space for [`Vectorizer::transform_into`](super::Vectorizer::transform_into): an analyser, buffers
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

    /// The row of `statement` under `v`, into `row`.
    pub(super) fn featurize(&mut self, v: &Vectorizer, statement: &Statement, row: &mut SparseRow) {
        let scratch = self;
        row.clear();
        // Keys are looked up as they come (misses are dropped at once), and
        // a term seen before gets its character n-gram hits from the memo.
        let owner = (
            v as *const Vectorizer as usize,
            v.chars.idf.as_ptr() as usize,
            v.chars.len(),
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
            words: &v.words,
            chars: &v.chars,
            word_hits: &mut scratch.word_hits,
            char_spans: &mut scratch.char_spans,
            n_char_hits: 0,
            memo,
            pending: None,
        };
        scratch.analyzer.analyze(
            &statement.text,
            v.config.word_ngrams,
            v.config.char_ngrams,
            &mut sink,
        );
        sink.finish_term();
        let n_char_hits = sink.n_char_hits;
        count_hits_into(
            &v.words,
            0,
            scratch.word_hits.len(),
            scratch.word_hits.iter().copied(),
            &mut scratch.counts,
            v.config.sublinear_tf,
            row,
        );
        let arena = &scratch.terms.arena;
        let char_hits = scratch
            .char_spans
            .iter()
            .flat_map(|&(from, len)| arena[from as usize..(from + len) as usize].iter().copied());
        count_hits_into(
            &v.chars,
            v.words.len(),
            n_char_hits,
            char_hits,
            &mut scratch.counts,
            v.config.sublinear_tf,
            row,
        );
        v.speaker_into(statement.speaker.as_deref(), row);
    }
}

/// Upper bound on the terms whose character n-gram features a
/// [`Featurizer`] remembers before it forgets them all.
pub const TERM_MEMO_CAPACITY: usize = 100_000;

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

/// Appends a block's TF-IDF values to `row` from the feature indices of
/// every n-gram of a text found in the vocabulary (unsorted, with repeats;
/// `n_hits` of them): counted here, then weighted by
/// [`append_block`], as the analysed path's counts are.
fn count_hits_into(
    block: &Block,
    offset: usize,
    n_hits: usize,
    hits: impl Iterator<Item = u32>,
    counts: &mut Counts,
    sublinear_tf: bool,
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
    let tf = TfTable::get(sublinear_tf);
    let entries = distinct
        .iter()
        .map(|&i| (i, std::mem::take(&mut counts[i as usize])));
    append_block(row, offset, &block.idf[..len], &tf, entries);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{CorpusAnalyzer, FeatureConfig};
    use crate::speakers::SpeakerTable;

    fn st(text: &str) -> Statement {
        Statement::new(text)
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
                st(&text.join(" "))
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
