//! Per-target stance models: parameters, training with cross-validated
//! regularisation, prediction with probabilities, and explanations.
//!
//! This is the only corner of the crate that knows ndarray and linfa, and
//! only the crate-private `solver` module calls linfa.
//!
//! Training, per target, in the manner of linfa (`params.fit(&data)` after
//! validation):
//!
//! 1. all quotes are analysed once ([`crate::features::CorpusAnalyzer`]);
//! 2. quotes labelled for the target are split into stratified folds,
//!    grouped by article ([`crate::eval::stratified_group_folds`]);
//! 3. in each fold a vocabulary is fitted on the training part only, the
//!    features are cut to the best [`StanceParams::selected_features`] by
//!    chi-squared, and a softmax regression is fitted for every candidate
//!    `alpha`, strongest penalty first, each warm-started from the last;
//! 4. the `alpha` with the best pooled cross-validated score is kept, and the
//!    final model is fitted on all quotes;
//! 5. a temperature per target is fitted on the chosen `alpha`'s
//!    out-of-fold scores (`calibrate`) and stored with the final model; every
//!    prediction divides the scores by it before the softmax (without
//!    cross-validation there are no out-of-fold scores, and `T = 1`).
//!
//! Prediction never builds a dense matrix: scores are sparse dot products of
//! the feature row with the stored weights.
//!
//! The files, by job: `params` (the builder), `train` (folds and fits),
//! `solver` (the door to linfa), `sparse` (L-BFGS over CSR rows), `span`
//! (the same fit in the rows' span when columns far outnumber rows), `calibrate` (temperature scaling and
//! the one softmax every prediction path uses), `select` (chi-squared),
//! `target` (one target's weights), `predict` ([`StanceModel`] and its predictions),
//! `scorer` (the one score table behind the fused all-target scorer, each
//! target's scores and the [`Predictor`]), `explain`, `report` (the CV
//! report, timings, training info) and `persist` (the model file).

mod calibrate;
mod explain;
mod fit_path;
mod params;
pub mod persist;
mod predict;
mod report;
mod scorer;
pub mod select;
pub(crate) mod solver;
mod span;
mod sparse;
mod target;
mod train;

pub use self::calibrate::CalibrationFit;
pub use self::explain::{Explanation, FeatureContribution};
pub use self::params::{
    ClassBalance, SelectionMetric, SolverChoice, StanceParams, StanceValidParams, DENSE_CELLS,
    DENSE_MIN_FILL, SPAN_MAX_ROWS, SPAN_MIN_RATIO,
};
pub use self::predict::{Prediction, Probabilities, StanceModel, TargetPrediction};
pub use self::report::{
    AlphaScores, CvReport, DataFile, FitDiagnostics, TargetCv, Timings, TrainingInfo,
};
pub use self::scorer::Predictor;
pub use self::solver::Precision;
pub use self::target::TargetModel;
pub use self::train::TrainStage;
