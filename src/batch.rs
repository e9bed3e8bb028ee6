//! Streaming, bounded-memory, ordered, parallel batch classification: JSONL
//! (or plain text) statements in, one JSONL prediction line per non-blank
//! input line out, in input order.
//!
//! ```no_run
//! use quotestance::batch::{BatchClassifier, OnError};
//! use quotestance::StanceModel;
//!
//! # fn main() -> quotestance::Result<()> {
//! let model = StanceModel::load("models/stance.json")?;
//! let input = std::io::BufReader::new(std::fs::File::open("statements.jsonl").unwrap());
//! let summary = BatchClassifier::new(&model)
//!     .input_name("statements.jsonl")
//!     .on_error(OnError::Record)
//!     .run(input, std::io::stdout(), &mut ())?;
//! eprintln!("{} lines, {} failed", summary.lines, summary.failed);
//! # Ok(())
//! # }
//! ```
//!
//! How it works: lines are read in chunks of at most
//! [`BatchClassifier::chunk_lines`] lines (and about
//! [`BatchClassifier::chunk_bytes`] bytes), so memory stays flat whatever the
//! input size. Each chunk is parsed, featurised, scored and serialised in
//! parallel on the current rayon pool with the default `parallel` feature
//! (run inside rayon's `ThreadPool::install` to choose the number of
//! threads; without the feature, on the calling thread), each
//! worker borrowing a [`Predictor`] with its scratch buffers and stem memo
//! from a small shared pool, so no worker starts cold and no line allocates
//! a model-sized buffer. While one chunk is being classified, the calling
//! thread writes the previous chunk and reads the next one; outputs are
//! written strictly in input order.
//!
//! Every non-blank input line is accounted for: a line that cannot be
//! classified (invalid JSON, a missing, null or empty `text`, invalid UTF-8)
//! yields an output line `{"id": ..., "error": "..."}` (the `id` when it
//! could be read, else `null`) and a [`BatchObserver::line_error`]
//! call, or, with [`OnError::Fail`], stops the run with that line's error
//! after writing every line before it. Blank lines (only white space) are
//! not records: they are skipped, as every JSONL reader of the crate skips
//! them, and give no output line. A UTF-8 byte order mark at the start of
//! the input is dropped. An `id` keeps its JSON type (a number stays a
//! number).

use std::borrow::Cow;
use std::io::{BufRead, BufWriter, Write};
use std::sync::Mutex;

use crate::par::{self, *};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

use crate::data::{parse_statement_line, Label, Statement};
use crate::error::{Error, Location, Result};
use crate::model::{Predictor, Probabilities, StanceModel, TargetPrediction};

/// How input lines are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object per line with `text` and optional `id` and `speaker`
    /// (a numeric `id` is written back as a number); other fields are
    /// ignored. The default.
    #[default]
    Jsonl,
    /// One plain statement per line (surrounding white space trimmed).
    Text,
}

/// What to do with a line that cannot be classified.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OnError {
    /// Write an error line `{"id": ..., "error": "..."}` in its place and go
    /// on (the default).
    #[default]
    Record,
    /// Stop at the first bad line: every line before it is written, then the
    /// run returns that line's error.
    Fail,
}

/// A line that could not be classified.
#[derive(Debug)]
pub struct LineError {
    /// 1-based line number in the input.
    pub line: u64,
    /// The line's `id`, when it could be read.
    pub id: Option<String>,
    /// What is wrong, with its location (input name and line).
    pub error: Error,
}

/// Counts of a finished (or progressing) run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Input lines read (each gave one output line).
    pub lines: u64,
    /// Lines classified.
    pub classified: u64,
    /// Lines that gave an error line.
    pub failed: u64,
    /// Input bytes read.
    pub bytes: u64,
}

/// Receives events of a batch run, in input order, on the calling thread.
/// Both methods do nothing by default; `()` is the observer that ignores
/// everything.
pub trait BatchObserver {
    /// A line could not be classified (its error line has been written,
    /// unless the run stops because of it with [`OnError::Fail`], in which
    /// case this is not called and the error is returned instead).
    fn line_error(&mut self, error: &LineError) {
        let _ = error;
    }

    /// A chunk has been written; `so_far` counts every line written.
    fn progress(&mut self, so_far: &BatchSummary) {
        let _ = so_far;
    }
}

impl BatchObserver for () {}

