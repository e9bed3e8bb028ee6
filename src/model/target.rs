//! The fitted model of one target: its features, softmax weights and a
//! lookup from vectoriser feature to weight row.

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

    /// Softmax over the scores of this target's classes.
    pub(super) fn prediction_from_scores(&self, s: &[f64]) -> TargetPrediction {
        let k = self.classes.len();
        let max = s[..k].iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let mut p = [0.0f64; 3];
        let mut z = 0.0;
        for c in 0..k {
            let e = (s[c] - max).exp();
            p[c] = e;
            z += e;
        }
        let mut probs = [0.0f64; 3];
        let mut best = (0usize, f64::NEG_INFINITY);
        for c in 0..k {
            let pc = p[c] / z;
            probs[self.classes[c].index()] = pc;
            if pc > best.1 {
                best = (c, pc);
            }
        }
        TargetPrediction {
            label: self.classes[best.0],
            probabilities: Probabilities::from_array(probs),
        }
    }
}
