//! `quotestance report`: articles in (as `extract` takes them), one
//! self-contained HTML report out.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use quotestance::advanced::data::{parse_statement_line, JsonlLines};
use quotestance::advanced::report::{render, ReportInput};
use quotestance::advanced::summary::{read_records, Period};
use quotestance::Location;
use quotestance::SpeakerTable;

use super::{extract, load_model, Globals, Outcome};

const EXAMPLES: &str = "\
Examples:
  quotestance report --model models/stance.json articles/*.txt -o report.html
  quotestance report --model models/stance.json --jsonl articles.jsonl --by month -o report.html

The articles are read, dated, extracted and classified exactly as
`extract --model` does (same options); the report holds stance over time
per speaker and target, the speaker x target matrix, and every quote in its
sentence, filterable by speaker, target and label. One file, nothing
fetched: open it in any browser.";

/// `report` arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct ReportArgs {
    #[command(flatten)]
    input: extract::Args,
    /// Where to write the HTML.
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
    /// The period of the charts.
    #[arg(long, value_name = "PERIOD", default_value = "quarter", value_parser = ["month", "quarter", "year", "all"])]
    by: String,
    /// How many speakers get charts (most quoted first).
    #[arg(long, value_name = "N", default_value_t = 8)]
    chart_speakers: usize,
    /// The page title.
    #[arg(long, value_name = "TEXT", default_value = "Stance report")]
    title: String,
}

pub fn run(args: ReportArgs, globals: Globals) -> anyhow::Result<Outcome> {
    let Some(model_path) = args.input.model.clone() else {
        anyhow::bail!("report needs --model (the quotes are classified)");
    };
    let by: Period = args.by.parse()?;
    let speakers = match &args.input.speakers {
        Some(p) => SpeakerTable::from_path(p).context("cannot read the speaker table")?,
        None => SpeakerTable::builtin(),
    };
    let model = load_model(&model_path)?;
    let batch = quotestance::batch::ArticleBatch::new(speakers.clone()).model(&model);
    let mut jsonl = Vec::new();
    let mut progress = super::progress::Progress::new(globals.progress, None, "articles");
    let outcome = extract::run_with(&batch, &args.input, &mut jsonl, &mut progress)?;
    progress.finish();
    let read = read_records(&jsonl[..], "extract output")?;
    // Unreadable articles were reported by extract already.
    let texts = article_texts(&args.input.files, args.input.jsonl)?;
    let provenance = format!("Model {}.", model_path.display());
    let html = render(&ReportInput {
        title: &args.title,
        records: &read.records,
        texts: &texts,
        table: &speakers,
        by,
        max_speakers: args.chart_speakers,
        provenance: &provenance,
    })?;
    std::fs::write(&args.output, html)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    eprintln!(
        "quotestance: {} quotes from {} articles written to {}",
        read.records.len(),
        texts.len(),
        args.output.display()
    );
    Ok(outcome)
}

/// Article texts by the `doc` name `extract` gives them.
fn article_texts(files: &[PathBuf], jsonl: bool) -> anyhow::Result<HashMap<String, String>> {
    let mut texts = HashMap::new();
    if files.is_empty() {
        anyhow::bail!("report reads files (standard input is read once, by the extraction)");
    }
    for path in files {
        let name = path.display().to_string();
        if !jsonl {
            let mut text = String::new();
            if std::fs::File::open(path)
                .and_then(|mut f| f.read_to_string(&mut text))
                .is_ok()
            {
                texts.insert(name, text);
            }
            continue;
        }
        let mut lines = JsonlLines::open(path).with_context(|| format!("cannot open {name}"))?;
        while let Some((no, line)) = lines.next_line() {
            let loc = Location::file(&name).with_line(no);
            if let Ok(s) = line.and_then(|l| parse_statement_line(l, &loc)) {
                texts.insert(s.id.unwrap_or_else(|| format!("{name}:{no}")), s.text);
            }
        }
    }
    Ok(texts)
}