/// A streaming batch classifier over a [`StanceModel`] (a builder; every
/// setter documents its default). See the [module documentation](self).
#[derive(Debug, Clone)]
pub struct BatchClassifier<'m> {
    model: &'m StanceModel,
    format: InputFormat,
    on_error: OnError,
    explain: usize,
    chunk_lines: usize,
    chunk_bytes: usize,
    input_name: String,
    speaker: Option<String>,
}

impl<'m> BatchClassifier<'m> {
    /// A classifier with default settings.
    pub fn new(model: &'m StanceModel) -> Self {
        BatchClassifier {
            model,
            format: InputFormat::Jsonl,
            on_error: OnError::Record,
            explain: 0,
            chunk_lines: 4096,
            chunk_bytes: 8 << 20,
            input_name: "<input>".into(),
            speaker: None,
        }
    }

    /// The input format. Default [`InputFormat::Jsonl`].
    pub fn format(mut self, format: InputFormat) -> Self {
        self.format = format;
        self
    }

    /// What to do with bad lines. Default [`OnError::Record`].
    pub fn on_error(mut self, on_error: OnError) -> Self {
        self.on_error = on_error;
        self
    }

    /// Add the `n` features that pushed each target's prediction most toward
    /// its label (`"features": [{"feature": ..., "contribution": ...}]`).
    /// Default 0 (none; explaining re-featurises the statement per target,
    /// so it is much slower).
    pub fn explain(mut self, n: usize) -> Self {
        self.explain = n;
        self
    }

    /// Lines per chunk (at least 1). Default 4096.
    pub fn chunk_lines(mut self, n: usize) -> Self {
        self.chunk_lines = n.max(1);
        self
    }

    /// A chunk is closed once its lines reach this many bytes (a line is
    /// never split, so a chunk holds at least one line). Default 8 MiB.
    pub fn chunk_bytes(mut self, n: usize) -> Self {
        self.chunk_bytes = n.max(1);
        self
    }

    /// The input's name in error messages. Default `<input>`.
    pub fn input_name(mut self, name: impl Into<String>) -> Self {
        self.input_name = name.into();
        self
    }

    /// The speaker id of statements that give none (every line in
    /// [`InputFormat::Text`]). Default none.
    pub fn default_speaker(mut self, speaker: Option<String>) -> Self {
        self.speaker = speaker;
        self
    }

    /// Classifies every line of `input`, writing one JSON line per input
    /// line to `output`, in input order (see the [module
    /// documentation](self) for the shapes). Runs on the current rayon pool.
    ///
    /// Errors: reading `input` or writing `output` failed ([`Error::Io`],
    /// named `<output>` for writes, so a closed pipe shows as an I/O error of
    /// kind [`std::io::ErrorKind::BrokenPipe`]); with [`OnError::Fail`], the
    /// first bad line ([`Error::Input`]).
    pub fn run<R: BufRead, W: Write>(
        &self,
        mut input: R,
        output: W,
        observer: &mut dyn BatchObserver,
    ) -> Result<BatchSummary> {
        let mut out = BufWriter::with_capacity(1 << 16, output);
        let predictors = PredictorPool::new(self.model);
        let heads = TargetHeads::new(self.model);
        let mut summary = BatchSummary::default();
        let mut reader = Reader {
            line_no: 0,
            eof: false,
        };
        let mut prev = Chunk::default();
        let mut cur = Chunk::default();
        let mut next = Chunk::default();
        self.read_chunk(&mut input, &mut cur, &mut reader, &mut summary)?;
        loop {
            // Classify `cur` on the pool while this thread writes `prev` and
            // reads `next`. (Inside a pool, this thread is a worker that
            // joins in the classification once its I/O is done.)
            let (written, read) = par::beside(
                || {
                    let written = self.write_chunk(&mut prev, &mut out, &mut summary, observer);
                    let read = if written.is_ok() {
                        self.read_chunk(&mut input, &mut next, &mut reader, &mut summary)
                    } else {
                        Ok(())
                    };
                    (written, read)
                },
                || self.classify_chunk(&mut cur, &predictors, &heads),
            );
            written?;
            read?;
            if cur.len == 0 {
                break;
            }
            // prev <- cur <- next <- old prev (written, reused).
            std::mem::swap(&mut prev, &mut cur);
            std::mem::swap(&mut cur, &mut next);
        }
        out.flush().map_err(|e| Error::io("<output>", e))?;
        Ok(summary)
    }

