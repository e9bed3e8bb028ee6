//! `quotestance extract`: articles in, one JSON object per attributed quote
//! out; with `--model`, each quote's stance too (the whole chain).
//!
//! Written against two small traits, [`ExtractEngine`] and
//! [`ExtractedQuote`], so that it is tested with a fake engine too; the
//! `engine` module (`extract_engine.rs`) is the only code that names the real
//! one. Plain-text files are read in bounded sections (`super::sections`).

use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use anyhow::Context;
use quotestance::advanced::data::JsonlLines;
use quotestance::SpeakerTable;
use quotestance::{Error, Location, StanceModel, Statement};
use rayon::prelude::*;
use serde::Serialize;

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

/// A quote extraction engine.
pub trait ExtractEngine: Sync {
    /// The quotes it finds.
    type Quote: ExtractedQuote + Send;
    /// The quotes of one article, in text order, for the article's date.
    fn extract(&self, text: &str, date: Option<&str>) -> Vec<Self::Quote>;
}

/// What this subcommand needs of a quote besides its serialised fields.
pub trait ExtractedQuote: Serialize {
    /// The quoted words (what is classified).
    fn text(&self) -> &str;
    /// The canonical speaker id, when attributed.
    fn speaker(&self) -> Option<&str>;
    /// Moves every byte offset `by` bytes later (a quote of a section of a
    /// file that starts at byte `by`).
    fn shift(&mut self, by: usize);
}

pub fn run(args: Args, globals: Globals) -> anyhow::Result<Outcome> {
    let speakers = match &args.speakers {
        Some(p) => SpeakerTable::from_path(p).context("cannot read the speaker table")?,
        None => SpeakerTable::builtin(),
    };
    let model = args.model.as_deref().map(load_model).transpose()?;
    let engine = engine::DatedEngine::new(speakers);
    let total = args
        .files
        .iter()
        .map(|f| std::fs::metadata(f).ok().map(|m| m.len()))
        .sum::<Option<u64>>()
        .filter(|_| !args.files.is_empty());
    let mut progress = Progress::new(globals.progress, total, "articles");
    let outcome = run_with(
        &engine,
        &args,
        model.as_ref(),
        &mut io::stdout().lock(),
        &mut progress,
    );
    progress.finish();
    outcome
}

/// One article (or the error that stands in its place).
struct Doc {
    name: String,
    text: Result<String, Error>,
    /// Warnings to print before its quotes (bytes decoded lossily).
    warnings: Vec<String>,
    /// Its size in the input, for progress.
    bytes: u64,
    /// Its date: given (JSONL `date`, `--date`) or from its dateline.
    date: Option<jiff::civil::Date>,
    /// A numeric JSONL `id`: `name` is written back as a number.
    numeric_name: bool,
    /// Byte offset of `text` in its file (a section of a large text file).
    offset: usize,
    /// A later section of a file already counted (progress counts files).
    continued: bool,
}

impl Doc {
    fn new(name: String, text: Result<String, Error>, bytes: u64) -> Self {
        Doc {
            name,
            text,
            warnings: Vec::new(),
            bytes,
            date: None,
            numeric_name: false,
            offset: 0,
            continued: false,
        }
    }

    /// The article dated by `given` or its dateline (see
    /// `quotestance::advanced::dateline::article_date`); a bad dateline makes it an error.
    fn dated(mut self, given: Option<jiff::civil::Date>, year: Option<i16>) -> Doc {
        if let Ok(text) = &self.text {
            match quotestance::advanced::dateline::article_date(given, text, &self.name, year) {
                Ok(date) => self.date = date,
                Err(e) => self.text = Err(e),
            }
        }
        self
    }
}

/// Articles handled in parallel at a time, and the most bytes of text they
/// may hold together (memory stays bounded: a large text file comes in
/// sections, see `super::sections`).
const CHUNK: usize = 64;
const CHUNK_BYTES: u64 = 4 << 20;

