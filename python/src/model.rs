//! `StanceModel`: load, save, classify in batches, explain, train.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use quotestance::advanced::data::{parse_labelled_line, read_labelled};
use quotestance::advanced::features::FeatureConfig;
use quotestance::advanced::model::{DataFile, SelectionMetric};
use quotestance::SpeakerTable;
use quotestance::{LabelledQuote, Location, StanceParams, Statement};
use rayon::prelude::*;

use crate::{json_of, py_err, to_py};

/// A fitted stance model: one logistic regression per target (`us`,
/// `ukraine`, `partnership`, ...), each giving favor / against / none.
#[pyclass(module = "quotestance._quotestance", frozen)]
pub struct StanceModel {
    inner: Arc<quotestance::StanceModel>,
}

#[pymethods]
impl StanceModel {
    /// Loads a model file written by `save` or `quotestance train`.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let model = py
            .allow_threads(|| quotestance::StanceModel::load(&path))
            .map_err(|e| py_err(py, e, None))?;
        Ok(StanceModel {
            inner: Arc::new(model),
        })
    }

    /// Parses a model from its JSON text; `name` stands for the file in
    /// error messages.
    #[staticmethod]
    #[pyo3(signature = (text, name="<string>"))]
    fn from_json(py: Python<'_>, text: &str, name: &str) -> PyResult<Self> {
        let model = py
            .allow_threads(|| quotestance::StanceModel::from_json(text, name))
            .map_err(|e| py_err(py, e, None))?;
        Ok(StanceModel {
            inner: Arc::new(model),
        })
    }

    /// Writes the model to `path` (the format `load` and the CLI read).
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.allow_threads(|| self.inner.save(&path))
            .map_err(|e| py_err(py, e, None))
    }

    /// The model as JSON text (what `save` writes).
    fn to_json(&self, py: Python<'_>) -> String {
        py.allow_threads(|| self.inner.to_json())
    }

    /// Classifies every text, in parallel on the Rust thread pool with the
    /// GIL released. `speakers`: None, one speaker id for all, or one id
    /// (or None) per text. Returns one dict per text, in order:
    /// `{target: {"label": ..., "probabilities": {"favor", "against",
    /// "none"}}}` (the CLI's `stance` object). An empty text raises
    /// `QuotestanceError` naming its index, as the CLI rejects it.
    #[pyo3(signature = (texts, speakers=None))]
    fn classify<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        speakers: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let speakers = speaker_list(speakers, texts.len())?;
        if let Some(i) = texts.iter().position(|t| t.trim().is_empty()) {
            let loc = Location::file(format!("texts[{i}]"));
            return Err(py_err(
                py,
                quotestance::Error::input(loc, "empty text"),
                Some(i),
            ));
        }
        let values = py.allow_threads(|| {
            let statements: Vec<Statement> = texts
                .into_iter()
                .zip(speakers)
                .map(|(text, speaker)| Statement {
                    text,
                    id: None,
                    speaker,
                })
                .collect();
            predict_all(&self.inner, &statements)
        });
        let out = PyList::empty(py);
        for v in &values {
            out.append(to_py(py, v)?)?;
        }
        Ok(out)
    }

    /// Why `text` got its label for `target`: `{"target", "prediction",
    /// "toward": {label: [{"feature", "value", "contribution"}, ...]}}`,
    /// the `top` strongest features per label.
    #[pyo3(signature = (text, target, top=5, speaker=None))]
    fn explain<'py>(
        &self,
        py: Python<'py>,
        text: String,
        target: &str,
        top: usize,
        speaker: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let statement = Statement {
            text,
            id: None,
            speaker,
        };
        let v = py
            .allow_threads(|| {
                self.inner
                    .explain(&statement, target, top)
                    .map(|e| json_of(&e))
            })
            .map_err(|e| py_err(py, e, None))?;
        to_py(py, &v)
    }

    /// The targets' names, in the model's order.
    #[getter]
    fn targets(&self) -> Vec<String> {
        self.inner
            .target_names()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// Number of features of the vectorizer.
    #[getter]
    fn n_features(&self) -> usize {
        self.inner.vectorizer().n_features()
    }

    /// Warnings of training (e.g. fits that did not converge).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner.warnings().to_vec()
    }

    /// What the model remembers of its training (date, counts, the
    /// cross-validation report under `cv`, timings) as a dict.
    #[getter]
    fn info<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &json_of(self.inner.info()))
    }

    fn __repr__(&self) -> String {
        format!(
            "StanceModel(targets={:?}, n_features={})",
            self.inner.target_names(),
            self.inner.vectorizer().n_features()
        )
    }
}