    /// Fills `chunk` with the next lines of `input`.
    fn read_chunk<R: BufRead>(
        &self,
        input: &mut R,
        chunk: &mut Chunk,
        reader: &mut Reader,
        summary: &mut BatchSummary,
    ) -> Result<()> {
        chunk.len = 0;
        let mut bytes = 0usize;
        while !reader.eof && chunk.len < self.chunk_lines && bytes < self.chunk_bytes {
            if chunk.slots.len() == chunk.len {
                chunk.slots.push(Slot::default());
            }
            let slot = &mut chunk.slots[chunk.len];
            slot.raw.clear();
            let n = input
                .read_until(b'\n', &mut slot.raw)
                .map_err(|e| Error::io(&self.input_name, e))?;
            if n == 0 {
                reader.eof = true;
                break;
            }
            reader.line_no += 1;
            slot.line = reader.line_no;
            slot.offset = summary.bytes;
            if reader.line_no == 1 && slot.raw.starts_with(crate::data::BOM) {
                slot.raw.drain(..crate::data::BOM.len());
                slot.offset += crate::data::BOM.len() as u64;
            }
            bytes += n;
            summary.bytes += n as u64;
            chunk.len += 1;
        }
        Ok(())
    }

    /// Parses, classifies and serialises every line of `chunk` in parallel.
    fn classify_chunk(
        &self,
        chunk: &mut Chunk,
        predictors: &PredictorPool<'_>,
        heads: &TargetHeads,
    ) {
        // Blocks of lines share one borrowed predictor (one lock per block).
        const BLOCK: usize = 32;
        chunk.slots[..chunk.len]
            .par_chunks_mut(BLOCK)
            .for_each(|block| {
                let mut p = predictors.take();
                for slot in block {
                    self.classify_slot(slot, &mut p, heads);
                }
                predictors.give_back(p);
            });
    }

    fn classify_slot(&self, slot: &mut Slot, predictor: &mut Predictor<'_>, heads: &TargetHeads) {
        slot.out.clear();
        slot.error = None;
        slot.blank = false;
        slot.id_is_number = false;
        let result = match std::str::from_utf8(&slot.raw) {
            Err(e) => {
                let at = slot.offset + e.valid_up_to() as u64;
                let message = format!("not valid UTF-8 at byte {at} of the input");
                Err((None, self.line_error(slot.line, &message)))
            }
            Ok(line) => {
                let line = line.trim();
                if line.is_empty() {
                    slot.blank = true;
                    return;
                }
                self.parse_into(line, slot.line, &mut slot.statement, &mut slot.id_is_number)
            }
        };
        let id = Id {
            text: slot.statement.id.as_deref(),
            number: slot.id_is_number,
        };
        match result {
            Ok(()) => {
                if slot.statement.speaker.is_none() {
                    slot.statement.speaker.clone_from(&self.speaker);
                }
                predictor.predict_into(&slot.statement, &mut slot.predictions);
                if self.explain > 0 {
                    let explained = self.explanations(&slot.statement, &slot.predictions);
                    let line = OutLine {
                        id,
                        speaker: slot.statement.speaker.as_deref(),
                        stance: StanceOut {
                            model: self.model,
                            predictions: &slot.predictions,
                            explained: &explained,
                        },
                    };
                    serde_json::to_writer(&mut slot.out, &line).expect("serialising to memory");
                } else {
                    heads.write_line(
                        &mut slot.out,
                        id,
                        slot.statement.speaker.as_deref(),
                        &slot.predictions,
                    );
                }
            }
            Err((id, error)) => {
                let line = ErrorLine {
                    id: Id {
                        text: id.as_deref(),
                        number: slot.id_is_number,
                    },
                    error: &error.to_string(),
                };
                serde_json::to_writer(&mut slot.out, &line).expect("serialising to memory");
                slot.error = Some(LineError {
                    line: slot.line,
                    id,
                    error,
                });
            }
        }
        slot.out.push(b'\n');
    }

    fn line_error(&self, line: u64, message: &str) -> Error {
        Error::input(Location::file(&self.input_name).with_line(line), message)
    }

