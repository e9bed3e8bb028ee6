//! Word tokens with byte offsets, produced in one pass into a reused buffer.
//!
//! A token is a word (letters and digits, with inner hyphens, inner
//! apostrophes and dotted acronyms such as `U.S.`), a possessive marker (`'s`,
//! `’s`, or the bare `'` of a plural possessive), or a single punctuation
//! character. Tokens never allocate: they are spans into the text.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters and digits.
    Word,
    /// `'s`, `’s` or a plural possessive `'`.
    Poss,
    /// One punctuation or symbol character.
    Punct,
}

/// A token: a byte span and its kind. `quote` is 1 + the index of the
/// top-level quotation whose content contains the token, or 0.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub quote: u32,
}

impl Tok {
    #[cfg(test)]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Whether `c` is an apostrophe (straight or curly right single quote).
pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Tokenises `text` into `out` (cleared first).
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let len = text.len();
    let mut i = 0;
    while i < len {
        let Some(c) = char_at(text, i) else { break };
        let cl = c.len_utf8();
        if c.is_whitespace() {
            i += cl;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                start: i,
                end: i + cl,
                kind: TokKind::Punct,
                quote: 0,
            });
            i += cl;
            continue;
        }
        let start = i;
        i += cl;
        let mut has_dot = false;
        let mut poss: Option<(usize, usize)> = None;
        while let Some(c) = char_at(text, i) {
            let cl = c.len_utf8();
            if c.is_alphanumeric() {
                i += cl;
                continue;
            }
            let next = char_at(text, i + cl);
            if (c == '-' || c == '.' || c == '&') && next.is_some_and(char::is_alphanumeric) {
                has_dot |= c == '.';
                i += cl;
                continue;
            }
            if is_apostrophe(c) {
                let after = i + cl;
                let after2 = char_at(text, after + 1);
                if matches!(next, Some('s' | 'S')) && !after2.is_some_and(char::is_alphanumeric) {
                    poss = Some((i, after + 1));
                    break;
                }
                if next.is_some_and(char::is_alphabetic) {
                    i = after;
                    continue;
                }
                if text[start..i].ends_with(['s', 'S']) {
                    poss = Some((i, after));
                }
                break;
            }
            break;
        }
        // A dotted acronym keeps its final period: "U.S.", "E.U.".
        if has_dot && poss.is_none() && text[i..].starts_with('.') {
            let last_seg = text[start..i].rsplit('.').next().unwrap_or("");
            if last_seg.chars().count() == 1 {
                i += 1;
            }
        }
        out.push(Tok {
            start,
            end: i,
            kind: TokKind::Word,
            quote: 0,
        });
        if let Some((ps, pe)) = poss {
            out.push(Tok {
                start: ps,
                end: pe,
                kind: TokKind::Poss,
                quote: 0,
            });
            i = pe;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(&str, TokKind)> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|t| (t.text(s), t.kind)).collect()
    }

    #[test]
    fn words_possessives_and_acronyms() {
        use TokKind::*;
        assert_eq!(
            toks("Russia’s U.S. parties’ don't co-operate."),
            vec![
                ("Russia", Word),
                ("’s", Poss),
                ("U.S.", Word),
                ("parties", Word),
                ("’", Poss),
                ("don't", Word),
                ("co-operate", Word),
                (".", Punct)
            ]
        );
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let s = "“Ünïcode” – é’s";
        let mut v = Vec::new();
        tokenize(s, &mut v);
        for t in &v {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
        }
        assert_eq!(v[1].text(s), "Ünïcode");
    }
}
