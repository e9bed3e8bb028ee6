//! The one scorer: a [`ScoreTable`] holds class weights one row per
//! feature, and scoring a feature row is one pass over its entries. A
//! target's own table (one target's classes per row) scores it during
//! cross-validation and explanation; the model's fused table (every
//! target's classes side by side) scores all targets at once in
//! [`Predictor`].

use super::explain::{contributions_toward, FeatureContribution};
use super::predict::{Prediction, StanceModel, TargetPrediction};
use super::report::TrainingInfo;
use super::target::TargetModel;
use crate::data::Statement;
use crate::features::{Featurizer, SparseRow, Vectorizer};

/// A table row of a feature no block uses: the zero row.
const UNUSED: u32 = 0;

/// Class weights, one row of `stride` per feature some block uses, and the
/// intercepts; row 0 is all zeros, the row of every unused feature.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ScoreTable {
    // For each feature of the vectoriser, its row in `weights`, or 0.
    rows: Vec<u32>,
    weights: Vec<f32>,
    intercepts: Vec<f32>,
    stride: usize,
}

/// One block of a table: a target's features, its weights (`features.len()`
/// rows of `classes`), and intercepts (`classes`).
pub(super) struct Block<'a> {
    pub(super) features: &'a [u32],
    pub(super) weights: &'a [f32],
    pub(super) intercept: &'a [f32],
}

/// Accumulators for [`ScoreTable::score`]: fixed-size arrays for the common
/// widths (the compiler keeps them in registers) and a `Vec` for the rest.
pub(super) trait Scores: AsMut<[f64]> {}
impl<const N: usize> Scores for [f64; N] {}
impl Scores for Vec<f64> {}

impl ScoreTable {
    /// Lays `blocks` side by side over a vectoriser of `n_features`.
    pub(super) fn new(n_features: usize, blocks: &[Block<'_>]) -> ScoreTable {
        let stride: usize = blocks.iter().map(|b| b.intercept.len()).sum();
        let mut rows = vec![UNUSED; n_features];
        let mut used = 1u32;
        for b in blocks {
            for &j in b.features {
                if let Some(r) = rows.get_mut(j as usize) {
                    if *r == UNUSED {
                        *r = used;
                        used += 1;
                    }
                }
            }
        }
        let mut weights = vec![0.0f32; used as usize * stride];
        let mut offset = 0;
        for b in blocks {
            let k = b.intercept.len();
            for (local, &j) in b.features.iter().enumerate() {
                let (Some(&r), Some(w)) = (
                    rows.get(j as usize),
                    b.weights.get(local * k..local * k + k),
                ) else {
                    continue;
                };
                let at = r as usize * stride + offset;
                weights[at..at + k].copy_from_slice(w);
            }
            offset += k;
        }
        let intercepts = blocks.iter().flat_map(|b| b.intercept).copied().collect();
        ScoreTable {
            rows,
            weights,
            intercepts,
            stride,
        }
    }

    /// Scores in one row: the sum of the block widths.
    pub(super) fn stride(&self) -> usize {
        self.stride
    }

    /// The weights of feature `j` (every block's classes), when some block
    /// uses it.
    pub(super) fn weights_of(&self, j: u32) -> Option<&[f32]> {
        let r = *self.rows.get(j as usize)? as usize;
        (r != UNUSED as usize).then(|| &self.weights[r * self.stride..(r + 1) * self.stride])
    }

    /// [`score`](Self::score) into a fresh array of `N`.
    #[inline]
    pub(super) fn scored<const N: usize>(
        &self,
        row: &SparseRow,
        kept: &mut Vec<(u32, f32)>,
    ) -> [f64; N] {
        let mut s = [0.0; N];
        self.score(row, kept, &mut s);
        s
    }

    /// Sets `scores` (of length [`stride`](Self::stride)) to the intercepts
    /// plus `row` times the weights. `kept` is scratch. Entries are summed in
    /// row order, so every accumulator type gives the same bits.
    pub(super) fn score<S: Scores>(
        &self,
        row: &SparseRow,
        kept: &mut Vec<(u32, f32)>,
        scores: &mut S,
    ) {
        let scores = scores.as_mut();
        let n = scores.len();
        debug_assert_eq!(n, self.stride);
        for (s, &b) in scores.iter_mut().zip(&self.intercepts) {
            *s = b as f64;
        }
        // First keep the entries some block uses, without a branch on which
        // (its outcome is unpredictable): every entry is written to the next
        // free place, which only advances past a used one. Then score the
        // kept ones, in row order.
        if kept.len() < row.nnz() {
            kept.resize(row.nnz(), (0, 0.0));
        }
        let mut used = 0;
        for (j, v) in row.iter() {
            let r = self.rows.get(j as usize).copied().unwrap_or(UNUSED);
            if let Some(slot) = kept.get_mut(used) {
                *slot = (r, v);
            }
            used += usize::from(r != UNUSED);
        }
        for &(r, v) in &kept[..used] {
            let r = r as usize;
            if let Some(w) = self.weights.get(r * n..r * n + n) {
                let v = v as f64;
                for c in 0..n {
                    scores[c] += v * w[c] as f64;
                }
            }
        }
    }
}

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
        self.score_row(out);
    }

    /// [`predict_into`](Self::predict_into), and for each target the `top`
    /// features that pushed the statement toward its predicted label,
    /// strongest first (in `explained`, one list per target): from the one
    /// feature row the prediction was scored on.
    pub fn explain_into(
        &mut self,
        statement: &Statement,
        top: usize,
        out: &mut Vec<TargetPrediction>,
        explained: &mut Vec<Vec<FeatureContribution>>,
    ) {
        self.predict_into(statement, out);
        explained.clear();
        for (t, p) in self.model.targets.iter().zip(out.iter()) {
            let mut toward = contributions_toward(self.model, t, &self.row, p.label);
            toward.truncate(top);
            explained.push(toward);
        }
    }

    /// Scores `self.row` for every target into `out`.
    fn score_row(&mut self, out: &mut Vec<TargetPrediction>) {
        let table = &self.model.fused;
        let (row, kept) = (&self.row, &mut self.kept);
        match table.stride() {
            3 => self.model.finish(&table.scored::<3>(row, kept), out),
            6 => self.model.finish(&table.scored::<6>(row, kept), out),
            9 => self.model.finish(&table.scored::<9>(row, kept), out),
            12 => self.model.finish(&table.scored::<12>(row, kept), out),
            n => {
                self.scores.resize(n, 0.0);
                table.score(row, kept, &mut self.scores);
                self.model.finish(&self.scores, out);
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
        let blocks: Vec<Block<'_>> = targets.iter().map(TargetModel::block).collect();
        let fused = ScoreTable::new(vectorizer.n_features(), &blocks);
        StanceModel {
            vectorizer,
            targets,
            info,
            fused,
        }
    }

    /// Turns the summed `scores` into one prediction per target in `out`.
    fn finish(&self, scores: &[f64], out: &mut Vec<TargetPrediction>) {
        out.clear();
        let mut offset = 0;
        for t in &self.targets {
            let k = t.classes.len();
            out.push(t.prediction_from_scores(&scores[offset..offset + k]));
            offset += k;
        }
    }
}
