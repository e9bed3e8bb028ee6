//! Sparse feature rows.

/// A sparse feature row: sorted, distinct indices and their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseRow {
    /// Feature indices, strictly increasing.
    pub indices: Vec<u32>,
    /// Values, one per index.
    pub values: Vec<f32>,
}

impl SparseRow {
    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Removes every entry, keeping the allocations.
    pub fn clear(&mut self) {
        self.indices.clear();
        self.values.clear();
    }

    /// `(index, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.indices
            .iter()
            .copied()
            .zip(self.values.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cleared_row_is_empty_and_iterates_pairs_before() {
        let mut row = SparseRow {
            indices: vec![1, 4],
            values: vec![0.5, 0.25],
        };
        assert_eq!(row.iter().collect::<Vec<_>>(), vec![(1, 0.5), (4, 0.25)]);
        assert_eq!(row.nnz(), 2);
        row.clear();
        assert_eq!((row.nnz(), row.iter().count()), (0, 0));
    }
}