    /// Reads one line into `statement`, reusing its buffers. On error, the
    /// line's id when it could be read.
    fn parse_into(
        &self,
        line: &str,
        line_no: u64,
        statement: &mut Statement,
        id_is_number: &mut bool,
    ) -> std::result::Result<(), (Option<String>, Error)> {
        match self.format {
            InputFormat::Text => {
                statement.id = None;
                statement.speaker = None;
                statement.text.clear();
                statement.text.push_str(line);
                Ok(())
            }
            InputFormat::Jsonl => {
                // Fast path: a typed, borrowing parse. Anything it does not
                // accept goes through the library's parser, which either
                // accepts it too (e.g. duplicate keys) or says what is wrong.
                if let Ok(fast) = serde_json::from_str::<FastLine<'_>>(line) {
                    if let Some(text) = fast.text.filter(|t| !t.trim().is_empty()) {
                        *id_is_number = fast.id.as_ref().is_some_and(|v| v.1);
                        set_opt(&mut statement.id, fast.id.map(|v| v.0));
                        set_opt(&mut statement.speaker, fast.speaker.map(|v| v.0));
                        statement.text.clear();
                        statement.text.push_str(&text);
                        return Ok(());
                    }
                }
                let loc = Location::file(&self.input_name).with_line(line_no);
                let (id, number) = id_of(line);
                *id_is_number = number;
                match parse_statement_line(line, &loc) {
                    Ok(s) => {
                        *statement = s;
                        Ok(())
                    }
                    Err(e) => Err((id, e)),
                }
            }
        }
    }

    fn explanations(
        &self,
        statement: &Statement,
        predictions: &[TargetPrediction],
    ) -> Vec<Vec<(String, f64)>> {
        self.model
            .targets()
            .iter()
            .zip(predictions)
            .map(
                |(t, p)| match self.model.explain(statement, t.name(), self.explain) {
                    Ok(e) => e
                        .toward
                        .get(&p.label)
                        .map(|fs| {
                            fs.iter()
                                .map(|f| (f.feature.clone(), f.contribution))
                                .collect()
                        })
                        .unwrap_or_default(),
                    Err(_) => Vec::new(),
                },
            )
            .collect()
    }

    /// Writes the outputs of `chunk` in order and reports its errors.
    fn write_chunk<W: Write>(
        &self,
        chunk: &mut Chunk,
        out: &mut W,
        summary: &mut BatchSummary,
        observer: &mut dyn BatchObserver,
    ) -> Result<()> {
        if chunk.len == 0 {
            return Ok(());
        }
        let write_err = |e| Error::io("<output>", e);
        for slot in &mut chunk.slots[..chunk.len] {
            if slot.blank {
                continue;
            }
            if let Some(err) = slot.error.take() {
                if self.on_error == OnError::Fail {
                    out.flush().map_err(write_err)?;
                    return Err(err.error);
                }
                out.write_all(&slot.out).map_err(write_err)?;
                summary.lines += 1;
                summary.failed += 1;
                observer.line_error(&err);
            } else {
                out.write_all(&slot.out).map_err(write_err)?;
                summary.lines += 1;
                summary.classified += 1;
            }
        }
        out.flush().map_err(write_err)?;
        chunk.len = 0;
        observer.progress(summary);
        Ok(())
    }
}

fn set_opt(slot: &mut Option<String>, value: Option<Cow<'_, str>>) {
    match (slot.as_mut(), value) {
        (Some(s), Some(v)) => {
            s.clear();
            s.push_str(&v);
        }
        (None, Some(v)) => *slot = Some(v.into_owned()),
        (_, None) => *slot = None,
    }
}

/// The `id` of a JSON object line, as the library's parser would read it,
/// and whether it is a number.
fn id_of(line: &str) -> (Option<String>, bool) {
    let Ok(serde_json::Value::Object(obj)) = serde_json::from_str::<serde_json::Value>(line) else {
        return (None, false);
    };
    match obj.get("id") {
        Some(serde_json::Value::String(s)) => (Some(s.clone()), false),
        Some(serde_json::Value::Number(n)) => (Some(n.to_string()), true),
        _ => (None, false),
    }
}

/// An output line's `id`: a string, or a number written back as the
/// number it was (`{"id": 7}` gives `"id":7`, not `"7"`).
#[derive(Clone, Copy)]
struct Id<'a> {
    text: Option<&'a str>,
    number: bool,
}

impl Id<'_> {
    fn write(self, out: &mut Vec<u8>) {
        match self.text {
            Some(t) if self.number => out.extend_from_slice(t.as_bytes()),
            other => write_opt_str(out, other),
        }
    }
}

impl Serialize for Id<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let number = self
            .text
            .filter(|_| self.number)
            .and_then(|t| t.parse::<serde_json::Number>().ok());
        match (number, self.text) {
            (Some(n), _) => n.serialize(s),
            (None, Some(t)) => s.serialize_str(t),
            (None, None) => s.serialize_none(),
        }
    }
}

