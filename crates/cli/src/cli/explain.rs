//! `quotestance explain`: why a statement got its stances.

use std::fmt::Write;
use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use quotestance::advanced::model::Explanation;
use quotestance::Statement;

use super::{load_model, print_json, print_stdout, Outcome};

const EXAMPLES: &str = "\
Examples:
  quotestance explain --model models/stance.json \"Washington's hegemony is the root of the crisis.\"
  quotestance explain --model models/stance.json --speaker lavrov --target us --top 10 \"...\"
  echo \"We oppose unilateral sanctions.\" | quotestance explain --model models/stance.json -

A feature's contribution is value x (weight for the label - mean weight over
the labels): how far it pushed the score of that label above the others.";

/// `explain` arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The model file.
    #[arg(long, short, value_name = "FILE")]
    model: PathBuf,
    /// The statement (`-` reads it from standard input).
    statement: String,
    /// The speaker id (e.g. `wang_yi`), if known.
    #[arg(long, value_name = "ID")]
    speaker: Option<String>,
    /// Explain only these targets (repeatable) [default: all].
    #[arg(long, value_name = "T")]
    target: Vec<String>,
    /// Features shown per label.
    #[arg(long, value_name = "N", default_value_t = 5)]
    top: usize,
    /// Machine-readable output.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let model = load_model(&args.model)?;
    let text = if args.statement == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read the statement from standard input")?;
        s.trim().to_owned()
    } else {
        args.statement.trim().to_owned()
    };
    if text.is_empty() {
        anyhow::bail!("the statement is empty");
    }
    let mut statement = Statement::new(text);
    statement.speaker = args.speaker;
    let targets: Vec<String> = if args.target.is_empty() {
        model
            .target_names()
            .into_iter()
            .map(str::to_owned)
            .collect()
    } else {
        args.target
    };
    let explanations: Vec<Explanation> = targets
        .iter()
        .map(|t| {
            model.explain(&statement, t, args.top).with_context(|| {
                format!(
                    "the model's targets are {}",
                    model.target_names().join(", ")
                )
            })
        })
        .collect::<anyhow::Result<_>>()?;
    if args.json {
        print_json(&serde_json::json!({
            "text": statement.text,
            "speaker": statement.speaker,
            "explanations": explanations,
        }))?;
        return Ok(Outcome::Success);
    }
    let mut out = String::new();
    write_explanations(&mut out, &model, &statement, &explanations)?;
    print_stdout(&out)?;
    Ok(Outcome::Success)
}

fn write_explanations(
    out: &mut String,
    model: &quotestance::StanceModel,
    statement: &Statement,
    explanations: &[Explanation],
) -> std::fmt::Result {
    writeln!(out, "statement: {:?}", statement.text)?;
    match &statement.speaker {
        Some(s) => writeln!(
            out,
            "speaker:   {s} (side {})",
            model.vectorizer().side_of(s).as_str()
        )?,
        None => writeln!(out, "speaker:   unknown")?,
    }
    for e in explanations {
        let p = &e.prediction;
        writeln!(
            out,
            "\n{}: {}  (favor {:.2}, against {:.2}, none {:.2})",
            e.target,
            p.label.as_str().to_uppercase(),
            p.probabilities.favor,
            p.probabilities.against,
            p.probabilities.none
        )?;
        // The predicted label first, then the others.
        let mut labels: Vec<_> = e.toward.keys().copied().collect();
        labels.sort_by_key(|&l| (l != p.label, l));
        for label in labels {
            let fs = &e.toward[&label];
            writeln!(out, "  toward {}:", label.as_str())?;
            if fs.is_empty() {
                writeln!(out, "    (no feature of this statement)")?;
            }
            for f in fs {
                writeln!(out, "    {:+.3}  {}", f.contribution, f.feature)?;
            }
        }
    }
    Ok(())
}
