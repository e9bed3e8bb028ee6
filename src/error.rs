//! The crate's one error type.
//!
//! Errors on user input say *where*: the file, the line and the field, in the
//! manner of rust-csv ("data/quotes.jsonl, line 4, field `stance.us`: unknown
//! label `pro`").

use std::fmt;

/// Where in the input something went wrong. Every part is optional; the
/// [`Display`](fmt::Display) form prints the parts that are known, e.g.
/// `data/quotes.jsonl, line 4, field "stance.us"`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The file (or `<stdin>`, or a caller-chosen name).
    pub file: Option<String>,
    /// 1-based line number.
    pub line: Option<u64>,
    /// The field, as a dotted path (`stance.us`).
    pub field: Option<String>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: Some(file.into()),
            ..Location::default()
        }
    }

    /// This location with a 1-based line number.
    pub fn with_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// This location with a field path.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.clone());
        }
        if let Some(line) = self.line {
            parts.push(format!("line {line}"));
        }
        if let Some(field) = &self.field {
            parts.push(format!("field `{field}`"));
        }
        if parts.is_empty() {
            f.write_str("<input>")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Everything that can go wrong in quotestance.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Bad user input (a JSONL line, a speaker table, an article): says where.
    #[error("{location}: {message}")]
    Input {
        /// Where the problem is.
        location: Location,
        /// What is wrong.
        message: String,
    },
    /// Several bad lines in one input, each its own [`Error::Input`] (at most
    /// 20 of them kept, `MAX_REPORTED_LINES`), so one run reports them all.
    #[error("{}", bad_lines_message(.file, .errors, *.total))]
    BadLines {
        /// The input.
        file: String,
        /// The first errors, in line order.
        errors: Vec<Error>,
        /// How many lines were bad in all.
        total: u64,
    },
    /// A parameter failed validation before fitting.
    #[error("invalid parameter `{name}`: {message}")]
    InvalidParam {
        /// The parameter's name.
        name: &'static str,
        /// Why it was rejected.
        message: String,
    },
    /// Training a target's model is impossible with the data given (too few
    /// examples or classes).
    #[error("target `{target}`: {message}")]
    Training {
        /// The target whose model could not be trained.
        target: String,
        /// Why.
        message: String,
    },
    /// The solver stopped before reaching the gradient tolerance.
    #[error(
        "target `{target}`: the solver did not converge (loss {loss:.6}, gradient norm {grad_norm:.3e} > tolerance {tolerance:.1e} after {iterations} iterations)"
    )]
    NotConverged {
        /// The target concerned.
        target: String,
        /// Final loss (our own computation, not the solver's).
        loss: f64,
        /// Final gradient norm (our own computation).
        grad_norm: f64,
        /// The gradient tolerance asked for.
        tolerance: f64,
        /// Iterations the solver reported.
        iterations: u64,
    },
    /// The solver (linfa-logistic) failed; its message is kept.
    #[error("solver: {0}")]
    Solver(String),
    /// A feature vector does not have the length the model expects.
    #[error("feature count mismatch: the model expects {expected} features, got {found}")]
    FeatureMismatch {
        /// What the model was trained with.
        expected: usize,
        /// What was given.
        found: usize,
    },
    /// A target the model does not know was asked for.
    #[error("unknown target `{0}`")]
    UnknownTarget(String),
    /// A model file of a format version this build cannot read.
    #[error("{path}: model format version {found} is not supported (this build reads versions 1 to {supported})")]
    FormatVersion {
        /// The model file.
        path: String,
        /// The version found in the file.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// A model file whose content does not match the checksum it carries: it
    /// was damaged (or edited) after it was saved.
    #[error("{path}: damaged model file: its content does not match its checksum (stored {stored}, computed {computed})")]
    ModelChecksum {
        /// The model file.
        path: String,
        /// The checksum the file carries.
        stored: String,
        /// The checksum of its content.
        computed: String,
    },
    /// A model file that is not a valid model.
    #[error("{path}: corrupted model file: {message}")]
    CorruptModel {
        /// The model file.
        path: String,
        /// What is wrong with it.
        message: String,
    },
}

/// How many line errors an [`Error::BadLines`] keeps.
pub const MAX_REPORTED_LINES: usize = 20;

fn bad_lines_message(file: &str, errors: &[Error], total: u64) -> String {
    let mut out = match total {
        1 => format!("{file}: 1 bad line"),
        n => format!("{file}: {n} bad lines"),
    };
    for e in errors {
        out.push_str("\n  ");
        out.push_str(&e.to_string());
    }
    let shown = errors.len() as u64;
    if total > shown {
        out.push_str(&format!("\n  ... and {} more", total - shown));
    }
    out
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Shorthand for an [`Error::Input`] at `location`.
    pub fn input(location: Location, message: impl Into<String>) -> Self {
        Error::Input {
            location,
            message: message.into(),
        }
    }

    /// Shorthand for an [`Error::Io`] on `path`.
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The location, for errors on user input.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Input { location, .. } => Some(location),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_display_names_every_known_part() {
        let loc = Location::file("data/q.jsonl")
            .with_line(4)
            .with_field("stance.us");
        assert_eq!(loc.to_string(), "data/q.jsonl, line 4, field `stance.us`");
        assert_eq!(Location::default().to_string(), "<input>");
        let e = Error::input(loc, "unknown label `pro`");
        assert_eq!(
            e.to_string(),
            "data/q.jsonl, line 4, field `stance.us`: unknown label `pro`"
        );
    }
}
