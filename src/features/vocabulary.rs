//! The vocabulary: one block of n-gram terms with their idf weights per
//! n-gram kind (words, characters), fitted on analysed texts with the
//! `min_df`, `max_df` and `max_features` settings.

use std::collections::HashMap;

use super::config::FeatureConfig;
use super::corpus::AnalyzedText;
use super::tfidf::idf_value;
use crate::hashing::KeyMap;

/// One n-gram block of a vocabulary.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Block {
    /// The n-gram texts, sorted: feature `i` of the block is `terms[i]`.
    pub(super) terms: Vec<String>,
    /// Their idf weights.
    pub(super) idf: Vec<f32>,
    /// N-gram key to feature index.
    pub(super) index: KeyMap<u32>,
}

impl Block {
    /// Fits a block on the `(key, count)` lists that `pick` takes from each
    /// text; `text_of` gives a key's n-gram text.
    pub(super) fn fit(
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

    /// Rebuilds the key index from the terms with `key_of`.
    pub(super) fn reindex(&mut self, key_of: impl Fn(&str) -> u64) {
        self.index = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (key_of(t), i as u32))
            .collect();
    }

    /// Number of features.
    pub(super) fn len(&self) -> usize {
        self.terms.len()
    }
}

/// Each item's position, by item.
pub(super) fn index_of(items: &[String]) -> HashMap<String, u32> {
    items
        .iter()
        .enumerate()
        .map(|(i, s)| (s.clone(), i as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(words: &[(u64, u32)]) -> AnalyzedText {
        AnalyzedText {
            words: words.to_vec(),
            ..AnalyzedText::default()
        }
    }

    #[test]
    fn blocks_keep_frequent_terms_sorted_by_text_with_their_idf() {
        let docs = [
            doc(&[(1, 5), (2, 1)]),
            doc(&[(1, 1), (3, 1)]),
            doc(&[(3, 2)]),
        ];
        let refs: Vec<&AnalyzedText> = docs.iter().collect();
        let text_of = |k: u64| ["", "zeta", "alpha", "mid"][k as usize].to_owned();
        let cfg = FeatureConfig {
            min_df: 1,
            max_features: Some(2),
            ..FeatureConfig::default()
        };
        let mut b = Block::fit(&refs, |d| &d.words, text_of, &cfg);
        // Key 1 (6 uses) and key 3 (3 uses) beat key 2 (1 use).
        assert_eq!(b.terms, vec!["mid", "zeta"]);
        let want = [idf_value(3, 2, true) as f32, idf_value(3, 2, true) as f32];
        assert_eq!(b.idf, want);
        b.reindex(|t| t.len() as u64);
        assert_eq!((b.index[&3], b.index[&4], b.len()), (0, 1, 2));
    }

    #[test]
    fn index_of_gives_positions() {
        let m = index_of(&["b".to_owned(), "a".to_owned()]);
        assert_eq!((m["b"], m["a"]), (0, 1));
    }
}
