//! Stemming with its memo: each distinct token is stemmed (Snowball
//! English, rust-stemmers) and hashed once, then named by a dense id.
//!
//! Precondition: tokens are lower-cased beforehand (the token stream does
//! it); the stemmer is not asked to fold case.

use rust_stemmers::{Algorithm, Stemmer};

use super::keys::stem_hash;
use crate::hashing::TermMap;

/// Upper bound on memoised stems before the memo is cleared (between texts),
/// so memory stays flat on endless streams. Tiny in unit tests, so they
/// cross it.
#[cfg(not(test))]
pub(crate) const MEMO_CAPACITY: usize = 200_000;
#[cfg(test)]
pub(crate) const MEMO_CAPACITY: usize = 64;

/// A memo from token to stem id, with each id's stem and stem hash.
///
/// Ids are dense, from 0 in order of first sight; they stay valid until
/// [`StemMemo::clear_if_full`] clears the memo, which changes
/// [`StemMemo::generation`].
pub(crate) struct StemMemo {
    stemmer: Option<Stemmer>,
    memo: TermMap<u32>,
    generation: u32,
    stems: Vec<(String, u64)>,
}

impl StemMemo {
    /// A memo that stems (`stem`) or keeps tokens as they are.
    pub(crate) fn new(stem: bool) -> Self {
        StemMemo {
            stemmer: stem.then(|| Stemmer::create(Algorithm::English)),
            memo: TermMap::default(),
            generation: 0,
            stems: Vec::new(),
        }
    }

    /// The id of a lower-cased token, stemming it on first sight.
    #[inline]
    pub(crate) fn id(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.memo.get(token) {
            return id;
        }
        let stem = match &self.stemmer {
            Some(s) => s.stem(token).into_owned(),
            None => token.to_owned(),
        };
        let h = stem_hash(&stem);
        let id = self.stems.len() as u32;
        self.stems.push((stem, h));
        self.memo.insert(token.to_owned(), id);
        id
    }

    /// The stem of `id`.
    #[inline]
    pub(crate) fn stem(&self, id: u32) -> &str {
        &self.stems[id as usize].0
    }

    /// The stem hash of `id` ([`stem_hash`] of its stem).
    #[inline]
    pub(crate) fn hash(&self, id: u32) -> u64 {
        self.stems[id as usize].1
    }

    /// Changes whenever the memo is cleared (ids are then reused).
    #[inline]
    pub(crate) fn generation(&self) -> u32 {
        self.generation
    }

    /// Distinct tokens memoised.
    pub(crate) fn len(&self) -> usize {
        self.memo.len()
    }

    /// Clears the memo once it holds [`MEMO_CAPACITY`] tokens. Call only
    /// between texts: a text's ids must stay valid until its n-grams are
    /// emitted.
    pub(crate) fn clear_if_full(&mut self) {
        if self.memo.len() >= MEMO_CAPACITY {
            self.memo.clear();
            self.stems.clear();
            self.generation = self.generation.wrapping_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stemmed_once_and_keep_their_id() {
        let mut m = StemMemo::new(true);
        let a = m.id("partnerships");
        let b = m.id("strengthening");
        assert_eq!((a, b), (0, 1));
        assert_eq!(m.id("partnerships"), a);
        assert_eq!(m.stem(a), "partnership");
        assert_eq!(m.stem(b), "strengthen");
        assert_eq!(m.hash(b), stem_hash("strengthen"));
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn without_stemming_the_stem_is_the_token() {
        let mut m = StemMemo::new(false);
        let id = m.id("sanctions");
        assert_eq!(m.stem(id), "sanctions");
    }

    #[test]
    fn a_full_memo_is_cleared_and_changes_generation() {
        let mut m = StemMemo::new(true);
        for i in 0..MEMO_CAPACITY - 1 {
            m.id(&format!("w{i}"));
        }
        m.clear_if_full();
        assert_eq!((m.generation(), m.len()), (0, MEMO_CAPACITY - 1));
        m.id("one more");
        m.clear_if_full();
        assert_eq!((m.generation(), m.len()), (1, 0));
        assert_eq!(m.id("talks"), 0);
        assert_eq!(m.stem(0), "talk");
    }
}
