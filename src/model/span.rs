//! The row span: when a fit has fewer rows than kept columns, the sparse
//! solver runs in an orthonormal basis of the rows' span instead of over
//! every column.
//!
//! The loss sees the weights `W` (`d × k`) only through `X W`, and the
//! penalty is `alpha/2 ||W||²`, so the optimum lies in the span of the rows
//! of `X`. Write `X = L Qᵀ` with `Q` (`d × r`) orthonormal: then
//! `X W = L C` and `||W|| = ||C||` for `W = Q C`, and the problem in `C`
//! (`r × k`, r ≤ n) is the same problem, with the same iterates from a zero
//! start (L-BFGS is invariant under an orthonormal change of coordinates).
//! `L` comes from a pivoted Cholesky factorisation of the Gram matrix
//! `X Xᵀ = L Lᵀ`, column by column, so the Gram matrix itself is never
//! stored: each pivot's column is one pass of dot products against that
//! row. On SemEval's tweets with the whole vocabulary (about 330 rows against
//! 8,000 columns in an inner fold) every solver pass then works on a few
//! hundred coordinates per class instead of thousands.

use ndarray::Array2;

use super::sparse::{Csr, Design};

/// Pivots stop once every remaining row's squared distance from the span of
/// the rows chosen so far is below this fraction of the largest squared row
/// norm: those rows are then represented to about 1e-5 of their norm, below
/// the f32 precision of the feature values themselves.
const RANK_TOLERANCE: f64 = 1e-10;

/// The fit's rows in coordinates of an orthonormal basis of their span.
pub(super) struct Span {
    /// The rows' coordinates, `n × r` row-major: what the solver fits on.
    coords: Vec<f64>,
    /// How many leading coordinates of each row can be non-zero: the basis
    /// is built from the pivot rows in turn, so the `a`-th pivot row has
    /// `a + 1`; every other row has `r`.
    widths: Vec<usize>,
    /// The rows whose span the basis was built from, in pivot order.
    pivots: Vec<usize>,
    /// `L₁₁ᵀ`, the pivot rows' coordinates transposed: `r × r` row-major,
    /// upper triangular.
    upper: Vec<f64>,
}

impl Span {
    /// Factorises the rows of `x`.
    pub(super) fn new(x: &Csr) -> Span {
        let (l, pivots) = pivoted_cholesky(x);
        let n = x.n_rows();
        let r = pivots.len();
        let mut coords = Vec::with_capacity(n * r);
        for li in l.chunks_exact(n.max(1)).take(n) {
            coords.extend_from_slice(&li[..r]);
        }
        let mut widths = vec![r; n];
        let mut upper = vec![0.0; r * r];
        for (a, &p) in pivots.iter().enumerate() {
            widths[p] = a + 1;
            for b in 0..=a {
                upper[b * r + a] = l[p * n + b];
            }
        }
        Span {
            coords,
            widths,
            pivots,
            upper,
        }
    }

