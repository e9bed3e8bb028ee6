//! `quotestance train`: fit per-target models, print the cross-validation
//! report, save the model.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use quotestance::advanced::data::read_labelled;
use quotestance::advanced::features::FeatureConfig;
use quotestance::advanced::model::{
    ClassBalance, DataFile, SelectionMetric, SolverChoice, TrainStage,
};
use quotestance::SpeakerTable;
use quotestance::{LabelledQuote, StanceParams};

use super::{print_json, print_stdout, progress, Globals, Outcome};

const EXAMPLES: &str = "\
Examples:
  quotestance train --data data/quotes.jsonl --out models/stance.json
  quotestance train --data data/quotes.jsonl --out m.json --folds 10 --seed 7 --alphas 1,0.3,0.1
  quotestance train --data semeval.jsonl --out semeval.json --word-ngrams 1-2 --char-ngrams none --alpha 0.1 --folds 0

The labelled data is JSONL, one quote per line:
  {\"id\": \"s1\", \"text\": \"...\", \"speaker\": \"lavrov\", \"stance\": {\"us\": \"against\"}, \"source\": \"article-3\"}
Quotes sharing a `source` stay in one cross-validation fold.";

/// `train` arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Labelled quotes (JSONL); repeat to train on several files (e.g. the
    /// corpus and the real dev quotes).
    #[arg(long, value_name = "FILE", required = true)]
    data: Vec<PathBuf>,
    /// Where to write the model (required: no default, so that a run never
    /// overwrites the shipped model by accident; checked before training).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Cross-validation folds (0 skips cross-validation; then give --alpha)
    /// [default: 5].
    #[arg(long, value_name = "K")]
    folds: Option<usize>,
    /// Seed of the fold assignment [default: 42].
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// A fixed L2 penalty instead of choosing one by cross-validation.
    #[arg(long, value_name = "A")]
    alpha: Option<f64>,
    /// Candidate penalties, comma-separated [default: 1,0.3,0.1,0.03].
    #[arg(long, value_name = "A,..", value_delimiter = ',')]
    alphas: Option<Vec<f64>>,
    /// Score that chooses the penalty.
    #[arg(long, value_enum, default_value_t = Metric::FAvg)]
    metric: Metric,
    /// N-gram features kept per target by chi-squared, or `all`
    /// [default: 3000].
    #[arg(long, value_name = "N|all", value_parser = parse_count)]
    selected_features: Option<usize>,
    /// Solver: `dense` (linfa-logistic), `sparse` (L-BFGS over sparse rows,
    /// any feature count), or `auto` (dense while the matrix is small).
    #[arg(long, value_enum, default_value_t = Solver::Auto)]
    solver: Solver,
    /// Solver iteration cap [default: 100].
    #[arg(long, value_name = "N")]
    max_iterations: Option<u64>,
    /// Fail when a final fit does not converge (instead of a warning).
    #[arg(long)]
    require_convergence: bool,
    /// Class balance (rows of rarer classes weighted up): `on`, `off`, or
    /// `cv` (each target's cross-validation chooses, with the penalty);
    /// `--class-balance` alone means `on` [default: cv].
    #[arg(long, value_enum, value_name = "MODE", num_args = 0..=1, default_missing_value = "on")]
    class_balance: Option<Balance>,
    /// Fit the calibration temperatures only on the out-of-fold scores of
    /// this --data file's quotes (repeatable; e.g. the real quotes, which
    /// look like what the model will see) [default: every file].
    #[arg(long, value_name = "FILE")]
    calibrate_on: Vec<PathBuf>,
    /// Keep each temperature at 1 unless it lowers the out-of-fold NLL of
    /// a held-out half of the calibration quotes.
    #[arg(long)]
    calibration_guard: bool,
    /// Train only these targets, comma-separated [default: every labelled one].
    #[arg(long, value_name = "T,..", value_delimiter = ',')]
    targets: Option<Vec<String>>,
    /// Speaker table (JSON) giving speakers' sides [default: the built-in one].
    #[arg(long, value_name = "FILE")]
    speakers: Option<PathBuf>,
    /// Word n-gram orders, `LO-HI` or `none` [default: 1-3].
    #[arg(long, value_name = "LO-HI", value_parser = parse_range)]
    word_ngrams: Option<NgramRange>,
    /// Character n-gram orders (inside words), `LO-HI` or `none` [default: 2-5].
    #[arg(long, value_name = "LO-HI", value_parser = parse_range)]
    char_ngrams: Option<NgramRange>,
    /// Keep n-grams found in at least this many training texts [default: 2].
    #[arg(long, value_name = "N")]
    min_df: Option<usize>,
    /// Keep at most this many n-grams per block (words, characters)
    /// [default: 50000].
    #[arg(long, value_name = "N")]
    max_features: Option<usize>,
    /// Mark words after a negation (`not support` differs from `support`)
    /// [default: on].
    #[arg(long, overrides_with = "no_negation")]
    negation: bool,
    /// No negation marking.
    #[arg(long)]
    no_negation: bool,
    /// Add speaker features (speaker id and side) [default: on].
    #[arg(long, overrides_with = "no_speaker_features")]
    speaker_features: bool,
    /// No speaker features.
    #[arg(long)]
    no_speaker_features: bool,
    /// Print the cross-validation report as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Metric {
    /// Mean F1 of favor and against (SemEval-2016).
    FAvg,
    /// Mean F1 of the three labels.
    MacroF1,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Balance {
    /// Always balance classes.
    On,
    /// Never balance classes.
    Off,
    /// Each target's cross-validation chooses, alongside alpha.
    Cv,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Solver {
    /// Dense while rows × features is at most 2^24, else sparse.
    Auto,
    /// linfa-logistic on a dense matrix.
    Dense,
    /// L-BFGS over sparse rows.
    Sparse,
}

/// A count, or `all` (every feature).
fn parse_count(s: &str) -> Result<usize, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(usize::MAX);
    }
    s.trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number or `all`"))
}

