//! Analysed texts: the model-independent result of analysis, as sorted
//! `(key, count)` lists, and the corpus analyser that also remembers each
//! key's n-gram text (needed to build a vocabulary).

use std::collections::HashMap;

use super::config::FeatureConfig;
use crate::analysis::{Analyzer, TermSink};
use crate::data::Statement;

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
pub(super) const CHAR_TAG: u64 = 1 << 63;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{char_key_of_text, word_key_of_text};

    #[test]
    fn analysed_texts_count_sorted_keys_and_remember_their_texts() {
        let cfg = FeatureConfig {
            word_ngrams: Some((1, 2)),
            char_ngrams: Some((3, 3)),
            ..FeatureConfig::default()
        };
        let mut corpus = CorpusAnalyzer::new(&cfg);
        let st = Statement::new("talks talks").with_speaker("lavrov");
        let a = corpus.analyze(&st);
        assert_eq!(a.speaker.as_deref(), Some("lavrov"));
        let mut want = vec![
            (word_key_of_text("talk"), 2),
            (word_key_of_text("talk talk"), 1),
        ];
        want.sort_unstable();
        assert_eq!(a.words, want);
        assert!(a.words.windows(2).all(|w| w[0].0 < w[1].0));
        // " talks " gives 5 trigrams, twice.
        assert_eq!(a.chars.len(), 5);
        assert!(a.chars.iter().all(|&(_, c)| c == 2));
        assert_eq!(
            corpus.word_text(word_key_of_text("talk talk")),
            Some("talk talk")
        );
        assert_eq!(corpus.char_text(char_key_of_text(" ta")), Some(" ta"));
        assert_eq!(corpus.char_text(word_key_of_text("talk")), None);
    }
}