/// One line's buffers, reused from chunk to chunk.
#[derive(Default)]
struct Slot {
    raw: Vec<u8>,
    line: u64,
    /// Byte offset of the line in the input.
    offset: u64,
    /// A blank line: no record, no output.
    blank: bool,
    /// The `id` was a JSON number (and is written back as one).
    id_is_number: bool,
    statement: Statement,
    predictions: Vec<TargetPrediction>,
    out: Vec<u8>,
    error: Option<LineError>,
}

/// A chunk of lines; `slots[..len]` are in use.
#[derive(Default)]
struct Chunk {
    slots: Vec<Slot>,
    len: usize,
}

/// The reading position.
struct Reader {
    line_no: u64,
    eof: bool,
}

/// Predictors shared by the workers: each block of lines borrows one, so
/// stem memos and scratch buffers survive from chunk to chunk.
struct PredictorPool<'m> {
    model: &'m StanceModel,
    free: Mutex<Vec<Predictor<'m>>>,
}

impl<'m> PredictorPool<'m> {
    fn new(model: &'m StanceModel) -> Self {
        PredictorPool {
            model,
            free: Mutex::new(Vec::new()),
        }
    }

    fn take(&self) -> Predictor<'m> {
        let p = self.free.lock().unwrap_or_else(|e| e.into_inner()).pop();
        p.unwrap_or_else(|| self.model.predictor())
    }

    fn give_back(&self, p: Predictor<'m>) {
        self.free.lock().unwrap_or_else(|e| e.into_inner()).push(p);
    }
}

/// The fields of an input line the fast path reads.
#[derive(Deserialize)]
struct FastLine<'a> {
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    id: Option<StrOrNumber<'a>>,
    #[serde(borrow, default)]
    speaker: Option<StrOrNumber<'a>>,
}

/// A string, or a number read as its JSON text (then the flag is set).
struct StrOrNumber<'a>(Cow<'a, str>, bool);

impl<'de: 'a, 'a> Deserialize<'de> for StrOrNumber<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = StrOrNumber<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(StrOrNumber(Cow::Borrowed(v), false))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(StrOrNumber(Cow::Owned(v.to_owned()), false))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(StrOrNumber(Cow::Owned(v), false))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E> {
                Ok(StrOrNumber(Cow::Owned(v.to_string()), true))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E> {
                Ok(StrOrNumber(Cow::Owned(v.to_string()), true))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Self::Value, E> {
                // As serde_json's `Number` prints it (the library's parser).
                serde_json::Number::from_f64(v)
                    .map(|n| StrOrNumber(Cow::Owned(n.to_string()), true))
                    .ok_or_else(|| E::custom("not a finite number"))
            }
        }
        d.deserialize_any(V)
    }
}

/// The output line's fixed parts, escaped once per run: each target's
/// `"name":{"label":"` opening. Writing a line by hand from these gives the
/// bytes serde would (the same string escaping and float formatting), at a
/// fraction of the cost; lines with explanations still go through serde.
struct TargetHeads {
    heads: Vec<Vec<u8>>,
}

