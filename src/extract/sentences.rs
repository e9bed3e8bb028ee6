//! Sentence splitting that survives abbreviations (`U.S.`, `Sept.`, `Mr.`)
//! and quotations.
//!
//! A sentence ends at `.`, `!` or `?` (plus any closing marks and brackets
//! after it) when the next character in the paragraph starts a new sentence
//! (an upper-case letter, a digit or an opening mark). A terminator inside a
//! quotation's content never ends the sentence that contains the quotation,
//! so `“A. B,” he said.` is one sentence. Paragraph breaks always end one.
//!
//! No sentence is longer than [`MAX_SENTENCE_BYTES`]: a longer run without a
//! sentence end (a text without full stops, a list of cues) is cut at the
//! last white space before the limit (or at the limit when there is none),
//! so that every look-back and look-ahead the sieves make inside a sentence
//! is bounded and extraction stays linear in the text's length. Real
//! sentences are far shorter (the longest paragraph of the dev articles has
//! under 1 KB), so the cap never changes what they give.

use super::lexicon::cue_class;
use super::marks::{is_quote_mark, QSpan};

/// The longest sentence, in bytes; see the module documentation.
pub(crate) const MAX_SENTENCE_BYTES: usize = 4096;

/// A sentence: a trimmed byte span and its paragraph number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sent {
    pub start: usize,
    pub end: usize,
    pub para: usize,
    /// Token range, filled in by the caller.
    pub t0: usize,
    pub t1: usize,
}

/// Words that take a period without ending a sentence (lower case, no period).
fn is_abbreviation(w: &str) -> bool {
    let mut buf = [0u8; 8];
    if w.len() > buf.len() || !w.is_ascii() {
        return false;
    }
    let lw = &mut buf[..w.len()];
    lw.copy_from_slice(w.as_bytes());
    lw.make_ascii_lowercase();
    matches!(
        &*lw,
        b"mr"
            | b"mrs"
            | b"ms"
            | b"dr"
            | b"prof"
            | b"gen"
            | b"lt"
            | b"col"
            | b"maj"
            | b"capt"
            | b"sgt"
            | b"adm"
            | b"cmdr"
            | b"sen"
            | b"rep"
            | b"gov"
            | b"pres"
            | b"st"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"no"
            | b"nos"
            | b"vs"
            | b"inc"
            | b"corp"
            | b"ltd"
            | b"co"
            | b"jr"
            | b"sr"
            | b"dept"
            | b"approx"
            | b"est"
            | b"fig"
            | b"mt"
            | b"ft"
            | b"rev"
            | b"hon"
            | b"gov't"
            | b"e.g"
            | b"i.e"
            | b"cf"
            | b"al"
    )
}

/// Whether `rest` starts with a short capitalised name and then a cue verb
/// ("Lavrov asked", "Foreign Minister Wang Yi said").
fn attribution_follows(rest: &str) -> bool {
    for (k, word) in rest.split_whitespace().take(6).enumerate() {
        let w = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if w.starts_with(char::is_uppercase) {
            continue;
        }
        let lw = w.to_ascii_lowercase();
        return k > 0 && cue_class(&lw).is_some() && !lw.ends_with("ing");
    }
    false
}

/// Splits `text` into sentences, given its quotation spans (top-level ones
/// are used to protect their content).
pub(crate) fn split(text: &str, quotes: &[QSpan]) -> Vec<Sent> {
    let mut out = Vec::new();
    let top: Vec<(usize, usize)> = quotes
        .iter()
        .filter(|q| !q.nested)
        .map(|q| (q.start, q.end))
        .collect();
    let mut qi = 0; // first top-level quote that may still contain a position
    let mut para = 0;
    let mut ps = 0;
    loop {
        let pe = text[ps..].find('\n').map_or(text.len(), |i| ps + i);
        if !text[ps..pe].trim().is_empty() {
            split_para(text, ps, pe, para, &top, &mut qi, &mut out);
            para += 1;
        }
        if pe >= text.len() {
            break;
        }
        ps = pe + 1;
    }
    out
}

/// Pushes `text[s..e]` as one sentence, or as several when it is longer than
/// [`MAX_SENTENCE_BYTES`], each cut at the last white space before the limit
/// (at the last character boundary before it when its second half has none).
fn push_capped(text: &str, mut s: usize, e: usize, para: usize, out: &mut Vec<Sent>) {
    while e - s > MAX_SENTENCE_BYTES {
        let limit = floor_char_boundary(text, s + MAX_SENTENCE_BYTES);
        let half = floor_char_boundary(text, s + MAX_SENTENCE_BYTES / 2);
        let cut = text[half..limit]
            .rfind(char::is_whitespace)
            .map_or(limit, |k| half + k);
        push_trimmed(text, s, cut, para, out);
        s = cut;
    }
    push_trimmed(text, s, e, para, out);
}