/// An n-gram range argument: `Some((lo, hi))`, or `None` for `none`.
#[derive(Debug, Clone, Copy)]
struct NgramRange(Option<(usize, usize)>);

fn parse_range(s: &str) -> Result<NgramRange, quotestance::Error> {
    FeatureConfig::parse_ngram_range(s).map(NgramRange)
}

pub fn run(args: Args, globals: Globals) -> anyhow::Result<Outcome> {
    super::check_writable(&args.out)?;
    super::interrupt::install();
    for c in &args.calibrate_on {
        anyhow::ensure!(
            args.data.contains(c),
            "--calibrate-on {} is not one of the --data files",
            c.display()
        );
    }
    let (quotes, calibration_rows) = read_data(&args)?;
    let names: Vec<String> = args.data.iter().map(|p| p.display().to_string()).collect();
    let params = params_of(&args, calibration_rows)?;

    say!(
        "quotestance: training on {} labelled quotes from {}",
        quotes.len(),
        names.join(" + ")
    );
    let start = Instant::now();
    let stages = progress::Stages::new(globals.progress, "training: checking the data");
    let fitted = params.fit_with(&quotes, &|s| stages.stage(&stage_message(s)));
    stages.finish();
    let mut model = fitted.context("training failed")?;
    let files = args
        .data
        .iter()
        .map(DataFile::read)
        .collect::<Result<Vec<_>, _>>()
        .context("cannot read the training data again to record it")?;
    model.set_data_files(files);
    let secs = start.elapsed().as_secs_f64();

    match model.cv_report() {
        Some(cv) if args.json => print_json(cv)?,
        Some(cv) => print_stdout(&cv.to_string())?,
        None if args.json => print_stdout("null\n")?,
        None => say!("quotestance: no cross-validation (--folds 0)"),
    }
    for w in model.warnings() {
        say!("quotestance: warning: {w}");
    }
    let stages = progress::Stages::new(globals.progress, "saving");
    let saved = super::interrupt::uninterrupted(|| model.save(&args.out));
    stages.finish();
    saved.with_context(|| format!("cannot save the model to {}", args.out.display()))?;
    say!(
        "quotestance: trained {} target(s) in {secs:.2} s; wrote {} ({} features)",
        model.targets().len(),
        args.out.display(),
        model.vectorizer().n_features()
    );
    Ok(Outcome::Success)
}

