//! A least-significant-digit radix sort of feature indices, for the hits
//! of one text (see [`super::featurizer`]).

/// Sorts feature indices below `bound` ascending. Short lists go to the
/// standard sort; longer ones to a least-significant-digit radix sort, whose
/// loops have no data-dependent branches.
pub(super) fn sort_indices(keys: &mut [u32], spare: &mut Vec<u32>, bound: usize) {
    if keys.len() <= 24 {
        keys.sort_unstable();
        return;
    }
    if spare.len() < keys.len() {
        spare.resize(keys.len(), 0);
    }
    let spare = &mut spare[..keys.len()];
    let bits = usize::BITS - bound.saturating_sub(1).leading_zeros();
    // Fixed digit widths let the compiler drop the bucket bounds checks.
    if bits <= 14 {
        radix_pass::<7>(keys, spare, 0);
        radix_pass::<7>(spare, keys, 7);
    } else if bits <= 16 {
        radix_pass::<8>(keys, spare, 0);
        radix_pass::<8>(spare, keys, 8);
    } else {
        for pass in 0..4 {
            if pass % 2 == 0 {
                radix_pass::<8>(keys, spare, 8 * pass);
            } else {
                radix_pass::<8>(spare, keys, 8 * pass);
            }
        }
    }
}

/// One stable counting-sort pass of `src` into `dst` by the `W`-bit digit
/// at `shift`.
#[inline]
fn radix_pass<const W: u32>(src: &[u32], dst: &mut [u32], shift: u32) {
    let mask = (1usize << W) - 1;
    let mut start = [0u32; 256];
    for &k in src {
        start[(k >> shift) as usize & mask] += 1;
    }
    let mut sum = 0;
    for s in start[..=mask].iter_mut() {
        let c = *s;
        *s = sum;
        sum += c;
    }
    for &k in src {
        let b = (k >> shift) as usize & mask;
        if let Some(d) = dst.get_mut(start[b] as usize) {
            *d = k;
        }
        start[b] += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_of_indices_matches_the_standard_sort() {
        // A fixed pseudo-random sequence (SplitMix64), with repeats.
        let mut rng = crate::splitmix::SeededRng::new(7);
        let mut next = move || rng.next_u64();
        let mut spare = Vec::new();
        // Bounds giving 1, 2, 3 and 4 passes; lengths on both sides of the
        // cut-over to the standard sort.
        for bound in [2usize, 200, 6_767, 13_822, 65_536, 70_000, 1 << 31] {
            for len in [0usize, 1, 24, 25, 100, 1_000] {
                let keys: Vec<u32> = (0..len).map(|_| (next() % bound as u64) as u32).collect();
                let mut want = keys.clone();
                want.sort_unstable();
                let mut got = keys.clone();
                sort_indices(&mut got, &mut spare, bound);
                assert_eq!(got, want, "bound {bound}, len {len}");
            }
        }
    }
}
