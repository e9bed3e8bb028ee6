//! SplitMix64 (Steele, Lea and Flood 2014): the crate's one fixed 64-bit
//! mixer, and the small seeded generator built on it.
//!
//! [`mix64`] is a step of the n-gram key function
//! ([`crate::analysis::keys`]), which is part of the model file format: its
//! constants must never change.

/// The golden-ratio increment of the SplitMix64 sequence.
const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// SplitMix64's output function applied to `z`: adds the increment, then
/// runs the finaliser. A fixed bijection of `u64`; part of the model format
/// (n-gram keys are built with it).
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(GAMMA);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A small seeded generator (SplitMix64) for shuffles and fold assignment:
/// the same seed gives the same sequence on every platform.
#[derive(Debug, Clone)]
pub struct SeededRng(u64);

impl SeededRng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        SeededRng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let z = self.0;
        self.0 = z.wrapping_add(GAMMA);
        mix64(z)
    }

    /// A uniform index below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_is_splitmix64s() {
        // The published SplitMix64 outputs for seed 0 (as in the reference
        // C implementation by Vigna).
        let mut r = SeededRng::new(0);
        assert_eq!(r.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(r.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        assert_eq!(r.next_u64(), 0x06c4_5d18_8009_454f);
    }

    #[test]
    fn mix64_is_the_output_of_one_step() {
        let mut r = SeededRng::new(12345);
        assert_eq!(r.next_u64(), mix64(12345));
    }

    #[test]
    fn below_stays_below_and_shuffle_permutes() {
        let mut r = SeededRng::new(9);
        assert!((0..1000).all(|_| r.below(7) < 7));
        let mut v: Vec<u32> = (0..50).collect();
        r.shuffle(&mut v);
        assert_ne!(v, (0..50).collect::<Vec<_>>());
        v.sort_unstable();
        assert_eq!(v, (0..50).collect::<Vec<_>>());
    }
}
