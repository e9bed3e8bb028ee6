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

use anyhow::{bail, Context, Result};
use quotestance::advanced::data::read_labelled;
use quotestance::advanced::features::FeatureConfig;
use quotestance::advanced::model::ClassBalance;
use quotestance::advanced::newscv::news_cv_with;
use quotestance::StanceParams;

const HELP: &str = "\
usage: news_cv [--corpus data/quotes.jsonl] [--real ../shared/dev/quotes.jsonl] [--folds 5] [--seed 42]
               [--class-balance on|off|cv] [--[no-]speaker-features] [--[no-]negation]
               [--selected-features N|all] [--alphas A,B,..] [--alpha A] [--word LO-HI|none]
               [--char LO-HI|none] [--min-df N] [--calibrate-on-real] [--calibration-guard]

Every option defaults to train's default.

Folds grouped by page over the labelled real quotes; every fold trains on the
whole corpus plus the other folds' real quotes (with the library's default
cross-validation, which chooses alpha and fits each target's calibration
temperature) and is scored on its held-out pages. Prints per-target F_avg and
the expected calibration error (10 bins, top-class probability) over all
judged pairs and on favor/against gold, before (T = 1) and after calibration.
--calibrate-on-real fits the temperatures on the training side's real quotes
only; --calibration-guard keeps T = 1 unless T lowers a held-out NLL.";

fn range(v: &str) -> Result<Option<(usize, usize)>> {
    if v == "none" {
        return Ok(None);
    }
    let (a, b) = v.split_once('-').context("expected LO-HI or none")?;
    Ok(Some((a.parse()?, b.parse()?)))
}

fn main() -> Result<()> {
    let (mut corpus, mut real) = (
        "data/quotes.jsonl".to_string(),
        "../shared/dev/quotes.jsonl".to_string(),
    );
    let (mut folds, mut seed) = (5usize, 42u64);
    let mut features = FeatureConfig::default();
    let mut params = StanceParams::new();
    let mut on_real = false;
    let choices: Vec<String> = std::env::args().skip(1).collect();
    let mut it = choices.clone().into_iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--corpus" => corpus = value()?,
            "--real" => real = value()?,
            "--folds" => folds = value()?.parse().context("--folds takes a whole number")?,
            "--seed" => seed = value()?.parse().context("--seed takes a whole number")?,
            "--class-balance" => {
                let v = value()?;
                params = params.class_balance_mode(match v.as_str() {
                    "on" => ClassBalance::On,
                    "off" => ClassBalance::Off,
                    "cv" => ClassBalance::Cv,
                    other => bail!("--class-balance takes on, off or cv, not {other}"),
                });
            }
            "--speaker-features" => features.speaker_features = true,
            "--no-speaker-features" => features.speaker_features = false,
            "--negation" => features.analyzer.negation = true,
            "-h" | "--help" => {
                println!("{HELP}");
                return Ok(());
            }
            "--no-negation" => features.analyzer.negation = false,
            "--calibrate-on-real" => on_real = true,
            "--calibration-guard" => params = params.calibration_guard(true),
            "--selected-features" => {
                let v = value()?;
                params = params.selected_features(if v == "all" {
                    usize::MAX
                } else {
                    v.parse().context("--selected-features takes N or all")?
                });
            }
            "--alphas" => {
                let v = value()?;
                let a: Vec<f64> = v
                    .split(',')
                    .map(|s| s.trim().parse::<f64>().context("expected numbers"))
                    .collect::<Result<_>>()?;
                params = params.alphas(a);
            }
            "--alpha" => {
                let v = value()?;
                params = params.folds(0).alpha(v.parse()?);
            }
            "--word" => features.word_ngrams = range(&value()?)?,
            "--char" => features.char_ngrams = range(&value()?)?,
            "--min-df" => features.min_df = value()?.parse()?,
            other => bail!("unknown option `{other}` (try --help)"),
        }
    }
    let corpus_q = read_labelled(&corpus)?;
    let real_q = read_labelled(&real)?;
    let params = params.features(features);
    let report = news_cv_with(&corpus_q, &real_q, &params, folds, seed, on_real)?;
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
