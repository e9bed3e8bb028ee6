//! Verbatim check of the constructed statements against `../shared`'s real
//! text (dev quotes, dev articles, seed articles): for each constructed line,
//! the longest run of consecutive words it shares with any of them. A long
//! run means the line was recalled, not written. Seed quotes are skipped
//! (they are taken from the seed articles by design).
//!
//! ```text
//! cargo run --release --example corpus_overlap -- [--data data/quotes.jsonl] [--shared ../shared] [--min 5] [--flag 8]
//! ```
//! Lists every line whose longest shared run is at least `--flag` words and
//! exits non-zero if there is one.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use quotestance::advanced::data::read_labelled;

#[path = "../tests/common/overlap.rs"]
mod overlap;

/// Verbatim check of the constructed statements against `../shared`.
#[derive(clap::Parser)]
struct Args {
    /// The labelled quotes whose constructed lines are checked.
    #[arg(long, default_value = "data/quotes.jsonl")]
    data: PathBuf,
    /// The shared folder (its dev quotes, dev articles and seed articles).
    #[arg(long, default_value = "../shared")]
    shared: PathBuf,
    /// The shortest run of words counted.
    #[arg(long, default_value_t = 5)]
    min: usize,
    /// Runs of this many words or more are listed, and fail the check.
    #[arg(long, default_value_t = 8)]
    flag: usize,
}

fn main() -> Result<()> {
    let Args {
        data,
        shared,
        min,
        flag,
    } = clap::Parser::parse();
    if min == 0 || flag < min {
        bail!("need 0 < --min <= --flag");
    }
    let index = overlap::shared_index(&shared, min)?
        .with_context(|| format!("{} has no dev/quotes.jsonl", shared.display()))?;
    let quotes = read_labelled(&data)?;
    let constructed: Vec<_> = quotes
        .iter()
        .filter(|q| q.source.as_deref() == Some("constructed"))
        .collect();
    let mut hist = vec![0usize; flag + 1];
    let mut flagged = Vec::new();
    for q in &constructed {
        let o = index.longest(&q.text);
        hist[o.len.min(flag)] += 1;
        if o.len >= flag {
            flagged.push((q.id.clone().unwrap_or_default(), o));
        }
    }
    println!(
        "{} constructed statements of {} checked against {} (runs of >= {min} words)",
        constructed.len(),
        quotes.len(),
        shared.display()
    );
    println!("\n| longest shared run | statements |\n|---|---:|");
    println!("| < {min} words | {} |", hist[0]);
    for (n, c) in hist.iter().enumerate().take(flag).skip(min) {
        println!("| {n} words | {c} |");
    }
    println!("| >= {flag} words | {} |", hist[flag]);
    for (id, o) in &flagged {
        println!(
            "\n{id}: {} words shared with {}: \"{}\"",
            o.len, o.reference, o.words
        );
    }
    if !flagged.is_empty() {
        bail!(
            "{} statements share >= {flag} consecutive words with real text",
            flagged.len()
        );
    }
    Ok(())
}
