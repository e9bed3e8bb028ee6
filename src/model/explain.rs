//! Explanations: which features pushed a statement toward each label.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::predict::{StanceModel, TargetPrediction};
use crate::data::{Label, Statement};
use crate::error::{Error, Result};

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
        let prediction = t.predict_row(&row);
        let k = t.classes.len();
        let mut toward = BTreeMap::new();
        for (c, &label) in t.classes.iter().enumerate() {
            let mut contribs: Vec<FeatureContribution> = row
                .iter()
                .filter_map(|(j, v)| {
                    let local = *t.lookup.get(j as usize)?;
                    if local == u32::MAX {
                        return None;
                    }
                    let w = &t.weights[local as usize * k..local as usize * k + k];
                    let mean = w.iter().map(|&x| x as f64).sum::<f64>() / k as f64;
                    let contribution = v as f64 * (w[c] as f64 - mean);
                    (contribution > 0.0).then(|| FeatureContribution {
                        feature: self.vectorizer.feature_name(j as usize),
                        value: v as f64,
                        contribution,
                    })
                })
                .collect();
            contribs.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
            contribs.truncate(top);
            toward.insert(label, contribs);
        }
        Ok(Explanation {
            target: target.to_owned(),
            prediction,
            toward,
        })
    }
}
