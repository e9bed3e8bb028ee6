//! What training reports: solver diagnostics, the cross-validation report
//! (and its human-readable form), where the time went, and what a model
//! remembers of its training.

use std::collections::BTreeMap;

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::calibrate::CalibrationFit;
use super::params::{ClassBalance, SelectionMetric, SolverChoice};
use crate::error::{Error, Result};
use crate::eval::{write_confusion_report, Confusion, Evaluation, Scores};

/// Solver diagnostics of one fitted target model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FitDiagnostics {
    /// Mean penalised loss at the returned weights.
    pub loss: f64,
    /// Norm of its gradient.
    pub grad_norm: f64,
    /// Whether the gradient norm met the tolerance.
    pub converged: bool,
    /// Training examples (after class balancing by replication; the sparse
    /// solver weights rows instead).
    pub examples: usize,
    /// The solver that fitted it (files without it: dense).
    #[serde(default)]
    pub solver: SolverKind,
    /// Whether classes were balanced in this fit (chosen by
    /// cross-validation under [`ClassBalance::Cv`]; files without it: see
    /// [`TrainingInfo::class_balance`]).
    #[serde(default)]
    pub class_balance: bool,
}

/// The solver that fitted a target model.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolverKind {
    /// linfa-logistic on a dense matrix.
    #[default]
    Dense,
    /// L-BFGS over sparse rows.
    Sparse,
}

/// Cross-validation results of one target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetCv {
    /// The chosen penalty.
    pub alpha: f64,
    /// Whether the chosen candidate balances classes.
    #[serde(default)]
    pub class_balance: bool,
    /// Every candidate's pooled cross-validated scores.
    pub candidates: Vec<AlphaScores>,
    /// Confusion matrix of the chosen candidate over all folds.
    pub confusion: Confusion,
    /// Fold fits that did not converge (over all candidates).
    pub unconverged_fits: usize,
    /// The temperature fitted on the chosen candidate's out-of-fold scores
    /// (absent in files written before calibration).
    #[serde(default)]
    pub calibration: Option<CalibrationFit>,
}

/// Cross-validated scores of one candidate: a penalty, with or without
/// class balance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AlphaScores {
    /// The penalty.
    pub alpha: f64,
    /// Whether classes were balanced.
    #[serde(default)]
    pub class_balance: bool,
    /// Pooled scores over the folds.
    pub scores: Scores,
}

/// Cross-validation results of a training run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CvReport {
    /// Number of folds.
    pub folds: usize,
    /// Fold seed.
    pub seed: u64,
    /// The metric that chose `alpha`.
    pub metric: SelectionMetric,
    /// Per-target results.
    pub targets: BTreeMap<String, TargetCv>,
}

impl CvReport {
    /// The chosen candidates' predictions as an [`Evaluation`] (per target and
    /// pooled). Note that the same folds chose `alpha`, so these figures are
    /// slightly optimistic when several candidates were tried.
    pub fn evaluation(&self) -> Evaluation {
        Evaluation {
            calibration: Default::default(),
            targets: self
                .targets
                .iter()
                .map(|(t, cv)| (t.clone(), cv.confusion))
                .collect(),
        }
    }
}

/// The human-readable cross-validation report: per target, every candidate
/// penalty's scores and the chosen one's per-class scores and confusion
/// matrix, then the pool over targets. The command-line tool's `train` and
/// `info` print exactly this.
impl std::fmt::Display for CvReport {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            out,
            "== {}-fold cross-validation (seed {}, grouped by article, alpha and class balance chosen by {}) ==",
            self.folds,
            self.seed,
            match self.metric {
                SelectionMetric::FAvg => "F_avg",
                SelectionMetric::MacroF1 => "macro-F1",
            }
        )?;
        for (target, t) in &self.targets {
            writeln!(out, "\ntarget {target}: alpha candidates")?;
            for c in &t.candidates {
                writeln!(
                    out,
                    "  alpha {:>6}{}: F_avg {:5.1}  macro-F1 {:5.1}{}",
                    c.alpha,
                    if c.class_balance {
                        " balanced"
                    } else {
                        "         "
                    },
                    100.0 * c.scores.f_avg,
                    100.0 * c.scores.macro_f1,
                    if c.alpha == t.alpha && c.class_balance == t.class_balance {
                        "  <- chosen"
                    } else {
                        ""
                    }
                )?;
            }
            if t.unconverged_fits > 0 {
                writeln!(
                    out,
                    "  ({} fold fits stopped before the gradient tolerance)",
                    t.unconverged_fits
                )?;
            }
            if let Some(c) = &t.calibration {
                writeln!(
                    out,
                    "  calibration: temperature {:.3} on {} out-of-fold scores; NLL {:.3} -> {:.3}, ECE {:.1} -> {:.1}",
                    c.temperature, c.examples, c.nll_before, c.nll_after, c.ece_before, c.ece_after
                )?;
            }
            writeln!(out)?;
            write_confusion_report(
                out,
                &format!(
                    "target {target} (alpha {}{})",
                    t.alpha,
                    if t.class_balance { ", balanced" } else { "" }
                ),
                &t.confusion,
            )?;
        }
        let eval = self.evaluation();
        if eval.targets.len() > 1 {
            writeln!(out)?;
            write_confusion_report(out, "pooled over targets", &eval.pooled())?;
        }
        writeln!(
            out,
            "mean per-target macro-F1 {:5.1}",
            100.0 * eval.mean_target_macro_f1()
        )
    }
}

