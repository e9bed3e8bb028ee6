//! Saving and loading models: one JSON file with a format tag and version,
//! the feature settings, vocabulary, speaker sides and per-target weights.
//! Writes are atomic (temporary file, then rename).

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::report::{FitDiagnostics, TrainingInfo};
use super::target::{TargetModel, TargetParts};
use super::StanceModel;
use crate::data::Label;
use crate::error::{Error, Result};
use crate::features::{Vectorizer, VectorizerState};

/// The `format` tag of a model file.
pub const FORMAT: &str = "quotestance-model";
/// The model file version this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct TargetState {
    name: String,
    classes: Vec<Label>,
    alpha: f64,
    diagnostics: FitDiagnostics,
    features: Vec<u32>,
    intercept: Vec<f32>,
    /// Row-major: `features.len() × classes.len()`.
    weights: Vec<f32>,
}

#[derive(Serialize, Deserialize)]
struct ModelFile {
    format: String,
    version: u32,
    training: TrainingInfo,
    vectorizer: VectorizerState,
    targets: Vec<TargetState>,
}

impl StanceModel {
    /// The model as JSON text.
    pub fn to_json(&self) -> String {
        let file = ModelFile {
            format: FORMAT.into(),
            version: VERSION,
            training: self.info.clone(),
            vectorizer: self.vectorizer.to_state(),
            targets: self
                .targets
                .iter()
                .map(|t| TargetState {
                    name: t.name.clone(),
                    classes: t.classes.clone(),
                    alpha: t.alpha,
                    diagnostics: t.diagnostics,
                    features: t.features.clone(),
                    intercept: t.intercept.clone(),
                    weights: t.weights.clone(),
                })
                .collect(),
        };
        serde_json::to_string(&file).expect("a model serialises")
    }

    /// Saves the model to `path` atomically: a temporary file in the same
    /// folder is written, flushed and renamed over `path`.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let name = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
        }
        let mut tmp_name = path.as_os_str().to_owned();
        tmp_name.push(format!(".{}.tmp", std::process::id()));
        let tmp = std::path::PathBuf::from(tmp_name);
        let result = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(self.to_json().as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::io(name, e));
        }
        Ok(())
    }

    /// Loads a model saved by [`StanceModel::save`]. A file of another format
    /// version is [`Error::FormatVersion`]; anything malformed is
    /// [`Error::CorruptModel`].
    pub fn load(path: impl AsRef<Path>) -> Result<StanceModel> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(&name, e))?;
        StanceModel::from_json(&text, &name)
    }

    /// Parses a model from JSON text; `name` is used in errors.
    pub fn from_json(text: &str, name: &str) -> Result<StanceModel> {
        let corrupt = |message: String| Error::CorruptModel {
            path: name.to_owned(),
            message,
        };
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| corrupt(format!("not JSON: {e}")))?;
        match value.get("format").and_then(|v| v.as_str()) {
            Some(FORMAT) => {}
            Some(other) => return Err(corrupt(format!("format is `{other}`, not `{FORMAT}`"))),
            None => return Err(corrupt("no `format` field: not a quotestance model".into())),
        }
        let version = value
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| corrupt("no `version` field".into()))?;
        if version != VERSION as u64 {
            return Err(Error::FormatVersion {
                path: name.to_owned(),
                found: version.min(u32::MAX as u64) as u32,
                supported: VERSION,
            });
        }
        let file: ModelFile = serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
        let vectorizer = Vectorizer::from_state(file.vectorizer).map_err(corrupt)?;
        let n = vectorizer.n_features();
        let mut targets = Vec::new();
        for t in file.targets {
            let k = t.classes.len();
            let mut sorted = t.classes.clone();
            sorted.sort();
            sorted.dedup();
            if k < 2 || sorted.len() != k || sorted != t.classes {
                return Err(corrupt(format!("target `{}`: bad class list", t.name)));
            }
            if t.intercept.len() != k || t.weights.len() != t.features.len() * k {
                return Err(corrupt(format!(
                    "target `{}`: weight shapes do not match",
                    t.name
                )));
            }
            if t.features.windows(2).any(|w| w[0] >= w[1])
                || t.features.last().is_some_and(|&f| f as usize >= n)
            {
                return Err(corrupt(format!(
                    "target `{}`: feature indices out of order or range",
                    t.name
                )));
            }
            if t.weights.iter().chain(&t.intercept).any(|w| !w.is_finite()) {
                return Err(corrupt(format!("target `{}`: non-finite weights", t.name)));
            }
            targets.push(TargetModel::new(
                TargetParts {
                    name: t.name,
                    classes: t.classes,
                    features: t.features,
                    weights: t.weights,
                    intercept: t.intercept,
                    alpha: t.alpha,
                    diagnostics: t.diagnostics,
                },
                n,
            ));
        }
        if targets.is_empty() {
            return Err(corrupt("no targets".into()));
        }
        Ok(StanceModel::assemble(vectorizer, targets, file.training))
    }
}
