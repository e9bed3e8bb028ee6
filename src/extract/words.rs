//! Word lists kept as data files (`src/extract/words/*.txt`, one word a
//! line, `#` comments), grouped by the role the words play in attribution,
//! and compiled into the binary with `include_str!`.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The words of a list file: trimmed, lower-case, comments and blank lines
/// dropped.
fn parse(src: &'static str) -> HashSet<&'static str> {
    src.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect()
}

static CRITICISE: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| parse(include_str!("words/criticise.txt")));

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
        assert!(s.contains("foo") && s.contains("bar"));
        assert!(is_criticise_verb("accused") && !is_criticise_verb("said"));
        assert!(CRITICISE.iter().all(|w| *w == w.to_lowercase()));
    }
}
