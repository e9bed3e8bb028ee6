//! `quotestance summarize`: stance per speaker × target × period from
//! classified quotes (`extract --model` or `classify` output).

use std::path::PathBuf;

use anyhow::Context;
use quotestance::advanced::summary::{
    read_records, summarize, to_csv, to_table, Period, ReadRecords,
};
use quotestance::SpeakerTable;

use super::{open_input, print_json, print_stdout, Outcome};

const EXAMPLES: &str = "\
Examples:
  quotestance extract --model models/stance.json articles/*.txt | quotestance summarize --by quarter
  quotestance summarize --by year --min-quotes 5 --csv quotes.jsonl > stance.csv
  quotestance summarize --json quotes.jsonl | jq '.cells[] | select(.speaker == \"lavrov\")'

Each row: a speaker (display name from the speaker table), a target and a
period; n quotes; the share of each predicted label with its Wilson 95%
interval; the mean probabilities. Quotes without a date form the period
`undated` (classify output has no dates: use `extract --model`); quotes no
sieve attributed, the speaker `unattributed`. Bad lines are reported with
their line numbers and make the exit status 1.";

/// `summarize` arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Classified quotes (JSONL) [default: standard input].
    file: Option<PathBuf>,
    /// The period length.
    #[arg(long, value_name = "PERIOD", default_value = "quarter", value_parser = ["month", "quarter", "year", "all"])]
    by: String,
    /// Leave out rows with fewer quotes.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_quotes: usize,
    /// Speaker table (JSON) for display names [default: the built-in one].
    #[arg(long, value_name = "FILE")]
    speakers: Option<PathBuf>,
    /// CSV output.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// JSON output.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let table = match &args.speakers {
        Some(p) => SpeakerTable::from_path(p).context("cannot read the speaker table")?,
        None => SpeakerTable::builtin(),
    };
    let by: Period = args.by.parse()?;
    let input = open_input(args.file.as_deref())?;
    let ReadRecords { records, bad } = read_records(input.reader, &input.name)?;
    for e in &bad {
        eprintln!("quotestance: {e}");
    }
    let cells = summarize(&records, by, &table, args.min_quotes);
    if args.json {
        print_json(&serde_json::json!({
            "by": args.by,
            "records": records.len(),
            "bad_lines": bad.len(),
            "cells": cells,
        }))?;
    } else if args.csv {
        print_stdout(&to_csv(&cells))?;
    } else {
        print_stdout(&to_table(&cells))?;
    }
    eprintln!(
        "quotestance: {} quotes in {} rows{}",
        records.len(),
        cells.len(),
        if bad.is_empty() {
            String::new()
        } else {
            format!("; {} bad line(s) left out", bad.len())
        }
    );
    Ok(if bad.is_empty() {
        Outcome::Success
    } else {
        Outcome::SomeLinesFailed
    })
}
