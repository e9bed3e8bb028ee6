//! Streaming, bounded-memory, ordered, parallel batches: statements in
//! ([`BatchClassifier`]: JSONL or plain-text lines, one JSONL prediction line
//! per non-blank input line out, in input order), or articles in
//! ([`ArticleBatch`]: one JSON line per attributed quote).
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
//! input size. Each chunk is parsed (one serde record,
//! [`crate::data::parse_statement_line`]'s), featurised, scored and
//! serialised (serde) in
//! parallel on the current rayon pool with the default `parallel` feature
//! (run inside rayon's `ThreadPool::install` to choose the number of
//! threads; without the feature, on the calling thread), each
//! worker borrowing a [`Predictor`](crate::advanced::model::Predictor) with its scratch buffers and stem memo
//! from a small shared pool, so no worker starts cold and no line allocates
//! a model-sized buffer. While one chunk is being classified, the calling
//! thread writes the previous chunk and reads the next one; outputs are
//! written strictly in input order.
//!
//! The files, by job: this one (the builder and the run's loop), `chunk`
//! (a chunk's line buffers: reading, classifying in parallel, writing in
//! order), `line` (one line: parse, predict, explain, serialise) and `writer`
//! (the output lines' serde shapes). Beside the classifier, `articles`
//! ([`ArticleBatch`]) does the same for whole articles: their quotes found
//! and attributed in parallel, one JSON line per quote, in order, with the
//! stance of each when a model is given (`quotestance extract`).
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

use std::io::{BufRead, BufWriter, Write};

use crate::error::{Error, Result};
use crate::model::StanceModel;
use crate::par;

use self::chunk::{Chunk, PredictorPool, Reader};

mod articles;
mod chunk;
mod line;
mod writer;

pub use self::articles::{Article, ArticleBatch};

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
    /// Default 0 (none). The explanations come from the feature row the
    /// prediction was scored from; ranking them costs extra per line.
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
        let mut summary = BatchSummary::default();
        let mut reader = Reader::default();
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
                || self.classify_chunk(&mut cur, &predictors),
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
}
