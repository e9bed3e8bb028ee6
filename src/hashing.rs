//! The hashers of the in-memory maps on the prediction path (never
//! persisted; the persisted n-gram key function is
//! [`crate::analysis::keys`]).
//!
//! * [`KeyMap`]: keyed by n-gram keys, which are already well-mixed 64-bit
//!   hashes, so the key is its own hash (nohash-hasher), sparing a SipHash
//!   per lookup.
//! * [`TermMap`]: keyed by short strings (tokens), with rustc's FxHash
//!   (rustc-hash). Not resistant to crafted collisions: it only keys bounded
//!   memos, where collisions cost time, never correctness.

use std::collections::HashMap;

/// A map from n-gram key to `V`, the key being its own hash.
pub type KeyMap<V> = HashMap<u64, V, nohash_hasher::BuildNoHashHasher<u64>>;

/// A map keyed by short strings, hashed with FxHash.
pub type TermMap<V> = rustc_hash::FxHashMap<String, V>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn keys_are_their_own_hash() {
        let b = nohash_hasher::BuildNoHashHasher::<u64>::default();
        assert_eq!(b.hash_one(0xdead_beef_u64), 0xdead_beef);
        let mut m: KeyMap<u32> = KeyMap::default();
        m.insert(u64::MAX, 1);
        m.insert(1 << 63, 2);
        assert_eq!((m.get(&u64::MAX), m.get(&(1 << 63))), (Some(&1), Some(&2)));
    }

    #[test]
    fn term_maps_tell_near_strings_apart() {
        let mut m: TermMap<u32> = TermMap::default();
        let words = [
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "",
        ];
        for (i, w) in words.iter().enumerate() {
            m.insert((*w).to_owned(), i as u32);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(*w), Some(&(i as u32)), "{w:?}");
        }
        assert_eq!(m.get("sanctions"), None);
    }
}
