//! Text analysis: tokens with byte offsets, normalisation, memoised stemming,
//! negation marking, and hashed word and character n-gram keys.
//!
//! The pipeline, in the manner of tantivy's analysis chain:
//!
//! 1. [`TokenStream`] walks the text once and yields [`Token`]s carrying their
//!    byte span in the *original* text and a normalised, lower-cased form in a
//!    reused buffer (typographic apostrophes, quotes and dashes folded to
//!    ASCII; `U.S.` and `US` folded to `u.s`). ASCII text takes a fast path.
//! 2. [`Analyzer`] stems word tokens with the Snowball English stemmer
//!    (rust-stemmers), memoising stems because the stemmer is the slowest
//!    stage, optionally marks negated tokens (`not`, `never`, `no`, `n't` ... up
//!    to the next punctuation), and emits word n-gram keys built from stem
//!    hashes (never from joined strings) and character n-gram keys (in the
//!    style of scikit-learn's `char_wb`: n-grams inside each token padded with
//!    a space on both sides).
//!
//! Keys are 64-bit hashes that depend only on the n-gram's text, with a fixed,
//! documented function ([`word_key_of_text`], [`char_key_of_text`]), so a saved
//! vocabulary of n-gram texts re-keys identically on any machine.

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

/// What kind of token a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes (`russia's`, `don't`).
    Word,
    /// `#word`; the normalised text excludes the `#` unless
    /// [`HashtagMode::Keep`] is set.
    Hashtag,
    /// `@handle`.
    Mention,
    /// `http://...`, `https://...`, `www....`
    Url,
    /// One punctuation or symbol character.
    Punct,
}

/// A token: its kind, its byte span in the original text and its normalised
/// text (borrowed from the stream's buffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// What kind of token.
    pub kind: TokenKind,
    /// Byte offset of the first byte in the original text.
    pub start: usize,
    /// Byte offset one past the last byte in the original text.
    pub end: usize,
    /// Lower-cased, normalised form.
    pub text: &'a str,
}

/// Folds typographic characters to their ASCII counterparts: curly
/// apostrophes and quotes, primes, dashes and minus signs, non-breaking
/// spaces.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
        c => c,
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// A streaming tokenizer over one text. Call [`TokenStream::advance`] until it
/// returns `false`, reading [`TokenStream::token`] after each `true`; the
/// token's text lives in a buffer the stream reuses.
pub struct TokenStream<'t> {
    text: &'t str,
    pos: usize,
    buf: String,
    kind: TokenKind,
    start: usize,
    end: usize,
    keep_hash: bool,
}

impl<'t> TokenStream<'t> {
    /// A stream over `text` (hashtags lose their `#`).
    pub fn new(text: &'t str) -> Self {
        TokenStream::with_buffer(text, String::new(), false)
    }

    /// A stream reusing `buf` for token text; `keep_hash` keeps the `#` of
    /// hashtags in their text.
    pub fn with_buffer(text: &'t str, mut buf: String, keep_hash: bool) -> Self {
        buf.clear();
        TokenStream {
            text,
            pos: 0,
            buf,
            kind: TokenKind::Punct,
            start: 0,
            end: 0,
            keep_hash,
        }
    }

    /// Gives the buffer back for reuse.
    pub fn into_buffer(self) -> String {
        self.buf
    }

