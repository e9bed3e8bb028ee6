//! Fast hashers for the prediction path's in-memory maps (never persisted).
//!
//! * [`KeyHasher`]: for n-gram keys, which are already well-mixed 64-bit
//!   hashes ([`crate::analysis::mix64`] is their last step): the key is its
//!   own hash, sparing a SipHash per lookup.
//! * [`TermHasher`]: for short strings (tokens), eight bytes at a time in the
//!   manner of rustc's FxHash. Not resistant to crafted collisions: it only
//!   keys bounded memos, where collisions cost time, never correctness.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher whose `u64` input is its output (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Not used for `u64` keys; kept sound for any other use.
        for &b in bytes {
            self.0 = crate::analysis::mix64(self.0 ^ b as u64);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map from n-gram key to feature index.
pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// A fast hasher for short strings (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct TermHasher(u64);

impl TermHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for TermHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // hashbrown takes its 7-bit tag from the top bits: mix them.
        crate::analysis::mix64(self.0)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// A map keyed by short strings.
pub type TermMap<V> = HashMap<String, V, BuildHasherDefault<TermHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn term_hashes_differ_for_near_strings() {
        let b = BuildHasherDefault::<TermHasher>::default();
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
        let hashes: Vec<u64> = words.iter().map(|w| b.hash_one(w)).collect();
        for i in 0..hashes.len() {
            for j in i + 1..hashes.len() {
                assert_ne!(hashes[i], hashes[j], "{:?} {:?}", words[i], words[j]);
            }
        }
        let mut m: TermMap<u32> = TermMap::default();
        m.insert("sanction".into(), 1);
        assert_eq!(m.get("sanction"), Some(&1));
        assert_eq!(m.get("sanctions"), None);
    }

    #[test]
    fn keys_are_their_own_hash() {
        let b = BuildHasherDefault::<KeyHasher>::default();
        assert_eq!(b.hash_one(0xdead_beef_u64), 0xdead_beef);
    }
}
