//! "How well on real news?": folds grouped by page over the real dev quotes,
//! the constructed corpus always in training (see `quotestance::newscv`).
//!
//! ```text
//! cargo run --release --example news_cv -- [--corpus data/quotes.jsonl] [--real ../shared/dev/quotes.jsonl]
//!     [--folds 5] [--seed 42] [choices] [--calibrate-on-real] [--calibration-guard]
//! ```
//!
//! With no choices it runs `train`'s defaults. Choices, each changing one
//! default: `--class-balance on|off|cv`, `--speaker-features`,
//! `--no-speaker-features`, `--negation`, `--no-negation`,
//! `--selected-features N|all`, `--alphas A,B,..`, `--alpha A` (fixed, no
//! inner CV), `--word LO-HI|none`, `--char LO-HI|none`, `--min-df N`.

use anyhow::Result;
use quotestance::advanced::data::read_labelled;
use quotestance::advanced::features::FeatureConfig;
use quotestance::advanced::model::ClassBalance;
use quotestance::advanced::newscv::news_cv_with;
use quotestance::StanceParams;

/// Stance on real news: folds grouped by page over the labelled real quotes.
///
/// Every fold trains on
/// the whole corpus plus the other folds' real quotes (with the library's
/// default cross-validation, which chooses alpha and fits each target's
/// calibration temperature) and is scored on its held-out pages. Prints
/// per-target F_avg and the expected calibration error (10 bins, top-class
/// probability) over all judged pairs and on favor/against gold, before
/// (T = 1) and after calibration. Every option defaults to train's default.
#[derive(clap::Parser)]
struct Args {
    /// The constructed corpus (always in training).
    #[arg(long, default_value = "data/quotes.jsonl")]
    corpus: String,
    /// The labelled real quotes (folded by page).
    #[arg(long, default_value = "../shared/dev/quotes.jsonl")]
    real: String,
    /// Folds.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// The folds' seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Class balance: on, off or cv.
    #[arg(long, value_enum)]
    class_balance: Option<Balance>,
    /// Speaker features on.
    #[arg(long, conflicts_with = "no_speaker_features")]
    speaker_features: bool,
    /// Speaker features off.
    #[arg(long)]
    no_speaker_features: bool,
    /// Negation marking on.
    #[arg(long, conflicts_with = "no_negation")]
    negation: bool,
    /// Negation marking off.
    #[arg(long)]
    no_negation: bool,
    /// Chi-squared-selected features per target: N or all.
    #[arg(long, value_name = "N|all", value_parser = parse_count)]
    selected_features: Option<usize>,
    /// The penalty grid of the inner CV.
    #[arg(long, value_name = "A,B,..", value_delimiter = ',')]
    alphas: Option<Vec<f64>>,
    /// A fixed penalty (no inner CV).
    #[arg(long)]
    alpha: Option<f64>,
    /// Word n-grams: LO-HI or none.
    #[arg(long, value_name = "LO-HI|none", value_parser = parse_range)]
    word: Option<Range>,
    /// Character n-grams: LO-HI or none.
    #[arg(long, value_name = "LO-HI|none", value_parser = parse_range)]
    char: Option<Range>,
    /// The fewest documents a feature must appear in.
    #[arg(long)]
    min_df: Option<usize>,
    /// Fit the temperatures on the training side's real quotes only.
    #[arg(long)]
    calibrate_on_real: bool,
    /// Keep T = 1 unless T lowers a held-out NLL.
    #[arg(long)]
    calibration_guard: bool,
}

/// `--class-balance`'s values.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Balance {
    On,
    Off,
    Cv,
}

/// An n-gram range: `Some((lo, hi))`, or `None` for `none`.
#[derive(Clone, Copy)]
struct Range(Option<(usize, usize)>);

fn parse_range(v: &str) -> Result<Range, quotestance::Error> {
    FeatureConfig::parse_ngram_range(v).map(Range)
}

fn parse_count(v: &str) -> Result<usize, String> {
    if v == "all" {
        return Ok(usize::MAX);
    }
    v.parse()
        .map_err(|_| format!("`{v}` is not a number or all"))
}

fn main() -> Result<()> {
    let args: Args = clap::Parser::parse();
    let mut features = FeatureConfig::default();
    let mut params = StanceParams::new();
    if let Some(b) = args.class_balance {
        params = params.class_balance_mode(match b {
            Balance::On => ClassBalance::On,
            Balance::Off => ClassBalance::Off,
            Balance::Cv => ClassBalance::Cv,
        });
    }
    if args.speaker_features || args.no_speaker_features {
        features.speaker_features = args.speaker_features;
    }
    if args.negation || args.no_negation {
        features.analyzer.negation = args.negation;
    }
    if args.calibration_guard {
        params = params.calibration_guard(true);
    }
    if let Some(n) = args.selected_features {
        params = params.selected_features(n);
    }
    if let Some(a) = args.alphas {
        params = params.alphas(a);
    }
    if let Some(a) = args.alpha {
        params = params.folds(0).alpha(a);
    }
    if let Some(r) = args.word {
        features.word_ngrams = r.0;
    }
    if let Some(r) = args.char {
        features.char_ngrams = r.0;
    }
    if let Some(n) = args.min_df {
        features.min_df = n;
    }
    let (corpus, real, folds) = (&args.corpus, &args.real, args.folds);
    let choices: Vec<String> = std::env::args().skip(1).collect();
    let corpus_q = read_labelled(corpus)?;
    let real_q = read_labelled(real)?;
    let params = params.features(features);
    let report = news_cv_with(
        &corpus_q,
        &real_q,
        &params,
        folds,
        args.seed,
        args.calibrate_on_real,
    )?;
    println!(
        "real-news CV: {folds} folds grouped by page over {real}, {corpus} always in training; \
         train's defaults{}\n",
        if choices.is_empty() {
            String::new()
        } else {
            format!(" + {}", choices.join(" "))
        }
    );
    print!("{report}");
    Ok(())
}
