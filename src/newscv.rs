//! "How well on real news?": cross-validation over real quotes with folds
//! grouped by source page, the constructed corpus always on the training side.
//! Its figures are reported apart from the corpus cross-validation.

use std::collections::BTreeMap;
use std::fmt;

use crate::data::{Label, LabelledQuote};
use crate::error::Result;
use crate::eval::{stratified_group_folds, Calibration, Confusion};
use crate::model::StanceParams;

/// Pooled out-of-fold results of [`news_cv`].
#[derive(Debug, Clone, Default)]
pub struct NewsCvReport {
    /// Confusion per target over the held-out real quotes (the same with
    /// and without calibration: a temperature never changes the top label).
    pub targets: BTreeMap<String, Confusion>,
    /// Confidences of the fold models as trained (calibrated when the
    /// parameters cross-validate, `T = 1` otherwise).
    pub calibrated: Calibration,
    /// The same predictions with every temperature set to 1.
    pub uncalibrated: Calibration,
    /// Each fold model's temperature per target.
    pub temperatures: BTreeMap<String, Vec<f64>>,
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
        writeln!(f, "\nbefore calibration (T = 1): {}", self.uncalibrated)?;
        writeln!(f, "after calibration:          {}", self.calibrated)?;
        for (t, temps) in &self.temperatures {
            let shown: Vec<String> = temps.iter().map(|x| format!("{x:.2}")).collect();
            writeln!(f, "temperature {t}: {} (per fold)", shown.join(", "))?;
        }
        Ok(())
    }
}

/// The label a real quote is stratified by: its first opinion, else `none`
/// (also the simulated labelling loop's, `suggest::sim`).
pub(crate) fn stratum(q: &LabelledQuote) -> Label {
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
    news_cv_with(corpus, real, params, folds, seed, false)
}

/// [`news_cv`], with each fold's calibration fitted only on its training
/// side's real quotes when `calibrate_on_real` (the rows the shipped model
/// would calibrate on with `StanceParams::calibrate_on_rows`).
pub fn news_cv_with(
    corpus: &[LabelledQuote],
    real: &[LabelledQuote],
    params: &StanceParams,
    folds: usize,
    seed: u64,
    calibrate_on_real: bool,
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
        let fold_params = if calibrate_on_real {
            params.clone().calibrate_on_rows(corpus.len()..train.len())
        } else {
            params.clone()
        };
        let model = fold_params.fit(&train)?;
        let raw = model.uncalibrated();
        for t in model.targets() {
            report
                .temperatures
                .entry(t.name().to_owned())
                .or_default()
                .push(t.temperature());
        }
        let test: Vec<&LabelledQuote> = real
            .iter()
            .zip(&fold_of)
            .filter(|(_, &f)| f == k)
            .map(|(q, _)| *q)
            .collect();
        let statements: Vec<_> = test.iter().map(|q| q.statement()).collect();
        let preds = model.predict_batch(&statements);
        let raw_preds = raw.predict_batch(&statements);
        for ((q, p), rp) in test.iter().zip(&preds).zip(&raw_preds) {
            for (target, &gold) in &q.stance {
                let (Some(tp), Some(rtp)) = (p.get(target), rp.get(target)) else {
                    continue;
                };
                report
                    .targets
                    .entry(target.clone())
                    .or_default()
                    .add(gold, tp.label);
                report
                    .calibrated
                    .add(gold, tp.label, tp.probabilities.get(tp.label));
                report
                    .uncalibrated
                    .add(gold, rtp.label, rtp.probabilities.get(rtp.label));
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use crate::eval::ece;

    #[test]
    fn ece_of_perfect_and_overconfident_pairs() {
        assert!((ece(&[(1.0, true), (0.95, true)]) - 2.5).abs() < 1e-9);
        let v = [(0.9, false), (0.9, true)];
        assert!((ece(&v) - 40.0).abs() < 1e-9);
        assert_eq!(ece(&[]), 0.0);
    }
}
