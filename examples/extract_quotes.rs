//! Prints the quotations of article files as JSONL, one object per quotation:
//! `doc`, `text`, `start`, `end` (byte offsets), `kind`, `speaker`,
//! `speaker_text`, `cue`, `via`.
//!
//! ```text
//! cargo run --example extract_quotes -- [--date YYYY-MM-DD] [--speakers table.json] ARTICLE...
//! ```
//!
//! With no article, reads one from standard input (`doc` is `<stdin>`).

use std::io::{Read, Write};

use anyhow::Context;
use quotestance::Extractor;
use quotestance::SpeakerTable;
use serde::Serialize;

/// One output line, fields in this order.
#[derive(Serialize)]
struct Line<'a> {
    doc: &'a str,
    text: &'a str,
    start: usize,
    end: usize,
    kind: &'a str,
    speaker: Option<&'a str>,
    speaker_text: Option<&'a str>,
    cue: Option<&'a str>,
    via: Option<&'a str>,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e:#}");
        std::process::exit(2);
    }
}

fn run() -> anyhow::Result<()> {
    /// Quotes of plain-text articles as JSONL.
    #[derive(clap::Parser)]
    struct Args {
        /// The articles' date (role nouns resolve by it).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// A speaker table [default: the built-in one].
        #[arg(long, value_name = "FILE")]
        speakers: Option<std::path::PathBuf>,
        /// Plain-text articles.
        files: Vec<std::path::PathBuf>,
    }
    let Args {
        date,
        speakers: table,
        files,
    } = clap::Parser::parse();
    let table = match table {
        Some(p) => SpeakerTable::from_path(p)?,
        None => SpeakerTable::builtin(),
    };
    let mut ex = Extractor::new(table);
    if let Some(d) = date {
        ex = ex.date(&d)?;
    }
    let mut docs = Vec::new();
    if files.is_empty() {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading standard input")?;
        docs.push(("<stdin>".to_string(), s));
    }
    for f in files {
        let text =
            std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
        let name = f.file_name().map_or(f.display().to_string(), |n| {
            n.to_string_lossy().into_owned()
        });
        docs.push((name, text));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (name, text) in &docs {
        for q in ex.extract(text) {
            let line = serde_json::to_string(&Line {
                doc: name,
                text: &q.text,
                start: q.start,
                end: q.end,
                kind: q.kind.as_str(),
                speaker: q.speaker.as_deref(),
                speaker_text: q.speaker_text.as_deref(),
                cue: q.cue.as_deref(),
                via: q.via.as_deref(),
            })?;
            if let Err(e) = writeln!(out, "{line}") {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(());
                }
                return Err(e.into());
            }
        }
    }
    Ok(())
}
