//! `Extractor`: quotations and their speakers, with byte and code-point
//! offsets.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyList;
use quotestance::Quote;
use quotestance::SpeakerTable;
use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::{json_of, py_err, to_py};

/// Finds quotations in English news and attributes them to speakers.
///
/// Build once (with the articles' date and a speaker table), then call
/// `extract` per article or `extract_many` for a batch.
#[pyclass(module = "quotestance._quotestance", frozen)]
pub struct Extractor {
    inner: quotestance::Extractor,
    /// The date given, `YYYY-MM-DD` (checked); else each article's dateline.
    date: Option<String>,
}

#[pymethods]
impl Extractor {
    /// `date`: the articles' date, `YYYY-MM-DD` (role nouns resolve to who
    /// held the office then); `speakers`: a speaker table (JSON) file
    /// instead of the built-in one.
    #[new]
    #[pyo3(signature = (date=None, speakers=None))]
    fn new(py: Python<'_>, date: Option<&str>, speakers: Option<PathBuf>) -> PyResult<Self> {
        let table = match speakers {
            Some(p) => SpeakerTable::from_path(p).map_err(|e| py_err(py, e, None))?,
            None => SpeakerTable::builtin(),
        };
        let mut inner = quotestance::Extractor::new(table);
        if let Some(d) = date {
            let loc = quotestance::Location::default().with_field("date");
            quotestance::advanced::dateline::parse_iso_date(d, &loc)
                .map_err(|e| py_err(py, e, None))?;
            inner = inner.date(d).map_err(|e| py_err(py, e, None))?;
        }
        Ok(Extractor {
            inner,
            date: date.map(str::to_string),
        })
    }

    /// The quotations of one article, in text order, as dicts with the
    /// CLI's fields (`text`, `start`, `end` in bytes, `kind`, `speaker`,
    /// ...) plus `char_start` and `char_end`, Python string indices:
    /// `article[q["char_start"]:q["char_end"]] == q["text"]`.
    fn extract<'py>(&self, py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
        let quotes = py
            .allow_threads(|| quote_values(self, text))
            .map_err(|e| py_err(py, e, None))?;
        let list = PyList::empty(py);
        for q in &quotes {
            list.append(to_py(py, q)?)?;
        }
        Ok(list)
    }

    /// The quotations of each article (a list per article, in input order),
    /// extracted in parallel on the Rust thread pool with the GIL released.
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
    ) -> PyResult<Bound<'py, PyList>> {
        let all: Vec<Vec<Value>> = py
            .allow_threads(|| {
                texts
                    .par_iter()
                    .map(|t| quote_values(self, t))
                    .collect::<quotestance::Result<_>>()
            })
            .map_err(|e| py_err(py, e, None))?;
        let out = PyList::empty(py);
        for quotes in &all {
            let list = PyList::empty(py);
            for q in quotes {
                list.append(to_py(py, q)?)?;
            }
            out.append(list)?;
        }
        Ok(out)
    }

    fn __repr__(&self) -> String {
        "Extractor(...)".to_string()
    }
}

/// One article's quotes as JSON objects with code-point offsets added and,
/// as in the CLI, the article's `date` (the one given, else its dateline's,
/// else `None`).
fn quote_values(extractor: &Extractor, text: &str) -> quotestance::Result<Vec<Value>> {
    let loc = quotestance::Location::default().with_field("date");
    let given = match &extractor.date {
        Some(d) => Some(quotestance::advanced::dateline::parse_iso_date(d, &loc)?),
        None => None,
    };
    let date = quotestance::advanced::dateline::article_date(given, text, "article", None)?
        .map_or(Value::Null, |d| Value::String(d.to_string()));
    let quotes = extractor.inner.extract(text);
    let chars = CharIndex::new(text, &quotes);
    Ok(quotes
        .iter()
        .map(|q| {
            let mut v = json_of(q);
            if let Value::Object(map) = &mut v {
                add_char_offsets(map, &chars);
                map.insert("date".into(), date.clone());
            }
            v
        })
        .collect())
}

/// Adds `char_start`/`char_end` beside every `start`/`end` pair (the quote's
/// and its spans').
fn add_char_offsets(map: &mut Map<String, Value>, chars: &CharIndex) {
    let at = |map: &Map<String, Value>, k: &str| map.get(k).and_then(Value::as_u64);
    if let (Some(s), Some(e)) = (at(map, "start"), at(map, "end")) {
        map.insert("char_start".into(), chars.of(s as usize));
        map.insert("char_end".into(), chars.of(e as usize));
    }
    for key in ["speaker_span", "cue_span"] {
        if let Some(Value::Object(span)) = map.get_mut(key) {
            add_char_offsets(span, chars);
        }
    }
}

/// Code-point offsets of the byte offsets a list of quotes uses (one pass
/// over the text).
struct CharIndex {
    /// (byte offset, code-point offset), sorted by byte offset.
    pairs: Vec<(usize, usize)>,
}

impl CharIndex {
    fn new(text: &str, quotes: &[Quote]) -> Self {
        let mut bytes: Vec<usize> = Vec::with_capacity(quotes.len() * 6);
        for q in quotes {
            bytes.extend([q.start, q.end]);
            for s in [q.speaker_span, q.cue_span].into_iter().flatten() {
                bytes.extend([s.start, s.end]);
            }
        }
        bytes.sort_unstable();
        bytes.dedup();
        let mut pairs = Vec::with_capacity(bytes.len());
        let mut wanted = bytes.into_iter().peekable();
        let ends = text.char_indices().chain([(text.len(), '\0')]);
        for (n, (b, _)) in ends.enumerate() {
            while wanted.peek() == Some(&b) {
                pairs.push((b, n));
                wanted.next();
            }
        }
        CharIndex { pairs }
    }

    /// The code-point offset of byte offset `b`, or null if `b` was not a
    /// character boundary of the text (the extractor guarantees it is).
    fn of(&self, b: usize) -> Value {
        match self.pairs.binary_search_by_key(&b, |p| p.0) {
            Ok(i) => self.pairs[i].1.into(),
            Err(_) => Value::Null,
        }
    }
}
