//! The fitted model of one target: its features, softmax weights and a
//! lookup from vectoriser feature to weight row.

use super::calibrate;
use super::predict::{Probabilities, TargetPrediction};
use super::report::FitDiagnostics;
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
    // features[i] -> i, for every feature of the vectoriser (u32::MAX: unused).
    pub(super) lookup: Vec<u32>,
}

/// The parts of a [`TargetModel`], before its lookup table is built.
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
        let mut lookup = vec![u32::MAX; n_features];
        for (i, &f) in p.features.iter().enumerate() {
            if let Some(slot) = lookup.get_mut(f as usize) {
                *slot = i as u32;
            }
        }
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
            lookup,
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

    fn scores(&self, row: &SparseRow, out: &mut [f64; 3]) {
        let k = self.classes.len();
        let mut s = [0.0f64; 3];
        for (c, b) in self.intercept.iter().enumerate() {
            s[c] = *b as f64;
        }
        for (j, v) in row.iter() {
            if let Some(&local) = self.lookup.get(j as usize) {
                if local != u32::MAX {
                    let w = &self.weights[local as usize * k..local as usize * k + k];
                    for c in 0..k {
                        s[c] += v as f64 * w[c] as f64;
                    }
                }
            }
        }
        *out = s;
    }

    pub(super) fn predict_row(&self, row: &SparseRow) -> TargetPrediction {
        let mut s = [0.0; 3];
        self.scores(row, &mut s);
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
    pub(super) fn label_scores(&self, row: &SparseRow) -> [f64; 3] {
        let mut s = [0.0; 3];
        self.scores(row, &mut s);
        let mut out = [f64::NEG_INFINITY; 3];
        for (c, l) in self.classes.iter().enumerate() {
            out[l.index()] = s[c];
        }
        out
    }
}
