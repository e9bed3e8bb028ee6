//! Labelled quotes and statements, and a streaming JSONL reader whose errors
//! say where (file, line, field).
//!
//! Two line shapes are accepted:
//!
//! * multi-target (ours):
//!   `{"id": "s000-03", "text": "...", "speaker": "wang_yi", "stance": {"us": "none", "partnership": "favor"}, "source": "seed:000.txt"}`
//! * single-target (public stance benchmarks):
//!   `{"id": 101, "text": "...", "target": "Hillary Clinton", "stance": "against"}`
//!
//! `id`, `speaker` and `source` are optional and unknown fields are ignored. A
//! target missing from `stance` leaves the quote unlabelled for that target.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

mod record;

pub(crate) use record::parse_statement_record;
pub use record::{parse_article_line, parse_labelled_line, parse_statement_line};

/// One article line of a JSONL input to `quotestance extract --jsonl`, as
/// [`parse_article_line`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLine {
    /// The article's text.
    pub text: String,
    /// The caller's identifier (a JSON number's text when it was a number).
    pub id: Option<String>,
    /// Whether `id` was a JSON number (outputs write it back as one).
    pub id_is_number: bool,
    /// The `date` field, a string not yet checked to be a date.
    pub date: Option<String>,
}

/// A stance label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// The statement supports the target.
    Favor,
    /// The statement opposes the target.
    Against,
    /// No stance toward the target.
    None,
}

impl Label {
    /// The three labels in their fixed order (the index order of
    /// probabilities and confusion matrices).
    pub const ALL: [Label; 3] = [Label::Favor, Label::Against, Label::None];

    /// Position of this label in [`Label::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The label at `index` in [`Label::ALL`].
    ///
    /// # Panics
    /// If `index > 2`.
    pub fn from_index(index: usize) -> Label {
        Label::ALL[index]
    }

    /// The lower-case name (`favor`, `against`, `none`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Favor => "favor",
            Label::Against => "against",
            Label::None => "none",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = String;

    /// Parses `favor`, `against` or `none`, ignoring case (`FAVOR` is fine).
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("favor") {
            Ok(Label::Favor)
        } else if t.eq_ignore_ascii_case("against") {
            Ok(Label::Against)
        } else if t.eq_ignore_ascii_case("none") {
            Ok(Label::None)
        } else {
            Err(format!(
                "unknown label `{s}` (expected `favor`, `against` or `none`)"
            ))
        }
    }
}

/// A statement to classify: text plus, optionally, an id and a speaker id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Caller's identifier, echoed in outputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The words said.
    pub text: String,
    /// Canonical speaker id (`wang_yi`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

impl Statement {
    /// A statement with text only.
    pub fn new(text: impl Into<String>) -> Self {
        Statement {
            text: text.into(),
            ..Statement::default()
        }
    }

    /// This statement with a speaker id.
    pub fn with_speaker(mut self, speaker: impl Into<String>) -> Self {
        self.speaker = Some(speaker.into());
        self
    }

    /// This statement with an id.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
}

/// A quote with stance labels for zero or more targets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledQuote {
    /// Identifier (`s000-03`); numbers in the input become strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The quoted words.
    pub text: String,
    /// Canonical speaker id, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Label per target; a missing target means "not labelled".
    pub stance: BTreeMap<String, Label>,
    /// Where the quote comes from (`seed:<file>`, `constructed`, an article
    /// id). Quotes sharing a source are kept in one fold during
    /// cross-validation, except the sources in [`UNGROUPED_SOURCES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Source values that do not name an article: quotes carrying them are
/// treated as independent during cross-validation.
pub const UNGROUPED_SOURCES: &[&str] = &["constructed", ""];

impl LabelledQuote {
    /// The quote as a statement to classify (labels dropped).
    pub fn statement(&self) -> Statement {
        Statement {
            id: self.id.clone(),
            text: self.text.clone(),
            speaker: self.speaker.clone(),
        }
    }

    /// The label for `target`, if the quote is labelled for it.
    pub fn label(&self, target: &str) -> Option<Label> {
        self.stance.get(target).copied()
    }

    /// The grouping key for cross-validation: the source when it names an
    /// article, `None` when the quote stands alone.
    pub fn group(&self) -> Option<&str> {
        self.source
            .as_deref()
            .filter(|s| !UNGROUPED_SOURCES.contains(&s.trim()))
    }
}

/// serde_json's message without its own `at line 1 column N` (the line is
/// ours, the column comes first): `invalid JSON at column 31: EOF while
/// parsing a string`.
pub(crate) fn json_message(e: &serde_json::Error) -> String {
    format!(
        "invalid JSON at column {}: {}",
        e.column(),
        strip_position(e)
    )
}