pub(super) fn run_with<E: ExtractEngine>(
    engine: &E,
    args: &Args,
    model: Option<&StanceModel>,
    out: &mut dyn Write,
    progress: &mut Progress,
) -> anyhow::Result<Outcome> {
    let fail_fast = args.on_error == OnErrorArg::Fail;
    let given = args
        .date
        .as_deref()
        .map(|d| {
            quotestance::advanced::dateline::parse_iso_date(
                d,
                &Location::default().with_field("--date"),
            )
        })
        .transpose()?;
    let mut failed = 0usize;
    let (mut docs, mut bytes) = (0u64, 0u64);
    let mut chunk: Vec<Doc> = Vec::with_capacity(CHUNK);
    let mut outputs: Vec<Vec<u8>> = Vec::new();
    let mut flush = |chunk: &mut Vec<Doc>, failed: &mut usize| -> anyhow::Result<bool> {
        outputs.clear();
        chunk
            .par_iter()
            .map_init(
                || model.map(StanceModel::predictor),
                |predictor, doc| render(engine, predictor.as_mut(), doc),
            )
            .collect_into_vec(&mut outputs);
        for (doc, lines) in chunk.iter().zip(&outputs) {
            for w in &doc.warnings {
                progress.suspend(|| say!("quotestance: warning: {w}"));
            }
            if let Err(e) = &doc.text {
                if fail_fast {
                    out.flush()?;
                    progress.suspend(|| {
                        say!("quotestance: {e}");
                        say!("quotestance: stopped at the first bad input (--on-error fail)");
                    });
                    return Ok(false);
                }
                progress.suspend(|| say!("quotestance: {e}"));
                *failed += 1;
            }
            out.write_all(lines)?;
            docs += u64::from(!doc.continued);
            bytes += doc.bytes;
        }
        out.flush()?;
        progress.update(docs, bytes);
        chunk.clear();
        Ok(true)
    };
    let mut held = 0u64;
    let mut push = |doc: Doc, chunk: &mut Vec<Doc>, failed: &mut usize| {
        held += doc.text.as_ref().map_or(0, |t| t.len() as u64);
        chunk.push(doc);
        if chunk.len() >= CHUNK || held >= CHUNK_BYTES {
            held = 0;
            flush(chunk, failed)
        } else {
            Ok(true)
        }
    };
    let stdin_only = [PathBuf::from("-")];
    let files = if args.files.is_empty() {
        &stdin_only[..]
    } else {
        &args.files[..]
    };
    let mut going = true;
    'files: for path in files {
        let is_stdin = path.as_os_str() == "-";
        let name = if is_stdin {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        if args.jsonl {
            let reader: Box<dyn BufRead> = if is_stdin {
                Box::new(io::BufReader::new(io::stdin()))
            } else {
                match std::fs::File::open(path) {
                    Ok(f) => Box::new(io::BufReader::new(f)),
                    Err(e) => {
                        // Reported; the other files still run.
                        let doc = Doc::new(name.clone(), Err(Error::io(&name, e)), 0);
                        if !push(doc, &mut chunk, &mut failed)? {
                            going = false;
                            break 'files;
                        }
                        continue;
                    }
                }
            };
            let mut lines = JsonlLines::new(reader, name.clone());
            while let Some((no, line)) = lines.next_line() {
                let loc = Location::file(&name).with_line(no);
                let size = line.as_ref().map_or(0, |l| l.len() as u64 + 1);
                let doc = match line {
                    Err(e @ Error::Io { .. }) => return Err(e.into()),
                    Err(e) => Doc::new(format!("{name}:{no}"), Err(e), 0),
                    Ok(l) => match quotestance::advanced::data::parse_statement_line(l, &loc)
                        .and_then(|s| {
                            Ok((s, quotestance::advanced::dateline::date_field(l, &loc)?))
                        }) {
                        Ok((s, date)) => {
                            let numeric = s.id.is_some() && id_is_number(l);
                            let mut doc = Doc::new(
                                s.id.unwrap_or_else(|| format!("{name}:{no}")),
                                Ok(s.text),
                                size,
                            );
                            doc.numeric_name = numeric;
                            doc.dated(date.or(given), args.year)
                        }
                        Err(e) => Doc::new(format!("{name}:{no}"), Err(e), size),
                    },
                };
                if !push(doc, &mut chunk, &mut failed)? {
                    going = false;
                    break 'files;
                }
            }
        } else {
            let reader: Box<dyn io::Read> = if is_stdin {
                Box::new(io::stdin().lock())
            } else {
                match std::fs::File::open(path) {
                    Ok(f) => Box::new(f),
                    Err(e) => {
                        // A missing or unreadable file is reported; the others run.
                        let doc = Doc::new(name.clone(), Err(Error::io(&name, e)), 0);
                        if !push(doc, &mut chunk, &mut failed)? {
                            going = false;
                            break 'files;
                        }
                        continue;
                    }
                }
            };
            let mut sections = Sections::new(reader, name.clone());
            let mut date = None;
            loop {
                let doc = match sections.next_section() {
                    Ok(None) => break,
                    Err(e) => Doc::new(name.clone(), Err(Error::io(&name, e)), 0),
                    Ok(Some(sec)) => {
                        let mut doc = Doc::new(name.clone(), Ok(sec.text), sec.raw_len);
                        doc.warnings.extend(sec.warning);
                        doc.offset = sec.offset;
                        if sec.index == 0 {
                            // The dateline is at the top of the first section.
                            doc = doc.dated(given, args.year);
                            date = doc.date;
                        } else {
                            doc.date = date;
                            doc.continued = true;
                        }
                        doc
                    }
                };
                // A read error or a bad dateline ends this file.
                let stop = doc.text.is_err();
                if !push(doc, &mut chunk, &mut failed)? {
                    going = false;
                    break 'files;
                }
                if stop {
                    break;
                }
            }
        }
    }
    if going && !chunk.is_empty() && !flush(&mut chunk, &mut failed)? {
        going = false;
    }
    if !going {
        return Ok(Outcome::SomeLinesFailed);
    }
    if failed > 0 {
        say!("quotestance: {failed} input(s) could not be read (each reported above)");
        return Ok(Outcome::SomeLinesFailed);
    }
    Ok(Outcome::Success)
}