/// The progress line of a training stage.
fn stage_message(stage: TrainStage) -> String {
    match stage {
        TrainStage::Analysing => "training: analysing the texts".into(),
        TrainStage::CrossValidation { done, total } => {
            format!("training: cross-validation, {done} of {total} fits (targets × folds)")
        }
        TrainStage::FinalFit => "training: final fit and calibration".into(),
    }
}

/// Every `--data` file's labelled quotes, and the rows of those from the
/// `--calibrate-on` files.
fn read_data(args: &Args) -> anyhow::Result<(Vec<LabelledQuote>, Vec<usize>)> {
    let mut quotes = Vec::new();
    let mut calibration_rows = Vec::new();
    for path in &args.data {
        let start = quotes.len();
        quotes.extend(
            read_labelled(path)
                .with_context(|| format!("cannot read the training data {}", path.display()))?,
        );
        if args.calibrate_on.contains(path) {
            calibration_rows.extend(start..quotes.len());
        }
    }
    Ok((quotes, calibration_rows))
}

/// The feature settings the arguments change from the defaults.
fn features_of(args: &Args) -> FeatureConfig {
    let mut features = FeatureConfig::default();
    if let Some(r) = args.word_ngrams {
        features.word_ngrams = r.0;
    }
    if let Some(r) = args.char_ngrams {
        features.char_ngrams = r.0;
    }
    if let Some(n) = args.min_df {
        features.min_df = n;
    }
    if let Some(n) = args.max_features {
        features.max_features = Some(n);
    }
    if args.negation || args.no_negation {
        features.analyzer.negation = args.negation;
    }
    if args.speaker_features || args.no_speaker_features {
        features.speaker_features = args.speaker_features;
    }
    features
}

/// The training parameters the arguments give.
fn params_of(args: &Args, calibration_rows: Vec<usize>) -> anyhow::Result<StanceParams> {
    let mut params = StanceParams::new().features(features_of(args));
    if let Some(b) = args.class_balance {
        params = params.class_balance_mode(match b {
            Balance::On => ClassBalance::On,
            Balance::Off => ClassBalance::Off,
            Balance::Cv => ClassBalance::Cv,
        });
    }
    let mut params = params
        .calibration_guard(args.calibration_guard)
        .require_convergence(args.require_convergence)
        .solver(match args.solver {
            Solver::Auto => SolverChoice::Auto,
            Solver::Dense => SolverChoice::Dense,
            Solver::Sparse => SolverChoice::Sparse,
        })
        .selection_metric(match args.metric {
            Metric::FAvg => SelectionMetric::FAvg,
            Metric::MacroF1 => SelectionMetric::MacroF1,
        });
    if let Some(path) = &args.speakers {
        params = params
            .speakers(SpeakerTable::from_path(path).context("cannot read the speaker table")?);
    }
    if !args.calibrate_on.is_empty() {
        params = params.calibrate_on_rows(calibration_rows);
    }
    if let Some(k) = args.folds {
        params = params.folds(k);
    }
    if let Some(s) = args.seed {
        params = params.seed(s);
    }
    if let Some(a) = args.alpha {
        params = params.alpha(a);
    }
    if let Some(a) = &args.alphas {
        params = params.alphas(a.clone());
    }
    if let Some(n) = args.selected_features {
        params = params.selected_features(n);
    }
    if let Some(n) = args.max_iterations {
        params = params.max_iterations(n);
    }
    if let Some(t) = &args.targets {
        params = params.targets(t.clone());
    }
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_read_as_progress_lines() {
        assert_eq!(
            stage_message(TrainStage::CrossValidation { done: 4, total: 15 }),
            "training: cross-validation, 4 of 15 fits (targets × folds)"
        );
        assert_eq!(
            stage_message(TrainStage::FinalFit),
            "training: final fit and calibration"
        );
    }
}
