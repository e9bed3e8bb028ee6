//! Prediction: per-target probabilities, the [`StanceModel`] type and its
//! ways to predict one statement, a batch, a feature row, or a labelled set.

use std::collections::BTreeMap;

use crate::par::*;
use serde::{Deserialize, Serialize};

use super::report::{CvReport, TrainingInfo};
use super::scorer::ScoreTable;
use super::target::TargetModel;
use crate::data::{Label, LabelledQuote, Statement};
use crate::error::{Error, Result};
use crate::eval::Evaluation;
use crate::features::{SparseRow, Vectorizer};

/// Probabilities of the three labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Probabilities {
    /// P(favor).
    pub favor: f64,
    /// P(against).
    pub against: f64,
    /// P(none).
    pub none: f64,
}

impl Probabilities {
    /// The probability of `label`.
    pub fn get(&self, label: Label) -> f64 {
        match label {
            Label::Favor => self.favor,
            Label::Against => self.against,
            Label::None => self.none,
        }
    }

    pub(super) fn from_array(p: [f64; 3]) -> Self {
        Probabilities {
            favor: p[0],
            against: p[1],
            none: p[2],
        }
    }
}

/// The prediction for one target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TargetPrediction {
    /// The most probable label.
    pub label: Label,
    /// All three probabilities (a label absent from training gets 0).
    pub probabilities: Probabilities,
}

/// Predictions for every target of a model, keyed by target.
pub type Prediction = BTreeMap<String, TargetPrediction>;

/// A trained stance model: one vectoriser and one softmax regression per
/// target.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceModel {
    pub(super) vectorizer: Vectorizer,
    pub(super) targets: Vec<TargetModel>,
    pub(super) info: TrainingInfo,
    // Every target's class weights side by side, one row per feature that
    // some target uses, so that scoring all targets is one pass over the
    // feature row with one lookup per entry.
    pub(super) fused: ScoreTable,
}

impl StanceModel {
    /// The fitted vectoriser.
    pub fn vectorizer(&self) -> &Vectorizer {
        &self.vectorizer
    }

    /// The target names, sorted.
    pub fn target_names(&self) -> Vec<&str> {
        self.targets.iter().map(|t| t.name.as_str()).collect()
    }

    /// The per-target models.
    pub fn targets(&self) -> &[TargetModel] {
        &self.targets
    }

    /// What the model remembers of its training.
    pub fn info(&self) -> &TrainingInfo {
        &self.info
    }

    /// Records the files the training quotes came from (see
    /// [`DataFile::read`](super::DataFile::read)); `train` and the examples
    /// call this after fitting.
    pub fn set_data_files(&mut self, files: Vec<super::DataFile>) {
        self.info.data_files = files;
    }

    /// Warnings from training (fits that did not converge, ...).
    pub fn warnings(&self) -> &[String] {
        &self.info.warnings
    }

    /// The cross-validation report, when cross-validation ran.
    pub fn cv_report(&self) -> Option<&CvReport> {
        self.info.cv.as_ref()
    }

    /// Predicts every target for one statement.
    pub fn predict(&self, statement: &Statement) -> Prediction {
        self.predictor().predict(statement)
    }

    /// Predicts a batch in parallel (rayon), results in input order.
    pub fn predict_batch(&self, statements: &[Statement]) -> Vec<Prediction> {
        statements
            .par_iter()
            .map_init(|| self.predictor(), |p, s| p.predict(s))
            .collect()
    }

    /// Predicts from a feature row built elsewhere; an index beyond the
    /// model's features is an error, not a panic.
    pub fn predict_features(&self, row: &SparseRow) -> Result<Prediction> {
        let n = self.vectorizer.n_features();
        if let Some(&max) = row.indices.iter().max() {
            if max as usize >= n {
                return Err(Error::FeatureMismatch {
                    expected: n,
                    found: max as usize + 1,
                });
            }
        }
        if row.indices.len() != row.values.len() {
            return Err(Error::FeatureMismatch {
                expected: row.indices.len(),
                found: row.values.len(),
            });
        }
        let mut kept = Vec::new();
        Ok(self
            .targets
            .iter()
            .map(|t| (t.name.clone(), t.predict_row(row, &mut kept)))
            .collect())
    }

    /// Scores the model on labelled quotes (each quote counts for the targets
    /// it is labelled for and the model knows): confusion matrices, and the
    /// calibrated top-class probabilities behind the calibration error.
    pub fn evaluate(&self, quotes: &[LabelledQuote]) -> Evaluation {
        let statements: Vec<Statement> = quotes.iter().map(LabelledQuote::statement).collect();
        let preds = self.predict_batch(&statements);
        let mut eval = Evaluation::default();
        for (q, p) in quotes.iter().zip(&preds) {
            for (target, &truth) in &q.stance {
                if let Some(tp) = p.get(target) {
                    eval.add_confidence(target, truth, tp.label, tp.probabilities.get(tp.label));
                }
            }
        }
        eval
    }
}
