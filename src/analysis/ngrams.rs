//! N-gram emission: the word n-grams of a text's stems and the character
//! n-grams of each token, as keys ([`super::keys`]) sent to a
//! [`TermSink`].

use super::keys::{char_key_of_text, negated_hash, word_key};
use super::negation::NEGATION_PREFIX;
use super::stem::StemMemo;

/// A term's id in an [`Analyzer`](super::Analyzer)'s memo (see [`TermSink::known_chars`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermId {
    /// Dense index of the term, from 0, in order of first sight.
    pub index: u32,
    /// Changes whenever the memo is cleared (indices are then reused).
    pub generation: u32,
}

/// Receives the terms of one text from
/// [`Analyzer::analyze`](super::Analyzer::analyze).
pub trait TermSink {
    /// A word n-gram key; `text` renders it (only called when
    /// [`TermSink::wants_text`] is true).
    fn word(&mut self, key: u64, text: &dyn Fn() -> String);
    /// A character n-gram key and its text.
    fn char(&mut self, key: u64, text: &str);
    /// Whether the sink wants n-gram texts (vocabulary building does;
    /// prediction does not).
    fn wants_text(&self) -> bool {
        false
    }
    /// A word unigram key of a term that is not negated, with the term's id
    /// (see [`TermSink::known_chars`]), so a sink can remember what the key
    /// gave; only called when [`TermSink::wants_text`] is false. Default:
    /// [`TermSink::word`].
    fn unigram(&mut self, key: u64, id: TermId) {
        let _ = id;
        self.word(key, &|| String::new());
    }
    /// Called with each token's normalised text before its character
    /// n-grams; returning `true` skips them (for a sink that remembers the
    /// character n-grams of the terms it has seen; their [`TermSink::char`]
    /// calls follow this call when it returns `false`). `id` names the term
    /// within the analyser's memo: the same text gets the same id until the
    /// memo is cleared, which changes `id.generation`. Default `false`.
    fn known_chars(&mut self, term: &str, id: TermId) -> bool {
        let _ = (term, id);
        false
    }
}

/// Emits the word n-grams with `n` in `lo..=hi` of a text whose tokens have
/// these stem ids (and negation marks), using `hashes` as scratch.
pub(crate) fn emit_word_ngrams(
    stems: &StemMemo,
    ids: &[(u32, bool)],
    (lo, hi): (usize, usize),
    hashes: &mut Vec<u64>,
    sink: &mut dyn TermSink,
) {
    hashes.clear();
    hashes.extend(ids.iter().map(|&(id, neg)| {
        if neg {
            negated_hash(stems.stem(id))
        } else {
            stems.hash(id)
        }
    }));
    let wants_text = sink.wants_text();
    for n in lo.max(1)..=hi {
        if n > ids.len() {
            break;
        }
        for start in 0..=ids.len() - n {
            let key = word_key(&hashes[start..start + n]);
            if wants_text {
                let render = || render_word_ngram(stems, &ids[start..start + n]);
                sink.word(key, &render);
            } else if n == 1 && !ids[start].1 {
                let id = TermId {
                    index: ids[start].0,
                    generation: stems.generation(),
                };
                sink.unigram(key, id);
            } else {
                sink.word(key, &|| String::new());
            }
        }
    }
}

/// The text of a word n-gram: its stems joined by single spaces, negated
/// ones prefixed.
fn render_word_ngram(stems: &StemMemo, ids: &[(u32, bool)]) -> String {
    let mut s = String::new();
    for (i, &(id, neg)) in ids.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        if neg {
            s.push(NEGATION_PREFIX);
        }
        s.push_str(stems.stem(id));
    }
    s
}

