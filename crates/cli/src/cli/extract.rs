//! `quotestance extract`: articles in, one JSON object per attributed quote
//! out; with `--model`, each quote's stance too (the whole chain).
//!
//! This file reads the inputs (plain-text files in bounded sections, see
//! `super::sections`; JSONL lines; dates) and reports their errors; the
//! library's [`ArticleBatch`] finds, attributes, classifies and serialises
//! the quotes of each chunk of articles in parallel, in order.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use jiff::civil::Date;
use quotestance::advanced::data::{parse_article_line, JsonlLines};
use quotestance::advanced::dateline::{article_date, parse_iso_date};
use quotestance::batch::{Article, ArticleBatch};
use quotestance::SpeakerTable;
use quotestance::{Error, Location};

use super::progress::Progress;
use super::sections::Sections;
use super::{load_model, Globals, OnErrorArg, Outcome};

const EXAMPLES: &str = "\
Examples:
  quotestance extract article.txt
  quotestance extract --model models/stance.json articles/*.txt > quotes.jsonl
  quotestance extract --jsonl --model models/stance.json articles.jsonl | jq -c '{speaker, stance}'

Output, one object per quote: {\"doc\", \"date\" (the line's `date`, else --date,
else the article's dateline; null if none), \"text\", \"start\", \"end\" (byte offsets in
the article), \"kind\", \"speaker\", \"speaker_text\", \"cue\", \"via\"} and, with
--model, \"stance\" as in `classify`. `doc` is the file name (`<stdin>`), or
with --jsonl the line's `id` (a number stays a number; else `FILE:LINE`).";

/// `extract` arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Articles: plain text files, one article each [default: standard
    /// input]; with --jsonl, JSONL files of {"id", "text"}.
    pub(super) files: Vec<PathBuf>,
    /// The inputs are JSONL, one article per line: {"id": ..., "text": ...}.
    #[arg(long)]
    pub(super) jsonl: bool,
    /// Also classify each quote's stance with this model.
    #[arg(long, short, value_name = "FILE")]
    pub(super) model: Option<PathBuf>,
    /// Speaker table (JSON) for attribution [default: the built-in one].
    #[arg(long, value_name = "FILE")]
    pub(super) speakers: Option<PathBuf>,
    /// The articles' date, YYYY-MM-DD (a JSONL line's `date` field wins; a
    /// dateline is used without either): it goes on every quote, and role
    /// nouns ("the foreign minister") resolve to whoever held the office then.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// The year of a dateline that gives none ("MOSCOW, May 3 (...) -");
    /// without it such an article has no date.
    #[arg(long, value_name = "YYYY")]
    year: Option<i16>,
    /// What to do with a bad JSONL line (record: an `{"doc", "error"}`
    /// object and exit status 1 at the end; fail: stop there).
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = OnErrorArg::Record)]
    on_error: OnErrorArg,
}

pub fn run(args: Args, globals: Globals) -> anyhow::Result<Outcome> {
    let speakers = match &args.speakers {
        Some(p) => SpeakerTable::from_path(p).context("cannot read the speaker table")?,
        None => SpeakerTable::builtin(),
    };
    let model = args.model.as_deref().map(load_model).transpose()?;
    let mut batch = ArticleBatch::new(speakers);
    if let Some(m) = &model {
        batch = batch.model(m);
    }
    let total = args
        .files
        .iter()
        .map(|f| std::fs::metadata(f).ok().map(|m| m.len()))
        .sum::<Option<u64>>()
        .filter(|_| !args.files.is_empty());
    let mut progress = Progress::new(globals.progress, total, "articles");
    let outcome = run_with(&batch, &args, &mut io::stdout().lock(), &mut progress);
    progress.finish();
    outcome
}

/// Runs `extract` over `args.files` with `batch`, writing to `out`.
pub(super) fn run_with(
    batch: &ArticleBatch<'_>,
    args: &Args,
    out: &mut dyn Write,
    progress: &mut Progress,
) -> anyhow::Result<Outcome> {
    let given = args
        .date
        .as_deref()
        .map(|d| parse_iso_date(d, &Location::default().with_field("--date")))
        .transpose()?;
    let mut run = Pipeline {
        batch,
        out,
        progress,
        fail_fast: args.on_error == OnErrorArg::Fail,
        articles: Vec::with_capacity(CHUNK),
        pending: Vec::with_capacity(CHUNK),
        held: 0,
        failed: 0,
        docs: 0,
        bytes: 0,
    };
    let stdin_only = [PathBuf::from("-")];
    let files = if args.files.is_empty() {
        &stdin_only[..]
    } else {
        &args.files[..]
    };
    for path in files {
        let dates = Dates {
            given,
            year: args.year,
        };
        let going = if args.jsonl {
            read_jsonl(&mut run, path, dates)?
        } else {
            read_text(&mut run, path, dates)?
        };
        if !going {
            return Ok(Outcome::SomeLinesFailed);
        }
    }
    if !run.flush()? {
        return Ok(Outcome::SomeLinesFailed);
    }
    if run.failed > 0 {
        say!(
            "quotestance: {} input(s) could not be read (each reported above)",
            run.failed
        );
        return Ok(Outcome::SomeLinesFailed);
    }
    Ok(Outcome::Success)
}

/// Articles handled in parallel at a time, and the most bytes of text they
/// may hold together (memory stays bounded: a large text file comes in
/// sections, see `super::sections`).
const CHUNK: usize = 64;
const CHUNK_BYTES: u64 = 4 << 20;

/// How an article gets its date: `--date` (a JSONL line's `date` wins over
/// it), else its dateline, read with `--year` when it gives none.
#[derive(Clone, Copy)]
struct Dates {
    given: Option<Date>,
    year: Option<i16>,
}

impl Dates {
    /// `article` dated by its line's `date`, else `--date`, else its
    /// dateline; a bad dateline makes it an error.
    fn apply(self, article: &mut Article, line_date: Option<Date>) {
        if let Ok(text) = &article.text {
            match article_date(line_date.or(self.given), text, &article.doc, self.year) {
                Ok(date) => article.date = date,
                Err(e) => article.text = Err(e),
            }
        }
    }
}

/// What the pipeline knows of an article beyond what the batch renders.
struct Pending {
    /// Warnings to print before its quotes (bytes decoded lossily).
    warnings: Vec<String>,
    /// Its size in the input, for progress.
    bytes: u64,
    /// A later section of a file already counted (progress counts files).
    continued: bool,
}

impl Pending {
    fn new(bytes: u64) -> Self {
        Pending {
            warnings: Vec::new(),
            bytes,
            continued: false,
        }
    }
}

/// Articles gathered into chunks, rendered by the library's batch and
/// written in order, with their errors and warnings on standard error.
struct Pipeline<'a, 'm> {
    batch: &'a ArticleBatch<'m>,
    out: &'a mut dyn Write,
    progress: &'a mut Progress,
    fail_fast: bool,
    articles: Vec<Article>,
    pending: Vec<Pending>,
    /// Bytes of text in `articles`.
    held: u64,
    /// Articles that could not be read.
    failed: usize,
    /// Files (or JSONL lines) and input bytes written, for progress.
    docs: u64,
    bytes: u64,
}

impl Pipeline<'_, '_> {
    /// Adds an article; a full chunk is written. `Ok(false)`: stop (an
    /// error with `--on-error fail`).
    fn push(&mut self, article: Article, pending: Pending) -> anyhow::Result<bool> {
        self.held += article.text.as_ref().map_or(0, |t| t.len() as u64);
        self.articles.push(article);
        self.pending.push(pending);
        if self.articles.len() >= CHUNK || self.held >= CHUNK_BYTES {
            self.flush()
        } else {
            Ok(true)
        }
    }

    /// Renders and writes the gathered articles in order.
    fn flush(&mut self) -> anyhow::Result<bool> {
        let outputs = self.batch.render(&self.articles);
        let progress = &mut *self.progress;
        for ((article, pending), lines) in self.articles.iter().zip(&self.pending).zip(&outputs) {
            for w in &pending.warnings {
                progress.suspend(|| say!("quotestance: warning: {w}"));
            }
            if let Err(e) = &article.text {
                if self.fail_fast {
                    self.out.flush()?;
                    progress.suspend(|| {
                        say!("quotestance: {e}");
                        say!("quotestance: stopped at the first bad input (--on-error fail)");
                    });
                    return Ok(false);
                }
                progress.suspend(|| say!("quotestance: {e}"));
                self.failed += 1;
            }
            self.out.write_all(lines)?;
            self.docs += u64::from(!pending.continued);
            self.bytes += pending.bytes;
        }
        self.out.flush()?;
        progress.update(self.docs, self.bytes);
        self.articles.clear();
        self.pending.clear();
        self.held = 0;
        Ok(true)
    }
}

/// `path`'s name in messages and output, and whether it is standard input.
fn name_of(path: &Path) -> (String, bool) {
    if path.as_os_str() == "-" {
        ("<stdin>".to_string(), true)
    } else {
        (path.display().to_string(), false)
    }
}

/// Opens `path` (`-`: standard input). A file that cannot be opened becomes
/// an article error: reported, and the other files still run.
fn open(path: &Path) -> Result<Box<dyn Read>, Error> {
    let (name, is_stdin) = name_of(path);
    if is_stdin {
        return Ok(Box::new(io::stdin().lock()));
    }
    match std::fs::File::open(path) {
        Ok(f) => Ok(Box::new(f)),
        Err(e) => Err(Error::io(&name, e)),
    }
}

/// Every line of a JSONL file of articles into `run`.
fn read_jsonl(run: &mut Pipeline, path: &Path, dates: Dates) -> anyhow::Result<bool> {
    let (name, _) = name_of(path);
    let reader = match open(path) {
        Ok(r) => io::BufReader::new(r),
        Err(e) => return run.push(Article::new(name, Err(e)), Pending::new(0)),
    };
    let mut lines = JsonlLines::new(reader, name.clone());
    while let Some((no, line)) = lines.next_line() {
        let loc = Location::file(&name).with_line(no);
        let at = format!("{name}:{no}");
        let size = line.as_ref().map_or(0, |l| l.len() as u64 + 1);
        let article = match line {
            Err(e @ Error::Io { .. }) => return Err(e.into()),
            Err(e) => Article::new(at, Err(e)),
            Ok(l) => {
                let parsed = parse_article_line(l, &loc).and_then(|a| {
                    let date = a
                        .date
                        .as_deref()
                        .map(|d| parse_iso_date(d, &loc.clone().with_field("date")));
                    Ok((a, date.transpose()?))
                });
                match parsed {
                    Ok((a, date)) => {
                        let mut article = Article::new(a.id.unwrap_or(at), Ok(a.text));
                        article.doc_is_number = a.id_is_number;
                        dates.apply(&mut article, date);
                        article
                    }
                    Err(e) => Article::new(at, Err(e)),
                }
            }
        };
        if !run.push(article, Pending::new(size))? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A plain-text file (one article) into `run`, in bounded sections.
fn read_text(run: &mut Pipeline, path: &Path, dates: Dates) -> anyhow::Result<bool> {
    let (name, _) = name_of(path);
    let reader = match open(path) {
        Ok(r) => r,
        Err(e) => return run.push(Article::new(name, Err(e)), Pending::new(0)),
    };
    let mut sections = Sections::new(reader, name.clone());
    let mut date = None;
    loop {
        let (article, pending) = match sections.next_section() {
            Ok(None) => return Ok(true),
            Err(e) => (
                Article::new(name.clone(), Err(Error::io(&name, e))),
                Pending::new(0),
            ),
            Ok(Some(sec)) => {
                let mut article = Article::new(name.clone(), Ok(sec.text));
                article.offset = sec.offset;
                let mut pending = Pending::new(sec.raw_len);
                pending.warnings.extend(sec.warning);
                if sec.index == 0 {
                    // The dateline is at the top of the first section.
                    dates.apply(&mut article, None);
                    date = article.date;
                } else {
                    article.date = date;
                    pending.continued = true;
                }
                (article, pending)
            }
        };
        // A read error or a bad dateline ends this file.
        let stop = article.text.is_err();
        if !run.push(article, pending)? {
            return Ok(false);
        }
        if stop {
            return Ok(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn batch() -> ArticleBatch<'static> {
        ArticleBatch::new(SpeakerTable::builtin())
    }

    #[derive(Parser)]
    struct Wrap {
        #[command(flatten)]
        args: Args,
    }

    fn args(list: &[&str]) -> Args {
        let mut v = vec!["extract"];
        v.extend_from_slice(list);
        Wrap::parse_from(v).args
    }

    fn lines(out: &[u8]) -> Vec<serde_json::Value> {
        std::str::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn tmp(name: &str, content: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("quotestance-extract-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        p
    }

    #[test]
    fn text_files_give_one_object_per_quote_with_doc_and_offsets_first() {
        let a = tmp("a.txt", "\"We will not yield,\" said Lavrov on Monday.");
        let b = tmp("b.txt", "No quotes here.");
        let c = tmp("c.txt", "\"One\" said wang. Then \"two\" said wang.");
        let mut out = Vec::new();
        let outcome = run_with(
            &batch(),
            &args(&[
                a.to_str().unwrap(),
                b.to_str().unwrap(),
                c.to_str().unwrap(),
            ]),
            &mut out,
            &mut Progress::new(false, None, "articles"),
        )
        .unwrap();
        assert_eq!(outcome, Outcome::Success);
        let got = lines(&out);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0]["doc"], a.display().to_string());
        assert_eq!(got[0]["text"], "We will not yield,");
        assert_eq!(got[0]["start"], 1);
        assert_eq!(got[0]["speaker"], "lavrov");
        assert!(got[0].get("stance").is_none());
        assert_eq!(got[2]["text"], "two");
        assert_eq!(got[2]["doc"], c.display().to_string());
        let first = std::str::from_utf8(&out).unwrap().lines().next().unwrap();
        assert!(first.starts_with("{\"doc\":"), "{first}");
    }

    #[test]
    fn jsonl_articles_keep_their_order_and_bad_lines_become_error_objects() {
        let mut text = String::new();
        for i in 0..150 {
            text.push_str(&format!(
                "{{\"id\": \"art{i}\", \"text\": \"\\\"quote {i}\\\" said x.\"}}\n"
            ));
        }
        text.push_str("{\"id\": \"broken\"\n");
        let p = tmp("arts.jsonl", &text);
        let mut out = Vec::new();
        let outcome = run_with(
            &batch(),
            &args(&["--jsonl", p.to_str().unwrap()]),
            &mut out,
            &mut Progress::new(false, None, "articles"),
        )
        .unwrap();
        assert_eq!(outcome, Outcome::SomeLinesFailed);
        let got = lines(&out);
        assert_eq!(got.len(), 151);
        for (i, l) in got.iter().take(150).enumerate() {
            assert_eq!(l["doc"], format!("art{i}"));
            assert_eq!(l["text"], format!("quote {i}"));
        }
        assert!(got[150]["error"].as_str().unwrap().contains("line 151"));

        let mut out = Vec::new();
        let outcome = run_with(
            &batch(),
            &args(&["--jsonl", "--on-error", "fail", p.to_str().unwrap()]),
            &mut out,
            &mut Progress::new(false, None, "articles"),
        )
        .unwrap();
        assert_eq!(outcome, Outcome::SomeLinesFailed);
        assert_eq!(lines(&out).len(), 150);
    }

    #[test]
    fn dates_come_from_the_line_the_option_or_the_dateline_and_bad_ones_say_where() {
        let text = concat!(
            "{\"id\": \"a\", \"date\": \"2024-05-20\", \"text\": \"\\\"q\\\" said x.\"}\n",
            "{\"id\": \"b\", \"text\": \"\\\"q\\\" said x.\"}\n",
            "{\"id\": \"c\", \"text\": \"ROME, June 2, 2021 (ABC) - \\\"q\\\" said x.\"}\n",
            "{\"id\": \"d\", \"date\": \"2024-13-45\", \"text\": \"\\\"q\\\" said x.\"}\n",
        );
        let p = tmp("dated.jsonl", text);
        let mut out = Vec::new();
        run_with(
            &batch(),
            &args(&["--jsonl", p.to_str().unwrap()]),
            &mut out,
            &mut Progress::new(false, None, "articles"),
        )
        .unwrap();
        let got = lines(&out);
        assert_eq!(got[0]["date"], "2024-05-20");
        assert_eq!(got[1]["date"], serde_json::Value::Null);
        assert_eq!(got[2]["date"], "2021-06-02");
        let err = got[3]["error"].as_str().unwrap();
        assert!(
            err.contains("line 4, field `date`") && err.contains("2024-13-45"),
            "{err}"
        );

        let mut out = Vec::new();
        let a = args(&["--jsonl", "--date", "2023-01-02", p.to_str().unwrap()]);
        run_with(
            &batch(),
            &a,
            &mut out,
            &mut Progress::new(false, None, "articles"),
        )
        .unwrap();
        let got = lines(&out);
        assert_eq!(got[0]["date"], "2024-05-20");
        assert_eq!(got[1]["date"], "2023-01-02");
        assert_eq!(got[2]["date"], "2023-01-02");

        let a = args(&["--date", "2023-02-30", p.to_str().unwrap()]);
        let err = run_with(
            &batch(),
            &a,
            &mut Vec::new(),
            &mut Progress::new(false, None, "articles"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("`--date`"), "{err}");
    }
}