    /// The coordinates the solver fits on (`n × r`).
    pub(super) fn design(&self) -> Design<'_> {
        Design::Span(self)
    }

    /// The number of rows.
    pub(super) fn n_rows(&self) -> usize {
        self.widths.len()
    }

    /// The rank of the rows (the basis size `r`).
    pub(super) fn rank(&self) -> usize {
        self.pivots.len()
    }

    /// Row `i`'s coordinates, up to its last possible non-zero.
    fn row(&self, i: usize) -> &[f64] {
        let r = self.rank();
        &self.coords[i * r..i * r + self.widths[i]]
    }

    /// `z += L C` for `C` `r × k` and `z` `n × k`, row-major: one dot
    /// product per row and class, over a transposed copy of `C`.
    pub(super) fn add_product(&self, c: &[f64], k: usize, z: &mut [f64]) {
        let r = self.rank();
        let ct = transpose(c, r, k);
        for (i, zi) in z.chunks_exact_mut(k).enumerate() {
            let li = self.row(i);
            for (t, zt) in zi.iter_mut().enumerate() {
                *zt += dot(li, &ct[t * r..t * r + li.len()]);
            }
        }
    }

    /// `grad += Lᵀ G` for `G` `n × k` and `grad` `r × k`, row-major.
    pub(super) fn add_transposed_product(&self, g: &[f64], k: usize, grad: &mut [f64]) {
        let r = self.rank();
        let mut gt = vec![0.0; k * r];
        for (i, gi) in g.chunks_exact(k).enumerate() {
            let li = self.row(i);
            for (t, &git) in gi.iter().enumerate() {
                for (acc, &v) in gt[t * r..].iter_mut().zip(li) {
                    *acc += git * v;
                }
            }
        }
        for (a, row) in grad.chunks_exact_mut(k).enumerate() {
            for (t, g) in row.iter_mut().enumerate() {
                *g += gt[t * r + a];
            }
        }
    }

    /// Weights over the columns of `x` (`d × k`) from coordinates `c`
    /// (`r × k`): `W = Q C = X₁ᵀ L₁₁⁻ᵀ C`, with `X₁` the pivot rows.
    pub(super) fn weights(&self, x: &Csr, c: &Array2<f64>) -> Array2<f64> {
        let (r, k) = (self.rank(), c.ncols());
        // M = L₁₁⁻ᵀ C by back substitution, one class at a time (`mt` is Mᵀ).
        let mut mt = transpose(c.as_slice().expect("standard layout"), r, k);
        for t in 0..k {
            let m = &mut mt[t * r..(t + 1) * r];
            for a in (0..r).rev() {
                let u = &self.upper[a * r..(a + 1) * r];
                m[a] = (m[a] - dot(&u[a + 1..], &m[a + 1..])) / u[a];
            }
        }
        let mut w = vec![0.0; x.n_cols() * k];
        for (a, &p) in self.pivots.iter().enumerate() {
            for (j, v) in x.row(p) {
                for (t, wt) in w[j * k..(j + 1) * k].iter_mut().enumerate() {
                    *wt += v * mt[t * r + a];
                }
            }
        }
        Array2::from_shape_vec((x.n_cols(), k), w).expect("shape")
    }
}

/// `rows × cols` row-major to `cols × rows` row-major.
fn transpose(m: &[f64], rows: usize, cols: usize) -> Vec<f64> {
    let mut t = vec![0.0; rows * cols];
    for (i, row) in m.chunks_exact(cols).enumerate() {
        for (j, &v) in row.iter().enumerate() {
            t[j * rows + i] = v;
        }
    }
    t
}

/// The Gram matrix `X Xᵀ`, `n × n` row-major, lower triangle filled
/// (`k[i * n + j]` for `j ≤ i`). Each row's non-zeros meet the earlier rows
/// that share a column through a column index, so the work is the sum over
/// columns of their row count squared, not rows² × non-zeros.
fn gram(x: &Csr) -> Vec<f64> {
    let n = x.n_rows();
    let mut starts = vec![0usize; x.n_cols() + 1];
    for i in 0..n {
        for (j, _) in x.row(i) {
            starts[j + 1] += 1;
        }
    }
    for j in 0..x.n_cols() {
        starts[j + 1] += starts[j];
    }
    let mut fill = starts.clone();
    let mut column_rows = vec![(0u32, 0.0f64); starts[x.n_cols()]];
    let mut k = vec![0.0; n * n];
    for i in 0..n {
        // Rows enter their columns in order, so each column holds rows ≤ i.
        for (j, v) in x.row(i) {
            column_rows[fill[j]] = (i as u32, v);
            fill[j] += 1;
        }
        let ki = &mut k[i * n..(i + 1) * n];
        for (j, v) in x.row(i) {
            for &(i2, v2) in &column_rows[starts[j]..fill[j]] {
                ki[i2 as usize] += v * v2;
            }
        }
    }
    k
}

/// A dot product in four independent sums (the compiler keeps the order
/// of one sum, so one accumulator would not vectorise).
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (ca, ra) = a.split_at(a.len() - a.len() % 4);
    let (cb, rb) = b.split_at(ca.len());
    for (x, y) in ca.chunks_exact(4).zip(cb.chunks_exact(4)) {
        for t in 0..4 {
            acc[t] += x[t] * y[t];
        }
    }
    let tail: f64 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Pivoted Cholesky of `X Xᵀ`, left-looking, largest remaining diagonal
