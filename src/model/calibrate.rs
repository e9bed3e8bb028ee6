//! Calibration by temperature scaling: one scalar `T > 0` per target, fitted
//! on out-of-fold scores so that `softmax(scores / T)` means what it says.
//!
//! [`softmax_into`] is the one function that turns a target's class scores
//! into probabilities: every prediction path (the fused scorer of
//! `predict`/`predict_batch` and the batch classifier, `predict_features`,
//! explanations, evaluation) reaches it through
//! `TargetModel::prediction_from_scores`, and the fit below minimises the
//! negative log-likelihood of the very same function. Scaling costs one
//! multiply per score: the model stores `1 / T`.
//!
//! The negative log-likelihood is convex in `β = 1 / T` (a log-sum-exp of
//! functions linear in `β`, minus a linear term), so it has one minimum; a
//! golden-section search over `ln β` in `[ln(1/T_MAX), ln(1/T_MIN)]` finds it.

use serde::{Deserialize, Serialize};

use super::report::CvReport;
use super::target::TargetModel;
use super::StanceModel;
use crate::eval::ece;

/// The smallest temperature the fit returns (sharpening at most 20-fold).
pub const T_MIN: f64 = 0.05;
/// The largest temperature the fit returns (softening at most 20-fold).
pub const T_MAX: f64 = 20.0;

/// The least mean drop in held-out negative log-likelihood (nats per
/// example) for which the guard keeps a fitted temperature.
pub const GUARD_MARGIN: f64 = 0.005;

/// Which out-of-fold rows the calibration is fitted on, and whether a fit
/// must earn its place (set through `StanceParams::calibrate_on_rows` and
/// `StanceParams::calibration_guard`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct CalibrationOptions {
    /// Sorted indices into the training quotes; `None`: every row.
    pub(super) rows: Option<Vec<usize>>,
    /// Keep `T = 1` unless the fit lowers a held-out NLL by [`GUARD_MARGIN`].
    pub(super) guard: bool,
}

impl CalibrationOptions {
    /// Whether training row `row` belongs to the calibration set.
    pub(super) fn includes(&self, row: usize) -> bool {
        self.rows
            .as_ref()
            .is_none_or(|r| r.binary_search(&row).is_ok())
    }

    /// An error when a calibration row is past the `n` training quotes.
    pub(super) fn check(&self, n: usize) -> crate::error::Result<()> {
        match self.rows.as_ref().and_then(|r| r.last()) {
            Some(&last) if last >= n => Err(crate::error::Error::InvalidParam {
                name: "calibrate_on_rows",
                message: format!("row {last} is past the {n} training quotes"),
            }),
            _ => Ok(()),
        }
    }

    /// Fits one target's temperature on `examples` under these options.
    pub(super) fn fit(&self, examples: &[OutOfFold]) -> CalibrationFit {
        let fit = fit_temperature(examples);
        if !self.guard || guard_passes(examples) {
            return fit;
        }
        CalibrationFit {
            temperature: 1.0,
            nll_after: fit.nll_before,
            ece_after: fit.ece_before,
            ..fit
        }
    }
}

/// The guard: split `examples` into alternate halves, fit a temperature on
/// each and score it on the other; passes when the mean held-out drop in
/// negative log-likelihood against `T = 1` is at least [`GUARD_MARGIN`].
fn guard_passes(examples: &[OutOfFold]) -> bool {
    let used: Vec<OutOfFold> = examples
        .iter()
        .copied()
        .filter(|(s, t)| s[*t].is_finite())
        .collect();
    let (even, odd): (Vec<_>, Vec<_>) = used.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let even: Vec<OutOfFold> = even.into_iter().map(|(_, e)| *e).collect();
    let odd: Vec<OutOfFold> = odd.into_iter().map(|(_, e)| *e).collect();
    if even.is_empty() || odd.is_empty() {
        return false;
    }
    let drop = |fit_on: &[OutOfFold], score_on: &[OutOfFold]| {
        let inv_t = 1.0 / fit_temperature(fit_on).temperature;
        (mean_nll(score_on, 1.0) - mean_nll(score_on, inv_t)) * score_on.len() as f64
    };
    let total = drop(&even, &odd) + drop(&odd, &even);
    total / used.len() as f64 >= GUARD_MARGIN
}

/// Out-of-fold scores of one example: the class scores by label index
/// (favor, against, none; `-inf` for a class the fold's model did not have)
/// and the index of the true label.
pub(super) type OutOfFold = ([f64; 3], usize);

