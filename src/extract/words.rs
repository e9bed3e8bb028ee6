//! Word lists kept as data files (`src/extract/words/GROUP/*.txt`, one word
//! a line, `#` comments), grouped by the role the words play in attribution
//! (`cues/`, `nouns/`, `function/`, `adverbials/`, `sides/`), and compiled
//! into the binary with `include_str!`. `lexicon.rs` names each list's job.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::lexicon::LISTS;

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

/// A constant-time hash of a word: its length and its first two and last
/// two bytes, mixed by one multiplication (keys are our own short words;
/// the map compares whole words on a hit).
#[derive(Clone, Copy, Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        if n == 0 {
            return;
        }
        let at = |i: usize| u64::from(bytes[i]);
        let k = at(0) | at(n.min(2) - 1) << 8 | at(n - 1) << 16 | at(n.saturating_sub(2)) << 24;
        self.0 = (self.0 ^ k ^ (n as u64) << 32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u8(&mut self, _: u8) {}
}

/// One word list of `lexicon::LISTS` (or `criticise.txt`), by its bit.
#[derive(Clone, Copy)]
pub(crate) struct List(pub u32);

impl List {
    /// The list's bit in a [`mask`].
    pub(crate) const fn bit(self) -> u64 {
        1 << self.0
    }

    /// Whether `w` is in the list.
    pub(crate) fn contains(self, w: &str) -> bool {
        in_lists(w, self.bit()) != 0
    }
}

/// Verbs of criticism and praise whose object and complement are the
/// reported content (`words/cues/criticise.txt`), after the lexicon's lists.
pub(crate) const CRITICISE: List = List(LISTS.len() as u32);

/// Every listed word with the set of lists it is in, and a filter on first
/// byte and length so that most words of running text cost no hashing.
struct Masks {
    map: HashMap<&'static str, u64, BuildHasherDefault<Fnv>>,
    /// Per first letter (`a`..`z`, then any other byte) and length (up to
    /// 31), the lists that have such a word: most lookups stop here.
    pre: [[u64; 32]; 27],
}

/// The row of `Masks::pre` for a first byte.
fn pre_row(b: u8) -> usize {
    if b.is_ascii_lowercase() {
        usize::from(b - b'a')
    } else {
        26
    }
}

static MASKS: LazyLock<Masks> = LazyLock::new(|| {
    let files = LISTS
        .iter()
        .copied()
        .chain(std::iter::once(include_str!("words/cues/criticise.txt")));
    let mut map: HashMap<&'static str, u64, BuildHasherDefault<Fnv>> = HashMap::default();
    for (i, src) in files.enumerate() {
        for w in parse(src) {
            *map.entry(w).or_insert(0) |= 1 << i;
        }
    }
    let mut pre = [[0u64; 32]; 27];
    for (w, m) in &map {
        pre[pre_row(w.as_bytes()[0])][w.len().min(31)] |= m;
    }
    Masks { map, pre }
});

/// The lists of `bits` that `w` is in, one bit per list.
pub(crate) fn in_lists(w: &str, bits: u64) -> u64 {
    let m = &*MASKS;
    let Some(&b) = w.as_bytes().first() else {
        return 0;
    };
    if m.pre[pre_row(b)][w.len().min(31)] & bits == 0 {
        return 0;
    }
    m.map.get(w).copied().unwrap_or(0) & bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_without_comments_or_blanks() {
        let s = parse("# head\nfoo\n\n bar # note\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s, ["bar", "foo"]);
        assert!(CRITICISE.contains("accused") && !CRITICISE.contains("said"));
        assert!(!CRITICISE.contains("") && !CRITICISE.contains("a"));
    }

    #[test]
    fn every_list_is_lower_case_and_fits_the_mask() {
        assert!(LISTS.len() < 64, "one bit per list");
        for src in LISTS {
            let words = parse(src);
            assert!(!words.is_empty());
            assert!(words.iter().all(|w| *w == w.to_lowercase()));
        }
        assert_eq!(in_lists("zzzz", u64::MAX), 0);
        assert_ne!(in_lists("said", u64::MAX), 0);
    }
}