/// Emits the character n-grams with `n` in `lo..=hi` of one token, padded
/// with a space on both sides (scikit-learn's `char_wb`), using `buf` and
/// `offsets` as scratch.
pub(crate) fn emit_char_ngrams(
    term: &str,
    lo: usize,
    hi: usize,
    buf: &mut String,
    offsets: &mut Vec<usize>,
    sink: &mut dyn TermSink,
) {
    buf.clear();
    buf.push(' ');
    buf.push_str(term);
    buf.push(' ');
    offsets.clear();
    offsets.extend(buf.char_indices().map(|(i, _)| i));
    offsets.push(buf.len());
    let chars = offsets.len() - 1;
    for n in lo.max(1)..=hi {
        if chars <= n {
            // A short token counts once, whole (as scikit-learn's char_wb).
            let s = &buf[..];
            sink.char(char_key_of_text(s), s);
            break;
        }
        for i in 0..=chars - n {
            let s = &buf[offsets[i]..offsets[i + n]];
            sink.char(char_key_of_text(s), s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::keys::word_key_of_text;

    #[derive(Default)]
    struct Collect {
        words: Vec<(u64, String)>,
        unigrams: Vec<(u64, TermId)>,
        chars: Vec<(u64, String)>,
        text: bool,
    }
    impl TermSink for Collect {
        fn word(&mut self, key: u64, text: &dyn Fn() -> String) {
            self.words.push((key, text()));
        }
        fn char(&mut self, key: u64, text: &str) {
            self.chars.push((key, text.to_string()));
        }
        fn wants_text(&self) -> bool {
            self.text
        }
        fn unigram(&mut self, key: u64, id: TermId) {
            self.unigrams.push((key, id));
        }
    }

    #[test]
    fn word_ngrams_run_over_every_window_with_their_text() {
        let mut stems = StemMemo::new(true);
        let ids: Vec<(u32, bool)> = ["we", "back", "talks"]
            .iter()
            .map(|t| (stems.id(t), false))
            .collect();
        let mut sink = Collect {
            text: true,
            ..Collect::default()
        };
        emit_word_ngrams(&stems, &ids, (1, 5), &mut Vec::new(), &mut sink);
        let texts: Vec<_> = sink.words.iter().map(|w| w.1.as_str()).collect();
        assert_eq!(
            texts,
            vec!["we", "back", "talk", "we back", "back talk", "we back talk"]
        );
        for (key, text) in &sink.words {
            assert_eq!(*key, word_key_of_text(text), "{text}");
        }
    }

    #[test]
    fn without_text_plain_unigrams_carry_their_term_id() {
        let mut stems = StemMemo::new(true);
        let ids = vec![(stems.id("no"), false), (stems.id("deal"), true)];
        let mut sink = Collect::default();
        emit_word_ngrams(&stems, &ids, (1, 2), &mut Vec::new(), &mut sink);
        // `no` is a unigram with its id; the negated `!deal` and the bigram
        // go to `word`, without text.
        assert_eq!(sink.unigrams.len(), 1);
        assert_eq!(sink.unigrams[0].0, word_key_of_text("no"));
        assert_eq!(sink.unigrams[0].1.index, ids[0].0);
        let keys: Vec<_> = sink.words.iter().map(|w| w.0).collect();
        assert_eq!(
            keys,
            vec![word_key_of_text("!deal"), word_key_of_text("no !deal")]
        );
        assert!(sink.words.iter().all(|w| w.1.is_empty()));
    }

    #[test]
    fn char_ngrams_are_padded_and_short_tokens_count_once_whole() {
        let mut sink = Collect::default();
        let (mut buf, mut offsets) = (String::new(), Vec::new());
        emit_char_ngrams("kyiv", 2, 3, &mut buf, &mut offsets, &mut sink);
        // " kyiv " has 6 chars: 5 bigrams + 4 trigrams.
        assert_eq!(sink.chars.len(), 9);
        assert_eq!(sink.chars[0].1, " k");
        assert_eq!(sink.chars[8].1, "iv ");
        for (key, text) in &sink.chars {
            assert_eq!(*key, char_key_of_text(text));
        }
        let mut sink = Collect::default();
        emit_char_ngrams("ї", 2, 5, &mut buf, &mut offsets, &mut sink);
        let texts: Vec<_> = sink.chars.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(texts, vec![" ї", "ї ", " ї "]);
    }
}
