//! Chi-squared feature selection over sparse, non-negative rows (as
//! scikit-learn's `chi2`), used to cut the vocabulary to a size the dense
//! solver can take.

use crate::features::SparseRow;

/// Chi-squared score of every feature against the classes `y` (indices in
/// `0..n_classes`): `Σ_c (O_cj − E_cj)² / E_cj` with `O_cj` the sum of feature
/// `j` over class `c` and `E_cj` its total times the class frequency.
pub fn chi2_scores(
    rows: &[&SparseRow],
    y: &[usize],
    n_classes: usize,
    n_features: usize,
) -> Vec<f64> {
    let n = rows.len() as f64;
    let mut observed = vec![0.0f64; n_classes * n_features];
    let mut totals = vec![0.0f64; n_features];
    let mut class_freq = vec![0.0f64; n_classes];
    for (row, &c) in rows.iter().zip(y) {
        class_freq[c] += 1.0;
        for (j, v) in row.iter() {
            let j = j as usize;
            observed[c * n_features + j] += v as f64;
            totals[j] += v as f64;
        }
    }
    let mut scores = vec![0.0; n_features];
    for j in 0..n_features {
        if totals[j] == 0.0 {
            continue;
        }
        let mut s = 0.0;
        for c in 0..n_classes {
            let e = totals[j] * class_freq[c] / n;
            if e > 0.0 {
                let d = observed[c * n_features + j] - e;
                s += d * d / e;
            }
        }
        scores[j] = s;
    }
    scores
}

/// The `k` best-scoring features among `candidates` (those with a positive
/// score), plus every feature in `always`, as sorted indices.
pub fn select_top(
    scores: &[f64],
    k: usize,
    candidates: std::ops::Range<usize>,
    always: std::ops::Range<usize>,
) -> Vec<u32> {
    let mut ranked: Vec<usize> = candidates.filter(|&j| scores[j] > 0.0).collect();
    if ranked.len() > k {
        ranked.select_nth_unstable_by(k, |&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
        ranked.truncate(k);
    }
    let mut out: Vec<u32> = ranked.into_iter().chain(always).map(|j| j as u32).collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pairs: &[(u32, f32)]) -> SparseRow {
        SparseRow {
            indices: pairs.iter().map(|p| p.0).collect(),
            values: pairs.iter().map(|p| p.1).collect(),
        }
    }

    #[test]
    fn chi2_matches_hand_computation() {
        // Feature 0 only in class 0; feature 1 evenly spread.
        let rows = [
            row(&[(0, 1.0), (1, 1.0)]),
            row(&[(0, 1.0), (1, 1.0)]),
            row(&[(1, 1.0)]),
            row(&[(1, 1.0)]),
        ];
        let refs: Vec<&SparseRow> = rows.iter().collect();
        let s = chi2_scores(&refs, &[0, 0, 1, 1], 2, 3);
        // Feature 0: total 2, E = 1 per class, O = (2, 0): (1 + 1) = 2.
        assert!((s[0] - 2.0).abs() < 1e-12);
        assert!(s[1].abs() < 1e-12);
        assert_eq!(s[2], 0.0);
        assert_eq!(select_top(&s, 1, 0..3, 2..3), vec![0, 2]);
    }
}
