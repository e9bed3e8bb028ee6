//! Training parameters: the consuming builder [`StanceParams`], validated
//! once into [`StanceValidParams`].

use serde::{Deserialize, Serialize};

use super::calibrate::CalibrationOptions;
use super::solver::Precision;
use super::StanceModel;
use crate::data::LabelledQuote;
use crate::error::{Error, Result};
use crate::eval::Confusion;
use crate::features::FeatureConfig;
use crate::speakers::SpeakerTable;

/// The score used to pick `alpha` by cross-validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SelectionMetric {
    /// SemEval's F_avg: mean F1 of favor and against (default).
    #[default]
    FAvg,
    /// Mean F1 over favor, against and none.
    MacroF1,
}

impl SelectionMetric {
    pub(super) fn score(self, c: &Confusion) -> f64 {
        match self {
            SelectionMetric::FAvg => c.f_avg(),
            SelectionMetric::MacroF1 => c.macro_f1(),
        }
    }
}

/// Which solver fits the softmax regressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SolverChoice {
    /// Dense (linfa-logistic) when the design matrix has at most
    /// [`DENSE_CELLS`] cells (rows after class balance × kept features) and
    /// at least one in [`DENSE_MIN_FILL`] of them is non-zero; sparse
    /// otherwise (default). TF-IDF rows over a text vocabulary are 1–2 %
    /// full, so text models take the sparse path: a dense pass costs every
    /// cell, a sparse one only the non-zeros.
    #[default]
    Auto,
    /// linfa-logistic on a dense matrix of the kept features (class balance
    /// by replicated rows).
    Dense,
    /// Our L-BFGS over sparse rows (class balance by sample weights): any
    /// number of features.
    Sparse,
}

/// Whether classes are balanced (rows of rarer classes weighted up, each
/// class about as heavy as the most frequent one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ClassBalance {
    /// Never balance.
    Off,
    /// Always balance.
    On,
    /// Let cross-validation choose per target, alongside `alpha`: every
    /// candidate penalty is tried with and without balance and the best
    /// pooled score wins (ties go to no balance). Without cross-validation
    /// (`folds` 0) this means no balance. Default.
    #[default]
    Cv,
}

impl ClassBalance {
    /// The balance settings cross-validation tries, in order of preference
    /// on ties.
    pub(super) fn candidates(self) -> &'static [bool] {
        match self {
            ClassBalance::Off => &[false],
            ClassBalance::On => &[true],
            ClassBalance::Cv => &[false, true],
        }
    }
}

/// The largest dense design matrix [`SolverChoice::Auto`] hands to
/// linfa-logistic, in cells (2^24: 128 MiB of f64).
pub const DENSE_CELLS: usize = 1 << 24;

/// [`SolverChoice::Auto`] takes the dense path only when at least one cell
/// in this many is non-zero: below that a sparse pass is cheaper (measured
/// on SemEval-2016's tweets, 1.5 % full at 3,000 features, where the dense
/// path spent 85 % of its time packing and multiplying zeros).
pub const DENSE_MIN_FILL: usize = 16;

/// The sparse solver fits in an orthonormal basis of the rows' span (the
/// same optimum in at most one coordinate per row and class) only when the
/// fit has at most this many rows: the basis costs about n³/6 operations.
pub const SPAN_MAX_ROWS: usize = 1500;

/// The sparse solver fits in the rows' span only when the kept columns are
/// at least this many times the rows: then each pass over the parameters
/// shrinks by that factor or more.
pub const SPAN_MIN_RATIO: usize = 4;

/// Training parameters (a consuming builder). Every setter documents its
/// default; [`StanceParams::check`] validates them all before any work.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceParams {
    pub(super) features: FeatureConfig,
    pub(super) speakers: SpeakerTable,
    pub(super) selected_features: usize,
    pub(super) alpha: Option<f64>,
    pub(super) alphas: Vec<f64>,
    pub(super) folds: usize,
    pub(super) seed: u64,
    pub(super) max_iterations: u64,
    pub(super) gradient_tolerance: f64,
    pub(super) require_convergence: bool,
    pub(super) class_balance: ClassBalance,
    pub(super) selection_metric: SelectionMetric,
    pub(super) targets: Option<Vec<String>>,
    pub(super) precision: Precision,
    pub(super) solver: SolverChoice,
    pub(super) calibration: CalibrationOptions,
}

