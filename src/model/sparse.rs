//! The sparse solver: the multinomial log-loss and its gradient computed over
//! CSR rows, minimised with argmin's L-BFGS (memory 10, More-Thuente line
//! search: the optimiser linfa-logistic wraps, at the same argmin version).
//!
//! The objective is the one of the dense path,
//! `Σ_i s_i (lse(z_i) - z_{i,y_i}) + alpha/2 ||W||²` with `z_i = x_i W + b`:
//! a sum over samples, intercept unpenalised, and each row's log-sum-exp taken after subtracting that row's
//! own maximum (linfa subtracts one global maximum, which breaks on large
//! logits: `shared/notes/linfa-logistic.md`). Sample weights `s_i` are
//! honoured, so classes are balanced without replicating rows. A pass costs
//! time in proportion to the stored non-zeros, not to rows × features, so a
//! target can keep its whole vocabulary.

use std::cell::RefCell;

use argmin::core::{CostFunction, Executor, Gradient};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use ndarray::{Array1, Array2};

use super::solver::{SolverOutput, SolverSettings};
use super::span::Span;
use crate::error::{Error, Result};
use crate::features::SparseRow;

/// Rows in compressed sparse row form, columns renumbered to a selection.
#[derive(Debug, Clone)]
pub struct Csr {
    indptr: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
    n_cols: usize,
}

impl Csr {
    /// Keeps the columns in `selected` (sorted feature indices below
    /// `n_features`), renumbered `0..selected.len()`.
    pub fn from_rows(rows: &[&SparseRow], selected: &[u32], n_features: usize) -> Csr {
        let mut lookup = vec![u32::MAX; n_features];
        for (i, &f) in selected.iter().enumerate() {
            lookup[f as usize] = i as u32;
        }
        let mut indptr = Vec::with_capacity(rows.len() + 1);
        indptr.push(0);
        let mut indices = Vec::new();
        let mut values = Vec::new();
        for row in rows {
            for (j, v) in row.iter() {
                let l = lookup[j as usize];
                if l != u32::MAX {
                    indices.push(l);
                    values.push(v);
                }
            }
            indptr.push(indices.len());
        }
        Csr {
            indptr,
            indices,
            values,
            n_cols: selected.len(),
        }
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// Row `i`'s non-zeros, `(column, value)`.
    pub(super) fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.indptr[i]..self.indptr[i + 1];
        self.indices[r.clone()]
            .iter()
            .zip(&self.values[r])
            .map(|(&j, &v)| (j as usize, v as f64))
    }
}

/// The rows a fit sees: CSR rows over the kept columns, or the rows'
/// coordinates in their span (`span`). Only the two products differ; the
/// loss is one computation over either.
#[derive(Clone, Copy)]
pub(super) enum Design<'a> {
    /// Sparse rows.
    Sparse(&'a Csr),
    /// The rows' coordinates in an orthonormal basis of their span.
    Span(&'a Span),
}

impl Design<'_> {
    fn n_rows(&self) -> usize {
        match self {
            Design::Sparse(x) => x.n_rows(),
            Design::Span(s) => s.n_rows(),
        }
    }

    fn n_cols(&self) -> usize {
        match self {
            Design::Sparse(x) => x.n_cols,
            Design::Span(s) => s.rank(),
        }
    }

    /// `z += X W` for `W` `d × k` and `z` `n × k`, both row-major.
    fn add_product(&self, w: &[f64], k: usize, z: &mut [f64]) {
        match self {
            Design::Sparse(x) => {
                for (i, zi) in z.chunks_exact_mut(k).enumerate() {
                    for (j, v) in x.row(i) {
                        for (zc, wc) in zi.iter_mut().zip(&w[j * k..(j + 1) * k]) {
                            *zc += v * wc;
                        }
                    }
                }
            }
            Design::Span(s) => s.add_product(w, k, z),
        }
    }

    /// `grad += Xᵀ G` for `G` `n × k` and `grad` `d × k`, both row-major.
    fn add_transposed_product(&self, g: &[f64], k: usize, grad: &mut [f64]) {
        match self {
            Design::Sparse(x) => {
                for (i, gi) in g.chunks_exact(k).enumerate() {
                    for (j, v) in x.row(i) {
                        for (gr, gc) in grad[j * k..(j + 1) * k].iter_mut().zip(gi) {
                            *gr += v * gc;
                        }
                    }
                }
            }
            Design::Span(s) => s.add_transposed_product(g, k, grad),
        }
    }
}

