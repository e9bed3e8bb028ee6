//! `quotestance info`: what a model file holds.

use std::fmt::Write;
use std::path::PathBuf;

use quotestance::StanceModel;

use super::{load_model, print_json, print_stdout, Outcome};

const EXAMPLES: &str = "\
Examples:
  quotestance info --model models/stance.json
  quotestance info --model models/stance.json --json | jq .targets";

/// `info` arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The model file.
    #[arg(long, short, value_name = "FILE")]
    model: PathBuf,
    /// Machine-readable output.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let model = load_model(&args.model)?;
    if args.json {
        print_json(&info_json(&model))?;
    } else {
        let mut out = String::new();
        write_info(&mut out, &args.model.display().to_string(), &model)?;
        print_stdout(&out)?;
    }
    Ok(Outcome::Success)
}

fn info_json(model: &StanceModel) -> serde_json::Value {
    let v = model.vectorizer();
    let targets: Vec<serde_json::Value> = model
        .targets()
        .iter()
        .map(|t| {
            serde_json::json!({
                "name": t.name(),
                "labels": t.classes(),
                "alpha": t.alpha(),
                "temperature": t.temperature(),
                "selected_features": t.n_selected(),
                "diagnostics": t.diagnostics(),
            })
        })
        .collect();
    serde_json::json!({
        "format_version": quotestance::advanced::model::FORMAT_VERSION,
        "targets": targets,
        "features": v.config(),
        "vocabulary": {
            "total": v.n_features(),
            "word_ngrams": v.n_word_features(),
            "char_ngrams": v.n_char_features(),
            "speaker_and_side": v.speaker_feature_range().len(),
        },
        "training": model.info(),
    })
}

fn range(r: Option<(usize, usize)>) -> String {
    r.map_or_else(|| "off".into(), |(lo, hi)| format!("{lo}-{hi}"))
}

fn write_info(out: &mut String, path: &str, model: &StanceModel) -> std::fmt::Result {
    let v = model.vectorizer();
    let c = v.config();
    let info = model.info();
    writeln!(
        out,
        "model {path} (format version {}, trained {})",
        quotestance::advanced::model::FORMAT_VERSION,
        info.date
    )?;
    writeln!(out, "\ntargets")?;
    for t in model.targets() {
        let labels: Vec<&str> = t.classes().iter().map(|l| l.as_str()).collect();
        let d = t.diagnostics();
        writeln!(
            out,
            "  {:<14} labels {:<20} alpha {:<6} temperature {:<6.3} {} features, {} examples{}",
            t.name(),
            labels.join(","),
            t.alpha(),
            t.temperature(),
            t.n_selected(),
            d.examples,
            if d.converged { "" } else { " (not converged)" }
        )?;
    }
    writeln!(out, "\nfeatures")?;
    writeln!(
        out,
        "  word n-grams {}, character n-grams {} (in words), min_df {}, max_df {}, max_features {}",
        range(c.word_ngrams),
        range(c.char_ngrams),
        c.min_df,
        c.max_df,
        c.max_features
            .map_or_else(|| "none".to_string(), |n| n.to_string())
    )?;
    writeln!(
        out,
        "  sublinear tf {}, smooth idf {}, stemming {}, negation marking {}, speaker features {} (weight {})",
        c.sublinear_tf,
        c.smooth_idf,
        c.analyzer.stem,
        c.analyzer.negation,
        c.speaker_features,
        c.speaker_weight
    )?;
    writeln!(
        out,
        "  vocabulary {} features: {} word n-grams, {} character n-grams, {} speaker and side",
        v.n_features(),
        v.n_word_features(),
        v.n_char_features(),
        v.speaker_feature_range().len()
    )?;
    if info.cv.is_none() {
        writeln!(
            out,
            "  no calibration: trained without cross-validation (--folds 0), so no out-of-fold scores; temperature 1"
        )?;
    }
    writeln!(out, "\ntraining data: {} quotes", info.quotes)?;
    if info.data_files.is_empty() {
        writeln!(out, "  (no data files recorded)")?;
    }
    for f in &info.data_files {
        writeln!(out, "  file {} ({} lines, {})", f.path, f.lines, f.sha256)?;
    }
    writeln!(
        out,
        "  {:<14} {:>6} {:>8} {:>6}",
        "target", "favor", "against", "none"
    )?;
    for (t, n) in &info.label_counts {
        writeln!(out, "  {t:<14} {:>6} {:>8} {:>6}", n[0], n[1], n[2])?;
    }
    writeln!(
        out,
        "  solver: at most {} iterations, gradient tolerance {:e}, class balance {}; trained in {:.2} s",
        info.max_iterations, info.gradient_tolerance, info.class_balance, info.timings.wall
    )?;
    for w in &info.warnings {
        writeln!(out, "  warning: {w}")?;
    }
    writeln!(out)?;
    match &info.cv {
        Some(cv) => write!(out, "{cv}")?,
        None => writeln!(out, "no cross-validation figures (trained with --folds 0)")?,
    }
    Ok(())
}