impl Default for StanceParams {
    fn default() -> Self {
        StanceParams {
            features: FeatureConfig::default(),
            speakers: SpeakerTable::builtin(),
            selected_features: 3000,
            alpha: None,
            alphas: vec![1.0, 0.3, 0.1, 0.03],
            folds: 5,
            seed: 42,
            max_iterations: 100,
            gradient_tolerance: 1e-3,
            require_convergence: false,
            class_balance: ClassBalance::Cv,
            selection_metric: SelectionMetric::FAvg,
            targets: None,
            precision: Precision::F32,
            solver: SolverChoice::Auto,
            calibration: CalibrationOptions::default(),
        }
    }
}

impl StanceParams {
    /// Default parameters.
    pub fn new() -> Self {
        StanceParams::default()
    }

    /// Feature settings. Default [`FeatureConfig::default`].
    pub fn features(mut self, features: FeatureConfig) -> Self {
        self.features = features;
        self
    }

    /// The speaker table giving speakers' sides. Default
    /// [`SpeakerTable::builtin`].
    pub fn speakers(mut self, table: SpeakerTable) -> Self {
        self.speakers = table;
        self
    }

    /// How many n-gram features each target's model keeps, chosen by
    /// chi-squared (speaker features come on top); `usize::MAX` keeps every
    /// n-gram of the vocabulary that occurs in the training rows, which
    /// [`SolverChoice::Auto`] then fits with the sparse solver. Default
    /// 3,000: against the whole vocabulary it scores 67.8 against 62.2 on
    /// the real-quote protocol and 68.7 against 68.3 on SemEval-2016, at a
    /// third of the CPU time (`docs/benchmarks-semeval.md`).
    pub fn selected_features(mut self, k: usize) -> Self {
        self.selected_features = k;
        self
    }

