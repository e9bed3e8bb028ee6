//! "How well on real news?": cross-validation over real quotes with folds
//! grouped by source page, the constructed corpus always on the training side.
//! Its figures are reported apart from the corpus cross-validation.

use std::collections::BTreeMap;
use std::fmt;

use crate::data::{Label, LabelledQuote};
use crate::error::Result;
use crate::eval::{stratified_group_folds, Confusion};
use crate::model::StanceParams;

/// Number of confidence bins of the expected calibration error.
pub const ECE_BINS: usize = 10;

/// Pooled out-of-fold results of [`news_cv`].
#[derive(Debug, Clone, Default)]
pub struct NewsCvReport {
    /// Confusion per target over the held-out real quotes.
    pub targets: BTreeMap<String, Confusion>,
    /// (top-class probability, correct) per judged (quote, target) pair.
    pub confidences: Vec<(f64, bool)>,
    /// The same pairs restricted to favor/against gold.
    pub confidences_opinion: Vec<(f64, bool)>,
}

/// Expected calibration error (10 equal-width bins of the top-class
/// probability), in percent; 0 for no pairs.
pub fn ece(pairs: &[(f64, bool)]) -> f64 {
    if pairs.is_empty() {
        return 0.0;
    }
    let mut bins = [(0.0f64, 0.0f64, 0usize); ECE_BINS];
    for &(p, ok) in pairs {
        let b = ((p * ECE_BINS as f64) as usize).min(ECE_BINS - 1);
        bins[b].0 += p;
        bins[b].1 += if ok { 1.0 } else { 0.0 };
        bins[b].2 += 1;
    }
    let n = pairs.len() as f64;
    100.0
        * bins
            .iter()
            .filter(|b| b.2 > 0)
            .map(|b| (b.0 - b.1).abs() / n)
            .sum::<f64>()
}

impl NewsCvReport {
    /// Mean over targets of the per-target F_avg (0..1).
    pub fn mean_f_avg(&self) -> f64 {
        if self.targets.is_empty() {
            return 0.0;
        }
        self.targets.values().map(Confusion::f_avg).sum::<f64>() / self.targets.len() as f64
    }
}

impl fmt::Display for NewsCvReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| target | n | F_avg | accuracy |")?;
        writeln!(f, "|---|---:|---:|---:|")?;
        for (t, c) in &self.targets {
            writeln!(
                f,
                "| {t} | {} | {:.1} | {:.1} |",
                c.total(),
                100.0 * c.f_avg(),
                100.0 * c.accuracy()
            )?;
        }
        writeln!(f, "| **mean** | | **{:.1}** | |", 100.0 * self.mean_f_avg())?;
        let mean_conf = |v: &[(f64, bool)]| {
            let n = v.len().max(1) as f64;
            let conf = v.iter().map(|x| x.0).sum::<f64>() / n;
            let acc = v.iter().filter(|x| x.1).count() as f64 / n;
            (100.0 * conf, 100.0 * acc)
        };
        let (c, a) = mean_conf(&self.confidences_opinion);
        writeln!(
            f,
            "\nECE all {:.1}; on favor/against gold {:.1} (mean confidence {c:.1}, accuracy {a:.1})",
            ece(&self.confidences),
            ece(&self.confidences_opinion)
        )
    }
}

/// The label a real quote is stratified by: its first opinion, else `none`.
fn stratum(q: &LabelledQuote) -> Label {
    q.stance
        .values()
        .copied()
        .find(|&l| l != Label::None)
        .unwrap_or(Label::None)
}

/// Cross-validates `params` over the labelled `real` quotes in `folds` folds
/// grouped by `source` (the page), training each fold on `corpus` plus the
/// other folds' real quotes. Unlabelled real quotes are skipped.
pub fn news_cv(
    corpus: &[LabelledQuote],
    real: &[LabelledQuote],
    params: &StanceParams,
    folds: usize,
    seed: u64,
) -> Result<NewsCvReport> {
    let real: Vec<&LabelledQuote> = real.iter().filter(|q| !q.stance.is_empty()).collect();
    let labels: Vec<Label> = real.iter().map(|q| stratum(q)).collect();
    let groups: Vec<Option<&str>> = real.iter().map(|q| q.source.as_deref()).collect();
    let fold_of = stratified_group_folds(&labels, &groups, folds, seed);
    let mut report = NewsCvReport::default();
    for k in 0..folds.max(1) {
        let mut train: Vec<LabelledQuote> = corpus.to_vec();
        train.extend(
            real.iter()
                .zip(&fold_of)
                .filter(|(_, &f)| f != k)
                .map(|(q, _)| (*q).clone()),
        );
        let model = params.clone().fit(&train)?;
        for (q, _) in real.iter().zip(&fold_of).filter(|(_, &f)| f == k) {
            let p = model.predict(&q.statement());
            for (target, &gold) in &q.stance {
                let Some(tp) = p.get(target) else { continue };
                report
                    .targets
                    .entry(target.clone())
                    .or_default()
                    .add(gold, tp.label);
                let pair = (tp.probabilities.get(tp.label), tp.label == gold);
                report.confidences.push(pair);
                if gold != Label::None {
                    report.confidences_opinion.push(pair);
                }
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ece_of_perfect_and_overconfident_pairs() {
        assert!((ece(&[(1.0, true), (0.95, true)]) - 2.5).abs() < 1e-9);
        let v = [(0.9, false), (0.9, true)];
        assert!((ece(&v) - 40.0).abs() < 1e-9);
        assert_eq!(ece(&[]), 0.0);
    }
}
