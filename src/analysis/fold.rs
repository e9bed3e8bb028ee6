//! Character folding: typographic characters to their ASCII counterparts.
//!
//! The token stream ([`super::token`]) applies [`fold_char`] to every
//! character it keeps, before lower-casing, so `Russia’s` and `Russia's`
//! are one word and a curly quote is the punctuation `"`.

/// Folds typographic characters to their ASCII counterparts: curly
/// apostrophes and quotes, primes, dashes and minus signs, non-breaking
/// spaces. Every other character is returned as it is.
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

/// Whether `c` is an apostrophe that may join the parts of a word
/// (`russia's`, `don’t`).
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Pushes `c` folded and lower-cased onto `buf`.
#[inline]
pub(crate) fn push_folded_lower(buf: &mut String, c: char) {
    let c = fold_char(c);
    if c.is_ascii() {
        buf.push(c.to_ascii_lowercase());
    } else {
        buf.extend(c.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_characters_fold_to_ascii() {
        let folded: String = "‘a’ “b” c–d—e −1\u{a0}x`y".chars().map(fold_char).collect();
        assert_eq!(folded, "'a' \"b\" c-d-e -1 x'y");
    }

    #[test]
    fn other_characters_are_left_alone() {
        for c in ['a', 'Z', '7', '.', 'ї', '中', '#'] {
            assert_eq!(fold_char(c), c);
        }
    }

    #[test]
    fn folding_comes_before_lower_casing() {
        let mut buf = String::new();
        for c in "Ä’S".chars() {
            push_folded_lower(&mut buf, c);
        }
        assert_eq!(buf, "ä's");
    }

    #[test]
    fn only_apostrophes_join_words() {
        assert!(is_apostrophe('\'') && is_apostrophe('\u{2019}'));
        assert!(!is_apostrophe('"') && !is_apostrophe('-'));
    }
}
