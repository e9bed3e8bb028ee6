//! Corpus figures for `data/README.md`: counts per speaker and per target ×
//! label, and the cross-condition check (train on constructed statements, test
//! on the seed quotes, and the reverse) that guards against the model learning
//! the author instead of the stance.
//!
//! ```text
//! cargo run --release --example corpus_report -- [--data data/quotes.jsonl]
//! ```

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use quotestance::advanced::data::read_labelled;
use quotestance::{Label, LabelledQuote, StanceParams};

fn main() -> Result<()> {
    /// Counts and cross-validated figures of a labelled corpus.
    #[derive(clap::Parser)]
    struct Args {
        /// The labelled quotes.
        #[arg(long, default_value = "data/quotes.jsonl")]
        data: std::path::PathBuf,
    }
    let Args { data } = clap::Parser::parse();
    let quotes = read_labelled(&data)?;
    let (seeds, constructed): (Vec<LabelledQuote>, Vec<LabelledQuote>) = quotes
        .iter()
        .cloned()
        .partition(|q| q.source.as_deref().is_some_and(|s| s.starts_with("seed:")));
    println!(
        "{} quotes: {} constructed, {} from the seed articles\n",
        quotes.len(),
        constructed.len(),
        seeds.len()
    );

    let mut speakers: BTreeMap<&str, [usize; 2]> = BTreeMap::new();
    for q in &quotes {
        let e = speakers
            .entry(q.speaker.as_deref().unwrap_or("-"))
            .or_default();
        if q.source.as_deref() == Some("constructed") {
            e[0] += 1;
        } else {
            e[1] += 1;
        }
    }
    println!("| speaker | constructed | seed | total |\n|---|---:|---:|---:|");
    for (s, [c, d]) in &speakers {
        println!("| {s} | {c} | {d} | {} |", c + d);
    }
    println!("\n| target | favor | against | none | unlabelled |\n|---|---:|---:|---:|---:|");
    for t in ["us", "ukraine", "partnership"] {
        let mut c = [0usize; 3];
        let mut unlabelled = 0;
        for q in &quotes {
            match q.label(t) {
                Some(l) => c[l.index()] += 1,
                None => unlabelled += 1,
            }
        }
        println!("| {t} | {} | {} | {} | {unlabelled} |", c[0], c[1], c[2]);
    }
    let all_none = quotes
        .iter()
        .filter(|q| q.stance.len() == 3 && q.stance.values().all(|&l| l == Label::None))
        .count();
    println!("\nnone on all three targets: {all_none}");

    println!(
        "\n== cross-condition (default parameters, alpha by 5-fold CV on the training side) =="
    );
    for (name, train, test) in [
        ("constructed -> seed", &constructed, &seeds),
        ("seed -> constructed", &seeds, &constructed),
    ] {
        let model = StanceParams::new()
            .fit(train)
            .with_context(|| format!("training {name}"))?;
        let eval = model.evaluate(test);
        println!(
            "\n{name}: train {} quotes, test {}",
            train.len(),
            test.len()
        );
        println!("| target | F_avg | macro-F1 | accuracy | n |\n|---|---:|---:|---:|---:|");
        for (t, c) in &eval.targets {
            println!(
                "| {t} | {:.1} | {:.1} | {:.1} | {} |",
                100.0 * c.f_avg(),
                100.0 * c.macro_f1(),
                100.0 * c.accuracy(),
                c.total()
            );
        }
        let p = eval.pooled();
        println!(
            "| pooled | {:.1} | {:.1} | {:.1} | {} |",
            100.0 * p.f_avg(),
            100.0 * p.macro_f1(),
            100.0 * p.accuracy(),
            p.total()
        );
    }
    Ok(())
}