    /// A fixed L2 penalty; when unset (the default) it is chosen from
    /// [`StanceParams::alphas`] by cross-validation.
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.alpha = Some(alpha);
        self
    }

    /// Candidate penalties for the cross-validated choice. Default
    /// `[1.0, 0.3, 0.1, 0.03]`.
    pub fn alphas(mut self, alphas: Vec<f64>) -> Self {
        self.alphas = alphas;
        self
    }

    /// Number of cross-validation folds (at least 2), or 0 to skip
    /// cross-validation (then `alpha` must be set). Default 5.
    pub fn folds(mut self, folds: usize) -> Self {
        self.folds = folds;
        self
    }

    /// Seed of the fold assignment. Default 42.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Maximum solver iterations. Default 100.
    pub fn max_iterations(mut self, n: u64) -> Self {
        self.max_iterations = n;
        self
    }

    /// Convergence threshold on the norm of the gradient of the mean loss.
    /// Default 1e-3.
    pub fn gradient_tolerance(mut self, tol: f64) -> Self {
        self.gradient_tolerance = tol;
        self
    }

    /// Make a fit that did not converge an error
    /// ([`Error::NotConverged`]) instead of a warning in
    /// [`StanceModel::warnings`]. Default `false`.
    pub fn require_convergence(mut self, yes: bool) -> Self {
        self.require_convergence = yes;
        self
    }

    /// Always (`true`) or never (`false`) balance classes; the default,
    /// [`ClassBalance::Cv`], lets cross-validation choose (see
    /// [`StanceParams::class_balance_mode`]).
    pub fn class_balance(mut self, yes: bool) -> Self {
        self.class_balance = if yes {
            ClassBalance::On
        } else {
            ClassBalance::Off
        };
        self
    }

    /// Class balance: off, on, or chosen per target by cross-validation
    /// together with `alpha`. Default [`ClassBalance::Cv`]. Balance weights
    /// rows of rarer classes up (the dense solver replicates them, the
    /// sparse one weights them) and scales the penalty so that a given
    /// `alpha` regularises as much either way. It is data-dependent: it
    /// helps where the minority stance would otherwise be rarely predicted
    /// (SemEval's tweets, the real news quotes trained with the
    /// constructed corpus) and can cost precision where stance-less
    /// quotes dominate, so by default each target's inner CV decides (see
    /// `docs/stance.md` for the evidence).
    pub fn class_balance_mode(mut self, mode: ClassBalance) -> Self {
        self.class_balance = mode;
        self
    }

    /// Fit the calibration temperatures only on the out-of-fold scores of
    /// these rows of the training quotes (indices into the slice given to
    /// `fit`), e.g. the real quotes when the rest is a constructed corpus:
    /// the temperature is then fitted on data like what the model will see.
    /// Default: every row. A target with none of these rows keeps `T = 1`.
    pub fn calibrate_on_rows(mut self, rows: impl IntoIterator<Item = usize>) -> Self {
        let mut rows: Vec<usize> = rows.into_iter().collect();
        rows.sort_unstable();
        rows.dedup();
        self.calibration.rows = Some(rows);
        self
    }

    /// Keep a fitted temperature only when, in a two-way split of the
    /// calibration rows, the temperature fitted on one half lowers the other
    /// half's negative log-likelihood by at least
    /// 0.005 nats (`GUARD_MARGIN`) on
    /// average; otherwise `T = 1`. Default off.
    pub fn calibration_guard(mut self, yes: bool) -> Self {
        self.calibration.guard = yes;
        self
    }

    /// The score that picks `alpha`. Default [`SelectionMetric::FAvg`].
    pub fn selection_metric(mut self, metric: SelectionMetric) -> Self {
        self.selection_metric = metric;
        self
    }

    /// The solver's float type. Default [`Precision::F32`] (about twice as
    /// fast; our own convergence check is in f64 either way).
    pub fn precision(mut self, precision: Precision) -> Self {
        self.precision = precision;
        self
    }

    /// Which solver fits the models. Default [`SolverChoice::Auto`].
    pub fn solver(mut self, solver: SolverChoice) -> Self {
        self.solver = solver;
        self
    }

    /// Train only these targets. Default: every target labelled in the data.
    pub fn targets(mut self, targets: Vec<String>) -> Self {
        self.targets = Some(targets);
        self
    }

    /// Validates every parameter.
    pub fn check(self) -> Result<StanceValidParams> {
        self.features.check()?;
        let bad = |name: &'static str, message: String| Err(Error::InvalidParam { name, message });
        if self.selected_features == 0 {
            return bad("selected_features", "must be at least 1".into());
        }
        if let Some(a) = self.alpha {
            if !(a.is_finite() && a > 0.0) {
                return bad("alpha", format!("{a} is not a positive finite number"));
            }
        } else if self.alphas.is_empty() {
            return bad("alphas", "no candidate penalties and no fixed alpha".into());
        }
        if let Some(a) = self.alphas.iter().find(|a| !(a.is_finite() && **a > 0.0)) {
            return bad("alphas", format!("{a} is not a positive finite number"));
        }
        if self.folds == 1 {
            return bad(
                "folds",
                "1 fold cannot cross-validate (use 0 to skip, or 2 and more)".into(),
            );
        }
        if self.folds == 0 && self.alpha.is_none() && self.alphas.len() > 1 {
            return bad(
                "folds",
                "0 folds: set a fixed alpha, since none can be chosen".into(),
            );
        }
        if self.max_iterations == 0 {
            return bad("max_iterations", "must be at least 1".into());
        }
        if !(self.gradient_tolerance.is_finite() && self.gradient_tolerance > 0.0) {
            return bad(
                "gradient_tolerance",
                format!("{} is not positive", self.gradient_tolerance),
            );
        }
        if let Some(t) = &self.targets {
            if t.is_empty() {
                return bad("targets", "empty list of targets".into());
            }
        }
        Ok(StanceValidParams(self))
    }

    /// Validates, then fits (see [`StanceValidParams::fit`]).
    pub fn fit(self, quotes: &[LabelledQuote]) -> Result<StanceModel> {
        self.check()?.fit(quotes)
    }

    /// Validates, then fits, reporting each stage (see
    /// [`StanceValidParams::fit_with`]).
    pub fn fit_with(
        self,
        quotes: &[LabelledQuote],
        stage: &(dyn Fn(super::TrainStage) + Sync),
    ) -> Result<StanceModel> {
        self.check()?.fit_with(quotes, stage)
    }
}

/// Parameters that passed [`StanceParams::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct StanceValidParams(pub(super) StanceParams);

impl std::ops::Deref for StanceValidParams {
    type Target = StanceParams;
    fn deref(&self) -> &StanceParams {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_validated_before_fitting() {
        let cases: Vec<(StanceParams, &str)> = vec![
            (StanceParams::new().alpha(-1.0), "alpha"),
            (StanceParams::new().alphas(vec![]), "alphas"),
            (StanceParams::new().folds(1), "folds"),
            (StanceParams::new().folds(0), "folds"),
            (
                StanceParams::new().selected_features(0),
                "selected_features",
            ),
            (
                StanceParams::new().gradient_tolerance(0.0),
                "gradient_tolerance",
            ),
            (StanceParams::new().max_iterations(0), "max_iterations"),
        ];
        for (p, name) in cases {
            match p.check() {
                Err(Error::InvalidParam { name: n, .. }) => assert_eq!(n, name),
                other => panic!("{name}: {other:?}"),
            }
        }
        assert!(StanceParams::new().folds(0).alpha(1.0).check().is_ok());
    }
}
