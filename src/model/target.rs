//! The fitted model of one target: its features, softmax weights and their
//! score table (the crate's one scorer, `scorer::ScoreTable`).

use super::calibrate;
use super::predict::{Probabilities, TargetPrediction};
use super::report::FitDiagnostics;
use super::scorer::{Block, ScoreTable};
use crate::data::Label;
use crate::features::SparseRow;

/// The fitted model of one target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetModel {
    pub(super) name: String,
    pub(super) classes: Vec<Label>,
    pub(super) features: Vec<u32>,
    pub(super) weights: Vec<f32>,
    pub(super) intercept: Vec<f32>,
    pub(super) alpha: f64,
    pub(super) diagnostics: FitDiagnostics,
    // The calibration temperature T (1: uncalibrated) and its inverse, the
    // factor every score is multiplied by before the softmax.
    pub(super) temperature: f64,
    pub(super) inv_temperature: f64,
    // This target's weights as a score table over the vectoriser's features.
    pub(super) table: ScoreTable,
}

/// The parts of a [`TargetModel`], before its score table is built.
pub(super) struct TargetParts {
    pub(super) name: String,
    pub(super) classes: Vec<Label>,
    pub(super) features: Vec<u32>,
    pub(super) weights: Vec<f32>,
    pub(super) intercept: Vec<f32>,
    pub(super) alpha: f64,
    pub(super) diagnostics: FitDiagnostics,
    pub(super) temperature: f64,
}

impl TargetModel {
    pub(super) fn new(p: TargetParts, n_features: usize) -> TargetModel {
        let table = ScoreTable::new(
            n_features,
            &[Block {
                features: &p.features,
                weights: &p.weights,
                intercept: &p.intercept,
            }],
        );
        TargetModel {
            name: p.name,
            classes: p.classes,
            features: p.features,
            weights: p.weights,
            intercept: p.intercept,
            alpha: p.alpha,
            diagnostics: p.diagnostics,
            temperature: p.temperature,
            inv_temperature: 1.0 / p.temperature,
            table,
        }
    }

    /// The target's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The labels this target was trained with.
    pub fn classes(&self) -> &[Label] {
        &self.classes
    }

    /// The penalty used.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Number of features the model uses.
    pub fn n_selected(&self) -> usize {
        self.features.len()
    }

    /// The calibration temperature `T`: probabilities are
    /// `softmax(scores / T)` (1 for a model trained without
    /// cross-validation or loaded from a version 1 or 2 file).
    pub fn temperature(&self) -> f64 {
        self.temperature
    }

    /// Sets the calibration temperature (finite and > 0, else unchanged).
    pub(super) fn set_temperature(&mut self, t: f64) {
        if t.is_finite() && t > 0.0 {
            self.temperature = t;
            self.inv_temperature = 1.0 / t;
        }
    }

    /// Solver diagnostics.
    pub fn diagnostics(&self) -> &FitDiagnostics {
        &self.diagnostics
    }

    /// This target's block of a score table.
    pub(super) fn block(&self) -> Block<'_> {
        Block {
            features: &self.features,
            weights: &self.weights,
            intercept: &self.intercept,
        }
    }

    /// The weights of feature `j`, one per class, when this target uses it.
    pub(super) fn weights_of(&self, j: u32) -> Option<&[f32]> {
        self.table.weights_of(j)
    }

    /// The class scores of `row` (in `classes` order; zero past them).
    fn scores(&self, row: &SparseRow, kept: &mut Vec<(u32, f32)>) -> [f64; 3] {
        let mut s = [0.0; 3];
        match self.classes.len() {
            3 => s = self.table.scored::<3>(row, kept),
            2 => s[..2].copy_from_slice(&self.table.scored::<2>(row, kept)),
            _ => s[..1].copy_from_slice(&self.table.scored::<1>(row, kept)),
        }
        s
    }

    /// The prediction for `row`; `kept` is the scorer's scratch.
    pub(super) fn predict_row(
        &self,
        row: &SparseRow,
        kept: &mut Vec<(u32, f32)>,
    ) -> TargetPrediction {
        let s = self.scores(row, kept);
        self.prediction_from_scores(&s[..self.classes.len()])
    }

    /// Calibrated probabilities from the scores of this target's classes:
    /// [`calibrate::softmax_into`] with this target's temperature.
    #[inline]
    pub(super) fn prediction_from_scores(&self, s: &[f64]) -> TargetPrediction {
        let k = self.classes.len();
        let mut p = [0.0f64; 3];
        let best = calibrate::softmax_into(&s[..k], self.inv_temperature, &mut p);
        let mut probs = [0.0f64; 3];
        for c in 0..k {
            probs[self.classes[c].index()] = p[c];
        }
        TargetPrediction {
            label: self.classes[best],
            probabilities: Probabilities::from_array(probs),
        }
    }

    /// The raw (uncalibrated) class scores of `row`, by label index (`-inf`
    /// for a label this target does not have): what calibration is fitted
    /// on.
    pub(super) fn label_scores(&self, row: &SparseRow, kept: &mut Vec<(u32, f32)>) -> [f64; 3] {
        let s = self.scores(row, kept);
        let mut out = [f64::NEG_INFINITY; 3];
        for (c, l) in self.classes.iter().enumerate() {
            out[l.index()] = s[c];
        }
        out
    }
}
