//! The main job: train per-target stance models on `data/quotes.jsonl` (plus
//! the real dev quotes `../shared/dev/quotes.jsonl` when present; `--data` may
//! be given several times and replaces both; the calibration temperatures are
//! fitted on the dev quotes' out-of-fold scores, or on the `--calibrate-on`
//! files), print
//! the cross-validation report, save `models/stance.local.json` (ignored by
//! git: the tracked `models/stance.json` stays as shipped; `--model` chooses), reload it and
//! classify a few new statements with explanations.
//!
//! ```text
//! cargo run --release --example train_eval -- [--data D] [--calibrate-on D] [--model M] [--folds K] [--seed S]
//! ```

use std::time::Instant;

use anyhow::{Context, Result};
use quotestance::advanced::data::read_labelled;
use quotestance::advanced::model::DataFile;
use quotestance::{StanceModel, StanceParams, Statement};

/// Train, evaluate, save, reload and classify.
#[derive(clap::Parser)]
struct Args {
    /// Labelled quotes (repeatable) [default: data/quotes.jsonl and, when
    /// present, ../shared/dev/quotes.jsonl, which then calibrates too].
    #[arg(long)]
    data: Vec<String>,
    /// Fit the calibration temperatures on these --data files (repeatable).
    #[arg(long)]
    calibrate_on: Vec<String>,
    /// Where to save the model.
    #[arg(long, default_value = "models/stance.local.json")]
    model: String,
    /// Cross-validation folds.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// The folds' seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

fn parse_args() -> Result<Args> {
    let mut args: Args = clap::Parser::parse();
    if args.data.is_empty() {
        args.data.push("data/quotes.jsonl".into());
        let real = "../shared/dev/quotes.jsonl";
        if std::path::Path::new(real).exists() {
            args.data.push(real.into());
            // The temperatures are fitted on the real quotes' out-of-fold
            // scores: they look like what the model will see
            // (`docs/stance.md`, calibration set).
            args.calibrate_on.push(real.into());
        }
    }
    Ok(args)
}

fn main() -> Result<()> {
    let args = parse_args()?;
    let mut quotes = Vec::new();
    let mut calibration_rows = Vec::new();
    for path in &args.data {
        let part = read_labelled(path)?;
        println!("{} labelled quotes from {path}", part.len());
        if args.calibrate_on.contains(path) {
            calibration_rows.extend(quotes.len()..quotes.len() + part.len());
        }
        quotes.extend(part);
    }

    let start = Instant::now();
    let mut params = StanceParams::new().folds(args.folds).seed(args.seed);
    if !args.calibrate_on.is_empty() {
        println!(
            "calibrating on the {} quotes of {}",
            calibration_rows.len(),
            args.calibrate_on.join(", ")
        );
        params = params.calibrate_on_rows(calibration_rows);
    }
    let mut model = params.fit(&quotes).context("training failed")?;
    let files = args
        .data
        .iter()
        .map(DataFile::read)
        .collect::<Result<Vec<_>, _>>()?;
    model.set_data_files(files);
    let secs = start.elapsed().as_secs_f64();

    if let Some(cv) = model.cv_report() {
        println!("\n{cv}");
    }
    let t = &model.info().timings;
    println!(
        "\ntrained in {secs:.2} s (analysis {:.2} s, vectorising {:.2} s, selection+densifying {:.2} s, solver {:.2} s; summed over threads)",
        t.analysis, t.vectorizing, t.densifying, t.solver
    );
    for w in model.warnings() {
        println!("warning: {w}");
    }

    model.save(&args.model)?;
    let loaded = StanceModel::load(&args.model)?;
    println!(
        "\nsaved and reloaded {} ({} features)",
        args.model,
        loaded.vectorizer().n_features()
    );

    let examples = [
        Statement::new("Moscow and Beijing will keep deepening their strategic coordination, whatever pressure comes from outside.").with_speaker("lavrov"),
        Statement::new("We call on China to stop supplying components that sustain Russia's war machine.").with_speaker("g7"),
        Statement::new("The Americans keep building closed blocs in the Asia-Pacific, and that only breeds confrontation.").with_speaker("shoigu"),
        Statement::new("The foreign ministers will meet on Tuesday to discuss the agenda of the summit.").with_speaker("china_mfa"),
    ];
    for s in &examples {
        println!("\n[{}] {}", s.speaker.as_deref().unwrap_or("-"), s.text);
        let p = loaded.predict(s);
        for (target, tp) in &p {
            let e = loaded.explain(s, target, 3)?;
            let why: Vec<String> = e.toward[&tp.label]
                .iter()
                .map(|f| format!("{} ({:+.2})", f.feature, f.contribution))
                .collect();
            println!(
                "  {target:<12} {:<8} favor {:.2} against {:.2} none {:.2}   {}",
                tp.label.as_str(),
                tp.probabilities.favor,
                tp.probabilities.against,
                tp.probabilities.none,
                why.join(", ")
            );
        }
    }
    Ok(())
}
