//! The fused scorer: every target's weights side by side in one table, so
//! that scoring all targets is one pass over a statement's feature row.

use super::predict::{Prediction, StanceModel, TargetPrediction};
use super::report::TrainingInfo;
use super::target::TargetModel;
use crate::data::Statement;
use crate::features::{Featurizer, SparseRow, Vectorizer};

/// `StanceModel::fused_row` of a feature no target uses: the zero row.
const UNUSED: u32 = 0;

/// A reusable predictor holding scratch buffers: create one per thread with
/// [`StanceModel::predictor`] and call it for many statements.
pub struct Predictor<'m> {
    model: &'m StanceModel,
    scratch: Featurizer,
    row: SparseRow,
    kept: Vec<(u32, f32)>,
    scores: Vec<f64>,
    out: Vec<TargetPrediction>,
}

impl Predictor<'_> {
    /// Predicts every target for one statement.
    pub fn predict(&mut self, statement: &Statement) -> Prediction {
        let mut out = std::mem::take(&mut self.out);
        self.predict_into(statement, &mut out);
        let prediction = self
            .model
            .targets
            .iter()
            .zip(&out)
            .map(|(t, p)| (t.name.clone(), *p))
            .collect();
        self.out = out;
        prediction
    }

    /// Predicts every target for one statement into `out` (cleared first):
    /// one entry per target, in [`StanceModel::targets`] order. Reuses
    /// `out`'s allocation and builds no map or target-name strings, so a loop
    /// over many statements allocates nothing per statement.
    pub fn predict_into(&mut self, statement: &Statement, out: &mut Vec<TargetPrediction>) {
        let model = self.model;
        model
            .vectorizer
            .transform_into(statement, &mut self.scratch, &mut self.row);
        // Common score widths (1 to 4 targets of 3 classes) get a fixed-size
        // accumulator, which the compiler keeps in registers.
        match model.stride {
            3 => model.score_fixed::<3>(&self.row, &mut self.kept, out),
            6 => model.score_fixed::<6>(&self.row, &mut self.kept, out),
            9 => model.score_fixed::<9>(&self.row, &mut self.kept, out),
            12 => model.score_fixed::<12>(&self.row, &mut self.kept, out),
            _ => {
                model.start_scores(&mut self.scores);
                for (j, v) in self.row.iter() {
                    model.add_entry(&mut self.scores, j, v);
                }
                model.finish_scores(&self.scores, out);
            }
        }
    }
}

impl StanceModel {
    /// A predictor with its own scratch buffers.
    pub fn predictor(&self) -> Predictor<'_> {
        Predictor {
            model: self,
            scratch: Featurizer::new(&self.vectorizer),
            row: SparseRow::default(),
            kept: Vec::new(),
            scores: Vec::new(),
            out: Vec::new(),
        }
    }

    pub(super) fn assemble(
        vectorizer: Vectorizer,
        targets: Vec<TargetModel>,
        info: TrainingInfo,
    ) -> StanceModel {
        let stride: usize = targets.iter().map(|t| t.classes.len()).sum();
        let mut fused_row = vec![UNUSED; vectorizer.n_features()];
        // Row 0 stays the zero row.
        let mut used = 1u32;
        for t in &targets {
            for &j in &t.features {
                if let Some(r) = fused_row.get_mut(j as usize) {
                    if *r == UNUSED {
                        *r = used;
                        used += 1;
                    }
                }
            }
        }
        let mut fused = vec![0.0f32; used as usize * stride];
        let mut offset = 0;
        for t in &targets {
            let k = t.classes.len();
            for (local, &j) in t.features.iter().enumerate() {
                if let Some(&r) = fused_row.get(j as usize) {
                    let row = r as usize * stride + offset;
                    fused[row..row + k].copy_from_slice(&t.weights[local * k..local * k + k]);
                }
            }
            offset += k;
        }
        StanceModel {
            vectorizer,
            targets,
            info,
            fused,
            fused_row,
            stride,
        }
    }

    /// Sets `scores` to the intercepts (every target's classes side by side).
    fn start_scores(&self, scores: &mut Vec<f64>) {
        scores.clear();
        for t in &self.targets {
            scores.extend(t.intercept.iter().map(|&b| b as f64));
        }
    }

    /// Scores `row` for a model whose targets have `N` classes in all: the
    /// sums of `add_entry`, in the same order, so the same bits.
    fn score_fixed<const N: usize>(
        &self,
        row: &SparseRow,
        kept: &mut Vec<(u32, f32)>,
        out: &mut Vec<TargetPrediction>,
    ) {
        let mut scores = [0.0f64; N];
        let intercepts = self.targets.iter().flat_map(|t| &t.intercept);
        for (s, &b) in scores.iter_mut().zip(intercepts) {
            *s = b as f64;
        }
        // First keep the entries some target uses, without a branch on
        // which (its outcome is unpredictable): every entry is written to the
        // next free place, which only advances past a used one. Then score
        // the kept ones, in row order, so the sums are those of `add_entry`.
        if kept.len() < row.nnz() {
            kept.resize(row.nnz(), (0, 0.0));
        }
        let mut n = 0;
        for (j, v) in row.iter() {
            let r = self.fused_row.get(j as usize).copied().unwrap_or(UNUSED);
            if let Some(slot) = kept.get_mut(n) {
                *slot = (r, v);
            }
            n += usize::from(r != UNUSED);
        }
        for &(r, v) in &kept[..n] {
            let r = r as usize;
            if let Some(w) = self.fused.get(r * N..r * N + N) {
                let v = v as f64;
                for c in 0..N {
                    scores[c] += v * w[c] as f64;
                }
            }
        }
        self.finish_scores(&scores, out);
    }

    /// Adds feature `j` with value `v` to every target's class scores.
    #[inline]
    fn add_entry(&self, scores: &mut [f64], j: u32, v: f32) {
        // Unused features add the zero row (no branch to mispredict).
        let r = self
            .fused_row
            .get(j as usize)
            .map_or(UNUSED as usize, |&r| r as usize);
        let stride = self.stride;
        let start = r * stride;
        if let Some(w) = self.fused.get(start..start + stride) {
            let v = v as f64;
            for (s, &w) in scores.iter_mut().zip(w) {
                *s += v * w as f64;
            }
        }
    }

    /// Turns the summed `scores` into one prediction per target in `out`.
    fn finish_scores(&self, scores: &[f64], out: &mut Vec<TargetPrediction>) {
        out.clear();
        let mut offset = 0;
        for t in &self.targets {
            let k = t.classes.len();
            out.push(t.prediction_from_scores(&scores[offset..offset + k]));
            offset += k;
        }
    }
}