/// serde_json's message without the ` at line L column C` it ends with.
pub(crate) fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// A streaming reader of JSONL lines: yields one parsed item per non-blank
/// line, with the line's 1-based number, without holding the file in memory.
///
/// Blank lines are skipped (they are not records); every other line yields
/// either a value or an error naming the file and line.
pub struct JsonlLines<R> {
    reader: R,
    name: String,
    line_no: u64,
    /// Byte offset of the next line in the input.
    offset: u64,
    buf: String,
}

/// The UTF-8 byte order mark, accepted (and dropped) at the start of an
/// input.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

impl JsonlLines<BufReader<File>> {
    /// Opens `path` for streaming.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| Error::io(&name, e))?;
        Ok(JsonlLines::new(BufReader::new(file), name))
    }
}

impl<R: BufRead> JsonlLines<R> {
    /// Streams from any buffered reader; `name` is used in error messages.
    pub fn new(reader: R, name: impl Into<String>) -> Self {
        JsonlLines {
            reader,
            name: name.into(),
            line_no: 0,
            offset: 0,
            buf: String::new(),
        }
    }

    /// The name used in error messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Reads the next non-blank line: `(line number, text)`, or `None` at the
    /// end. Invalid UTF-8 is an error for that line, not the end of input.
    pub fn next_line(&mut self) -> Option<(u64, Result<&str>)> {
        let mut bytes = Vec::new();
        loop {
            bytes.clear();
            self.line_no += 1;
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some((self.line_no, Err(Error::io(&self.name, e)))),
            }
            let start = self.offset;
            self.offset += bytes.len() as u64;
            if self.line_no == 1 && bytes.starts_with(BOM) {
                bytes.drain(..BOM.len());
            }
            match std::str::from_utf8(&bytes) {
                Ok(s) if s.trim().is_empty() => continue,
                Ok(s) => {
                    self.buf.clear();
                    self.buf.push_str(s);
                    break;
                }
                Err(e) => {
                    let loc = Location::file(&self.name).with_line(self.line_no);
                    let at = start + e.valid_up_to() as u64;
                    return Some((
                        self.line_no,
                        Err(Error::input(
                            loc,
                            format!("not valid UTF-8 at byte {at} of the file"),
                        )),
                    ));
                }
            }
        }
        Some((self.line_no, Ok(self.buf.trim())))
    }

    /// The location of line `line`.
    pub fn location(&self, line: u64) -> Location {
        Location::file(&self.name).with_line(line)
    }
}

/// Iterator over the labelled quotes of a JSONL source.
pub struct LabelledQuotes<R> {
    lines: JsonlLines<R>,
}

impl<R: BufRead> Iterator for LabelledQuotes<R> {
    type Item = Result<LabelledQuote>;

    fn next(&mut self) -> Option<Self::Item> {
        let name = self.lines.name.clone();
        let (no, line) = self.lines.next_line()?;
        let loc = Location::file(name).with_line(no);
        Some(line.and_then(|l| parse_labelled_line(l, &loc)))
    }
}

/// Streams labelled quotes from a JSONL file.
pub fn labelled_quotes(path: impl AsRef<Path>) -> Result<LabelledQuotes<BufReader<File>>> {
    Ok(LabelledQuotes {
        lines: JsonlLines::open(path)?,
    })
}

/// Streams labelled quotes from a reader; `name` appears in errors.
pub fn labelled_quotes_from<R: BufRead>(reader: R, name: impl Into<String>) -> LabelledQuotes<R> {
    LabelledQuotes {
        lines: JsonlLines::new(reader, name),
    }
}

/// Reads a whole JSONL file of labelled quotes. Every line is read: when
/// some are bad, the error is [`Error::BadLines`], listing the first
/// `MAX_REPORTED_LINES` (20; each naming
/// the file, line and field) and counting all; a single bad line is that
/// line's own error. Reading the file failing is [`Error::Io`].
pub fn read_labelled(path: impl AsRef<Path>) -> Result<Vec<LabelledQuote>> {
    let quotes = labelled_quotes(path)?;
    let name = quotes.lines.name.clone();
    collect_all(quotes, name)
}

/// Collects `items`, gathering every bad line into one error.
fn collect_all(
    items: impl Iterator<Item = Result<LabelledQuote>>,
    file: String,
) -> Result<Vec<LabelledQuote>> {
    let mut good = Vec::new();
    let mut errors = Vec::new();
    let mut total = 0u64;
    for item in items {
        match item {
            Ok(q) => good.push(q),
            Err(e @ Error::Io { .. }) => return Err(e),
            Err(e) => {
                total += 1;
                if errors.len() < crate::error::MAX_REPORTED_LINES {
                    errors.push(e);
                }
            }
        }
    }
    match total {
        0 => Ok(good),
        1 => Err(errors.pop().expect("one error kept")),
        _ => Err(Error::BadLines {
            file,
            errors,
            total,
        }),
    }
}

