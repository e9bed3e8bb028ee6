//! Explanations: which features pushed a statement toward each label.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::predict::{StanceModel, TargetPrediction};
use super::target::TargetModel;
use crate::data::{Label, Statement};
use crate::error::{Error, Result};
use crate::features::SparseRow;

/// How one feature pushed a prediction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureContribution {
    /// Readable feature name (`w:dual contain`, `c:"hegem"`, `speaker:lavrov`).
    pub feature: String,
    /// The feature's value in this statement's row.
    pub value: f64,
    /// Its contribution to the label's score relative to the other labels:
    /// `value × (w_label − mean of w over the model's labels)`.
    pub contribution: f64,
}

/// Why a statement got its label for one target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The target.
    pub target: String,
    /// The prediction.
    pub prediction: TargetPrediction,
    /// For each label the model knows, the features that pushed toward it
    /// most, strongest first.
    pub toward: BTreeMap<Label, Vec<FeatureContribution>>,
}

impl StanceModel {
    /// The features that pushed `statement` toward each label for `target`,
    /// `top` per label.
    pub fn explain(&self, statement: &Statement, target: &str, top: usize) -> Result<Explanation> {
        let t = self
            .targets
            .iter()
            .find(|t| t.name == target)
            .ok_or_else(|| Error::UnknownTarget(target.to_owned()))?;
        let row = self.vectorizer.transform(statement);
        let prediction = t.predict_row(&row, &mut Vec::new());
        let toward = t
            .classes
            .iter()
            .map(|&label| {
                let mut c = contributions_toward(self, t, &row, label);
                c.truncate(top);
                (label, c)
            })
            .collect();
        Ok(Explanation {
            target: target.to_owned(),
            prediction,
            toward,
        })
    }
}

/// The features of `row` that pushed target `t` toward `label`, strongest
/// first: `value × (w_label − mean of w over t's labels)` where positive.
pub(super) fn contributions_toward(
    model: &StanceModel,
    t: &TargetModel,
    row: &SparseRow,
    label: Label,
) -> Vec<FeatureContribution> {
    let Some(c) = t.classes.iter().position(|&l| l == label) else {
        return Vec::new();
    };
    let mut contribs: Vec<FeatureContribution> = row
        .iter()
        .filter_map(|(j, v)| {
            let w = t.weights_of(j)?;
            let mean = w.iter().map(|&x| x as f64).sum::<f64>() / w.len() as f64;
            let contribution = v as f64 * (w[c] as f64 - mean);
            (contribution > 0.0).then(|| FeatureContribution {
                feature: model.vectorizer.feature_name(j as usize),
                value: v as f64,
                contribution,
            })
        })
        .collect();
    contribs.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
    contribs
}
