//! `quotestance suggest`: what to label next, over
//! [`quotestance::advanced::suggest::suggest`].

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use quotestance::advanced::suggest::{read_pool_from, suggest, SuggestParams, Uncertainty};

use super::{load_model, open_input, Outcome};

const EXAMPLES: &str = "\
Examples:
  quotestance suggest --model models/stance.json --pool unlabelled.jsonl -n 10
  quotestance suggest --model models/stance.json --pool unlabelled.jsonl --by entropy \\
      | jq -c '{id, target, margin, reason}'

The pool is JSONL in classify's input format: {\"id\": \"q1\", \"text\": \"...\",
\"speaker\": \"lavrov\"} (other fields, `stance` included, are ignored; blank
lines are skipped). Output: at most N lines, best first:
  {\"rank\":1,\"line\":4,\"id\":\"q1\",\"text\":\"...\",\"score\":0.68,\"uncertainty\":0.97,
   \"target\":\"us\",\"predicted\":\"none\",\"runner_up\":\"against\",\"margin\":0.03,
   \"probabilities\":{...},\"similarity\":0.12,\"most_similar_to\":\"q7\",
   \"near_duplicates\":[{\"line\":9,\"id\":\"q8\",\"similarity\":0.83,...}],\"reason\":\"...\"}
Bad pool lines stop the run before ranking (each listed with its line).";

/// `suggest` arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The model file.
    #[arg(long, short, value_name = "FILE")]
    model: PathBuf,
    /// Unlabelled statements (JSONL; `-` is standard input).
    #[arg(long, value_name = "FILE")]
    pool: PathBuf,
    /// How many statements to suggest.
    #[arg(short, long = "n", value_name = "N", default_value_t = 20)]
    n: usize,
    /// The uncertainty measure, per target (a statement counts by its least
    /// certain target).
    #[arg(long, value_enum, value_name = "HOW", default_value_t = By::Margin)]
    by: By,
    /// Weight of redundancy against uncertainty, 0 to 1 (0: uncertainty
    /// alone).
    #[arg(long, value_name = "D", default_value_t = 0.3)]
    diversity: f64,
    /// Cosine similarity at which a statement is a near duplicate of one
    /// already suggested, and left out.
    #[arg(long, value_name = "S", default_value_t = 0.6)]
    max_similarity: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum By {
    /// One minus the gap between the two most probable labels.
    Margin,
    /// Entropy of the three probabilities over its maximum.
    Entropy,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let params = SuggestParams::new()
        .n(args.n)
        .uncertainty(match args.by {
            By::Margin => Uncertainty::Margin,
            By::Entropy => Uncertainty::Entropy,
        })
        .diversity(args.diversity)
        .max_similarity(args.max_similarity);
    params.check()?;
    let model = load_model(&args.model)?;
    let input = open_input(Some(&args.pool))?;
    let pool = read_pool_from(input.reader, &input.name).context("cannot read the pool")?;
    let list = suggest(&model, &pool, &params)?;
    let mut out = std::io::stdout().lock();
    for s in &list {
        serde_json::to_writer(&mut out, s)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if list.len() < args.n.min(pool.len()) {
        say!(
            "quotestance: {} of {} asked for: the rest of the pool's {} statements are near duplicates of these (--max-similarity {})",
            list.len(),
            args.n,
            pool.len(),
            args.max_similarity
        );
    }
    Ok(Outcome::Success)
}
