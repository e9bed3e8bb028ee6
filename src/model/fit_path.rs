//! The penalty path of one target: feature selection, the dense or sparse
//! solver chosen by size, class balance, and every alpha fitted warm-started.

use std::time::Instant;

use ndarray::Array2;

use super::params::{SolverChoice, StanceValidParams, DENSE_CELLS, DENSE_MIN_FILL};
use super::report::{SolverKind, Timings};
use super::select;
use super::solver::{fit_softmax, SolverOutput, SolverSettings};
use super::sparse::{fit_softmax_sparse, Csr};
use crate::error::Result;
use crate::features::{SparseRow, Vectorizer};

/// Builds the dense design matrix of the selected features.
fn densify(rows: &[&SparseRow], selected: &[u32], n_features: usize) -> Array2<f64> {
    let mut lookup = vec![u32::MAX; n_features];
    for (i, &f) in selected.iter().enumerate() {
        lookup[f as usize] = i as u32;
    }
    let mut x = Array2::<f64>::zeros((rows.len(), selected.len()));
    for (r, row) in rows.iter().enumerate() {
        for (j, v) in row.iter() {
            let l = lookup[j as usize];
            if l != u32::MAX {
                x[[r, l as usize]] = v as f64;
            }
        }
    }
    x
}

/// The non-zeros of `rows` in the `selected` columns.
fn non_zeros(rows: &[&SparseRow], selected: &[u32], n_features: usize) -> usize {
    let mut keep = vec![false; n_features];
    for &f in selected {
        keep[f as usize] = true;
    }
    rows.iter()
        .map(|r| r.iter().filter(|&(j, _)| keep[j as usize]).count())
        .sum()
}

/// Row replication factors that roughly balance classes.
pub(super) fn balance_factors(y: &[usize], n_classes: usize) -> Vec<usize> {
    let mut counts = vec![0usize; n_classes];
    for &c in y {
        counts[c] += 1;
    }
    let max = *counts.iter().max().unwrap_or(&1);
    counts
        .iter()
        .map(|&n| {
            if n == 0 {
                1
            } else {
                ((max as f64 / n as f64).round() as usize).max(1)
            }
        })
        .collect()
}

/// Everything a fit of one target on some rows produces.
pub(super) struct Fitted {
    pub(super) selected: Vec<u32>,
    pub(super) outputs: Vec<SolverOutput>,
    pub(super) examples: usize,
    pub(super) solver: SolverKind,
    pub(super) balance: bool,
}

impl StanceValidParams {
    fn solver_settings(&self, alpha: f64) -> SolverSettings {
        SolverSettings {
            alpha,
            max_iterations: self.max_iterations,
            gradient_tolerance: self.gradient_tolerance,
            precision: self.precision,
        }
    }