    /// The current token (valid after `advance` returned `true`).
    pub fn token(&self) -> Token<'_> {
        Token {
            kind: self.kind,
            start: self.start,
            end: self.end,
            text: &self.buf,
        }
    }

    fn peek_char(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    fn push_lower(&mut self, c: char) {
        let c = fold_char(c);
        if c.is_ascii() {
            self.buf.push(c.to_ascii_lowercase());
        } else {
            self.buf.extend(c.to_lowercase());
        }
    }

    /// Consumes letters/digits (and inner apostrophes) from `self.pos`,
    /// appending them lower-cased to the buffer.
    fn scan_word(&mut self) {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if b.is_ascii_alphanumeric() {
                self.buf.push(b.to_ascii_lowercase() as char);
                self.pos += 1;
                continue;
            }
            if b < 0x80 && b != b'\'' {
                break;
            }
            let c = self.peek_char(self.pos).unwrap_or(' ');
            if c.is_alphanumeric() {
                self.push_lower(c);
                self.pos += c.len_utf8();
            } else if is_apostrophe(c) {
                let next = self.pos + c.len_utf8();
                match self.peek_char(next) {
                    Some(n) if n.is_alphanumeric() && !self.buf.is_empty() => {
                        self.buf.push('\'');
                        self.pos = next;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
    }

    /// Advances to the next token; `false` at the end of the text.
    pub fn advance(&mut self) -> bool {
        self.buf.clear();
        let bytes = self.text.as_bytes();
        // Skip white space.
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b >= 0x80 {
                let c = self.peek_char(self.pos).unwrap_or(' ');
                if c.is_whitespace() {
                    self.pos += c.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if self.pos >= bytes.len() {
            return false;
        }
        self.start = self.pos;
        let c = self.peek_char(self.pos).unwrap_or(' ');
        let rest = &self.text[self.pos..];
        if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") {
            let len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
            self.pos += len;
            self.kind = TokenKind::Url;
            self.buf.push_str("<url>");
        } else if c.is_alphanumeric() {
            self.kind = TokenKind::Word;
            self.scan_word();
            self.fold_abbreviation();
        } else if (c == '#' || c == '@')
            && self
                .peek_char(self.pos + 1)
                .is_some_and(|n| n.is_alphanumeric() || n == '_')
        {
            self.kind = if c == '#' {
                TokenKind::Hashtag
            } else {
                TokenKind::Mention
            };
            if c == '@' || self.keep_hash {
                self.buf.push(c);
            }
            self.pos += 1;
            loop {
                self.scan_word();
                if bytes.get(self.pos) == Some(&b'_') {
                    self.buf.push('_');
                    self.pos += 1;
                } else {
                    break;
                }
            }
        } else {
            self.kind = TokenKind::Punct;
            self.push_lower(c);
            self.pos += c.len_utf8();
        }
        self.end = self.pos;
        true
    }

    /// Folds dotted single-letter abbreviations (`U.S.`, `U.K.`) and the
    /// capitalised `US` into one form (`u.s`, `u.k`), so the country is not
    /// confused with the pronoun `us`.
    fn fold_abbreviation(&mut self) {
        let bytes = self.text.as_bytes();
        // `US` in capitals (not `Us`, not `us`).
        if &self.text[self.start..self.pos] == "US" {
            self.buf.clear();
            self.buf.push_str("u.s");
            return;
        }
        if self.buf.len() != 1 || !self.buf.as_bytes()[0].is_ascii_alphabetic() {
            return;
        }
        // Single letter followed by `.X` pairs: U.S., U.K., U.N.
        let mut p = self.pos;
        let mut letters = 1;
        while bytes.get(p) == Some(&b'.')
            && bytes.get(p + 1).is_some_and(|b| b.is_ascii_alphabetic())
            && bytes.get(p + 2).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            self.buf.push('.');
            self.buf.push(bytes[p + 1].to_ascii_lowercase() as char);
            p += 2;
            letters += 1;
        }
        if letters > 1 {
            // Swallow the abbreviation's own final dot.
            if bytes.get(p) == Some(&b'.') {
                p += 1;
            }
            self.pos = p;
        }
    }
}

/// How hashtags are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum HashtagMode {
    /// `#Ukraine` becomes the word `ukraine` (default).
    #[default]
    Word,
    /// `#Ukraine` stays `#ukraine`, a term distinct from the word.
    Keep,
    /// Hashtags are dropped.
    Drop,
}

/// How `@mentions` are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MentionMode {
    /// Every mention becomes the one term `@user` (default).
    #[default]
    Normalize,
    /// Mentions are kept as they are (`@tedcruz`).
    Keep,
    /// Mentions are dropped.
    Drop,
}

/// Settings of the analysis chain. Saved with a model, so a loaded model
/// analyses text exactly as it did when trained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalyzerConfig {
    /// Stem words with the Snowball English stemmer. Default `true`.
    pub stem: bool,
    /// Mark words after a negation (`not`, `no`, `never`, `n't` ...) up to the
    /// next punctuation, so `not support` differs from `support`. Default
    /// `true` (see `docs/benchmarks-semeval.md` for the evidence).
    pub negation: bool,
    /// Hashtag handling. Default [`HashtagMode::Word`].
    pub hashtags: HashtagMode,
    /// Mention handling. Default [`MentionMode::Normalize`].
    pub mentions: MentionMode,
    /// Tokens dropped before anything else, compared with the lower-cased
    /// token as written (`#semst` for the SemEval marker hashtag). Default
    /// empty.
    pub drop_tokens: Vec<String>,
}

