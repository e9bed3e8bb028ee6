//! Saving and loading models: one JSON file with a format tag and version,
//! the feature settings, vocabulary, speaker sides and per-target weights.
//! Writes are atomic (a temporary file in the same folder, then a rename).
//!
//! Version 2 files carry `"checksum": "sha256:<hex>"`, the SHA-256 of the
//! file's *canonical payload*: the JSON document without its `checksum` key,
//! parsed and written back compactly by serde_json (so white space does not
//! count, and a new field is covered without any change here). Loading
//! recomputes it, so a changed digit or byte is [`Error::ModelChecksum`];
//! then semantic checks (unique targets, finite weights and penalties,
//! non-negative finite idf, shapes, feature ranges) give
//! [`Error::CorruptModel`] saying what is wrong. Version 1 files (written
//! before checksums) still load, with the semantic checks only.
//!
//! Version 3 adds each target's calibration `temperature` (finite and > 0;
//! covered by the checksum like every field). Version 1 and 2 files carry
//! none and load with `T = 1`, their probabilities unchanged.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

use serde::{Deserialize, Serialize};

use super::report::{FitDiagnostics, TrainingInfo};
use super::target::{TargetModel, TargetParts};
use super::StanceModel;
use crate::data::Label;
use crate::error::{Error, Result};
use crate::features::{Vectorizer, VectorizerState};