/// The problem argmin sees: parameters `(n_cols + 1) × k` row-major, the
/// intercept last (linfa's layout). The last evaluation is cached, since the
/// line search asks for the cost and the gradient at the same point.
/// A point, its loss and its gradient.
type Evaluated = (Vec<f64>, f64, Vec<f64>);

struct Problem<'a, 'x> {
    x: Design<'x>,
    y: &'a [usize],
    weights: &'a [f64],
    k: usize,
    alpha: f64,
    cache: RefCell<Option<Evaluated>>,
}

impl Problem<'_, '_> {
    /// Penalised summed loss and its gradient at `p`.
    fn evaluate(&self, p: &[f64]) -> (f64, Vec<f64>) {
        let (k, d) = (self.k, self.x.n_cols());
        let (w, b) = p.split_at(d * k);
        let n = self.x.n_rows();
        let mut z: Vec<f64> = b.iter().copied().cycle().take(n * k).collect();
        self.x.add_product(w, k, &mut z);
        let mut grad = vec![0.0; p.len()];
        let mut loss = 0.0;
        for ((zi, &c), &s) in z.chunks_exact_mut(k).zip(self.y).zip(self.weights) {
            let max = zi.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
            let sum: f64 = zi.iter().map(|v| (v - max).exp()).sum();
            let lse = max + sum.ln();
            loss += s * (lse - zi[c]);
            // The row becomes s · (softmax - onehot), its logit gradient.
            for (ci, zc) in zi.iter_mut().enumerate() {
                *zc = s * ((*zc - lse).exp() - f64::from(u8::from(ci == c)));
            }
            for (g, zc) in grad[d * k..].iter_mut().zip(zi.iter()) {
                *g += zc;
            }
        }
        self.x.add_transposed_product(&z, k, &mut grad[..d * k]);
        let mut penalty = 0.0;
        for (g, &wv) in grad[..d * k].iter_mut().zip(w) {
            *g += self.alpha * wv;
            penalty += wv * wv;
        }
        (loss + 0.5 * self.alpha * penalty, grad)
    }

    fn cached(&self, p: &[f64]) -> (f64, Vec<f64>) {
        if let Some((q, l, g)) = self.cache.borrow().as_ref() {
            if q.as_slice() == p {
                return (*l, g.clone());
            }
        }
        let (l, g) = self.evaluate(p);
        *self.cache.borrow_mut() = Some((p.to_vec(), l, g.clone()));
        (l, g)
    }
}

impl CostFunction for Problem<'_, '_> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, p: &Vec<f64>) -> std::result::Result<f64, argmin::core::Error> {
        Ok(self.cached(p).0)
    }
}

impl Gradient for Problem<'_, '_> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, p: &Vec<f64>) -> std::result::Result<Vec<f64>, argmin::core::Error> {
        Ok(self.cached(p).1)
    }
}