/// Statements per parallel task: large enough that a task's predictor (its
/// scratch buffers and stem memo) is reused many times.
const CHUNK: usize = 256;

/// Predictions of every statement, in order, in parallel; workers take
/// predictors from a shared pool (as `batch::BatchClassifier` does), so a
/// predictor is built once per thread, not once per rayon task.
fn predict_all(
    model: &quotestance::StanceModel,
    statements: &[Statement],
) -> Vec<serde_json::Value> {
    let pool = Mutex::new(Vec::new());
    let take = || {
        let p = pool.lock().ok().and_then(|mut v| v.pop());
        p.unwrap_or_else(|| model.predictor())
    };
    let chunks: Vec<Vec<serde_json::Value>> = statements
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut p = take();
            let out = chunk.iter().map(|s| json_of(&p.predict(s))).collect();
            if let Ok(mut v) = pool.lock() {
                v.push(p);
            }
            out
        })
        .collect();
    chunks.into_iter().flatten().collect()
}

/// `speakers` as one optional id per text.
fn speaker_list(speakers: Option<&Bound<'_, PyAny>>, n: usize) -> PyResult<Vec<Option<String>>> {
    let Some(obj) = speakers.filter(|o| !o.is_none()) else {
        return Ok(vec![None; n]);
    };
    if let Ok(s) = obj.downcast::<PyString>() {
        return Ok(vec![Some(s.to_cow()?.into_owned()); n]);
    }
    let list: Vec<Option<String>> = obj.extract().map_err(|_| {
        PyTypeError::new_err("speakers must be None, a str, or a sequence of str or None")
    })?;
    if list.len() != n {
        return Err(PyValueError::new_err(format!(
            "speakers has {} items for {n} texts",
            list.len()
        )));
    }
    Ok(list)
}

/// Trains on labelled quotes given as JSON lines (the Python layer turns
/// dicts into lines); a bad record raises naming `records[i]` and its field.
#[pyfunction]
#[pyo3(signature = (lines, params))]
pub fn train_lines(
    py: Python<'_>,
    lines: Vec<String>,
    params: TrainParams,
) -> PyResult<StanceModel> {
    let mut quotes: Vec<LabelledQuote> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let loc = Location::file(format!("records[{i}]"));
        quotes.push(parse_labelled_line(line, &loc).map_err(|e| py_err(py, e, Some(i)))?);
    }
    fit(py, &quotes, params)
}

/// Trains on a JSONL file of labelled quotes (errors name its line).
#[pyfunction]
#[pyo3(signature = (path, params))]
pub fn train_file(py: Python<'_>, path: PathBuf, params: TrainParams) -> PyResult<StanceModel> {
    let quotes = py
        .allow_threads(|| read_labelled(&path))
        .map_err(|e| py_err(py, e, None))?;
    let file = DataFile::read(&path).map_err(|e| py_err(py, e, None))?;
    let mut model = fit_model(py, &quotes, params)?;
    model.set_data_files(vec![file]);
    Ok(StanceModel {
        inner: Arc::new(model),
    })
}