impl Default for AnalyzerConfig {
    fn default() -> Self {
        AnalyzerConfig {
            stem: true,
            negation: true,
            hashtags: HashtagMode::Word,
            mentions: MentionMode::Normalize,
            drop_tokens: Vec::new(),
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const NEGATION_PREFIX: char = '!';

/// SplitMix64's finaliser: a fixed bijective mixer.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[inline]
fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    let mut h = FNV_OFFSET ^ seed;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The hash of one stem (FNV-1a 64 of its UTF-8 bytes, mixed).
#[inline]
pub fn stem_hash(stem: &str) -> u64 {
    mix64(fnv1a(stem.as_bytes(), 0))
}

#[inline]
fn combine_word_key(n: usize, hashes: &[u64]) -> u64 {
    let mut k = mix64(0x5157_4f52_4400_0000 ^ n as u64);
    for &h in hashes {
        k = mix64(k ^ h);
    }
    k
}

/// The key of a word n-gram given its text: stems separated by single spaces
/// (a negated stem starts with `!`).
pub fn word_key_of_text(text: &str) -> u64 {
    let hashes: Vec<u64> = text.split(' ').map(stem_hash).collect();
    combine_word_key(hashes.len(), &hashes)
}

/// The key of a character n-gram given its text. Its top bit is always
/// clear: vocabulary building tags character keys with that bit in a map
/// shared with word keys.
#[inline]
pub fn char_key_of_text(text: &str) -> u64 {
    mix64(fnv1a(text.as_bytes(), 0x4348_4152)) & !(1 << 63)
}

fn is_negator(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "no"
            | "never"
            | "none"
            | "nobody"
            | "nothing"
            | "neither"
            | "nor"
            | "cannot"
            | "without"
            | "nowhere"
    ) || word.ends_with("n't")
}

fn ends_negation_scope(punct: &str) -> bool {
    matches!(punct, "." | "," | ";" | ":" | "!" | "?" | "\"" | "(" | ")")
}

/// Upper bound on memoised stems before the memo is cleared (between texts),
/// so memory stays flat on endless streams. Tiny in unit tests, so they
/// cross it.
#[cfg(not(test))]
const MEMO_CAPACITY: usize = 200_000;
#[cfg(test)]
const MEMO_CAPACITY: usize = 64;

/// A term's id in an [`Analyzer`]'s memo (see [`TermSink::known_chars`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermId {
    /// Dense index of the term, from 0, in order of first sight.
    pub index: u32,
    /// Changes whenever the memo is cleared (indices are then reused).
    pub generation: u32,
}

/// Receives the terms of one text from [`Analyzer::analyze`].
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

/// A reusable analysis chain. Holds the stemmer, the stem memo and scratch
/// buffers: create one per thread and reuse it across texts.
pub struct Analyzer {
    config: AnalyzerConfig,
    stemmer: Stemmer,
    memo: crate::hashing::TermMap<u32>,
    generation: u32,
    stems: Vec<(String, u64)>,
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
            .field("memoised_stems", &self.memo.len())
            .finish()
    }
}

impl Analyzer {
    /// A new analysis chain with these settings.
    pub fn new(config: AnalyzerConfig) -> Self {
        Analyzer {
            config,
            stemmer: Stemmer::create(Algorithm::English),
            memo: Default::default(),
            generation: 0,
            stems: Vec::new(),
            token_buf: String::new(),
            word_ids: Vec::new(),
            hash_buf: Vec::new(),
            char_buf: String::new(),
            char_offsets: Vec::new(),
        }
    }

    /// The settings.
    pub fn config(&self) -> &AnalyzerConfig {
        &self.config
    }

    /// The memoised stem id of a lower-cased token.
    fn stem_id(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.memo.get(token) {
            return id;
        }
        let stem = if self.config.stem {
            self.stemmer.stem(token).into_owned()
        } else {
            token.to_owned()
        };
        let h = stem_hash(&stem);
        let id = self.stems.len() as u32;
        self.stems.push((stem, h));
        self.memo.insert(token.to_owned(), id);
        id
    }

