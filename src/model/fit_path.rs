//! The penalty path of one target: feature selection, the dense or sparse
//! solver chosen by size, class balance, and every alpha fitted warm-started.

use std::time::Instant;

use ndarray::Array2;

use super::params::{
    SolverChoice, StanceValidParams, DENSE_CELLS, DENSE_MIN_FILL, SPAN_MAX_ROWS, SPAN_MIN_RATIO,
};
use super::report::{SolverKind, Timings};
use super::select;
use super::solver::{fit_softmax, SolverOutput, SolverSettings};
use super::span::Span;
use super::sparse::{fit_softmax_sparse, Csr, Design};
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

/// Whether the sparse solver should run in the rows' span (`span`): when
/// the columns outnumber the rows several times over, and the rows are few
/// enough for the factorisation (about n³/6 operations) to cost less than
/// the passes it saves.
fn use_span(x: &Csr) -> bool {
    x.n_rows() <= SPAN_MAX_ROWS && x.n_rows().saturating_mul(SPAN_MIN_RATIO) <= x.n_cols()
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

    /// Selects features once, then fits every alpha (warm-started, in the
    /// given order) for each class-balance setting in `balances`: one
    /// [`Fitted`] per setting, in that order. The sparse design (and its
    /// span) is built once and shared by the settings that take that path.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn fit_path(
        &self,
        vectorizer: &Vectorizer,
        rows: &[&SparseRow],
        y: &[usize],
        n_classes: usize,
        alphas: &[f64],
        balances: &[bool],
        timings: &mut Timings,
    ) -> Result<Vec<Fitted>> {
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
        // Auto's fill test is the same for every balance setting: count once.
        let nnz =
            (self.solver == SolverChoice::Auto).then(|| non_zeros(rows, &selected, n_features));
        let mut sparse: Option<(Csr, Option<Span>)> = None;
        let mut fits = Vec::with_capacity(balances.len());
        for &balance in balances {
            let kind = self.solver_kind(rows.len(), y, n_classes, selected.len(), nnz, balance);
            let data = (rows, y, n_classes);
            let (outputs, examples) = match kind {
                SolverKind::Dense => {
                    self.fit_dense(data, &selected, n_features, alphas, balance, timings)?
                }
                SolverKind::Sparse => {
                    let (x, span) = sparse.get_or_insert_with(|| {
                        let t = Instant::now();
                        let x = Csr::from_rows(rows, &selected, n_features);
                        let span = use_span(&x).then(|| Span::new(&x));
                        timings.densifying += t.elapsed().as_secs_f64();
                        (x, span)
                    });
                    self.fit_sparse(data, (x, span.as_ref()), alphas, balance, timings)?
                }
            };
            fits.push(Fitted {
                selected: selected.clone(),
                outputs,
                examples,
                solver: kind,
                balance,
            });
        }
        Ok(fits)
    }

    /// The path [`SolverChoice::Auto`] takes, or the one asked for: `nnz`
    /// is the rows' non-zeros in the `kept` columns (counted for `Auto`).
    fn solver_kind(
        &self,
        n_rows: usize,
        y: &[usize],
        n_classes: usize,
        kept: usize,
        nnz: Option<usize>,
        balance: bool,
    ) -> SolverKind {
        match (self.solver, nnz) {
            (SolverChoice::Dense, _) => SolverKind::Dense,
            (SolverChoice::Sparse, _) | (SolverChoice::Auto, None) => SolverKind::Sparse,
            (SolverChoice::Auto, Some(nnz)) => {
                let examples = if balance {
                    let f = balance_factors(y, n_classes);
                    y.iter().map(|&c| f[c]).sum()
                } else {
                    n_rows
                };
                let cells = n_rows.saturating_mul(kept);
                let small = examples.saturating_mul(kept) <= DENSE_CELLS;
                if small && nnz * DENSE_MIN_FILL >= cells {
                    SolverKind::Dense
                } else {
                    SolverKind::Sparse
                }
            }
        }
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
    /// rows, so the same optimum), L-BFGS over CSR rows, or over the rows'
    /// coordinates in their span when `span` is given.
    fn fit_sparse(
        &self,
        (rows, y, n_classes): (&[&SparseRow], &[usize], usize),
        (x, span): (&Csr, Option<&Span>),
        alphas: &[f64],
        balance: bool,
        timings: &mut Timings,
    ) -> Result<(Vec<SolverOutput>, usize)> {
        let weights: Option<Vec<f64>> = balance.then(|| {
            let f = balance_factors(y, n_classes);
            let total: usize = y.iter().map(|&c| f[c]).sum();
            let norm = rows.len() as f64 / total.max(1) as f64;
            y.iter().map(|&c| f[c] as f64 * norm).collect()
        });
        let t1 = Instant::now();
        let design = span.map_or(Design::Sparse(x), Span::design);
        let mut outputs: Vec<SolverOutput> = Vec::with_capacity(alphas.len());
        for &alpha in alphas {
            let out = fit_softmax_sparse(
                design,
                y,
                weights.as_deref(),
                n_classes,
                &self.solver_settings(alpha),
                outputs.last(),
            )?;
            outputs.push(out);
        }
        if let Some(span) = span {
            for out in &mut outputs {
                out.weights = span.weights(x, &out.weights);
            }
        }
        timings.solver += t1.elapsed().as_secs_f64();
        Ok((outputs, rows.len()))
    }
}
