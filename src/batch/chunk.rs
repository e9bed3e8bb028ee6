//! A chunk of input lines and its buffers, reused from chunk to chunk:
//! reading it, classifying its lines in parallel, writing its outputs in
//! input order.

use std::io::{BufRead, Write};
use std::sync::Mutex;

use super::{BatchClassifier, BatchObserver, BatchSummary, LineError, OnError};
use crate::data::{Statement, BOM};
use crate::error::{Error, Result};
use crate::model::{FeatureContribution, Predictor, StanceModel, TargetPrediction};
use crate::par::*;

/// One line's buffers, reused from chunk to chunk.
#[derive(Default)]
pub(super) struct Slot {
    pub(super) raw: Vec<u8>,
    pub(super) line: u64,
    /// Byte offset of the line in the input.
    pub(super) offset: u64,
    /// A blank line: no record, no output.
    pub(super) blank: bool,
    /// The `id` was a JSON number (and is written back as one).
    pub(super) id_is_number: bool,
    pub(super) statement: Statement,
    pub(super) predictions: Vec<TargetPrediction>,
    /// With explanations: per target, the features toward its label.
    pub(super) explained: Vec<Vec<FeatureContribution>>,
    pub(super) out: Vec<u8>,
    pub(super) error: Option<LineError>,
}

/// A chunk of lines; `slots[..len]` are in use.
#[derive(Default)]
pub(super) struct Chunk {
    slots: Vec<Slot>,
    pub(super) len: usize,
}

/// The reading position.
#[derive(Default)]
pub(super) struct Reader {
    line_no: u64,
    eof: bool,
}

/// Predictors shared by the workers: each block of lines borrows one, so
/// stem memos and scratch buffers survive from chunk to chunk.
pub(super) struct PredictorPool<'m> {
    model: &'m StanceModel,
    free: Mutex<Vec<Predictor<'m>>>,
}

impl<'m> PredictorPool<'m> {
    pub(super) fn new(model: &'m StanceModel) -> Self {
        PredictorPool {
            model,
            free: Mutex::new(Vec::new()),
        }
    }

    pub(super) fn take(&self) -> Predictor<'m> {
        let p = self.free.lock().unwrap_or_else(|e| e.into_inner()).pop();
        p.unwrap_or_else(|| self.model.predictor())
    }

    pub(super) fn give_back(&self, p: Predictor<'m>) {
        self.free.lock().unwrap_or_else(|e| e.into_inner()).push(p);
    }
}

impl BatchClassifier<'_> {
    /// Fills `chunk` with the next lines of `input`.
    pub(super) fn read_chunk<R: BufRead>(
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
            if reader.line_no == 1 && slot.raw.starts_with(BOM) {
                slot.raw.drain(..BOM.len());
                slot.offset += BOM.len() as u64;
            }
            bytes += n;
            summary.bytes += n as u64;
            chunk.len += 1;
        }
        Ok(())
    }

    /// Parses, classifies and serialises every line of `chunk` in parallel.
    pub(super) fn classify_chunk(&self, chunk: &mut Chunk, predictors: &PredictorPool<'_>) {
        // Blocks of lines share one borrowed predictor (one lock per block).
        const BLOCK: usize = 32;
        chunk.slots[..chunk.len]
            .par_chunks_mut(BLOCK)
            .for_each(|block| {
                let mut p = predictors.take();
                for slot in block {
                    self.classify_slot(slot, &mut p);
                }
                predictors.give_back(p);
            });
    }

    /// Writes the outputs of `chunk` in order and reports its errors.
    pub(super) fn write_chunk<W: Write>(
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