    /// Calls `f` for every token of `text` that survives the drop list and
    /// the hashtag/mention settings, with its normalised text.
    pub fn for_each_token(&mut self, text: &str, mut f: impl FnMut(Token<'_>)) {
        let buf = std::mem::take(&mut self.token_buf);
        let keep_hash = self.config.hashtags == HashtagMode::Keep;
        let mut stream = TokenStream::with_buffer(text, buf, keep_hash);
        while stream.advance() {
            let tok = stream.token();
            if self.dropped(text, &tok) {
                continue;
            }
            f(tok);
        }
        self.token_buf = stream.into_buffer();
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
        if self.memo.len() >= MEMO_CAPACITY {
            self.memo.clear();
            self.stems.clear();
            self.generation = self.generation.wrapping_add(1);
        }
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
            let id = self.stem_id(term);
            if let Some((lo, hi)) = char_ngrams {
                let term_id = TermId {
                    index: id,
                    generation: self.generation,
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
        if let Some((lo, hi)) = word_ngrams {
            self.emit_word_ngrams(&word_ids, lo, hi, sink);
        }
        self.word_ids = word_ids;
        self.char_buf = char_buf;
        self.char_offsets = offsets;
    }

    fn emit_word_ngrams(
        &mut self,
        ids: &[(u32, bool)],
        lo: usize,
        hi: usize,
        sink: &mut dyn TermSink,
    ) {
        let mut hashes = std::mem::take(&mut self.hash_buf);
        hashes.clear();
        for &(id, neg) in ids {
            let h = self.stems[id as usize].1;
            hashes.push(if neg {
                negated_hash(&self.stems[id as usize].0)
            } else {
                h
            });
        }
        let wants_text = sink.wants_text();
        for n in lo.max(1)..=hi {
            if n > ids.len() {
                break;
            }
            for start in 0..=ids.len() - n {
                let key = combine_word_key(n, &hashes[start..start + n]);
                if wants_text {
                    let stems = &self.stems;
                    let render = || {
                        let mut s = String::new();
                        for (i, &(id, neg)) in ids[start..start + n].iter().enumerate() {
                            if i > 0 {
                                s.push(' ');
                            }
                            if neg {
                                s.push(NEGATION_PREFIX);
                            }
                            s.push_str(&stems[id as usize].0);
                        }
                        s
                    };
                    sink.word(key, &render);
                } else if n == 1 && !ids[start].1 {
                    let id = TermId {
                        index: ids[start].0,
                        generation: self.generation,
                    };
                    sink.unigram(key, id);
                } else {
                    sink.word(key, &|| String::new());
                }
            }
        }
        self.hash_buf = hashes;
    }
}

fn negated_hash(stem: &str) -> u64 {
    let mut s = String::with_capacity(stem.len() + 1);
    s.push(NEGATION_PREFIX);
    s.push_str(stem);
    stem_hash(&s)
}

fn emit_char_ngrams(
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

    fn tokens(text: &str) -> Vec<(TokenKind, usize, usize, String)> {
        let mut out = Vec::new();
        let mut s = TokenStream::new(text);
        while s.advance() {
            let t = s.token();
            out.push((t.kind, t.start, t.end, t.text.to_string()));
        }
        out
    }

    #[test]
    fn tokens_carry_byte_offsets_into_the_original_text() {
        let text = "Russia’s “no limits” ties—U.S. says.";
        let toks = tokens(text);
        let words: Vec<_> = toks
            .iter()
            .filter(|t| t.0 == TokenKind::Word)
            .map(|t| (t.3.as_str(), &text[t.1..t.2]))
            .collect();
        assert_eq!(
            words,
            vec![
                ("russia's", "Russia’s"),
                ("no", "no"),
                ("limits", "limits"),
                ("ties", "ties"),
                ("u.s", "U.S."),
                ("says", "says"),
            ]
        );
        // Curly quotes and the em dash are punctuation, folded to ASCII.
        let puncts: Vec<_> = toks
            .iter()
            .filter(|t| t.0 == TokenKind::Punct)
            .map(|t| t.3.as_str())
            .collect();
        assert_eq!(puncts, vec!["\"", "\"", "-", "."]);
    }

    #[test]
    fn us_in_capitals_is_the_country_not_the_pronoun() {
        let toks = tokens("US officials told us");
        assert_eq!(toks[0].3, "u.s");
        assert_eq!(toks[3].3, "us");
    }

    #[test]
    fn apostrophes_at_word_edges_are_not_part_of_words() {
        let toks = tokens("the parties' 'dual containment'");
        let words: Vec<_> = toks.iter().map(|t| t.3.as_str()).collect();
        assert_eq!(
            words,
            vec!["the", "parties", "'", "'", "dual", "containment", "'"]
        );
    }

    #[test]
    fn hashtags_mentions_urls() {
        let toks = tokens("@Ted_Cruz says #HandOverTheServer http://x.co/a");
        assert_eq!(toks[0].0, TokenKind::Mention);
        assert_eq!(toks[0].3, "@ted_cruz");
        assert_eq!(toks[2].0, TokenKind::Hashtag);
        assert_eq!(toks[2].3, "handovertheserver");
        assert_eq!(toks[3].0, TokenKind::Url);
        assert_eq!(toks.len(), 4);
    }

    #[test]
    fn non_ascii_words_and_offsets() {
        let text = "Zelenskyy met Ліза in Kyiv";
        let toks = tokens(text);
        assert_eq!(toks[2].3, "ліза");
        assert_eq!(&text[toks[2].1..toks[2].2], "Ліза");
    }

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
