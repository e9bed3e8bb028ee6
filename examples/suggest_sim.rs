//! Simulates the label → retrain → eval loop on the real dev quotes: start
//! from the corpus, add N `suggest`ed vs N random real quotes per round (with
//! their gold labels), retrain, score the held-out pages.
//!
//! ```sh
//! cargo run --release --example suggest_sim -- [--rounds 5] [--batch 20] \
//!     [--splits 3] [--seeds 5] [--alpha 0.1] [--by margin|entropy] \
//!     [--diversity 0.3] [--max-similarity 0.6]
//! ```
//!
//! For each of `--splits` page splits (seeds 42, 43, ...) it runs the
//! suggested arm once and `--seeds` random arms, prints each split's table,
//! then the curves pooled over splits: suggested mean ± sd over splits,
//! random mean ± sd over splits × seeds, and the paired gain (suggested minus
//! the split's mean random) mean ± sd over splits.

use anyhow::Context;
use quotestance::advanced::data::read_labelled;
use quotestance::advanced::suggest::sim::{mean_sd, simulate, SimConfig, SimReport};
use quotestance::advanced::suggest::{SuggestParams, Uncertainty};
use quotestance::StanceParams;
use quotestance::{Label, LabelledQuote};

const REAL: &str = "../shared/dev/quotes.jsonl";

/// The simulated label → retrain → evaluate loop over the dev quotes.
#[derive(clap::Parser)]
struct Opts {
    /// Labelling rounds per run.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Statements labelled per round.
    #[arg(long, default_value_t = 20)]
    batch: usize,
    /// Pool/test splits of the dev quotes (seeds 42, 43, ...).
    #[arg(long, default_value_t = 3)]
    splits: u64,
    /// Random-order baselines per split.
    #[arg(long, default_value_t = 5)]
    seeds: u64,
    /// The model's penalty (fixed: no CV inside the loop).
    #[arg(long, default_value_t = 0.1)]
    alpha: f64,
    /// The uncertainty measure.
    #[arg(long, value_enum, default_value_t = By::Margin)]
    by: By,
    /// Weight of diversity against uncertainty.
    #[arg(long, default_value_t = 0.3)]
    diversity: f64,
    /// The most similar two suggestions in one batch may be.
    #[arg(long, default_value_t = 0.6)]
    max_similarity: f64,
}

/// `--by`'s values.
#[derive(Clone, Copy, clap::ValueEnum)]
enum By {
    Margin,
    Entropy,
}

impl From<By> for Uncertainty {
    fn from(by: By) -> Self {
        match by {
            By::Margin => Uncertainty::Margin,
            By::Entropy => Uncertainty::Entropy,
        }
    }
}

/// The share of `quotes` with at least one favor or against label.
fn opinion_share<'a>(quotes: impl Iterator<Item = &'a LabelledQuote>) -> f64 {
    let (mut n, mut opinion) = (0usize, 0usize);
    for q in quotes {
        n += 1;
        if q.stance.values().any(|&l| l != Label::None) {
            opinion += 1;
        }
    }
    opinion as f64 / n.max(1) as f64
}

fn main() -> anyhow::Result<()> {
    let o: Opts = clap::Parser::parse();
    let corpus = read_labelled("data/quotes.jsonl")?;
    let real = read_labelled(REAL).with_context(|| format!("{REAL} is needed"))?;
    let mut reports: Vec<SimReport> = Vec::new();
    for split in 0..o.splits {
        let config = SimConfig {
            split_seed: 42 + split,
            rounds: o.rounds,
            batch: o.batch,
            random_seeds: (1..=o.seeds).collect(),
            suggest: SuggestParams::new()
                .uncertainty(o.by.into())
                .diversity(o.diversity)
                .max_similarity(o.max_similarity),
            params: StanceParams::new().folds(0).alpha(o.alpha),
            ..SimConfig::default()
        };
        let report = simulate(&corpus, &real, &config)?;
        println!("split seed {}\n{report}", config.split_seed);
        let labelled: Vec<&LabelledQuote> = real.iter().filter(|q| !q.stance.is_empty()).collect();
        let share = |idx: &[usize]| opinion_share(idx.iter().map(|&i| labelled[i]));
        let random: Vec<f64> = report.random.iter().map(|c| share(&c.added)).collect();
        println!(
            "quotes with a favor/against label: pool {:.0}%, test {:.0}%, added by suggested {:.0}%, by random {:.0}% (mean of seeds)\n",
            100.0 * share(&report.pool),
            100.0 * share(&report.test),
            100.0 * share(&report.suggested.added),
            100.0 * mean_sd(&random).0
        );
        reports.push(report);
    }
    println!(
        "pooled over {} split(s), {} random seed(s) each (mean per-target F_avg on the held-out pages):",
        o.splits, o.seeds
    );
    println!("| added | suggested | random | gain (suggested − random, paired by split) |");
    println!("|---:|---:|---:|---:|");
    for r in 0..=o.rounds {
        let Some(added) = reports[0].suggested.points.get(r).map(|p| p.added) else {
            break;
        };
        let sug: Vec<f64> = reports
            .iter()
            .filter_map(|rep| rep.suggested.points.get(r).map(|p| p.mean_f_avg))
            .collect();
        let rnd: Vec<f64> = reports
            .iter()
            .flat_map(|rep| rep.random.iter())
            .filter_map(|c| c.points.get(r).map(|p| p.mean_f_avg))
            .collect();
        let gain: Vec<f64> = reports
            .iter()
            .zip(&sug)
            .map(|(rep, s)| s - rep.random_at(r).0)
            .collect();
        let (sm, ss) = mean_sd(&sug);
        let (rm, rs) = mean_sd(&rnd);
        let (gm, gs) = mean_sd(&gain);
        println!(
            "| {added} | {:.1} ± {:.1} | {:.1} ± {:.1} | {:+.1} ± {:.1} |",
            100.0 * sm,
            100.0 * ss,
            100.0 * rm,
            100.0 * rs,
            100.0 * gm,
            100.0 * gs
        );
    }
    Ok(())
}
