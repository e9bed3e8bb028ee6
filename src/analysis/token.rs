//! The token stream: one walk over a text yielding [`Token`]s with their
//! byte span in the original text and their normalised text in one reused
//! buffer (no `String` per token).
//!
//! Normalisation happens as the stream scans: characters are folded
//! ([`super::fold`]) and lower-cased; `U.S.`, `U.K.` and the capitalised
//! `US` become `u.s`, `u.k`; URLs become `<url>`. ASCII text takes a fast
//! path.

use super::fold::{is_apostrophe, push_folded_lower};

/// What kind of token a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes (`russia's`, `don't`).
    Word,
    /// `#word`; the normalised text excludes the `#` unless
    /// [`HashtagMode::Keep`](super::HashtagMode::Keep) is set.
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
    #[cfg(test)]
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
        push_folded_lower(&mut self.buf, c);
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

    #[test]
    fn a_reused_buffer_gives_the_same_tokens() {
        let text = "#Ukraine and @UN, 3 days";
        let mut s = TokenStream::with_buffer(text, "left over".into(), true);
        let mut got = Vec::new();
        while s.advance() {
            let t = s.token();
            got.push((t.kind, t.start, t.end, t.text.to_string()));
        }
        assert_eq!(got[0], (TokenKind::Hashtag, 0, 8, "#ukraine".to_string()));
        assert_eq!(got[2], (TokenKind::Mention, 13, 16, "@un".to_string()));
        assert_eq!(got[3], (TokenKind::Punct, 16, 17, ",".to_string()));
        assert_eq!(got.len(), 6);
        let buf = s.into_buffer();
        let mut again = TokenStream::with_buffer(text, buf, false);
        assert!(again.advance());
        assert_eq!(again.token().text, "ukraine");
    }
}
