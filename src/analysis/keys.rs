//! N-gram keys: the 64-bit hash of a word or character n-gram.
//!
//! **Part of the model file format: these functions must not change.** A
//! saved model stores its vocabulary as n-gram texts and re-keys them with
//! [`word_key_of_text`] and [`char_key_of_text`] when loaded, while text to
//! classify is keyed as it is analysed ([`word_key`], [`char_key_of_text`]);
//! any change to the constants or the steps below makes every saved model
//! silently miss its features. The tests pin the values.
//!
//! The function, specified here once:
//!
//! * a stem's hash is FNV-1a 64 of its UTF-8 bytes (offset basis
//!   `0xcbf29ce484222325`, prime `0x100000001b3`), passed through
//!   [`mix64`] (SplitMix64's output function); a negated stem is hashed as
//!   its text with the [`NEGATION_PREFIX`](super::negation::NEGATION_PREFIX)
//!   in front (`!support`);
//! * a word n-gram of `n` stems starts from `mix64(0x5157_4f52_4400_0000 ^
//!   n)` and folds each stem hash in with `k = mix64(k ^ h)`; its text is
//!   the stems joined by single spaces;
//! * a character n-gram's key is FNV-1a 64 of its UTF-8 bytes with the
//!   offset basis xor-ed with `0x4348_4152`, passed through [`mix64`], with
//!   the top bit cleared.

use crate::splitmix::mix64;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const WORD_SEED: u64 = 0x5157_4f52_4400_0000;
const CHAR_SEED: u64 = 0x4348_4152;

#[inline]
fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    let mut h = FNV_OFFSET ^ seed;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The hash of one stem (FNV-1a 64 of its UTF-8 bytes, mixed).
#[inline]
pub fn stem_hash(stem: &str) -> u64 {
    mix64(fnv1a(stem.as_bytes(), 0))
}

/// The hash of a negated stem: the hash of `!` followed by the stem.
pub(crate) fn negated_hash(stem: &str) -> u64 {
    let mut s = String::with_capacity(stem.len() + 1);
    s.push(super::negation::NEGATION_PREFIX);
    s.push_str(stem);
    stem_hash(&s)
}

/// The key of the word n-gram whose stems have these hashes, in order.
#[inline]
pub fn word_key(hashes: &[u64]) -> u64 {
    let mut k = mix64(WORD_SEED ^ hashes.len() as u64);
    for &h in hashes {
        k = mix64(k ^ h);
    }
    k
}

/// The key of a word n-gram given its text: stems separated by single spaces
/// (a negated stem starts with `!`).
pub fn word_key_of_text(text: &str) -> u64 {
    let hashes: Vec<u64> = text.split(' ').map(stem_hash).collect();
    word_key(&hashes)
}

/// The key of a character n-gram given its text. Its top bit is always
/// clear: vocabulary building tags character keys with that bit in a map
/// shared with word keys.
#[inline]
pub fn char_key_of_text(text: &str) -> u64 {
    mix64(fnv1a(text.as_bytes(), CHAR_SEED)) & !(1 << 63)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_pinned_because_saved_models_depend_on_them() {
        assert_eq!(stem_hash("sanction"), 0x5ccb_85e3_e5f6_0d57);
        assert_eq!(
            word_key_of_text("strateg partnership"),
            0xfa96_d3c9_4c7f_5dc0
        );
        assert_eq!(word_key_of_text("!support"), 0x96bd_b2be_4463_5e42);
        assert_eq!(word_key_of_text("u.s"), 0x02e8_aba2_3b84_be7f);
        assert_eq!(char_key_of_text(" ky"), 0x4383_ade0_1b17_1ad5);
        assert_eq!(char_key_of_text("iv "), 0x5e54_e88d_00db_106e);
    }

    #[test]
    fn a_word_key_from_hashes_equals_the_key_from_text() {
        let hashes = [stem_hash("strateg"), stem_hash("partnership")];
        assert_eq!(word_key(&hashes), word_key_of_text("strateg partnership"));
        assert_eq!(
            word_key(&[negated_hash("support")]),
            word_key_of_text("!support")
        );
    }

    #[test]
    fn order_and_length_change_the_key() {
        let ab = word_key_of_text("a b");
        assert_ne!(ab, word_key_of_text("b a"));
        assert_ne!(word_key_of_text("a"), stem_hash("a"));
        assert_ne!(word_key_of_text("ab"), ab);
    }

    #[test]
    fn character_keys_never_have_the_top_bit() {
        for t in [" a", "a ", " kyiv ", "ії", "xyz"] {
            assert_eq!(char_key_of_text(t) >> 63, 0, "{t:?}");
        }
    }
}
