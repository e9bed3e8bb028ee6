//! The pictures of an evaluation: confusion matrices per target and a
//! reliability diagram (top-class probability against accuracy), from the
//! probabilities the model gives (calibrated by the model's temperatures,
//! as in every prediction path), over every judged pair and over the pairs
//! with favor/against gold.

use crate::data::{Label, LabelledQuote};
use crate::error::Result;
use crate::eval::{Calibration, ECE_BINS};
use crate::model::{StanceModel, TargetPrediction};

/// One bin of a reliability diagram.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// Predictions whose top-class probability falls in the bin.
    pub count: usize,
    /// Their mean top-class probability.
    pub confidence: f64,
    /// The share of them whose top class is the true label.
    pub accuracy: f64,
}

/// Reliability bins over `[0, 1]` (`bins` equal widths; a probability of
/// exactly 1 goes in the last) from `(truth, prediction)` pairs.
///
/// ```
/// use quotestance::advanced::report::reliability;
/// use quotestance::advanced::model::{Probabilities, TargetPrediction};
/// use quotestance::Label;
///
/// let p = |f, a, n, label| TargetPrediction { label, probabilities: Probabilities { favor: f, against: a, none: n } };
/// let pairs = [
///     (Label::None, p(0.1, 0.05, 0.85, Label::None)),
///     (Label::Favor, p(0.1, 0.08, 0.82, Label::None)),
///     (Label::Favor, p(0.45, 0.3, 0.25, Label::Favor)),
/// ];
/// let bins = reliability(pairs, 10);
/// assert_eq!(bins[8].count, 2);
/// assert!((bins[8].accuracy - 0.5).abs() < 1e-12);
/// assert!((bins[8].confidence - 0.835).abs() < 1e-12);
/// assert_eq!((bins[4].count, bins[4].accuracy), (1, 1.0));
/// ```
pub fn reliability(
    pairs: impl IntoIterator<Item = (Label, TargetPrediction)>,
    bins: usize,
) -> Vec<Bin> {
    let bins = bins.max(1);
    let mut sums = vec![(0usize, 0.0f64, 0usize); bins];
    for (truth, p) in pairs {
        let top = p.probabilities.get(p.label);
        let i = ((top * bins as f64) as usize).min(bins - 1);
        sums[i].0 += 1;
        sums[i].1 += top;
        sums[i].2 += usize::from(p.label == truth);
    }
    sums.into_iter()
        .map(|(n, conf, right)| Bin {
            count: n,
            confidence: if n == 0 { 0.0 } else { conf / n as f64 },
            accuracy: if n == 0 { 0.0 } else { right as f64 / n as f64 },
        })
        .collect()
}

/// The evaluation picture of `model` on `quotes` as an SVG document:
/// per target a confusion matrix (rows truth, columns predicted), and a
/// 10-bin reliability diagram over every labelled quote-target pair and over
/// those with favor/against gold, with their expected calibration errors.
pub fn evaluation_svg(model: &StanceModel, quotes: &[LabelledQuote]) -> Result<String> {
    let statements: Vec<_> = quotes.iter().map(LabelledQuote::statement).collect();
    let preds = model.predict_batch(&statements);
    let mut matrices: Vec<(String, [[usize; 3]; 3])> = Vec::new();
    let mut pairs = Vec::new();
    let mut calibration = Calibration::default();
    for (q, p) in quotes.iter().zip(&preds) {
        for (target, &truth) in &q.stance {
            let Some(tp) = p.get(target) else {
                continue;
            };
            let m = match matrices.iter().position(|(t, _)| t == target) {
                Some(i) => &mut matrices[i].1,
                None => {
                    matrices.push((target.clone(), [[0; 3]; 3]));
                    &mut matrices.last_mut().expect("just pushed").1
                }
            };
            m[truth.index()][tp.label.index()] += 1;
            pairs.push((truth, *tp));
            calibration.add(truth, tp.label, tp.probabilities.get(tp.label));
        }
    }
    matrices.sort_by(|a, b| a.0.cmp(&b.0));
    let as_tuples = |bins: Vec<Bin>| -> Vec<(usize, f64, f64)> {
        bins.into_iter()
            .map(|b| (b.count, b.confidence, b.accuracy))
            .collect()
    };
    let opinion: Vec<(Label, TargetPrediction)> = pairs
        .iter()
        .filter(|(truth, _)| *truth != Label::None)
        .copied()
        .collect();
    let all = as_tuples(reliability(pairs, ECE_BINS));
    let opinion = as_tuples(reliability(opinion, ECE_BINS));
    super::plot::evaluation(
        &matrices,
        &[
            super::plot::ReliabilitySeries {
                name: format!("all (ECE {:.1})", calibration.ece()),
                bins: all,
            },
            super::plot::ReliabilitySeries {
                name: format!("favor/against gold (ECE {:.1})", calibration.ece_opinion()),
                bins: opinion,
            },
        ],
    )
}