/// The largest character boundary of `text` at or before `i`.
fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn push_trimmed(text: &str, s: usize, e: usize, para: usize, out: &mut Vec<Sent>) {
    let seg = &text[s..e];
    let lead = seg.len() - seg.trim_start().len();
    let body = seg.trim();
    if !body.is_empty() {
        out.push(Sent {
            start: s + lead,
            end: s + lead + body.len(),
            para,
            t0: 0,
            t1: 0,
        });
    }
}

fn split_para(
    text: &str,
    ps: usize,
    pe: usize,
    para: usize,
    top: &[(usize, usize)],
    qi: &mut usize,
    out: &mut Vec<Sent>,
) {
    let bytes = text.as_bytes();
    let mut sent_start = ps;
    let mut i = ps;
    while i < pe {
        let b = bytes[i];
        if !(b == b'.' || b == b'!' || b == b'?') {
            i += 1;
            continue;
        }
        // Inside a quotation's content (and not at its very end)?
        while *qi < top.len() && top[*qi].1 <= i {
            *qi += 1;
        }
        let inside = top.get(*qi).is_some_and(|&(s, e)| s <= i && i + 1 < e);
        if inside {
            i += 1;
            continue;
        }
        // Extend over further terminators, closing marks and brackets.
        let mut j = i + 1;
        while j < pe {
            let Some(c) = text[j..].chars().next() else {
                break;
            };
            if matches!(c, '.' | '!' | '?' | ')' | ']' | '…') || is_quote_mark(c) {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        let rest = &text[j..pe];
        let next = rest.trim_start().chars().next();
        let gap = rest.len() - rest.trim_start().len();
        let starts_sentence = next.is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || is_quote_mark(n) || n == '('
        });
        if gap == 0 || !starts_sentence {
            i = j;
            continue;
        }
        // `“Who decides?” Lavrov asked.`: a question or exclamation closing a
        // quotation, then its attribution, is one sentence.
        let closes_quote = b != b'.' && text[i + 1..j].contains(is_quote_mark);
        if closes_quote && attribution_follows(rest) {
            i = j;
            continue;
        }
        if b == b'.' && j == i + 1 {
            // The word before the period.
            let before = &text[sent_start..i];
            let word = before
                .rsplit(|c: char| c.is_whitespace() || c == '(' || is_quote_mark(c))
                .next()
                .unwrap_or("");
            let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            let dotted = word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
            if is_abbreviation(word) || single_initial || dotted {
                i = j;
                continue;
            }
        }
        push_capped(text, sent_start, j, para, out);
        sent_start = j;
        i = j;
    }
    push_capped(text, sent_start, pe, para, out);
}

#[cfg(test)]
mod tests {
    use super::super::marks::scan;
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t, &scan(t))
            .iter()
            .map(|s| &t[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sents("Mr. Li met U.S. President Joe Biden on Sept. 5 in the U.S. He left. J. Smith came."),
            vec!["Mr. Li met U.S. President Joe Biden on Sept. 5 in the U.S. He left.", "J. Smith came."]
        );
    }

    #[test]
    fn quotes_keep_their_sentences_together() {
        assert_eq!(
            sents("“One. Two,” she said. “Three.” He left.\nNew paragraph"),
            vec![
                "“One. Two,” she said.",
                "“Three.”",
                "He left.",
                "New paragraph"
            ]
        );
        assert_eq!(
            sents("“Is it? Yes,” he said."),
            vec!["“Is it? Yes,” he said."]
        );
        assert_eq!(
            sents("“Who decides?” Lavrov asked. “Is it over?” The talks went on."),
            vec![
                "“Who decides?” Lavrov asked.",
                "“Is it over?”",
                "The talks went on."
            ]
        );
    }

    #[test]
    fn a_run_without_sentence_ends_is_cut_at_white_space_below_the_cap() {
        let text = "the talks went on and on ".repeat(1000);
        let got = split(&text, &scan(&text));
        assert!(
            got.len() >= text.len() / MAX_SENTENCE_BYTES,
            "{}",
            got.len()
        );
        let mut covered = 0;
        for s in &got {
            assert!(s.end - s.start <= MAX_SENTENCE_BYTES);
            // Each piece is whole words: it starts and ends at a word edge.
            assert!(s.start == 0 || text.as_bytes()[s.start - 1] == b' ');
            assert!(s.end == text.trim_end().len() || text.as_bytes()[s.end] == b' ');
            covered += text[s.start..s.end].split_whitespace().count();
        }
        assert_eq!(covered, text.split_whitespace().count());
        // No white space at all: cut at a character boundary.
        let text = "é".repeat(3 * MAX_SENTENCE_BYTES);
        let got = split(&text, &scan(&text));
        assert_eq!(
            got.iter().map(|s| s.end - s.start).sum::<usize>(),
            text.len()
        );
        assert!(got.iter().all(|s| s.end - s.start <= MAX_SENTENCE_BYTES));
    }
}