/// Fits a softmax regression on CSR rows. `y[i]` is row `i`'s class in
/// `0..n_classes` (every class must occur); `weights[i]` its sample weight
/// (`None`: all 1). `init` warm-starts from earlier weights of the same
/// shape. The returned loss and gradient norm are of the *mean* loss (the
/// sum divided by the total sample weight), as the dense path reports them.
pub(super) fn fit_softmax_sparse(
    x: Design<'_>,
    y: &[usize],
    weights: Option<&[f64]>,
    n_classes: usize,
    settings: &SolverSettings,
    init: Option<&SolverOutput>,
) -> Result<SolverOutput> {
    super::solver::check_labels(x.n_rows(), y, n_classes)?;
    let ones;
    let weights = match weights {
        Some(w) if w.len() == y.len() => w,
        Some(w) => {
            return Err(Error::InvalidParam {
                name: "weights",
                message: format!("{} sample weights for {} rows", w.len(), y.len()),
            })
        }
        None => {
            ones = vec![1.0; y.len()];
            &ones
        }
    };
    if let Some(bad) = weights.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
        return Err(Error::InvalidParam {
            name: "weights",
            message: format!("sample weight {bad} is not a non-negative finite number"),
        });
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return Err(Error::InvalidParam {
            name: "weights",
            message: "the sample weights sum to zero".into(),
        });
    }
    let (d, k) = (x.n_cols(), n_classes);
    let mut p0 = vec![0.0; (d + 1) * k];
    if let Some(prev) = init.filter(|p| p.weights.dim() == (d, k)) {
        p0[..d * k].copy_from_slice(prev.weights.as_slice().expect("standard layout"));
        p0[d * k..].copy_from_slice(prev.intercept.as_slice().expect("standard layout"));
    }
    let problem = Problem {
        x,
        y,
        weights,
        k,
        alpha: settings.alpha,
        cache: RefCell::new(None),
    };
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
        .with_tolerance_grad(settings.gradient_tolerance * total)
        .map_err(|e| Error::Solver(e.to_string()))?;
    let mut result = Executor::new(problem, solver)
        .configure(|s| s.param(p0.clone()).max_iters(settings.max_iterations))
        .run()
        .map_err(|e| Error::Solver(e.to_string()))?;
    let p = result
        .state
        .take_best_param()
        .or_else(|| result.state.take_param())
        .unwrap_or(p0);
    let (loss, grad) = result
        .problem
        .problem
        .as_ref()
        .map_or_else(|| (f64::NAN, Vec::new()), |pb| pb.evaluate(&p));
    let grad_norm = grad.iter().map(|g| g * g).sum::<f64>().sqrt() / total;
    let weights = Array2::from_shape_vec((d, k), p[..d * k].to_vec()).expect("shape");
    let intercept = Array1::from(p[d * k..].to_vec());
    Ok(SolverOutput {
        weights,
        intercept,
        loss: loss / total,
        grad_norm,
        converged: grad_norm <= settings.gradient_tolerance,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::solver::{fit_softmax, Precision};

    fn settings(alpha: f64, tol: f64) -> SolverSettings {
        SolverSettings {
            alpha,
            max_iterations: 500,
            gradient_tolerance: tol,
            precision: Precision::F64,
        }
    }

    /// A deterministic sparse problem: `n` rows over `d` features, about
    /// `nnz` non-zeros a row, labels from a hidden linear rule with noise.
    fn problem(n: usize, d: usize, nnz: usize) -> (Vec<SparseRow>, Vec<usize>) {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut rows = Vec::new();
        let mut y = Vec::new();
        for _ in 0..n {
            let mut idx: Vec<u32> = (0..nnz).map(|_| (next() % d as u64) as u32).collect();
            idx.sort_unstable();
            idx.dedup();
            let values: Vec<f32> = idx
                .iter()
                .map(|_| (next() % 1000) as f32 / 1000.0)
                .collect();
            let s: f32 = idx
                .iter()
                .zip(&values)
                .map(|(&j, &v)| if j % 3 == 0 { v } else { -v * 0.5 })
                .sum();
            let c = if next() % 10 == 0 {
                (next() % 3) as usize
            } else if s > 0.3 {
                0
            } else if s < -0.3 {
                1
            } else {
                2
            };
            rows.push(SparseRow {
                indices: idx,
                values,
            });
            y.push(c);
        }
        (rows, y)
    }

    fn dense(rows: &[SparseRow], d: usize) -> Array2<f64> {
        let mut x = Array2::zeros((rows.len(), d));
        for (i, r) in rows.iter().enumerate() {
            for (j, v) in r.iter() {
                x[[i, j as usize]] = v as f64;
            }
        }
        x
    }

    /// linfa-logistic is the reference: on the same problem, the same loss
    /// (1e-9) and the same weights (1e-4).
    #[test]
    fn agrees_with_linfa_on_the_same_problem() {
        let d = 40;
        let (rows, y) = problem(300, d, 8);
        let refs: Vec<&SparseRow> = rows.iter().collect();
        let all: Vec<u32> = (0..d as u32).collect();
        let s = settings(0.5, 1e-7);
        let sparse = fit_softmax_sparse(
            Design::Sparse(&Csr::from_rows(&refs, &all, d)),
            &y,
            None,
            3,
            &s,
            None,
        )
        .unwrap();
        let dense = fit_softmax(dense(&rows, d).view(), &y, 3, &s, None).unwrap();
        assert!(sparse.converged, "grad norm {}", sparse.grad_norm);
        assert!(dense.converged, "grad norm {}", dense.grad_norm);
        assert!(
            (sparse.loss - dense.loss).abs() < 1e-9,
            "{} vs {}",
            sparse.loss,
            dense.loss
        );
        // Softmax weights are defined up to a per-feature shift; both
        // solvers start at zero with a penalty, which fixes the shift (the
        // penalised optimum has rows summing to zero), so compare directly.
        let diff = (&sparse.weights - &dense.weights)
            .iter()
            .chain((&sparse.intercept - &dense.intercept).iter())
            .map(|v| v.abs())
            .fold(0.0, f64::max);
        assert!(diff < 1e-4, "max weight difference {diff}");
    }

    /// The rows' span is the same problem in fewer coordinates: with four
    /// times more columns than rows, sample weights and a warm-started
    /// second alpha, the same losses (1e-9) and the same weights (1e-5) as
    /// the fit over every column.
    #[test]
    fn the_span_reaches_the_same_optimum() {
        let d = 480;
        let (rows, y) = problem(60, d, 12);
        let refs: Vec<&SparseRow> = rows.iter().collect();
        let all: Vec<u32> = (0..d as u32).collect();
        let x = Csr::from_rows(&refs, &all, d);
        let span = Span::new(&x);
        assert!(span.rank() <= 60);
        let w: Vec<f64> = y.iter().map(|&c| [0.8, 1.5, 1.0][c]).collect();
        let (mut full, mut reduced): (Vec<SolverOutput>, Vec<SolverOutput>) = (vec![], vec![]);
        for alpha in [1.0, 0.1] {
            let s = settings(alpha, 1e-8);
            let f = fit_softmax_sparse(Design::Sparse(&x), &y, Some(&w), 3, &s, full.last());
            let r = fit_softmax_sparse(span.design(), &y, Some(&w), 3, &s, reduced.last());
            full.push(f.unwrap());
            reduced.push(r.unwrap());
        }
        for (f, r) in full.iter().zip(&reduced) {
            assert!(
                f.converged && r.converged,
                "{} {}",
                f.grad_norm,
                r.grad_norm
            );
            assert!((f.loss - r.loss).abs() < 1e-9, "{} vs {}", f.loss, r.loss);
            let weights = span.weights(&x, &r.weights);
            let diff = (&f.weights - &weights)
                .iter()
                .chain((&f.intercept - &r.intercept).iter())
                .map(|v| v.abs())
                .fold(0.0, f64::max);
            assert!(diff < 1e-5, "max weight difference {diff}");
        }
    }

    /// Closed form: a feature that is always zero leaves only the
    /// intercepts, and the unpenalised optimum is the log of the weighted
    /// class frequencies, with the weighted entropy as mean loss.
    #[test]
    fn weighted_intercepts_reach_the_log_frequencies() {
        let rows = vec![SparseRow::default(); 4];
        let refs: Vec<&SparseRow> = rows.iter().collect();
        let y = [0, 0, 1, 2];
        // Weighted frequencies: class 0: 1+1, class 1: 3, class 2: 1 (of 6),
        // normalised to sum to 4 rows.
        let w: Vec<f64> = [1.0, 1.0, 3.0, 1.0].iter().map(|v| v * 4.0 / 6.0).collect();
        let x = Csr::from_rows(&refs, &[0], 1);
        let out = fit_softmax_sparse(
            Design::Sparse(&x),
            &y,
            Some(&w),
            3,
            &settings(1.0, 1e-9),
            None,
        )
        .unwrap();
        let b = &out.intercept;
        let m = b.iter().cloned().fold(f64::MIN, f64::max);
        let z: f64 = b.iter().map(|v| (v - m).exp()).sum();
        let p: Vec<f64> = b.iter().map(|v| (v - m).exp() / z).collect();
        let want = [2.0 / 6.0, 3.0 / 6.0, 1.0 / 6.0];
        for (got, want) in p.iter().zip(want) {
            assert!((got - want).abs() < 1e-6, "{p:?}");
        }
        let h: f64 = -want.iter().map(|q| q * q.ln()).sum::<f64>();
        assert!((out.loss - h).abs() < 1e-9, "{} vs {h}", out.loss);
    }

    /// scikit-learn 1.9.1's `LogisticRegression(C=2, tol=1e-12)` (lbfgs,
    /// multinomial, intercept unpenalised) on this problem: mean penalised
    /// loss 0.8523216867418913 at these weights (alpha = 1/C = 0.5).
    #[test]
    fn matches_scikit_learn_reference() {
        let x = [
            [1.0, 0.2],
            [0.9, 0.1],
            [0.1, 1.0],
            [0.0, 0.8],
            [0.5, 0.5],
            [0.4, 0.6],
        ];
        let rows: Vec<SparseRow> = x
            .iter()
            .map(|r| SparseRow {
                indices: vec![0, 1],
                values: r.iter().map(|&v| v as f32).collect(),
            })
            .collect();
        let refs: Vec<&SparseRow> = rows.iter().collect();
        let y = [0, 0, 1, 1, 2, 2];
        let out = fit_softmax_sparse(
            Design::Sparse(&Csr::from_rows(&refs, &[0, 1], 2)),
            &y,
            None,
            3,
            &settings(0.5, 1e-10),
            None,
        )
        .unwrap();
        assert!(
            (out.loss - 0.852_321_686_741_891_3).abs() < 1e-7,
            "{}",
            out.loss
        );
        let want_w = [
            [1.034_490_64, -0.964_429_81, -0.070_060_84],
            [-0.839_306_42, 0.819_142_37, 0.020_164_05],
        ];
        let want_b = [-0.117_318_6, -0.022_868_71, 0.140_187_31];
        for (j, row) in want_w.iter().enumerate() {
            for (c, &w) in row.iter().enumerate() {
                // f32 inputs: 1e-4.
                assert!((out.weights[[j, c]] - w).abs() < 1e-4, "{:?}", out.weights);
            }
        }
        for (c, &b) in want_b.iter().enumerate() {
            assert!((out.intercept[c] - b).abs() < 1e-4, "{:?}", out.intercept);
        }
    }

    /// A sample weight of 2 is a duplicated row.
    #[test]
    fn a_weight_of_two_is_a_duplicated_row() {
        let d = 12;
        let (rows, y) = problem(60, d, 4);
        let all: Vec<u32> = (0..d as u32).collect();
        let s = settings(0.3, 1e-8);
        let mut w = vec![1.0; rows.len()];
        w[0] = 2.0;
        w[1] = 0.0;
        let refs: Vec<&SparseRow> = rows.iter().collect();
        let weighted = fit_softmax_sparse(
            Design::Sparse(&Csr::from_rows(&refs, &all, d)),
            &y,
            Some(&w),
            3,
            &s,
            None,
        )
        .unwrap();
        let mut dup: Vec<&SparseRow> = vec![&rows[0]];
        dup.extend(refs.iter().copied().filter(|r| !std::ptr::eq(*r, &rows[1])));
        let mut ydup = vec![y[0]];
        ydup.extend(
            y.iter()
                .enumerate()
                .filter(|(i, _)| *i != 1)
                .map(|(_, &c)| c),
        );
        let replicated = fit_softmax_sparse(
            Design::Sparse(&Csr::from_rows(&dup, &all, d)),
            &ydup,
            None,
            3,
            &s,
            None,
        )
        .unwrap();
        let diff = (&weighted.weights - &replicated.weights)
            .iter()
            .map(|v| v.abs())
            .fold(0.0, f64::max);
        assert!(diff < 1e-5, "max weight difference {diff}");
    }

    /// The trap of linfa's multinomial loss (one global max): with half the
    /// rows scaled ×60 the per-row log-sum-exp still converges.
    #[test]
    fn large_logits_still_converge() {
        let d = 30;
        let (mut rows, y) = problem(200, d, 6);
        for r in rows.iter_mut().step_by(2) {
            r.values.iter_mut().for_each(|v| *v *= 60.0);
        }
        let refs: Vec<&SparseRow> = rows.iter().collect();
        let all: Vec<u32> = (0..d as u32).collect();
        let out = fit_softmax_sparse(
            Design::Sparse(&Csr::from_rows(&refs, &all, d)),
            &y,
            None,
            3,
            &settings(0.1, 1e-5),
            None,
        )
        .unwrap();
        assert!(out.converged, "grad norm {}", out.grad_norm);
        assert!(out.loss.is_finite());
    }

    #[test]
    fn rejects_bad_weights_and_labels() {
        let rows = vec![SparseRow::default(); 3];
        let refs: Vec<&SparseRow> = rows.iter().collect();
        let x = Csr::from_rows(&refs, &[0], 1);
        let s = settings(1.0, 1e-4);
        let negative = [1.0, -1.0, 1.0];
        let short = [1.0];
        let zero = [0.0; 3];
        assert!(
            fit_softmax_sparse(Design::Sparse(&x), &[0, 1, 0], Some(&zero), 2, &s, None).is_err()
        );
        assert!(
            fit_softmax_sparse(Design::Sparse(&x), &[0, 1, 0], Some(&negative), 2, &s, None)
                .is_err()
        );
        assert!(
            fit_softmax_sparse(Design::Sparse(&x), &[0, 1, 0], Some(&short), 2, &s, None).is_err()
        );
        assert!(fit_softmax_sparse(Design::Sparse(&x), &[0, 0, 0], None, 2, &s, None).is_err());
    }
}
