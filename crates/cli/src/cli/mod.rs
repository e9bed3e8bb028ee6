//! Argument parsing, dispatch and printing for the `quotestance` binary.
//!
//! These modules belong to the binary only (declared in `src/main.rs`, not in
//! the library): they hold no library logic, only clap definitions, calls
//! into `quotestance`, and formatting. Keeping them out of the library keeps
//! clap and anyhow out of its public API (only the binary uses anyhow), and
//! the library usable with `default-features = false`.

/// Writes one line to standard error, like `eprintln!` but never panicking:
/// a full or closed standard error (`2>/dev/full`) loses the message, not
/// the run.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::say_line(format_args!($($arg)*))
    };
}

mod classify;
mod eval;
mod explain;
mod extract;
mod info;
mod interrupt;
mod progress;
mod report;
mod report_html;
mod sections;
mod suggest;
mod summarize;
mod train;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::num::NonZeroUsize;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use quotestance::StanceModel;

const EXAMPLES: &str = "\
Examples:
  quotestance train --data data/quotes.jsonl --out models/stance.json
  quotestance eval --model models/stance.json --data data/quotes.jsonl
  quotestance classify --model models/stance.json statements.jsonl > stances.jsonl
  quotestance explain --model models/stance.json --speaker lavrov \"NATO is expanding eastward.\"
  quotestance info --model models/stance.json
  quotestance extract --model models/stance.json article.txt
  quotestance extract --model models/stance.json articles/*.txt | quotestance summarize
  quotestance report --model models/stance.json articles/*.txt -o report.html
  quotestance suggest --model models/stance.json --pool unlabelled.jsonl -n 10

Exit status: 0 on success, 1 when some input lines failed, 2 on usage or
fatal errors. Data goes to standard output, messages to standard error.";

/// Find quotations in English news, attribute them to speakers, and classify
/// their stance toward targets.
#[derive(Debug, Parser)]
#[command(name = "quotestance", version, after_help = EXAMPLES)]
pub struct Cli {
    /// Worker threads, 1 to 256 [default: one per core].
    #[arg(long, global = true, value_name = "N", value_parser = parse_threads)]
    threads: Option<NonZeroUsize>,

    /// Never show a progress bar (it is shown only on long runs, and only
    /// when standard error is a terminal).
    #[arg(long, global = true)]
    no_progress: bool,

    #[command(subcommand)]
    command: Command,
}

/// The most `--threads` accepts: far more than any machine's cores, and
/// few enough to start in a blink (10000 threads took 30 s for one line).
const MAX_THREADS: usize = 256;

fn parse_threads(s: &str) -> Result<NonZeroUsize, String> {
    match s.trim().parse::<usize>() {
        Ok(n @ 1..=MAX_THREADS) => Ok(NonZeroUsize::new(n).expect("n >= 1")),
        _ => Err(format!(
            "expected a number of threads from 1 to {MAX_THREADS}"
        )),
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Find quotes in articles and attribute them (with --model, classify
    /// their stance too): one JSON object per quote.
    Extract(extract::Args),
    /// Train per-target stance models on labelled JSONL, print the
    /// cross-validation report and save the model.
    Train(train::Args),
    /// Score a model on labelled JSONL: per target and pooled P/R/F1,
    /// macro-F1, F_avg and confusion matrices.
    Eval(eval::Args),
    /// Classify statements: JSONL (or plain text) in, one JSONL line per
    /// input line out, in input order.
    Classify(classify::Args),
    /// Explain a statement's stance: the features that pushed each target's
    /// prediction.
    Explain(explain::Args),
    /// Describe a model: targets, labels, feature settings, vocabulary,
    /// training data and cross-validation figures.
    Info(info::Args),
    /// What to label next: rank unlabelled statements by the model's
    /// uncertainty, near duplicates left out, one JSONL line each with the
    /// reason.
    Suggest(suggest::Args),
    /// Stance per speaker × target × period from classified quotes.
    Summarize(summarize::Args),
    /// A self-contained HTML report of articles: stance over time, the
    /// speaker × target matrix, every quote.
    Report(report_html::ReportArgs),
}

/// How a successful run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything went through.
    Success,
    /// Some input lines failed (reported on standard error).
    SomeLinesFailed,
}

impl Outcome {
    /// The process exit code: 0 or 1.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::SomeLinesFailed => ExitCode::from(1),
        }
    }
}

/// `--on-error` of `classify` and `extract`: what to do with an input that
/// cannot be read or classified.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
enum OnErrorArg {
    /// Write an error object in its place and go on; exit status 1 at the
    /// end.
    #[default]
    Record,
    /// Stop at the first bad input (everything before it is written); exit
    /// status 1.
    Fail,
}

impl From<OnErrorArg> for quotestance::batch::OnError {
    fn from(arg: OnErrorArg) -> Self {
        match arg {
            OnErrorArg::Record => quotestance::batch::OnError::Record,
            OnErrorArg::Fail => quotestance::batch::OnError::Fail,
        }
    }
}

/// Global settings every subcommand may use.
#[derive(Debug, Clone, Copy)]
struct Globals {
    progress: bool,
}

/// Runs the command line on a rayon pool of `--threads` workers.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = cli.threads {
        builder = builder.num_threads(n.get());
    }
    let pool = builder.build().context("cannot start the worker threads")?;
    let globals = Globals {
        progress: !cli.no_progress && progress::stderr_is_terminal(),
    };
    let command = cli.command;
    pool.install(move || match command {
        Command::Extract(args) => extract::run(args, globals),
        Command::Train(args) => train::run(args, globals),
        Command::Eval(args) => eval::run(args),
        Command::Classify(args) => classify::run(args, globals),
        Command::Explain(args) => explain::run(args),
        Command::Info(args) => info::run(args),
        Command::Suggest(args) => suggest::run(args),
        Command::Summarize(args) => summarize::run(args),
        Command::Report(args) => report_html::run(args, globals),
    })
}

/// Writes `args` and a newline to standard error, ignoring a failure to do
/// so (see [`say!`]).
pub fn say_line(args: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "{args}");
}

/// Whether `err` comes from writing to a closed pipe (`| head`): not an
/// error for a command-line tool.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes, `: `-separated, leaving out a cause whose text
/// its parent's message already ends with (the library's I/O errors print
/// their source themselves).
pub fn error_chain(err: &anyhow::Error) -> String {
    let mut out = String::new();
    let mut last = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !last.is_empty() && last.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
        last = text;
    }
    out
}

/// Loads a model, with a message that says what was being done.
fn load_model(path: &Path) -> anyhow::Result<StanceModel> {
    StanceModel::load(path).with_context(|| {
        if path.exists() {
            "cannot load the model".to_string()
        } else {
            format!(
                "cannot load the model (train one with `quotestance train --data D --out {}`)",
                path.display()
            )
        }
    })
}

/// Fails unless a file can be written at `path` (checked before a long run
/// rather than after it): `path` is not a folder, and its folder exists (or
/// can be made) and takes a new file.
fn check_writable(path: &Path) -> anyhow::Result<()> {
    let shown = path.display();
    if path.is_dir() {
        anyhow::bail!("cannot write the model to {shown}: it is a folder");
    }
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir,
        None => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .and_then(|()| {
            tempfile::Builder::new()
                .prefix(".quotestance-check.")
                .tempfile_in(dir)
        })
        .map(drop)
        .with_context(|| format!("cannot write the model to {shown}"))
}

/// An input: standard input for `None` or `-`, else the file.
struct Input {
    reader: Box<dyn BufRead>,
    /// The name used in messages (`<stdin>` or the path).
    name: String,
    /// The size in bytes, when known (for progress).
    len: Option<u64>,
}

fn open_input(path: Option<&Path>) -> anyhow::Result<Input> {
    match path {
        None => Ok(stdin_input()),
        Some(p) if p.as_os_str() == "-" => Ok(stdin_input()),
        Some(p) => {
            let name = p.display().to_string();
            let file = File::open(p).with_context(|| format!("cannot open {name}"))?;
            let len = file.metadata().ok().map(|m| m.len());
            Ok(Input {
                reader: Box::new(BufReader::with_capacity(1 << 16, file)),
                name,
                len,
            })
        }
    }
}

fn stdin_input() -> Input {
    Input {
        reader: Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
        name: "<stdin>".into(),
        len: None,
    }
}

/// Writes `text` to standard output (errors, such as a closed pipe, are
/// returned rather than panicking as `print!` would).
fn print_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes `value` as pretty JSON and a newline to standard output.
fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    print_stdout(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn error_chains_do_not_repeat_a_source_already_printed() {
        let io = io::Error::new(io::ErrorKind::NotFound, "no such file");
        let err = anyhow::Error::new(quotestance::Error::io("m.json", io)).context("cannot load");
        assert_eq!(error_chain(&err), "cannot load: m.json: no such file");
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_subcommand_has_examples_in_its_help() {
        let cli = Cli::command();
        for sub in cli.get_subcommands() {
            let help = sub.get_after_help().map(|h| h.to_string());
            assert!(
                help.as_deref().is_some_and(|h| h.contains("Examples:")),
                "`{}` has no examples in its help",
                sub.get_name()
            );
        }
    }
}