/// The sorted set of targets labelled anywhere in `quotes`.
pub fn targets_of(quotes: &[LabelledQuote]) -> Vec<String> {
    let mut set = std::collections::BTreeSet::new();
    for q in quotes {
        for t in q.stance.keys() {
            set.insert(t.clone());
        }
    }
    set.into_iter().collect()
}

/// Merges single-target rows that share an id and text into multi-target
/// quotes is *not* done: each row stays a quote of its own, labelled for one
/// target. This helper counts labels per target (favor, against, none).
pub fn label_counts(quotes: &[LabelledQuote]) -> BTreeMap<String, [usize; 3]> {
    let mut counts: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for q in quotes {
        for (t, l) in &q.stance {
            counts.entry(t.clone()).or_default()[l.index()] += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Location {
        Location::file("q.jsonl").with_line(7)
    }

    #[test]
    fn parses_multi_target_lines() {
        let q = parse_labelled_line(
            r#"{"id": "s000-03", "text": "We stand together.", "speaker": "wang_yi", "stance": {"us": "none", "partnership": "FAVOR"}, "source": "seed:x.txt", "extra": 1}"#,
            &loc(),
        )
        .unwrap();
        assert_eq!(q.id.as_deref(), Some("s000-03"));
        assert_eq!(q.label("partnership"), Some(Label::Favor));
        assert_eq!(q.label("us"), Some(Label::None));
        assert_eq!(q.label("ukraine"), None);
        assert_eq!(q.group(), Some("seed:x.txt"));
    }

    #[test]
    fn parses_single_target_lines_with_numeric_ids() {
        let q = parse_labelled_line(
            r#"{"id": 101, "target": "Hillary Clinton", "text": "no way #SemST", "stance": "against"}"#,
            &loc(),
        )
        .unwrap();
        assert_eq!(q.id.as_deref(), Some("101"));
        assert_eq!(q.label("Hillary Clinton"), Some(Label::Against));
        assert_eq!(q.group(), None);
    }

    #[test]
    fn constructed_sources_are_ungrouped() {
        let q = parse_labelled_line(
            r#"{"text": "x", "stance": {"us": "none"}, "source": "constructed"}"#,
            &loc(),
        )
        .unwrap();
        assert_eq!(q.group(), None);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let cases = [
            (r#"{"text": "x", "stance": {"us": "pro"}}"#, "q.jsonl, line 7, field `stance.us`: unknown label `pro` (expected `favor`, `against` or `none`)"),
            (r#"{"stance": {"us": "none"}}"#, "q.jsonl, line 7, field `text`: missing field `text`"),
            (r#"{"text": "  ", "stance": {"us": "none"}}"#, "q.jsonl, line 7, field `text`: empty text"),
            (r#"{"text": "x", "stance": "favor"}"#, "q.jsonl, line 7, field `target`: a single-label `stance` needs a `target` field"),
            (r#"{"text": "x"}"#, "q.jsonl, line 7, field `stance`: missing field `stance`"),
            (r#"[1, 2]"#, "q.jsonl, line 7: expected a JSON object, found an array"),
        ];
        for (line, want) in cases {
            let err = parse_labelled_line(line, &loc()).unwrap_err();
            assert_eq!(err.to_string(), want);
        }
        let err = parse_labelled_line(r#"{"text": "x", "#, &loc()).unwrap_err();
        assert!(
            err.to_string().starts_with("q.jsonl, line 7: invalid JSON"),
            "{err}"
        );
    }

    #[test]
    fn reader_streams_counts_lines_and_skips_blank_ones() {
        let data = "{\"text\": \"a\", \"stance\": {\"us\": \"none\"}}\n\n{\"text\": \"b\", \"stance\": {\"us\": \"bad\"}}\n";
        let items: Vec<_> = labelled_quotes_from(data.as_bytes(), "mem").collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        let err = items[1].as_ref().unwrap_err();
        assert_eq!(err.location().unwrap().line, Some(3));
    }

    #[test]
    fn invalid_utf8_is_an_error_for_that_line_only() {
        let mut data = b"{\"text\": \"a\", \"stance\": {\"us\": \"none\"}}\n".to_vec();
        data.extend_from_slice(b"\xff\xfe\n");
        data.extend_from_slice(b"{\"text\": \"c\", \"stance\": {\"us\": \"none\"}}\n");
        let items: Vec<_> = labelled_quotes_from(&data[..], "mem").collect();
        assert_eq!(items.len(), 3);
        assert!(items[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("line 2"));
        assert!(items[2].is_ok());
    }

    #[test]
    fn statements_parse_with_optional_fields() {
        let s = parse_statement_line(r#"{"text": "hi", "id": 3}"#, &loc()).unwrap();
        assert_eq!(s.id.as_deref(), Some("3"));
        assert_eq!(s.speaker, None);
    }
}