/// Training parameters, as keyword arguments of `quotestance.train` (the
/// CLI's `train` options; None keeps the library's default).
#[derive(Debug, Default, FromPyObject)]
#[pyo3(from_item_all)]
pub struct TrainParams {
    folds: Option<usize>,
    seed: Option<u64>,
    alpha: Option<f64>,
    alphas: Option<Vec<f64>>,
    metric: Option<String>,
    selected_features: Option<usize>,
    max_iterations: Option<u64>,
    require_convergence: Option<bool>,
    class_balance: Option<bool>,
    targets: Option<Vec<String>>,
    speakers: Option<PathBuf>,
    word_ngrams: Option<Ngrams>,
    char_ngrams: Option<Ngrams>,
    min_df: Option<usize>,
    max_features: Option<usize>,
    negation: Option<bool>,
    speaker_features: Option<bool>,
}

/// An n-gram range `(lo, hi)`, or `"none"` (the Python layer passes a
/// `None` given by the caller as `"none"`).
#[derive(Debug, FromPyObject)]
pub enum Ngrams {
    /// Orders `lo..=hi`.
    Range((usize, usize)),
    /// `"none"`: the block is off.
    Off(String),
}

impl Ngrams {
    fn range(self, name: &str) -> PyResult<Option<(usize, usize)>> {
        match self {
            Ngrams::Range(r) => Ok(Some(r)),
            Ngrams::Off(s) if s == "none" => Ok(None),
            Ngrams::Off(s) => Err(PyValueError::new_err(format!(
                "{name} must be a (lo, hi) pair or None, not {s:?}"
            ))),
        }
    }
}

fn fit(py: Python<'_>, quotes: &[LabelledQuote], p: TrainParams) -> PyResult<StanceModel> {
    Ok(StanceModel {
        inner: Arc::new(fit_model(py, quotes, p)?),
    })
}

fn fit_model(
    py: Python<'_>,
    quotes: &[LabelledQuote],
    p: TrainParams,
) -> PyResult<quotestance::StanceModel> {
    let params = build_params(py, p)?;
    py.allow_threads(|| params.fit(quotes))
        .map_err(|e| py_err(py, e, None))
}

fn build_params(py: Python<'_>, p: TrainParams) -> PyResult<StanceParams> {
    let mut features = FeatureConfig::default();
    if let Some(r) = p.word_ngrams {
        features.word_ngrams = r.range("word_ngrams")?;
    }
    if let Some(r) = p.char_ngrams {
        features.char_ngrams = r.range("char_ngrams")?;
    }
    if let Some(n) = p.min_df {
        features.min_df = n;
    }
    if let Some(n) = p.max_features {
        features.max_features = Some(n);
    }
    if let Some(b) = p.negation {
        features.analyzer.negation = b;
    }
    if let Some(b) = p.speaker_features {
        features.speaker_features = b;
    }
    let metric = match p.metric.as_deref() {
        None | Some("f_avg") => SelectionMetric::FAvg,
        Some("macro_f1") => SelectionMetric::MacroF1,
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "metric must be \"f_avg\" or \"macro_f1\", not {other:?}"
            )))
        }
    };
    let mut params = StanceParams::new().features(features);
    // Omitted: the library's default (chosen per target by cross-validation).
    if let Some(b) = p.class_balance {
        params = params.class_balance(b);
    }
    let mut params = params
        .require_convergence(p.require_convergence.unwrap_or(false))
        .selection_metric(metric);
    if let Some(path) = p.speakers {
        params = params.speakers(SpeakerTable::from_path(path).map_err(|e| py_err(py, e, None))?);
    }
    if let Some(k) = p.folds {
        params = params.folds(k);
    }
    if let Some(s) = p.seed {
        params = params.seed(s);
    }
    if let Some(a) = p.alpha {
        params = params.alpha(a);
    }
    if let Some(a) = p.alphas {
        params = params.alphas(a);
    }
    if let Some(n) = p.selected_features {
        params = params.selected_features(n);
    }
    if let Some(n) = p.max_iterations {
        params = params.max_iterations(n);
    }
    if let Some(t) = p.targets {
        params = params.targets(t);
    }
    Ok(params)
}
