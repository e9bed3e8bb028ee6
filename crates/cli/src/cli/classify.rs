//! `quotestance classify`: streaming batch classification over
//! [`quotestance::batch::BatchClassifier`].

use std::io;
use std::path::PathBuf;

use quotestance::batch::{BatchClassifier, BatchObserver, BatchSummary, InputFormat, LineError};
use quotestance::Error;

use super::progress::Progress;
use super::{load_model, open_input, Globals, OnErrorArg, Outcome};

const EXAMPLES: &str = "\
Examples:
  quotestance classify --model models/stance.json statements.jsonl > stances.jsonl
  cat statements.txt | quotestance classify --model models/stance.json --text --threads 2
  quotestance classify --model models/stance.json --explain 3 statements.jsonl | head

Input (JSONL): {\"id\": \"q1\", \"text\": \"...\", \"speaker\": \"lavrov\"}; `id` and
`speaker` are optional, other fields are ignored.
Output, one line per non-blank input line (blank lines are skipped), in input order:
  {\"id\":\"q1\",\"speaker\":\"lavrov\",\"stance\":{\"us\":{\"label\":\"against\",
   \"probabilities\":{\"favor\":0.05,\"against\":0.81,\"none\":0.14}},...}}
A bad input line is reported on standard error with its line number and its
output line is {\"id\":...,\"error\":\"...\"} (exit status 1), unless
--on-error fail stops at it.";

/// `classify` arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The model file.
    #[arg(long, short, value_name = "FILE")]
    model: PathBuf,
    /// Input file [default: standard input; `-` is standard input too].
    file: Option<PathBuf>,
    /// The input has one plain statement per line instead of JSON objects.
    #[arg(long)]
    text: bool,
    /// Speaker id for statements that give none (all of them with --text).
    #[arg(long, value_name = "ID")]
    speaker: Option<String>,
    /// Add the N features that pushed each target's label most
    /// (`"features"`; much slower).
    #[arg(long, value_name = "N", default_value_t = 0)]
    explain: usize,
    /// What to do with a bad input line (record: an `{"id", "error"}` line
    /// in its place).
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = OnErrorArg::Record)]
    on_error: OnErrorArg,
    /// Lines per parallel chunk (memory stays bounded by a few chunks).
    #[arg(long, value_name = "N", default_value_t = 4096, hide_short_help = true)]
    chunk_lines: usize,
}

/// Prints line errors and drives the progress bar.
struct Observer {
    progress: Progress,
}

impl BatchObserver for Observer {
    fn line_error(&mut self, error: &LineError) {
        self.progress
            .suspend(|| say!("quotestance: {}", error.error));
    }

    fn progress(&mut self, so_far: &BatchSummary) {
        self.progress.update(so_far.lines, so_far.bytes);
    }
}

pub fn run(args: Args, globals: Globals) -> anyhow::Result<Outcome> {
    let model = load_model(&args.model)?;
    let input = open_input(args.file.as_deref())?;
    let classifier = BatchClassifier::new(&model)
        .format(if args.text {
            InputFormat::Text
        } else {
            InputFormat::Jsonl
        })
        .on_error(args.on_error.into())
        .explain(args.explain)
        .chunk_lines(args.chunk_lines)
        .default_speaker(args.speaker)
        .input_name(&input.name);
    let mut observer = Observer {
        progress: Progress::new(globals.progress, input.len, "lines"),
    };
    let result = classifier.run(input.reader, io::stdout().lock(), &mut observer);
    observer.progress.finish();
    match result {
        Ok(summary) if summary.failed > 0 => {
            say!(
                "quotestance: {} of {} lines could not be classified",
                summary.failed,
                summary.lines
            );
            Ok(Outcome::SomeLinesFailed)
        }
        Ok(_) => Ok(Outcome::Success),
        Err(e @ Error::Input { .. }) => {
            // --on-error fail: the first bad line stops the run.
            say!("quotestance: {e}");
            say!("quotestance: stopped at the first bad line (--on-error fail)");
            Ok(Outcome::SomeLinesFailed)
        }
        Err(e) => Err(e.into()),
    }
}
