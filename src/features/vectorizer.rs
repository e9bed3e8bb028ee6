//! The fitted vectoriser: vocabulary, idf weights and speaker features,
//! its saved form, and the rows of analysed texts.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::config::FeatureConfig;
use super::corpus::{AnalyzedText, CorpusAnalyzer};
use super::featurizer::Featurizer;
use super::sparse::SparseRow;
use super::tfidf::{append_block, TfTable};
use super::vocabulary::{index_of, Block};
use crate::analysis::{char_key_of_text, word_key_of_text};
use crate::data::Statement;
use crate::error::{Error, Result};
use crate::hashing::KeyMap;
use crate::speakers::{Side, SpeakerTable};

/// A fitted vectoriser: vocabulary, idf weights and speaker features.
#[derive(Debug, Clone, PartialEq)]
pub struct Vectorizer {
    pub(super) config: FeatureConfig,
    pub(super) words: Block,
    pub(super) chars: Block,
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

    /// The row of an analysed text (training's path: texts are analysed
    /// once and re-vectorised per fold).
    pub fn transform_analyzed(&self, doc: &AnalyzedText) -> SparseRow {
        let mut row = SparseRow::default();
        let mut pairs = Vec::new();
        self.block_into(&self.words, 0, &doc.words, &mut pairs, &mut row);
        self.block_into(
            &self.chars,
            self.words.len(),
            &doc.chars,
            &mut pairs,
            &mut row,
        );
        self.speaker_into(doc.speaker.as_deref(), &mut row);
        row
    }

    /// The row of a statement, reusing `scratch` (no per-token allocation):
    /// the prediction path, equal to [`Vectorizer::transform_analyzed`] of
    /// the analysed statement.
    pub fn transform_into(
        &self,
        statement: &Statement,
        scratch: &mut Featurizer,
        row: &mut SparseRow,
    ) {
        scratch.featurize(self, statement, row);
    }

    /// The row of a statement (allocating scratch space; for one-off calls).
    pub fn transform(&self, statement: &Statement) -> SparseRow {
        let mut scratch = Featurizer::new(self);
        let mut row = SparseRow::default();
        self.transform_into(statement, &mut scratch, &mut row);
        row
    }

    /// Appends a block's TF-IDF values to `row` from a text's sorted
    /// `(key, count)` list, with `pairs` as scratch.
    fn block_into(
        &self,
        block: &Block,
        offset: usize,
        counts: &[(u64, u32)],
        pairs: &mut Vec<(u32, u32)>,
        row: &mut SparseRow,
    ) {
        pairs.clear();
        pairs.extend(
            counts
                .iter()
                .filter_map(|&(key, count)| Some((*block.index.get(&key)?, count))),
        );
        pairs.sort_unstable_by_key(|p| p.0);
        let tf = TfTable::get(self.config.sublinear_tf);
        append_block(row, offset, &block.idf, &tf, pairs.iter().copied());
    }

    /// Appends the speaker and side features of `speaker`.
    pub(super) fn speaker_into(&self, speaker: Option<&str>, row: &mut SparseRow) {
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
}