/// What the calibration fit of one target found (stored in the CV report).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CalibrationFit {
    /// The fitted temperature `T` (probabilities are `softmax(scores / T)`).
    pub temperature: f64,
    /// Out-of-fold examples the fit used (those whose true label the fold's
    /// model knew).
    pub examples: usize,
    /// Mean out-of-fold negative log-likelihood at `T = 1`.
    pub nll_before: f64,
    /// The same at the fitted `T`.
    pub nll_after: f64,
    /// Out-of-fold expected calibration error (percent, 10 bins of the
    /// top-class probability) at `T = 1`.
    pub ece_before: f64,
    /// The same at the fitted `T`.
    pub ece_after: f64,
}

/// Softmax of `scores[..k]` scaled by `inv_t = 1 / T`, written to
/// `out[..k]`; returns the index of the largest probability (the first on
/// ties). Classes with score `-inf` get probability 0.
#[inline]
pub(super) fn softmax_into(scores: &[f64], inv_t: f64, out: &mut [f64; 3]) -> usize {
    let k = scores.len().min(3);
    let max = scores[..k]
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let mut z = 0.0;
    for c in 0..k {
        // `T > 0`, so the largest scaled score is `max * inv_t`.
        let e = ((scores[c] - max) * inv_t).exp();
        out[c] = e;
        z += e;
    }
    let mut best = (0usize, f64::NEG_INFINITY);
    for (c, p) in out[..k].iter_mut().enumerate() {
        *p /= z;
        if *p > best.1 {
            best = (c, *p);
        }
    }
    best.0
}

/// Mean negative log-likelihood of `examples` under `softmax(s · inv_t)`.
fn mean_nll(examples: &[OutOfFold], inv_t: f64) -> f64 {
    let mut sum = 0.0;
    for (s, truth) in examples {
        let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let z: f64 = s.iter().map(|&x| ((x - max) * inv_t).exp()).sum();
        sum += z.ln() - (s[*truth] - max) * inv_t;
    }
    sum / examples.len().max(1) as f64
}

/// Expected calibration error (percent) of `examples` under `inv_t`.
fn ece_at(examples: &[OutOfFold], inv_t: f64) -> f64 {
    let pairs: Vec<(f64, bool)> = examples
        .iter()
        .map(|(s, truth)| {
            let mut p = [0.0; 3];
            let top = softmax_into(s, inv_t, &mut p);
            (p[top], top == *truth)
        })
        .collect();
    ece(&pairs)
}

/// Fits the temperature of one target on its out-of-fold scores. Examples
/// whose true label had no score (`-inf`: the class was missing from the
/// fold's training part) are left out; with none left, `T = 1`.
pub(super) fn fit_temperature(examples: &[OutOfFold]) -> CalibrationFit {
    let used: Vec<OutOfFold> = examples
        .iter()
        .copied()
        .filter(|(s, t)| s[*t].is_finite())
        .collect();
    let inv_t = if used.is_empty() {
        1.0
    } else {
        golden_section(|b| mean_nll(&used, b.exp()), -T_MAX.ln(), -T_MIN.ln()).exp()
    };
    CalibrationFit {
        temperature: 1.0 / inv_t,
        examples: used.len(),
        nll_before: mean_nll(&used, 1.0),
        nll_after: mean_nll(&used, inv_t),
        ece_before: ece_at(&used, 1.0),
        ece_after: ece_at(&used, inv_t),
    }
}

/// Gives each final model the temperature its cross-validation fitted (none
/// without cross-validation: `T` stays 1).
pub(super) fn apply(models: &mut [TargetModel], cv: Option<&CvReport>) {
    let Some(cv) = cv else { return };
    for m in models {
        if let Some(fit) = cv.targets.get(&m.name).and_then(|t| t.calibration) {
            m.set_temperature(fit.temperature);
        }
    }
}

impl StanceModel {
    /// The same model with every temperature set to 1: the probabilities of
    /// the plain softmax, for comparing before and after calibration.
    pub fn uncalibrated(&self) -> StanceModel {
        let mut m = self.clone();
        for t in &mut m.targets {
            t.set_temperature(1.0);
        }
        m
    }

    /// Each target's calibration temperature, in [`StanceModel::targets`]
    /// order.
    pub fn temperatures(&self) -> Vec<(&str, f64)> {
        self.targets
            .iter()
            .map(|t| (t.name(), t.temperature()))
            .collect()
    }
}

