//! Prints N generated statements as JSONL (the benchmark corpus of
//! `benches/corpus/mod.rs`), streaming, so N can be large.
//!
//! ```text
//! cargo run --release --example gen_corpus -- 1000000 [SEED] > /tmp/statements.jsonl
//! cargo run --release --example gen_corpus -- 100000 42 --labelled > /tmp/labelled.jsonl
//! ```
//!
//! `--labelled` adds a `stance` for `us`, `ukraine` and `partnership` to
//! every line, for training at scale (`docs/benchmarks-semeval.md`): a fixed
//! keyword rule on the text (who is named, whether the predicate is hostile
//! or friendly), with one label in ten replaced at random, so the task is
//! learnable but not trivial. The labels mean nothing about real stance.

use std::io::{BufWriter, Write};

use quotestance::advanced::eval::SeededRng;

#[path = "../benches/corpus/mod.rs"]
mod corpus;

const HOSTILE: &[&str] = &[
    "escalates",
    "threat",
    "doomed",
    "Cold War",
    "violates",
    "provocation",
    "cannot be allowed",
    "stoke",
    "interfering",
    "never solved",
];
const FRIENDLY: &[&str] = &[
    "stronger",
    "fundamental interests",
    "mutual respect",
    "new horizons",
    "deserves the support",
    "not aimed",
    "friendly",
    "highest level",
    "deepening coordination",
];

/// The rule's label for one target: `none` unless the text names it, then
/// against for hostile wording, favor for friendly wording.
fn rule(text: &str, names: &[&str]) -> &'static str {
    if !names.iter().any(|n| text.contains(n)) {
        return "none";
    }
    let hostile = HOSTILE.iter().filter(|w| text.contains(*w)).count();
    let friendly = FRIENDLY.iter().filter(|w| text.contains(*w)).count();
    match hostile.cmp(&friendly) {
        std::cmp::Ordering::Greater => "against",
        std::cmp::Ordering::Less => "favor",
        std::cmp::Ordering::Equal => "none",
    }
}

fn labels(text: &str, rng: &mut SeededRng) -> serde_json::Value {
    const ALL: [&str; 3] = ["favor", "against", "none"];
    let targets: [(&str, &[&str]); 3] = [
        (
            "us",
            &["Washington", "United States", "American", "the West"],
        ),
        ("ukraine", &["Ukraine", "Kyiv"]),
        (
            "partnership",
            &[
                "Moscow and Beijing",
                "two peoples",
                "between us",
                "Power of Siberia",
            ],
        ),
    ];
    let mut m = serde_json::Map::new();
    for (t, names) in targets {
        let mut l = rule(text, names);
        if rng.below(10) == 0 {
            l = ALL[rng.below(3)];
        }
        m.insert(t.to_owned(), serde_json::json!(l));
    }
    serde_json::Value::Object(m)
}

/// Generated statements as JSONL on standard output.
#[derive(clap::Parser)]
struct Args {
    /// How many statements.
    #[arg(default_value_t = 10_000)]
    n: usize,
    /// The generator's seed.
    #[arg(default_value_t = 42)]
    seed: u64,
    /// Add a noisy rule-based `stance` to each (training data for scale runs).
    #[arg(long)]
    labelled: bool,
}

fn main() -> std::io::Result<()> {
    let Args { n, seed, labelled } = clap::Parser::parse();
    let out = std::io::stdout().lock();
    let mut out = BufWriter::new(out);
    let mut noise = SeededRng::new(seed ^ 0x5eed);
    // In batches, so memory stays small for any N.
    let batch = 10_000;
    let mut done = 0;
    while done < n {
        let k = batch.min(n - done);
        let statements = corpus::statements(k, seed.wrapping_add(done as u64));
        for (i, mut s) in statements.into_iter().enumerate() {
            s.id = Some(format!("g{}", done + i));
            if labelled {
                let mut v = serde_json::to_value(&s)?;
                v["stance"] = labels(&s.text, &mut noise);
                serde_json::to_writer(&mut out, &v)?;
            } else {
                serde_json::to_writer(&mut out, &s)?;
            }
            out.write_all(b"\n")?;
        }
        done += k;
    }
    out.flush()
}