/// The `format` tag of a model file.
pub const FORMAT: &str = "quotestance-model";
/// The model file version this build writes (and the newest it reads).
pub const VERSION: u32 = 3;
/// The first version whose targets carry a calibration temperature.
const TEMPERATURE_VERSION: u64 = 3;
/// The oldest version this build reads: version 1 has no checksum.
pub const OLDEST_VERSION: u32 = 1;
/// The key of the checksum in a model file.
const CHECKSUM_KEY: &str = "checksum";

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
    /// Calibration temperature (version 3 on; absent before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
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
                    temperature: Some(t.temperature),
                })
                .collect(),
        };
        let mut text = serde_json::to_string(&file).expect("a model serialises");
        let value: serde_json::Value = serde_json::from_str(&text).expect("our own JSON parses");
        let sum = checksum_of(&value);
        // `text` is an object: the checksum goes in as its last key.
        text.pop();
        text.push_str(&format!(",\"{CHECKSUM_KEY}\":\"{sum}\"}}"));
        text
    }

    /// Saves the model to `path` atomically: a temporary file in the same
    /// folder is written, flushed and renamed over `path`.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::io(dir.display().to_string(), e))?;
                dir
            }
            None => Path::new("."),
        };
        // A hidden temporary file beside `path`, removed on every error path
        // (and on unwinding) by its guard; `persist` renames it over `path`.
        let stem = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{stem}."))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Error::io(&name, e))?;
        let written = (|| {
            let f = tmp.as_file_mut();
            // The temporary file is private (0600); the model gets the
            // permissions of the file it replaces, or the usual 0644.
            let perms = match std::fs::metadata(path) {
                Ok(m) => m.permissions(),
                Err(_) => default_permissions(),
            };
            f.set_permissions(perms)?;
            f.write_all(self.to_json().as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()
        })();
        written.map_err(|e| Error::io(&name, e))?;
        tmp.persist(path).map_err(|e| Error::io(&name, e.error))?;
        Ok(())
    }

    /// Loads a model saved by [`StanceModel::save`]. A file of another format
    /// version is [`Error::FormatVersion`]; content that does not match its
    /// checksum is [`Error::ModelChecksum`]; anything else malformed is
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
        if !(OLDEST_VERSION as u64..=VERSION as u64).contains(&version) {
            return Err(Error::FormatVersion {
                path: name.to_owned(),
                found: version.min(u32::MAX as u64) as u32,
                supported: VERSION,
            });
        }
        let mut value = value;
        verify_checksum(&mut value, version, name)?;
        let file: ModelFile = serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
        check_idf(&file.vectorizer).map_err(corrupt)?;
        let vectorizer = Vectorizer::from_state(file.vectorizer).map_err(corrupt)?;
        let n = vectorizer.n_features();
        let mut targets = Vec::new();
        let mut names = HashSet::new();
        for t in file.targets {
            if !names.insert(t.name.clone()) {
                return Err(corrupt(format!("target `{}` appears twice", t.name)));
            }
            if !(t.alpha.is_finite() && t.alpha > 0.0) {
                return Err(corrupt(format!(
                    "target `{}`: penalty {} is not a positive number",
                    t.name, t.alpha
                )));
            }
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
            let temperature =
                check_temperature(&t.name, t.temperature, version).map_err(corrupt)?;
            targets.push(TargetModel::new(
                TargetParts {
                    name: t.name,
                    classes: t.classes,
                    features: t.features,
                    weights: t.weights,
                    intercept: t.intercept,
                    alpha: t.alpha,
                    diagnostics: t.diagnostics,
                    temperature,
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

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
    // No modes elsewhere: a writable file is all there is to ask for.
    let mut p = std::fs::metadata(std::env::temp_dir())
        .expect("the temporary folder exists")
        .permissions();
    p.set_readonly(false);
    p
}

/// `sha256:<hex>` of the canonical payload of `value` (a model file's JSON
/// document without its checksum): serde_json's compact serialisation.
fn checksum_of(value: &serde_json::Value) -> String {
    let canonical = serde_json::to_string(value).expect("a JSON value serialises");
    let digest = Sha256::digest(canonical.as_bytes());
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// Removes the checksum from `value` and checks it against the content: a
/// version 2 file must carry a matching one, a version 1 file none.
fn verify_checksum(value: &mut serde_json::Value, version: u64, name: &str) -> Result<()> {
    let stored = value
        .as_object_mut()
        .and_then(|obj| obj.remove(CHECKSUM_KEY));
    let corrupt = |message: String| Error::CorruptModel {
        path: name.to_owned(),
        message,
    };
    match (version, stored) {
        (1, None) => Ok(()),
        (1, Some(_)) => Err(corrupt(
            "a version 1 file carries no checksum, yet this one has one (is `version` damaged?)"
                .into(),
        )),
        (_, None) => Err(corrupt(format!(
            "no `{CHECKSUM_KEY}` field (version {version} files carry one)"
        ))),
        (_, Some(serde_json::Value::String(stored))) => {
            let computed = checksum_of(value);
            if stored == computed {
                Ok(())
            } else {
                Err(Error::ModelChecksum {
                    path: name.to_owned(),
                    stored,
                    computed,
                })
            }
        }
        (_, Some(other)) => Err(corrupt(format!(
            "`{CHECKSUM_KEY}` is not a string: {other}"
        ))),
    }
}

/// The temperature of target `name` in a file of `version`: required from
/// version 3 on (finite and > 0), absent before (then 1).
fn check_temperature(
    name: &str,
    stored: Option<f64>,
    version: u64,
) -> std::result::Result<f64, String> {
    match (version >= TEMPERATURE_VERSION, stored) {
        (false, None) => Ok(1.0),
        (false, Some(_)) => Err(format!(
            "target `{name}`: a version {version} file carries no temperature, yet this one has one"
        )),
        (true, None) => Err(format!(
            "target `{name}`: no `temperature` (version {version} files carry one)"
        )),
        (true, Some(t)) if t.is_finite() && t > 0.0 => Ok(t),
        (true, Some(t)) => Err(format!(
            "target `{name}`: temperature {t} is not a positive number"
        )),
    }
}

/// Every idf weight is finite and non-negative (smooth idf is at least 1,
/// plain idf at least 0).
fn check_idf(state: &VectorizerState) -> std::result::Result<(), String> {
    let blocks = [
        ("word", &state.word_terms, &state.word_idf),
        ("character", &state.char_terms, &state.char_idf),
    ];
    for (block, terms, idf) in blocks {
        if let Some(i) = idf.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
            let term = terms.get(i).map(String::as_str).unwrap_or("?");
            return Err(format!(
                "{block} n-gram `{term}` has idf {}, not a finite non-negative number",
                idf[i]
            ));
        }
    }
    Ok(())
}