/// Whether a JSONL line's `id` is a JSON number: it is then written back as
/// a number, as `classify` does.
fn id_is_number(line: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        id: Option<serde_json::Value>,
    }
    serde_json::from_str::<Probe>(line).is_ok_and(|p| p.id.is_some_and(|v| v.is_number()))
}

/// An output line's `doc`: the article's name, or its numeric id as a number.
struct DocField<'a>(&'a Doc);

impl Serialize for DocField<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let name = &self.0.name;
        match name.parse::<serde_json::Number>() {
            Ok(n) if self.0.numeric_name => n.serialize(s),
            _ => s.serialize_str(name),
        }
    }
}

/// The output lines of one article.
fn render<E: ExtractEngine>(
    engine: &E,
    predictor: Option<&mut quotestance::advanced::model::Predictor<'_>>,
    doc: &Doc,
) -> Vec<u8> {
    #[derive(Serialize)]
    struct Line<'a, Q: Serialize> {
        doc: DocField<'a>,
        date: Option<&'a str>,
        #[serde(flatten)]
        quote: &'a Q,
        #[serde(skip_serializing_if = "Option::is_none")]
        stance: Option<quotestance::advanced::model::Prediction>,
    }
    #[derive(Serialize)]
    struct ErrorLine<'a> {
        doc: DocField<'a>,
        error: String,
    }
    let mut buf = Vec::new();
    let text = match &doc.text {
        Ok(t) => t,
        Err(e) => {
            let line = ErrorLine {
                doc: DocField(doc),
                error: e.to_string(),
            };
            serde_json::to_writer(&mut buf, &line).expect("serialising to memory");
            buf.push(b'\n');
            return buf;
        }
    };
    let date = doc.date.map(|d| d.to_string());
    let mut quotes = engine.extract(text, date.as_deref());
    if doc.offset > 0 {
        quotes.iter_mut().for_each(|q| q.shift(doc.offset));
    }
    let mut predictor = predictor;
    for q in &quotes {
        let stance = predictor.as_deref_mut().map(|p| {
            let mut s = Statement::new(q.text());
            s.speaker = q.speaker().map(str::to_owned);
            p.predict(&s)
        });
        let line = Line {
            doc: DocField(doc),
            date: date.as_deref(),
            quote: q,
            stance,
        };
        serde_json::to_writer(&mut buf, &line).expect("serialising to memory");
        buf.push(b'\n');
    }
    buf
}

/// The real engine, in its own file.
#[path = "extract_engine.rs"]
pub(super) mod engine;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// Finds text between straight double quotes; the speaker is the word
    /// after `said` following the quote, lower-cased.
    struct FakeEngine;

    #[derive(Serialize)]
    struct FakeQuote {
        text: String,
        start: usize,
        end: usize,
        kind: &'static str,
        speaker: Option<String>,
        speaker_text: Option<String>,
        cue: Option<String>,
        via: Option<String>,
    }

    impl ExtractedQuote for FakeQuote {
        fn text(&self) -> &str {
            &self.text
        }
        fn speaker(&self) -> Option<&str> {
            self.speaker.as_deref()
        }
        fn shift(&mut self, by: usize) {
            self.start += by;
            self.end += by;
        }
    }

    impl ExtractEngine for FakeEngine {
        type Quote = FakeQuote;
        fn extract(&self, text: &str, _date: Option<&str>) -> Vec<FakeQuote> {
            let mut out = Vec::new();
            let mut rest = 0;
            while let Some(a) = text[rest..].find('"').map(|i| i + rest) {
                let Some(b) = text[a + 1..].find('"').map(|i| i + a + 1) else {
                    break;
                };
                let after = &text[b + 1..];
                let speaker = after
                    .split_whitespace()
                    .skip_while(|w| *w != "said")
                    .nth(1)
                    .map(|w| {
                        w.trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase()
                    });
                out.push(FakeQuote {
                    text: text[a + 1..b].to_owned(),
                    start: a + 1,
                    end: b,
                    kind: "direct",
                    speaker_text: speaker.clone(),
                    speaker,
                    cue: Some("said".into()),
                    via: None,
                });
                rest = b + 1;
            }
            out
        }
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
            &FakeEngine,
            &args(&[
                a.to_str().unwrap(),
                b.to_str().unwrap(),
                c.to_str().unwrap(),
            ]),
            None,
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
            &FakeEngine,
            &args(&["--jsonl", p.to_str().unwrap()]),
            None,
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
            &FakeEngine,
            &args(&["--jsonl", "--on-error", "fail", p.to_str().unwrap()]),
            None,
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
            &FakeEngine,
            &args(&["--jsonl", p.to_str().unwrap()]),
            None,
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
            &FakeEngine,
            &a,
            None,
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
            &FakeEngine,
            &a,
            None,
            &mut Vec::new(),
            &mut Progress::new(false, None, "articles"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("`--date`"), "{err}");
    }
}