/// Where training time went, in seconds (summed over worker threads).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    /// Tokenising, stemming and n-gram hashing.
    pub analysis: f64,
    /// Vocabulary fitting and TF-IDF rows.
    pub vectorizing: f64,
    /// Chi-squared selection and building the design (a dense matrix,
    /// CSR rows, or the rows' coordinates in their span).
    pub densifying: f64,
    /// Inside the solver (linfa-logistic or the sparse L-BFGS).
    pub solver: f64,
    /// Wall-clock time of the whole fit.
    pub wall: f64,
}

impl Timings {
    pub(super) fn add(&mut self, o: &Timings) {
        self.analysis += o.analysis;
        self.vectorizing += o.vectorizing;
        self.densifying += o.densifying;
        self.solver += o.solver;
    }
}

/// What a model remembers of its training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingInfo {
    /// Date trained, `YYYY-MM-DD` (UTC).
    pub date: String,
    /// Quotes in the training data.
    pub quotes: usize,
    /// Label counts per target: favor, against, none.
    pub label_counts: BTreeMap<String, [usize; 3]>,
    /// Features kept per target by selection.
    pub selected_features: usize,
    /// Solver iteration cap.
    pub max_iterations: u64,
    /// Convergence threshold used.
    pub gradient_tolerance: f64,
    /// Whether classes were balanced (by replication or sample weights) in
    /// any target's final fit (each target's
    /// [`FitDiagnostics::class_balance`] says which).
    pub class_balance: bool,
    /// The class-balance setting asked for (files without it: `None`).
    #[serde(default)]
    pub class_balance_mode: Option<ClassBalance>,
    /// The solver asked for (each target's
    /// [`FitDiagnostics::solver`] says which ran).
    #[serde(default)]
    pub solver: SolverChoice,
    /// Cross-validation results, when cross-validation ran.
    pub cv: Option<CvReport>,
    /// Where the time went.
    pub timings: Timings,
    /// Warnings (e.g. fits that did not converge).
    pub warnings: Vec<String>,
    /// The training data files, in the order given (empty when the quotes
    /// did not come from files, and in files written before this record).
    #[serde(default)]
    pub data_files: Vec<DataFile>,
}

/// One training data file as it was when the model was trained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataFile {
    /// The path as given on the command line.
    pub path: String,
    /// Its number of lines (a last line without a newline counts).
    pub lines: usize,
    /// `sha256:<hex>` of its bytes.
    pub sha256: String,
}

impl DataFile {
    /// Reads `path` and records its line count and SHA-256.
    pub fn read(path: impl AsRef<Path>) -> Result<DataFile> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(&name, e))?;
        Ok(DataFile::of_bytes(name, &bytes))
    }

    /// The record of a file named `path` holding `bytes`.
    pub fn of_bytes(path: impl Into<String>, bytes: &[u8]) -> DataFile {
        let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
        let partial = usize::from(bytes.last().is_some_and(|&b| b != b'\n'));
        let digest = Sha256::digest(bytes);
        let mut sha256 = String::with_capacity(7 + 64);
        sha256.push_str("sha256:");
        for b in digest {
            sha256.push_str(&format!("{b:02x}"));
        }
        DataFile {
            path: path.into(),
            lines: newlines + partial,
            sha256,
        }
    }
}
