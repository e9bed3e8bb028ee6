//! The output lines' shapes, written by serde: a prediction line
//! `{"id":...,"speaker":...,"stance":{TARGET:{"label":...,"probabilities":
//! {...},"features":[...]}}}` (`features` only with explanations) and an
//! error line `{"id":...,"error":...}`.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::data::Label;
use crate::model::{FeatureContribution, Probabilities, StanceModel, TargetPrediction};

/// An output line's `id`: a string, or a number written back as the
/// number it was (`{"id": 7}` gives `"id":7`, not `"7"`).
#[derive(Clone, Copy)]
pub(super) struct Id<'a> {
    pub(super) text: Option<&'a str>,
    pub(super) number: bool,
}

impl Serialize for Id<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let number = self
            .text
            .filter(|_| self.number)
            .and_then(|t| t.parse::<serde_json::Number>().ok());
        match (number, self.text) {
            (Some(n), _) => n.serialize(s),
            (None, Some(t)) => s.serialize_str(t),
            (None, None) => s.serialize_none(),
        }
    }
}

/// A prediction line.
#[derive(Serialize)]
pub(super) struct OutLine<'a> {
    pub(super) id: Id<'a>,
    pub(super) speaker: Option<&'a str>,
    pub(super) stance: StanceOut<'a>,
}

/// `{"target": {"label": ..., "probabilities": {...}}, ...}` without
/// building a map; `explained` is empty without explanations, else one list
/// per target.
pub(super) struct StanceOut<'a> {
    pub(super) model: &'a StanceModel,
    pub(super) predictions: &'a [TargetPrediction],
    pub(super) explained: &'a [Vec<FeatureContribution>],
}

#[derive(Serialize)]
struct TargetOut<'a> {
    label: Label,
    probabilities: &'a Probabilities,
    #[serde(skip_serializing_if = "Option::is_none")]
    features: Option<Features<'a>>,
}

/// `[{"feature": ..., "contribution": ...}]` (the value is left out).
struct Features<'a>(&'a [FeatureContribution]);

impl Serialize for Features<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct F<'a> {
            feature: &'a str,
            contribution: f64,
        }
        s.collect_seq(self.0.iter().map(|f| F {
            feature: &f.feature,
            contribution: f.contribution,
        }))
    }
}

impl Serialize for StanceOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.predictions.len()))?;
        let targets = self.model.targets().iter().zip(self.predictions);
        for (i, (t, p)) in targets.enumerate() {
            map.serialize_entry(
                t.name(),
                &TargetOut {
                    label: p.label,
                    probabilities: &p.probabilities,
                    features: self.explained.get(i).map(|f| Features(f)),
                },
            )?;
        }
        map.end()
    }
}

/// An error line.
#[derive(Serialize)]
pub(super) struct ErrorLine<'a> {
    pub(super) id: Id<'a>,
    pub(super) error: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Statement;

    fn model() -> StanceModel {
        StanceModel::load(concat!(env!("CARGO_MANIFEST_DIR"), "/models/stance.json"))
            .expect("the shipped model loads")
    }

    #[test]
    fn lines_have_the_documented_shape_and_ids_keep_their_type() {
        let model = model();
        let predictions = model
            .predictor()
            .predict(&Statement::new("We support Ukraine's sovereignty."));
        let mut list = Vec::new();
        model.predictor().predict_into(
            &Statement::new("We support Ukraine's sovereignty."),
            &mut list,
        );
        for (id, number, want) in [
            (Some("7"), true, "7"),
            (Some("7"), false, "\"7\""),
            (Some("a \"q\""), false, r#""a \"q\"""#),
            (None, false, "null"),
        ] {
            let line = OutLine {
                id: Id { text: id, number },
                speaker: Some("lavrov"),
                stance: StanceOut {
                    model: &model,
                    predictions: &list,
                    explained: &[],
                },
            };
            let got: serde_json::Value = serde_json::to_value(&line).unwrap();
            let text = serde_json::to_string(&line).unwrap();
            assert!(text.starts_with(&format!("{{\"id\":{want},")), "{text}");
            assert_eq!(got["speaker"], "lavrov");
            for (t, p) in &predictions {
                assert_eq!(got["stance"][t]["label"], p.label.as_str());
                assert_eq!(
                    got["stance"][t]["probabilities"]["none"],
                    p.probabilities.none
                );
                assert!(got["stance"][t].get("features").is_none());
            }
        }
        let explained = vec![
            vec![FeatureContribution {
                feature: "w:support".into(),
                value: 0.5,
                contribution: 0.25,
            }];
            list.len()
        ];
        let line = OutLine {
            id: Id {
                text: None,
                number: false,
            },
            speaker: None,
            stance: StanceOut {
                model: &model,
                predictions: &list,
                explained: &explained,
            },
        };
        let got = serde_json::to_value(&line).unwrap();
        let t = model.targets()[0].name();
        assert_eq!(
            got["stance"][t]["features"],
            serde_json::json!([{"feature": "w:support", "contribution": 0.25}])
        );
    }
}
