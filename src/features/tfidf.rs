//! TF-IDF weighting: idf values, term-frequency weights, and the one
//! function that turns a block's `(index, count)` pairs into its
//! L2-normalised values in a row (both transform paths end here).

use super::sparse::SparseRow;

/// The idf of a term in `df` of `n` texts: `ln((1 + n) / (1 + df)) + 1`
/// smoothed, else `ln(n / df) + 1`.
pub(super) fn idf_value(n: usize, df: usize, smooth: bool) -> f64 {
    if smooth {
        ((1.0 + n as f64) / (1.0 + df as f64)).ln() + 1.0
    } else {
        (n as f64 / df as f64).ln() + 1.0
    }
}

/// Term frequency weights: `1 + ln(count)` (sublinear) or `count`, looked
/// up for small counts (computed once, by the same arithmetic, so the
/// values are bit for bit those computed on the spot).
pub(super) struct TfTable {
    sublinear: bool,
    table: &'static [f32; TF_TABLE_LEN],
}

const TF_TABLE_LEN: usize = 64;

impl TfTable {
    #[inline]
    pub(super) fn get(sublinear: bool) -> TfTable {
        static SUBLINEAR: std::sync::OnceLock<[f32; TF_TABLE_LEN]> = std::sync::OnceLock::new();
        static RAW: std::sync::OnceLock<[f32; TF_TABLE_LEN]> = std::sync::OnceLock::new();
        let table = if sublinear {
            SUBLINEAR.get_or_init(|| std::array::from_fn(|c| Self::compute(true, c as u32)))
        } else {
            RAW.get_or_init(|| std::array::from_fn(|c| Self::compute(false, c as u32)))
        };
        TfTable { sublinear, table }
    }

    fn compute(sublinear: bool, count: u32) -> f32 {
        if count == 1 {
            // 1 + ln 1 = 1 exactly.
            1.0
        } else if sublinear {
            1.0 + (count as f32).ln()
        } else {
            count as f32
        }
    }

    #[inline]
    pub(super) fn tf(&self, count: u32) -> f32 {
        match self.table.get(count as usize) {
            Some(&w) => w,
            None => Self::compute(self.sublinear, count),
        }
    }
}

/// Appends one n-gram block to `row`: each `(index, count)` pair, in
/// increasing index order, becomes `offset + index` with value
/// `tf(count) * idf[index]`, and the block is L2-normalised on its own (the
/// squares summed in index order). A block whose norm is zero adds nothing.
#[inline]
pub(super) fn append_block(
    row: &mut SparseRow,
    offset: usize,
    idf: &[f32],
    tf: &TfTable,
    entries: impl ExactSizeIterator<Item = (u32, u32)>,
) {
    // Written in place (no `push` per entry): this runs for every block of
    // every text classified.
    let start = row.values.len();
    row.indices.resize(start + entries.len(), 0);
    row.values.resize(start + entries.len(), 0.0);
    let offset = offset as u32;
    let mut norm2 = 0.0f32;
    let mut n = 0;
    let slots = row.indices[start..]
        .iter_mut()
        .zip(&mut row.values[start..]);
    for ((index, value), (i, count)) in slots.zip(entries) {
        let v = tf.tf(count) * idf[i as usize];
        norm2 += v * v;
        *index = offset + i;
        *value = v;
        n += 1;
    }
    let norm = norm2.sqrt();
    let end = if norm > 0.0 { start + n } else { start };
    row.indices.truncate(end);
    row.values.truncate(end);
    for v in &mut row.values[start..] {
        *v /= norm;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_exactly_the_computed_weights() {
        for sublinear in [true, false] {
            let t = TfTable::get(sublinear);
            for c in 1..200u32 {
                assert_eq!(
                    t.tf(c).to_bits(),
                    TfTable::compute(sublinear, c).to_bits(),
                    "{c}"
                );
            }
        }
        assert_eq!(TfTable::get(true).tf(1), 1.0);
        assert_eq!(TfTable::get(false).tf(7), 7.0);
    }

    #[test]
    fn idf_matches_the_formulas() {
        assert!((idf_value(3, 1, true) - (2.0f64.ln() + 1.0)).abs() < 1e-12);
        assert!((idf_value(4, 2, false) - (2.0f64.ln() + 1.0)).abs() < 1e-12);
        assert_eq!(idf_value(5, 5, false), 1.0);
    }

    #[test]
    fn a_block_is_weighted_offset_and_normalised() {
        let mut row = SparseRow {
            indices: vec![0],
            values: vec![9.0],
        };
        let idf = [1.0, 2.0, 3.0];
        let tf = TfTable::get(false);
        append_block(&mut row, 10, &idf, &tf, [(0, 3), (2, 1)].into_iter());
        assert_eq!(row.indices, vec![0, 10, 12]);
        // (3 * 1, 1 * 3) / sqrt(18)
        let n = 18.0f32.sqrt();
        assert_eq!(row.values, vec![9.0, 3.0 / n, 3.0 / n]);
        append_block(&mut row, 20, &idf, &tf, std::iter::empty());
        assert_eq!(row.nnz(), 3);
    }
}
