//! Negation scope: which words open one and which punctuation closes it.
//!
//! With [`AnalyzerConfig::negation`](super::AnalyzerConfig::negation) on,
//! the words after a negator up to the next punctuation that ends a scope
//! are marked: their stems get the [`NEGATION_PREFIX`] in word n-grams
//! (`not support` gives `not !support`).

/// The prefix of a negated stem in n-gram texts.
pub const NEGATION_PREFIX: char = '!';

/// Whether a (lower-cased) word opens a negation scope.
pub fn is_negator(word: &str) -> bool {
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

/// Whether a (folded) punctuation token closes a negation scope.
pub fn ends_negation_scope(punct: &str) -> bool {
    matches!(punct, "." | "," | ";" | ":" | "!" | "?" | "\"" | "(" | ")")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negators_include_contractions() {
        for w in ["not", "never", "without", "don't", "isn't", "can't"] {
            assert!(is_negator(w), "{w}");
        }
        for w in ["note", "know", "nod", "n't", "nothingness"] {
            assert_eq!(is_negator(w), w == "n't", "{w}");
        }
    }

    #[test]
    fn clause_punctuation_ends_the_scope_and_dashes_do_not() {
        for p in [".", ",", "?", "\"", ")"] {
            assert!(ends_negation_scope(p), "{p}");
        }
        for p in ["-", "'", "/", "&"] {
            assert!(!ends_negation_scope(p), "{p}");
        }
    }
}
