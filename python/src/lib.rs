//! Python bindings of quotestance (PyO3): the native module
//! `quotestance._quotestance`, wrapped by the pure-Python package
//! `quotestance` (python/quotestance/__init__.py), which adds the
//! conveniences (records from dicts or a path, `to_pandas`).
//!
//! Thin over the library: every call converts its arguments, releases the
//! GIL, runs the Rust code (in parallel on rayon's global pool where there
//! is a batch; `RAYON_NUM_THREADS` sets its size) and converts the result
//! through `serde_json::Value`, so the dicts have exactly the CLI's fields.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

mod extract;
mod model;

create_exception!(
    _quotestance,
    QuotestanceError,
    PyException,
    "An error of the quotestance library. The message is the library's \
     (it names the file, line and field where it can); the attributes \
     `file`, `line`, `field` and `index` hold those parts (None when unknown)."
);

/// The Python exception for a library error: its message, with `file`,
/// `line` and `field` set from the error's location and `index` (the
/// position in a Python list) when given.
pub(crate) fn py_err(py: Python<'_>, e: quotestance::Error, index: Option<usize>) -> PyErr {
    let err = QuotestanceError::new_err(e.to_string());
    let (file, line, field) = match (&e, e.location()) {
        (_, Some(loc)) => (loc.file.clone(), loc.line, loc.field.clone()),
        (quotestance::Error::Io { path, .. }, None) => (Some(path.clone()), None, None),
        (quotestance::Error::FormatVersion { path, .. }, None)
        | (quotestance::Error::CorruptModel { path, .. }, None) => (Some(path.clone()), None, None),
        _ => (None, None, None),
    };
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("file", file)?;
        value.setattr("line", line)?;
        value.setattr("field", field)?;
        value.setattr("index", index)?;
        Ok(())
    };
    // Setting attributes on a fresh exception object cannot fail in practice;
    // if it did, the message still carries every part.
    let _ = set();
    err
}

/// A JSON value as the equivalent Python object (dict, list, str, int,
/// float, bool, None).
pub(crate) fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for x in items {
                list.append(to_py(py, x)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, x) in map {
                dict.set_item(k, to_py(py, x)?)?;
            }
            dict.into_any()
        }
    })
}

/// Serialises a library value to JSON (cannot fail for the library's types:
/// string keys, finite or NaN floats become numbers or null).
pub(crate) fn json_of<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

#[pymodule]
fn _quotestance(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("QuotestanceError", m.py().get_type::<QuotestanceError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<extract::Extractor>()?;
    m.add_class::<model::StanceModel>()?;
    m.add_function(wrap_pyfunction!(model::train_lines, m)?)?;
    m.add_function(wrap_pyfunction!(model::train_file, m)?)?;
    Ok(())
}
