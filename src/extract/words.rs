//! Word lists kept as data files (`src/extract/words/*.txt`, one word a
//! line, `#` comments), grouped by the role the words play in attribution,
//! and compiled into the binary with `include_str!`.

use std::sync::LazyLock;

/// The words of a list file, sorted for binary search: trimmed, comments and
/// blank lines dropped.
fn parse(src: &'static str) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = src
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// A word list with a filter on first byte and length before the search, so
/// that the common miss (any word of running text) costs two comparisons.
pub(crate) struct WordList {
    words: Vec<&'static str>,
    first: [bool; 256],
    min_len: usize,
    max_len: usize,
}

impl WordList {
    fn new(src: &'static str) -> Self {
        let words = parse(src);
        let mut first = [false; 256];
        for w in &words {
            first[usize::from(w.as_bytes()[0])] = true;
        }
        let min_len = words.iter().map(|w| w.len()).min().unwrap_or(0);
        let max_len = words.iter().map(|w| w.len()).max().unwrap_or(0);
        WordList {
            words,
            first,
            min_len,
            max_len,
        }
    }

    /// Whether `w` is in the list.
    pub(crate) fn contains(&self, w: &str) -> bool {
        let Some(&b) = w.as_bytes().first() else {
            return false;
        };
        self.first[usize::from(b)]
            && (self.min_len..=self.max_len).contains(&w.len())
            && self.words.binary_search(&w).is_ok()
    }
}

static CRITICISE: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(include_str!("words/criticise.txt")));

/// Verbs of criticism and praise whose object and complement are the
/// reported content (`words/criticise.txt`).
pub(crate) fn is_criticise_verb(w: &str) -> bool {
    CRITICISE.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_without_comments_or_blanks() {
        let s = parse("# head\nfoo\n\n bar # note\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s, ["bar", "foo"]);
        assert!(is_criticise_verb("accused") && !is_criticise_verb("said"));
        assert!(CRITICISE.words.iter().all(|w| *w == w.to_lowercase()));
        assert!(!CRITICISE.contains("") && !CRITICISE.contains("a"));
    }
}