/// first. Returns `L` (`n × n` row-major, columns `0..r` used) and the
/// pivot rows in order; row `i` of `L` holds row `i`'s coordinates.
fn pivoted_cholesky(x: &Csr) -> (Vec<f64>, Vec<usize>) {
    let n = x.n_rows();
    let k = gram(x);
    let mut l = vec![0.0; n * n];
    let mut diag: Vec<f64> = (0..n).map(|i| k[i * n + i]).collect();
    let largest = diag.iter().fold(0.0f64, |m, &v| m.max(v));
    let tolerance = largest * RANK_TOLERANCE;
    let mut is_pivot = vec![false; n];
    let mut pivots = Vec::new();
    let mut pivot_row = Vec::with_capacity(n);
    for c in 0..n {
        let Some((p, &dp)) = diag
            .iter()
            .enumerate()
            .filter(|&(i, _)| !is_pivot[i])
            .max_by(|a, b| a.1.total_cmp(b.1))
        else {
            break;
        };
        if dp <= tolerance {
            break;
        }
        is_pivot[p] = true;
        pivots.push(p);
        let s = dp.sqrt();
        l[p * n + c] = s;
        pivot_row.clear();
        pivot_row.extend_from_slice(&l[p * n..p * n + c]);
        for i in (0..n).filter(|&i| !is_pivot[i]) {
            let gram = if p <= i { k[i * n + p] } else { k[p * n + i] };
            let v = (gram - dot(&l[i * n..i * n + c], &pivot_row)) / s;
            l[i * n + c] = v;
            diag[i] -= v * v;
        }
    }
    (l, pivots)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::SparseRow;

    fn csr(rows: &[Vec<(u32, f32)>], d: usize) -> Csr {
        let rows: Vec<SparseRow> = rows
            .iter()
            .map(|r| SparseRow {
                indices: r.iter().map(|&(j, _)| j).collect(),
                values: r.iter().map(|&(_, v)| v).collect(),
            })
            .collect();
        let refs: Vec<&SparseRow> = rows.iter().collect();
        let all: Vec<u32> = (0..d as u32).collect();
        Csr::from_rows(&refs, &all, d)
    }

    /// Coordinates reproduce the Gram matrix, a duplicated row adds no
    /// rank, an empty row gets zero coordinates, and `weights` inverts the
    /// change of basis: `X W = L C`.
    #[test]
    fn coordinates_keep_inner_products_and_map_back() {
        let rows = vec![
            vec![(0, 1.0), (3, 2.0)],
            vec![(1, 0.5), (3, -1.0), (5, 1.5)],
            vec![(0, 1.0), (3, 2.0)],
            vec![],
            vec![(2, 3.0), (4, 1.0), (5, -0.5)],
        ];
        let x = csr(&rows, 6);
        let span = Span::new(&x);
        assert_eq!(span.rank(), 3);
        let coords = |i: usize| -> Vec<f64> {
            let mut v = span.row(i).to_vec();
            v.resize(span.rank(), 0.0);
            v
        };
        for i in 0..rows.len() {
            for j in 0..rows.len() {
                let gram: f64 = x
                    .row(i)
                    .map(|(a, va)| {
                        x.row(j)
                            .filter(|&(b, _)| b == a)
                            .map(|(_, vb)| va * vb)
                            .sum::<f64>()
                    })
                    .sum();
                let dot: f64 = coords(i).iter().zip(coords(j)).map(|(a, b)| a * b).sum();
                assert!((gram - dot).abs() < 1e-5, "({i}, {j}): {gram} vs {dot}");
            }
        }
        assert!(coords(3).iter().all(|&v| v == 0.0));
        let c = Array2::from_shape_fn((span.rank(), 2), |(a, b)| {
            (a as f64 + 1.0) * if b == 0 { 1.0 } else { -0.5 }
        });
        let w = span.weights(&x, &c);
        for i in 0..rows.len() {
            for col in 0..2 {
                let xw: f64 = x.row(i).map(|(j, v)| v * w[[j, col]]).sum();
                let lc: f64 = coords(i)
                    .iter()
                    .enumerate()
                    .map(|(a, v)| v * c[[a, col]])
                    .sum();
                assert!((xw - lc).abs() < 1e-5, "row {i} class {col}: {xw} vs {lc}");
            }
        }
        // W = Q C with Q orthonormal: the norms agree.
        let nw: f64 = w.iter().map(|v| v * v).sum();
        let nc: f64 = c.iter().map(|v| v * v).sum();
        assert!((nw - nc).abs() < 1e-4 * nc, "{nw} vs {nc}");
    }
}
