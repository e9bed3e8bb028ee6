//! `quotestance eval`: score a model on labelled JSONL.

use std::path::PathBuf;

use anyhow::Context;
use quotestance::advanced::data::read_labelled;

use super::{load_model, print_json, print_stdout, report, Outcome};

const EXAMPLES: &str = "\
Examples:
  quotestance eval --model models/stance.json --data data/test.jsonl
  quotestance eval --model models/stance.json --data data/test.jsonl --json | jq .pooled.scores.f_avg
  quotestance eval --model models/stance.json --data ../shared/dev/quotes.jsonl --plot eval.svg

Each quote counts for the targets it is labelled for and the model knows.
Confusion matrices have the truth in rows and the prediction in columns,
in the order favor, against, none.";

/// `eval` arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The model file.
    #[arg(long, short, value_name = "FILE")]
    model: PathBuf,
    /// Labelled quotes (JSONL).
    #[arg(long, value_name = "FILE")]
    data: PathBuf,
    /// Machine-readable output.
    #[arg(long)]
    json: bool,
    /// Also draw the confusion matrices and a reliability diagram (every
    /// judged pair, and those with favor/against gold) into this SVG.
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let model = load_model(&args.model)?;
    let quotes = read_labelled(&args.data).context("cannot read the evaluation data")?;
    let eval = model.evaluate(&quotes);
    if eval.targets.is_empty() {
        anyhow::bail!(
            "no quote in {} is labelled for the model's targets ({})",
            args.data.display(),
            model.target_names().join(", ")
        );
    }
    if let Some(path) = &args.plot {
        let svg = quotestance::advanced::report::evaluation_svg(&model, &quotes)?;
        std::fs::write(path, svg).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if args.json {
        print_json(&report::evaluation_json(&eval))?;
    } else {
        let mut out = format!(
            "{} quotes from {}, model {}\n",
            quotes.len(),
            args.data.display(),
            args.model.display()
        );
        out.push_str(&eval.to_string());
        out.push_str(&format!(
            "mean per-target macro-F1 {:5.1}\n",
            100.0 * eval.mean_target_macro_f1()
        ));
        print_stdout(&out)?;
    }
    Ok(Outcome::Success)
}