/// The minimiser of a unimodal `f` on `[lo, hi]` by golden-section search
/// (to about 1e-7 of the interval).
fn golden_section(f: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64) -> f64 {
    let r = (5f64.sqrt() - 1.0) / 2.0;
    let mut a = hi - r * (hi - lo);
    let mut b = lo + r * (hi - lo);
    let (mut fa, mut fb) = (f(a), f(b));
    for _ in 0..60 {
        if fa <= fb {
            hi = b;
            b = a;
            fb = fa;
            a = hi - r * (hi - lo);
            fa = f(a);
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + r * (hi - lo);
            fb = f(b);
        }
    }
    (lo + hi) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::SeededRng;

    #[test]
    fn softmax_scales_the_scores_and_zeroes_missing_classes() {
        let mut p = [0.0; 3];
        let top = softmax_into(&[2.0, 0.0, f64::NEG_INFINITY], 0.5, &mut p);
        assert_eq!(top, 0);
        let want = 1.0f64.exp() / (1.0f64.exp() + 1.0);
        assert!((p[0] - want).abs() < 1e-12, "{p:?}");
        assert_eq!(p[2], 0.0);
        assert_eq!(softmax_into(&[0.0, 3.0], 1.0, &mut p), 1);
    }

    #[test]
    fn golden_section_finds_a_parabola_minimum() {
        let x = golden_section(|x| (x - 0.7) * (x - 0.7), -3.0, 3.0);
        assert!((x - 0.7).abs() < 1e-6, "{x}");
    }

    /// Examples drawn from a calibrated 3-class model whose scores are then
    /// multiplied by `scale` (> 1: overconfident).
    fn synthetic(n: usize, scale: f64, seed: u64) -> Vec<OutOfFold> {
        let mut rng = SeededRng::new(seed);
        let mut unit = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        (0..n)
            .map(|_| {
                let s = [3.0 * unit(), 3.0 * unit(), 3.0 * unit()];
                let mut p = [0.0; 3];
                softmax_into(&s, 1.0, &mut p);
                let u = unit();
                let truth = if u < p[0] {
                    0
                } else if u < p[0] + p[1] {
                    1
                } else {
                    2
                };
                (s.map(|x| x * scale), truth)
            })
            .collect()
    }

    #[test]
    fn an_overconfident_model_gets_t_above_one_and_held_out_nll_falls() {
        let fit = fit_temperature(&synthetic(4000, 3.0, 1));
        assert!(
            (fit.temperature - 3.0).abs() < 0.4,
            "T = {}",
            fit.temperature
        );
        assert!(fit.nll_after < fit.nll_before);
        assert!(fit.ece_after < fit.ece_before);
        let held_out = synthetic(4000, 3.0, 2);
        let inv_t = 1.0 / fit.temperature;
        assert!(
            mean_nll(&held_out, inv_t) < mean_nll(&held_out, 1.0) - 0.05,
            "{} vs {}",
            mean_nll(&held_out, inv_t),
            mean_nll(&held_out, 1.0)
        );
    }

    #[test]
    fn a_calibrated_model_keeps_t_near_one_and_missing_truths_are_left_out() {
        let mut examples = synthetic(4000, 1.0, 3);
        let fit = fit_temperature(&examples);
        assert!((fit.temperature - 1.0).abs() < 0.15, "{}", fit.temperature);
        examples.push(([1.0, 0.0, f64::NEG_INFINITY], 2));
        assert_eq!(fit_temperature(&examples).examples, 4000);
        let none = fit_temperature(&[([0.0, 1.0, f64::NEG_INFINITY], 2)]);
        assert_eq!((none.temperature, none.examples), (1.0, 0));
    }

    #[test]
    fn the_guard_keeps_a_real_gain_and_drops_a_spurious_one() {
        let guarded = CalibrationOptions {
            rows: None,
            guard: true,
        };
        // Over-confident scores: the held-out halves gain, T is kept.
        let over = synthetic(2000, 3.0, 4);
        let fit = guarded.fit(&over);
        assert!((fit.temperature - 3.0).abs() < 0.5, "{}", fit.temperature);
        assert!(guard_passes(&over));
        // Calibrated scores: the fit moves T a little, the guard undoes it.
        let calibrated = synthetic(2000, 1.0, 5);
        assert_ne!(fit_temperature(&calibrated).temperature, 1.0);
        assert!(!guard_passes(&calibrated));
        let fit = guarded.fit(&calibrated);
        assert_eq!(fit.temperature, 1.0);
        assert_eq!(
            (fit.nll_after, fit.ece_after),
            (fit.nll_before, fit.ece_before)
        );
        // Too few examples to split: T = 1.
        assert!(!guard_passes(&calibrated[..1]));
    }

    #[test]
    fn calibration_rows_are_looked_up_and_checked() {
        let all = CalibrationOptions::default();
        assert!(all.includes(7) && all.check(0).is_ok());
        let some = CalibrationOptions {
            rows: Some(vec![2, 5]),
            guard: false,
        };
        assert!(some.includes(5) && !some.includes(3));
        assert!(some.check(6).is_ok());
        let err = some.check(5).unwrap_err().to_string();
        assert!(err.contains("row 5 is past the 5 training quotes"), "{err}");
    }
}