impl TargetHeads {
    fn new(model: &StanceModel) -> Self {
        let heads = model
            .targets()
            .iter()
            .map(|t| {
                let mut h = serde_json::to_vec(t.name()).expect("serialising to memory");
                h.extend_from_slice(br#":{"label":""#);
                h
            })
            .collect();
        TargetHeads { heads }
    }

    /// Writes `{"id":...,"speaker":...,"stance":{...}}` as [`OutLine`]
    /// serialises it without explanations.
    fn write_line(
        &self,
        out: &mut Vec<u8>,
        id: Id<'_>,
        speaker: Option<&str>,
        predictions: &[TargetPrediction],
    ) {
        out.extend_from_slice(br#"{"id":"#);
        id.write(out);
        out.extend_from_slice(br#","speaker":"#);
        write_opt_str(out, speaker);
        out.extend_from_slice(br#","stance":{"#);
        for (i, (head, p)) in self.heads.iter().zip(predictions).enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(head);
            out.extend_from_slice(p.label.as_str().as_bytes());
            out.extend_from_slice(br#"","probabilities":{"favor":"#);
            write_f64(out, p.probabilities.favor);
            out.extend_from_slice(br#","against":"#);
            write_f64(out, p.probabilities.against);
            out.extend_from_slice(br#","none":"#);
            write_f64(out, p.probabilities.none);
            out.extend_from_slice(b"}}");
        }
        out.extend_from_slice(b"}}");
    }
}

fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => serde_json::to_writer(&mut *out, s).expect("serialising to memory"),
        None => out.extend_from_slice(b"null"),
    }
}

/// An `f64` as serde_json writes it (`null` when not finite).
fn write_f64(out: &mut Vec<u8>, v: f64) {
    use serde_json::ser::Formatter;
    let mut f = serde_json::ser::CompactFormatter;
    let written = if v.is_finite() {
        f.write_f64(&mut *out, v)
    } else {
        f.write_null(&mut *out)
    };
    written.expect("writing to memory");
}

/// An output line.
#[derive(Serialize)]
struct OutLine<'a> {
    id: Id<'a>,
    speaker: Option<&'a str>,
    stance: StanceOut<'a>,
}

/// `{"target": {"label": ..., "probabilities": {...}}, ...}` without
/// building a map.
struct StanceOut<'a> {
    model: &'a StanceModel,
    predictions: &'a [TargetPrediction],
    explained: &'a [Vec<(String, f64)>],
}

#[derive(Serialize)]
struct TargetOut<'a> {
    label: Label,
    probabilities: &'a Probabilities,
    #[serde(skip_serializing_if = "Option::is_none")]
    features: Option<Features<'a>>,
}

struct Features<'a>(&'a [(String, f64)]);

impl Serialize for Features<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct F<'a> {
            feature: &'a str,
            contribution: f64,
        }
        s.collect_seq(self.0.iter().map(|(feature, contribution)| F {
            feature,
            contribution: *contribution,
        }))
    }
}

impl Serialize for StanceOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.predictions.len()))?;
        for (i, (t, p)) in self
            .model
            .targets()
            .iter()
            .zip(self.predictions)
            .enumerate()
        {
            map.serialize_entry(
                t.name(),
                &TargetOut {
                    label: p.label,
                    probabilities: &p.probabilities,
                    features: self.explained.get(i).map(|f| Features(f)),
                },
            )?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: Id<'a>,
    error: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_lines_are_the_bytes_serde_writes() {
        let model = StanceModel::load(concat!(env!("CARGO_MANIFEST_DIR"), "/models/stance.json"))
            .expect("the shipped model loads");
        let heads = TargetHeads::new(&model);
        let mut predictor = model.predictor();
        let mut predictions = Vec::new();
        let ids = [
            None,
            Some("g0"),
            Some("quote \" backslash \\ tab \t newline \n"),
            Some("\u{1} control, \u{7f} delete, é, 北京, 🙂"),
        ];
        let statements = [
            "NATO expansion threatens our security.",
            "",
            "We support Ukraine's sovereignty and territorial integrity.",
            "The partnership between China and Russia has never been stronger.",
        ];
        for (&id, text) in ids.iter().zip(statements) {
            for speaker in [None, Some("lavrov"), Some("a \"speaker\"")] {
                let mut statement = Statement::new(text);
                statement.speaker = speaker.map(str::to_owned);
                predictor.predict_into(&statement, &mut predictions);
                let mut ours = Vec::new();
                heads.write_line(
                    &mut ours,
                    Id {
                        text: id,
                        number: false,
                    },
                    speaker,
                    &predictions,
                );
                let theirs = serde_json::to_vec(&OutLine {
                    id: Id {
                        text: id,
                        number: false,
                    },
                    speaker,
                    stance: StanceOut {
                        model: &model,
                        predictions: &predictions,
                        explained: &[],
                    },
                })
                .unwrap();
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    String::from_utf8(theirs).unwrap()
                );
            }
        }
        // Probabilities that serde writes specially.
        let mut odd = predictions.clone();
        odd[0].probabilities.favor = 0.0;
        odd[0].probabilities.against = 1e-300;
        odd[0].probabilities.none = f64::NAN;
        odd[1].probabilities.favor = f64::INFINITY;
        odd[1].probabilities.against = 1.0;
        odd[1].probabilities.none = 5e-324;
        let mut ours = Vec::new();
        let x = Id {
            text: Some("x"),
            number: false,
        };
        heads.write_line(&mut ours, x, None, &odd);
        let theirs = serde_json::to_vec(&OutLine {
            id: x,
            speaker: None,
            stance: StanceOut {
                model: &model,
                predictions: &odd,
                explained: &[],
            },
        })
        .unwrap();
        assert_eq!(ours, theirs);
    }
}