    /// Selects features, densifies and fits every alpha (warm-started, in the
    /// given order), with or without class balance.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn fit_path(
        &self,
        vectorizer: &Vectorizer,
        rows: &[&SparseRow],
        y: &[usize],
        n_classes: usize,
        alphas: &[f64],
        balance: bool,
        timings: &mut Timings,
    ) -> Result<Fitted> {
        let t0 = Instant::now();
        let n_features = vectorizer.n_features();
        let scores = select::chi2_scores(rows, y, n_classes, n_features);
        let ngrams = 0..vectorizer.speaker_feature_range().start;
        let selected = select::select_top(
            &scores,
            self.selected_features,
            ngrams,
            vectorizer.speaker_feature_range(),
        );
        timings.densifying += t0.elapsed().as_secs_f64();
        let examples = if balance {
            let f = balance_factors(y, n_classes);
            y.iter().map(|&c| f[c]).sum()
        } else {
            rows.len()
        };
        let kind = match self.solver {
            SolverChoice::Dense => SolverKind::Dense,
            SolverChoice::Sparse => SolverKind::Sparse,
            SolverChoice::Auto => {
                let cells = rows.len().saturating_mul(selected.len());
                let small = examples.saturating_mul(selected.len()) <= DENSE_CELLS;
                if small && non_zeros(rows, &selected, n_features) * DENSE_MIN_FILL >= cells {
                    SolverKind::Dense
                } else {
                    SolverKind::Sparse
                }
            }
        };
        let (outputs, examples) = match kind {
            SolverKind::Dense => {
                let data = (rows, y, n_classes);
                self.fit_dense(data, &selected, n_features, alphas, balance, timings)?
            }
            SolverKind::Sparse => {
                let data = (rows, y, n_classes);
                self.fit_sparse(data, &selected, n_features, alphas, balance, timings)?
            }
        };
        Ok(Fitted {
            selected,
            outputs,
            examples,
            solver: kind,
            balance,
        })
    }

    /// The dense path: class balance by replicated rows, linfa-logistic.
    fn fit_dense(
        &self,
        (rows, y, n_classes): (&[&SparseRow], &[usize], usize),
        selected: &[u32],
        n_features: usize,
        alphas: &[f64],
        balance: bool,
        timings: &mut Timings,
    ) -> Result<(Vec<SolverOutput>, usize)> {
        let t0 = Instant::now();
        let (rows_used, y_used): (Vec<&SparseRow>, Vec<usize>) = if balance {
            let f = balance_factors(y, n_classes);
            rows.iter()
                .zip(y)
                .flat_map(|(r, &c)| std::iter::repeat_n((*r, c), f[c]))
                .unzip()
        } else {
            (rows.to_vec(), y.to_vec())
        };
        let x = densify(&rows_used, selected, n_features);
        timings.densifying += t0.elapsed().as_secs_f64();
        // The loss is a sum over rows, so replicated rows would weaken the
        // penalty; scaling it by the replication keeps `alpha` meaning the
        // same with or without balance (the total weight stays the number of
        // examples, as with scikit-learn's `class_weight="balanced"`).
        let scale = rows_used.len() as f64 / rows.len().max(1) as f64;
        let t1 = Instant::now();
        let mut outputs: Vec<SolverOutput> = Vec::with_capacity(alphas.len());
        for &alpha in alphas {
            let out = fit_softmax(
                x.view(),
                &y_used,
                n_classes,
                &self.solver_settings(alpha * scale),
                outputs.last(),
            )?;
            outputs.push(out);
        }
        timings.solver += t1.elapsed().as_secs_f64();
        Ok((outputs, y_used.len()))
    }

    /// The sparse path: class balance by sample weights (the same factors
    /// as the dense path's replication, normalised to sum to the number of
    /// rows, so the same optimum), L-BFGS over CSR rows.
    fn fit_sparse(
        &self,
        (rows, y, n_classes): (&[&SparseRow], &[usize], usize),
        selected: &[u32],
        n_features: usize,
        alphas: &[f64],
        balance: bool,
        timings: &mut Timings,
    ) -> Result<(Vec<SolverOutput>, usize)> {
        let t0 = Instant::now();
        let x = Csr::from_rows(rows, selected, n_features);
        let weights: Option<Vec<f64>> = balance.then(|| {
            let f = balance_factors(y, n_classes);
            let total: usize = y.iter().map(|&c| f[c]).sum();
            let norm = rows.len() as f64 / total.max(1) as f64;
            y.iter().map(|&c| f[c] as f64 * norm).collect()
        });
        timings.densifying += t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        let mut outputs: Vec<SolverOutput> = Vec::with_capacity(alphas.len());
        for &alpha in alphas {
            let out = fit_softmax_sparse(
                &x,
                y,
                weights.as_deref(),
                n_classes,
                &self.solver_settings(alpha),
                outputs.last(),
            )?;
            outputs.push(out);
        }
        timings.solver += t1.elapsed().as_secs_f64();
        Ok((outputs, rows.len()))
    }
}
