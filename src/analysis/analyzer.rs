//! The analysis chain: token stream → drop list and hashtag/mention
//! settings → memoised stems → negation marks → word and character n-gram
//! keys, sent to a [`TermSink`].

use super::config::{AnalyzerConfig, HashtagMode, MentionMode};
use super::negation::{ends_negation_scope, is_negator};
use super::ngrams::{emit_char_ngrams, emit_word_ngrams, TermId, TermSink};
use super::stem::StemMemo;
use super::token::{Token, TokenKind, TokenStream};

/// A reusable analysis chain. Holds the stemmer, the stem memo and scratch
/// buffers: create one per thread and reuse it across texts.
pub struct Analyzer {
    config: AnalyzerConfig,
    stems: StemMemo,
    token_buf: String,
    // Per-text scratch.
    word_ids: Vec<(u32, bool)>,
    hash_buf: Vec<u64>,
    char_buf: String,
    char_offsets: Vec<usize>,
}

impl Clone for Analyzer {
    fn clone(&self) -> Self {
        Analyzer::new(self.config.clone())
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("config", &self.config)
            .field("memoised_stems", &self.stems.len())
            .finish()
    }
}

impl Analyzer {
    /// A new analysis chain with these settings.
    pub fn new(config: AnalyzerConfig) -> Self {
        Analyzer {
            stems: StemMemo::new(config.stem),
            config,
            token_buf: String::new(),
            word_ids: Vec::new(),
            hash_buf: Vec::new(),
            char_buf: String::new(),
            char_offsets: Vec::new(),
        }
    }

    fn dropped(&self, text: &str, tok: &Token<'_>) -> bool {
        match tok.kind {
            TokenKind::Hashtag if self.config.hashtags == HashtagMode::Drop => return true,
            TokenKind::Mention if self.config.mentions == MentionMode::Drop => return true,
            _ => {}
        }
        if self.config.drop_tokens.is_empty() {
            return false;
        }
        let raw = &text[tok.start..tok.end];
        self.config
            .drop_tokens
            .iter()
            .any(|d| d.eq_ignore_ascii_case(raw) || d.as_str() == tok.text)
    }

    /// Analyses `text`, emitting word n-grams with `n` in `word_ngrams` and
    /// character n-grams with `n` in `char_ngrams` (either may be `None`) to
    /// `sink`.
    pub fn analyze(
        &mut self,
        text: &str,
        word_ngrams: Option<(usize, usize)>,
        char_ngrams: Option<(usize, usize)>,
        sink: &mut dyn TermSink,
    ) {
        // The memo is only cleared between texts, so a text's term ids stay
        // valid until its n-grams are emitted.
        self.stems.clear_if_full();
        let mut word_ids = std::mem::take(&mut self.word_ids);
        let mut char_buf = std::mem::take(&mut self.char_buf);
        let mut offsets = std::mem::take(&mut self.char_offsets);
        word_ids.clear();
        let negation = self.config.negation;
        let mentions = self.config.mentions;
        let mut negated = false;
        let buf = std::mem::take(&mut self.token_buf);
        let keep_hash = self.config.hashtags == HashtagMode::Keep;
        let mut stream = TokenStream::with_buffer(text, buf, keep_hash);
        while stream.advance() {
            let tok = stream.token();
            if self.dropped(text, &tok) {
                continue;
            }
            let term: &str = match tok.kind {
                TokenKind::Punct => {
                    if ends_negation_scope(tok.text) {
                        negated = false;
                    }
                    continue;
                }
                TokenKind::Mention if mentions == MentionMode::Normalize => "@user",
                _ => tok.text,
            };
            // One memo lookup per token: its id keys the stem and, in the
            // sink, the term's character n-grams.
            let id = self.stems.id(term);
            if let Some((lo, hi)) = char_ngrams {
                let term_id = TermId {
                    index: id,
                    generation: self.stems.generation(),
                };
                if !sink.known_chars(term, term_id) {
                    emit_char_ngrams(term, lo, hi, &mut char_buf, &mut offsets, sink);
                }
            }
            if word_ngrams.is_some() {
                word_ids.push((id, negation && negated));
                if negation && is_negator(term) {
                    negated = true;
                }
            }
        }
        self.token_buf = stream.into_buffer();
        if let Some(range) = word_ngrams {
            emit_word_ngrams(&self.stems, &word_ids, range, &mut self.hash_buf, sink);
        }
        self.word_ids = word_ids;
        self.char_buf = char_buf;
        self.char_offsets = offsets;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::keys::word_key_of_text;

    #[derive(Default)]
    struct Collect {
        words: Vec<(u64, String)>,
        chars: Vec<String>,
    }
    impl TermSink for Collect {
        fn word(&mut self, key: u64, text: &dyn Fn() -> String) {
            self.words.push((key, text()));
        }
        fn char(&mut self, _key: u64, text: &str) {
            self.chars.push(text.to_string());
        }
        fn wants_text(&self) -> bool {
            true
        }
    }

    #[test]
    fn word_ngram_counts_and_keys_follow_the_text() {
        let mut a = Analyzer::new(AnalyzerConfig::default());
        let mut c = Collect::default();
        a.analyze(
            "Strengthening strategic partnerships.",
            Some((1, 3)),
            None,
            &mut c,
        );
        // 3 unigrams + 2 bigrams + 1 trigram.
        assert_eq!(c.words.len(), 6);
        let texts: Vec<_> = c.words.iter().map(|w| w.1.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "strengthen",
                "strateg",
                "partnership",
                "strengthen strateg",
                "strateg partnership",
                "strengthen strateg partnership"
            ]
        );
        for (key, text) in &c.words {
            assert_eq!(*key, word_key_of_text(text), "{text}");
        }
    }

    #[test]
    fn char_ngrams_are_char_wb_style() {
        let mut a = Analyzer::new(AnalyzerConfig::default());
        let mut c = Collect::default();
        a.analyze("Kyiv", None, Some((2, 3)), &mut c);
        // " kyiv " has 6 chars: 5 bigrams + 4 trigrams.
        assert_eq!(c.chars.len(), 9);
        assert_eq!(c.chars[0], " k");
        assert_eq!(c.chars[8], "iv ");
        let mut c = Collect::default();
        a.analyze("a", None, Some((2, 5)), &mut c);
        // " a " counts once as a bigram... and as the whole padded token.
        assert_eq!(c.chars, vec![" a", "a ", " a "]);
    }

    #[test]
    fn negation_marks_words_up_to_punctuation() {
        let mut a = Analyzer::new(AnalyzerConfig {
            negation: true,
            ..AnalyzerConfig::default()
        });
        let mut c = Collect::default();
        a.analyze(
            "We do not support sanctions, we trade.",
            Some((1, 1)),
            None,
            &mut c,
        );
        let texts: Vec<_> = c.words.iter().map(|w| w.1.as_str()).collect();
        assert_eq!(
            texts,
            vec!["we", "do", "not", "!support", "!sanction", "we", "trade"]
        );
        for (key, text) in &c.words {
            assert_eq!(*key, word_key_of_text(text));
        }
    }

    #[test]
    fn drop_tokens_removes_marker_hashtags() {
        let mut a = Analyzer::new(AnalyzerConfig {
            drop_tokens: vec!["#semst".into()],
            ..AnalyzerConfig::default()
        });
        let mut c = Collect::default();
        a.analyze("vote now #SemST", Some((1, 1)), None, &mut c);
        let texts: Vec<_> = c.words.iter().map(|w| w.1.as_str()).collect();
        assert_eq!(texts, vec!["vote", "now"]);
    }
}
