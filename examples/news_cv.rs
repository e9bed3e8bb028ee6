//! "How well on real news?": folds grouped by page over the real dev quotes,
//! the constructed corpus always in training (see `quotestance::newscv`).
//!
//! ```text
//! cargo run --release --example news_cv -- [--corpus data/quotes.jsonl] [--real ../shared/dev/quotes.jsonl] [--folds 5] [--seed 42] [--class-balance] [--speaker-features] [--negation] [--calibrate-on-real] [--calibration-guard]
//! ```

use anyhow::{bail, Context, Result};
use quotestance::data::read_labelled;
use quotestance::features::FeatureConfig;
use quotestance::newscv::news_cv_with;
use quotestance::StanceParams;

const HELP: &str = "\
usage: news_cv [--corpus data/quotes.jsonl] [--real ../shared/dev/quotes.jsonl] [--folds 5] [--seed 42] [--class-balance] [--speaker-features] [--negation] [--calibrate-on-real] [--calibration-guard]

Folds grouped by page over the labelled real quotes; every fold trains on the
whole corpus plus the other folds' real quotes (with the library's default
cross-validation, which chooses alpha and fits each target's calibration
temperature) and is scored on its held-out pages. Prints per-target F_avg and
the expected calibration error (10 bins, top-class probability) over all
judged pairs and on favor/against gold, before (T = 1) and after calibration.
--calibrate-on-real fits the temperatures on the training side's real quotes
only; --calibration-guard keeps T = 1 unless T lowers a held-out NLL.";

fn main() -> Result<()> {
    let (mut corpus, mut real) = (
        "data/quotes.jsonl".to_string(),
        "../shared/dev/quotes.jsonl".to_string(),
    );
    let (mut folds, mut seed) = (5usize, 42u64);
    let mut features = FeatureConfig::default();
    let (mut balance, mut on_real, mut guard) = (false, false, false);
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--corpus" => corpus = value()?,
            "--real" => real = value()?,
            "--folds" => folds = value()?.parse().context("--folds takes a whole number")?,
            "--seed" => seed = value()?.parse().context("--seed takes a whole number")?,
            "--class-balance" => balance = true,
            "--speaker-features" => features.speaker_features = true,
            "--negation" => features.analyzer.negation = true,
            "--calibrate-on-real" => on_real = true,
            "--calibration-guard" => guard = true,
            "-h" | "--help" => {
                println!("{HELP}");
                return Ok(());
            }
            other => bail!("unknown option `{other}` (try --help)"),
        }
    }
    let corpus_q = read_labelled(&corpus)?;
    let real_q = read_labelled(&real)?;
    let params = StanceParams::new()
        .features(features)
        .class_balance(balance)
        .calibration_guard(guard);
    let report = news_cv_with(&corpus_q, &real_q, &params, folds, seed, on_real)?;
    println!(
        "real-news CV: {folds} folds grouped by page over {real}, {corpus} always in training\n"
    );
    print!("{report}");
    Ok(())
}
