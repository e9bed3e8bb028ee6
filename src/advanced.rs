//! The rest of the machinery, for tools built on the library.
//!
//! Most programs need only what the crate root re-exports: an
//! [`Extractor`](crate::Extractor) to find quotes, a
//! [`StanceModel`](crate::StanceModel) to classify them. The items here are
//! what the `quotestance` command-line tool, the Python bindings, the
//! benchmarks and the examples use beyond that: reading and writing the data
//! files, evaluation, summaries, the HTML report, suggestions of what to label
//! next, the feature settings and the model's reports. They are public and
//! documented, but they follow the tool's needs more closely than the root
//! does, and may change between minor versions.
//!
//! Each sub-module names the room of the crate it comes from (see
//! `ARCHITECTURE.md`). Everything not listed here (featurizer, corpus
//! analyser, solver, chi-squared selection, the seeded generator's internals)
//! is private to the crate.

/// Extraction beyond [`Extractor`](crate::Extractor) and [`Quote`](crate::Quote):
/// switching sieves off one at a time, and the work counters of a run.
pub mod extract {
    pub use crate::extract::{Sieve, Span, Work};
}

/// Speaker table details: sides, kinds, roles, one speaker's entry.
pub mod speakers {
    pub use crate::speakers::{Gender, Role, Side, Speaker, SpeakerKind};
}

/// The JSONL data files: labelled quotes and statements, line by line, with
/// errors that say which line and field.
pub mod data {
    pub use crate::data::{
        label_counts, labelled_quotes, labelled_quotes_from, parse_article_line,
        parse_labelled_line, parse_statement_line, read_labelled, targets_of, ArticleLine,
        JsonlLines, LabelledQuotes, BOM, UNGROUPED_SOURCES,
    };
}

/// Article dates: ISO dates and datelines (a JSONL article's `date` field is
/// read by [`crate::data::parse_article_line`] and parsed by `parse_iso_date`).
pub mod dateline {
    pub use crate::dateline::{
        article_date, find_dateline, parse_iso_date, Dateline, DATELINE_LINES,
    };
}

/// Scores and folds: confusion matrices, F-scores, calibration error, and the
/// stratified folds grouped by article that training uses.
pub mod eval {
    pub use crate::eval::{
        ece, stratified_group_folds, write_confusion_report, Calibration, ClassScores, Confusion,
        Evaluation, Scores, SeededRng, ECE_BINS,
    };
}

/// Text analysis settings that [`features::FeatureConfig`] carries.
pub mod analysis {
    pub use crate::analysis::{AnalyzerConfig, HashtagMode, MentionMode};
}

/// Feature settings, and the sparse rows the model scores.
pub mod features {
    pub use crate::features::{FeatureConfig, SparseRow};
}

/// The model's parameters, predictions, explanations, reports and file format.
pub mod model {
    pub use crate::model::persist::VERSION as FORMAT_VERSION;
    pub use crate::model::{
        AlphaScores, CalibrationFit, ClassBalance, CvReport, DataFile, Explanation,
        FeatureContribution, FitDiagnostics, Precision, Prediction, Predictor, Probabilities,
        SelectionMetric, SolverChoice, StanceValidParams, TargetCv, TargetModel, TargetPrediction,
        Timings, TrainStage, TrainingInfo, DENSE_CELLS, DENSE_MIN_FILL, SPAN_MAX_ROWS,
        SPAN_MIN_RATIO,
    };
}

/// Cross-validation on real news: folds grouped by page over the labelled
/// real quotes, each trained on the corpus plus the other folds.
pub mod newscv {
    pub use crate::newscv::{news_cv, news_cv_with, NewsCvReport};
}

/// Stance over time: extraction records grouped by speaker, target and
/// period, with Wilson intervals, as a table or CSV.
pub mod summary {
    pub use crate::summary::{
        display_name, read_records, summarize, to_csv, to_table, wilson, Cell, Period, QuoteRecord,
        ReadRecords, UNATTRIBUTED, UNDATED,
    };
}

/// The analyst's HTML report and its SVG figures.
pub mod report {
    pub use crate::report::evaluation::{evaluation_svg, reliability, Bin};
    pub use crate::report::{render, ReportInput};
}

/// What to label next: uncertainty, near-duplicates, and the simulation that
/// measures how much each way of choosing helps.
pub mod suggest {
    pub use crate::suggest::{
        cosine, read_pool, read_pool_from, suggest, target_uncertainty, NearDuplicate,
        PoolStatement, SuggestParams, Suggestion, Uncertainty,
    };

    /// The active-learning simulation (`examples/suggest_sim.rs`).
    pub mod sim {
        pub use crate::suggest::sim::{mean_sd, simulate, Curve, Point, SimConfig, SimReport};
    }
}
