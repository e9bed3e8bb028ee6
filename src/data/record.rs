//! The JSONL records, as `#[derive(Deserialize)]` structs, with errors that
//! name the field: serde_path_to_error gives the path (`stance.us`), the
//! field deserialisers below give messages that say what was expected and
//! what was found ("expected a string, found null").
//!
//! Type errors come in the order of the fields in the line; the checks that
//! need the whole record (a missing `text` or `stance`, `target` with
//! `stance`) follow.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::{json_message, strip_position, ArticleLine, Label, LabelledQuote, Statement};
use crate::error::{Error, Location, Result};

/// A JSON scalar as a field deserialiser sees it (booleans, arrays and
/// objects are already errors), borrowed from the line when it has no
/// escapes.
enum Scalar<'a> {
    Str(Cow<'a, str>),
    /// A number, written as serde_json writes it (`101`, `1.5`).
    Num(String),
    Null,
}

/// Reads a [`Scalar`]; anything else is "expected {expected}, found ...".
struct ScalarVisitor(&'static str);

fn found<E: de::Error>(expected: &str, kind: &str) -> E {
    E::custom(format!("expected {expected}, found {kind}"))
}

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::Num(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::Num(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Self::Value, E> {
        // JSON numbers are finite; written as serde_json writes them.
        match serde_json::Number::from_f64(v) {
            Some(n) => Ok(Scalar::Num(n.to_string())),
            None => Err(found(self.0, "a number")),
        }
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<Self::Value, E> {
        Err(found(self.0, "a boolean"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> std::result::Result<Self::Value, A::Error> {
        Err(found(self.0, "an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> std::result::Result<Self::Value, A::Error> {
        Err(found(self.0, "an object"))
    }
}

fn scalar<'de, D: Deserializer<'de>>(
    d: D,
    expected: &'static str,
) -> std::result::Result<Scalar<'de>, D::Error> {
    d.deserialize_any(ScalarVisitor(expected))
}

/// An optional string field (`id`, `speaker`, `source`): a number becomes
/// its text, null is absent.
fn optional_string<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    Ok(optional_field(d)?.map(|f| f.text.into_owned()))
}

/// An optional string field, borrowed when it can be, and whether it was a
/// number.
fn optional_field<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Field<'de>>, D::Error> {
    Ok(match scalar(d, "a string")? {
        Scalar::Str(text) => Some(Field {
            text,
            number: false,
        }),
        Scalar::Num(s) => Some(Field {
            text: Cow::Owned(s),
            number: true,
        }),
        Scalar::Null => None,
    })
}

/// The `text` field: a string with something in it.
fn text<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Cow<'de, str>>, D::Error> {
    match scalar(d, "a string")? {
        Scalar::Str(s) if s.trim().is_empty() => Err(de::Error::custom("empty text")),
        Scalar::Str(s) => Ok(Some(s)),
        Scalar::Num(_) => Err(found("a string", "a number")),
        Scalar::Null => Err(found("a string", "null")),
    }
}

/// The `target` field: `Some(None)` when present but null.
fn target<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<String>>, D::Error> {
    match scalar(d, "a string")? {
        Scalar::Str(s) => Ok(Some(Some(s.into_owned()))),
        Scalar::Num(_) => Err(found("a string", "a number")),
        Scalar::Null => Ok(Some(None)),
    }
}

/// A string field of a statement line as it was written: its text, and
/// whether it was a JSON number (`"id": 7`), so that outputs can write it
/// back as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field<'a> {
    /// The string, or the number's JSON text.
    pub(crate) text: Cow<'a, str>,
    /// It was a number.
    pub(crate) number: bool,
}

/// One label in a `stance` object.
struct LabelField(Label);

impl<'de> Deserialize<'de> for LabelField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        const EXPECTED: &str = "a label string";
        match scalar(d, EXPECTED)? {
            Scalar::Str(s) => s.parse().map(LabelField).map_err(de::Error::custom),
            Scalar::Num(_) => Err(found(EXPECTED, "a number")),
            Scalar::Null => Err(found(EXPECTED, "null")),
        }
    }
}

/// The `stance` field: labels by target, or one label (for `target`),
/// parsed once the target is known.
enum Stance {
    Many(BTreeMap<String, Label>),
    One(String),
}

struct StanceVisitor;

const STANCE_EXPECTED: &str = "an object of labels or a label string";

impl<'de> Visitor<'de> for StanceVisitor {
    type Value = Option<Stance>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(STANCE_EXPECTED)
    }
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut labels = BTreeMap::new();
        while let Some(target) = map.next_key::<String>()? {
            if target.trim().is_empty() {
                return Err(de::Error::custom("empty target name"));
            }
            let LabelField(label) = map.next_value()?;
            labels.insert(target, label);
        }
        Ok(Some(Stance::Many(labels)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Some(Stance::One(v.to_owned())))
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<Self::Value, E> {
        Err(found(STANCE_EXPECTED, "a boolean"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<Self::Value, E> {
        Err(found(STANCE_EXPECTED, "a number"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<Self::Value, E> {
        Err(found(STANCE_EXPECTED, "a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Self::Value, E> {
        Err(found(STANCE_EXPECTED, "a number"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> std::result::Result<Self::Value, A::Error> {
        Err(found(STANCE_EXPECTED, "an array"))
    }
}

fn stance<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Stance>, D::Error> {
    d.deserialize_any(StanceVisitor)
}

/// A labelled-quote line; unknown fields are ignored.
#[derive(Deserialize)]
struct QuoteRecord<'a> {
    #[serde(borrow, default, deserialize_with = "text")]
    text: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "optional_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "optional_string")]
    speaker: Option<String>,
    #[serde(default, deserialize_with = "optional_string")]
    source: Option<String>,
    /// Real-news files name their page here: the page is the group.
    #[serde(default, deserialize_with = "optional_string")]
    source_url: Option<String>,
    #[serde(default, deserialize_with = "target")]
    target: Option<Option<String>>,
    #[serde(default, deserialize_with = "stance")]
    stance: Option<Stance>,
}

/// A statement line, borrowed from the line where it can be; unknown fields
/// are ignored.
#[derive(Deserialize)]
pub(crate) struct StatementRecord<'a> {
    /// The words said (present and not blank once parsed).
    #[serde(borrow, default, deserialize_with = "text")]
    pub(crate) text: Option<Cow<'a, str>>,
    /// The caller's identifier.
    #[serde(borrow, default, deserialize_with = "optional_field")]
    pub(crate) id: Option<Field<'a>>,
    /// The speaker id.
    #[serde(borrow, default, deserialize_with = "optional_field")]
    pub(crate) speaker: Option<Field<'a>>,
}

/// An article line (`quotestance extract --jsonl`), borrowed from the line
/// where it can be; unknown fields are ignored.
#[derive(Deserialize)]
struct ArticleRecord<'a> {
    /// The article's text (present and not blank once parsed).
    #[serde(borrow, default, deserialize_with = "text")]
    text: Option<Cow<'a, str>>,
    /// The caller's identifier.
    #[serde(borrow, default, deserialize_with = "optional_field")]
    id: Option<Field<'a>>,
    /// The article's date: checked to be a string (or null) after parsing,
    /// so the error names the field the same way whatever was there.
    #[serde(default)]
    date: Option<serde_json::Value>,
}

/// A record that must be a JSON object (serde_json would also take an array
/// of the fields in order).
struct Object<T>(T);

struct ObjectVisitor<T>(PhantomData<T>);

const OBJECT_EXPECTED: &str = "a JSON object";

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = Object<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(OBJECT_EXPECTED)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Object)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<Self::Value, E> {
        Err(found(OBJECT_EXPECTED, "a string"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<Self::Value, E> {
        Err(found(OBJECT_EXPECTED, "a boolean"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<Self::Value, E> {
        Err(found(OBJECT_EXPECTED, "a number"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<Self::Value, E> {
        Err(found(OBJECT_EXPECTED, "a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Self::Value, E> {
        Err(found(OBJECT_EXPECTED, "a number"))
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
        Err(found(OBJECT_EXPECTED, "null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> std::result::Result<Self::Value, A::Error> {
        Err(found(OBJECT_EXPECTED, "an array"))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(ObjectVisitor(PhantomData))
    }
}

/// Deserialises one line as a `T` object; errors name the line's location
/// and, for a bad value, its field path. A good line is read without path
/// tracking (it allocates a key per field); a bad one is read again with it,
/// for the message.
fn parse<'a, T: Deserialize<'a>>(line: &'a str, loc: &Location) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(line);
    if let Ok(Object(value)) = Object::<T>::deserialize(&mut de) {
        if de.end().is_ok() {
            return Ok(value);
        }
    }
    let mut de = serde_json::Deserializer::from_str(line);
    let Object(value) = serde_path_to_error::deserialize(&mut de).map_err(|e| located(&e, loc))?;
    de.end()
        .map_err(|e| Error::input(loc.clone(), json_message(&e)))?;
    Ok(value)
}

fn located(e: &serde_path_to_error::Error<serde_json::Error>, loc: &Location) -> Error {
    let inner = e.inner();
    if !inner.is_data() {
        // Not JSON: the column says where; a field path would not help.
        return Error::input(loc.clone(), json_message(inner));
    }
    let loc = match e.path().iter().next() {
        None => loc.clone(),
        Some(_) => loc.clone().with_field(e.path().to_string()),
    };
    Error::input(loc, strip_position(inner))
}

fn missing(loc: &Location, field: &str) -> Error {
    Error::input(
        loc.clone().with_field(field),
        format!("missing field `{field}`"),
    )
}

/// Parses one JSONL line as a labelled quote; `loc` names the file and line
/// for errors.
pub fn parse_labelled_line(line: &str, loc: &Location) -> Result<LabelledQuote> {
    let r: QuoteRecord = parse(line, loc)?;
    let text = r.text.ok_or_else(|| missing(loc, "text"))?.into_owned();
    let at = |field: &str, message: &str| Error::input(loc.clone().with_field(field), message);
    let stance = match r.stance {
        None => return Err(missing(loc, "stance")),
        Some(Stance::Many(_)) if r.target.is_some() => {
            return Err(at(
                "target",
                "`target` goes with a single label in `stance`, not an object",
            ))
        }
        Some(Stance::Many(labels)) => labels,
        Some(Stance::One(label)) => {
            let target = match r.target {
                Some(Some(t)) if t.trim().is_empty() => {
                    return Err(at("target", "empty target name"))
                }
                Some(Some(t)) => t,
                _ => {
                    return Err(at(
                        "target",
                        "a single-label `stance` needs a `target` field",
                    ))
                }
            };
            let label: Label = label.parse().map_err(|m: String| at("stance", &m))?;
            BTreeMap::from([(target, label)])
        }
    };
    Ok(LabelledQuote {
        id: r.id,
        text,
        speaker: r.speaker,
        stance,
        source: r.source.or(r.source_url),
    })
}

/// Parses one JSONL line as a statement to classify (`text`, optional `id`
/// and `speaker`; other fields ignored).
pub fn parse_statement_line(line: &str, loc: &Location) -> Result<Statement> {
    let r = parse_statement_record(line, loc)?;
    Ok(Statement {
        text: r.text.map(Cow::into_owned).unwrap_or_default(),
        id: r.id.map(|f| f.text.into_owned()),
        speaker: r.speaker.map(|f| f.text.into_owned()),
    })
}

/// Parses one JSONL line as an article: `text`, optional `id` (a string or
/// a number) and `date` (a string, checked to be one but not parsed as a
/// date: `crate::dateline::parse_iso_date` does that); other fields ignored.
/// The line is read once.
pub fn parse_article_line(line: &str, loc: &Location) -> Result<ArticleLine> {
    let r: ArticleRecord<'_> = parse(line, loc)?;
    let text = r.text.ok_or_else(|| missing(loc, "text"))?.into_owned();
    let date = match r.date {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(_) => {
            return Err(Error::input(
                loc.clone().with_field("date"),
                "expected a date string YYYY-MM-DD",
            ))
        }
    };
    Ok(ArticleLine {
        text,
        id_is_number: r.id.as_ref().is_some_and(|f| f.number),
        id: r.id.map(|f| f.text.into_owned()),
        date,
    })
}

/// Parses one JSONL line as a statement record, borrowing from `line`; its
/// `text` is present (else the error says it is missing).
pub(crate) fn parse_statement_record<'a>(
    line: &'a str,
    loc: &Location,
) -> Result<StatementRecord<'a>> {
    let r: StatementRecord<'a> = parse(line, loc)?;
    if r.text.is_none() {
        return Err(missing(loc, "text"));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Location {
        Location::file("q.jsonl").with_line(12)
    }

    /// An article line is read once: text, the id and whether it was a
    /// number, and the date string; a non-string date names its field.
    #[test]
    fn article_lines_carry_id_kind_and_date() {
        let a =
            parse_article_line(r#"{"id": 12, "text": "t", "date": "2024-05-06"}"#, &loc()).unwrap();
        assert_eq!(a.id.as_deref(), Some("12"));
        assert!(a.id_is_number);
        assert_eq!(a.date.as_deref(), Some("2024-05-06"));
        let b = parse_article_line(r#"{"id": "x", "text": "t", "date": null}"#, &loc()).unwrap();
        assert!(!b.id_is_number && b.date.is_none());
        let e = parse_article_line(r#"{"text": "t", "date": 5}"#, &loc()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "q.jsonl, line 12, field `date`: expected a date string YYYY-MM-DD"
        );
        let e = parse_article_line(r#"{"date": "2024-05-06"}"#, &loc()).unwrap_err();
        assert!(e.to_string().contains("field `text`"), "{e}");
    }

    fn labelled_err(line: &str) -> String {
        parse_labelled_line(line, &loc()).unwrap_err().to_string()
    }

    #[test]
    fn type_errors_name_the_field_and_what_was_found() {
        let cases = [
            (
                r#"{"text": null, "stance": {}}"#,
                "field `text`: expected a string, found null",
            ),
            (
                r#"{"text": 5, "stance": {}}"#,
                "field `text`: expected a string, found a number",
            ),
            (
                r#"{"text": "x", "id": [1], "stance": {}}"#,
                "field `id`: expected a string, found an array",
            ),
            (
                r#"{"text": "x", "speaker": true, "stance": {}}"#,
                "field `speaker`: expected a string, found a boolean",
            ),
            (
                r#"{"text": "x", "stance": {"us": 1}}"#,
                "field `stance.us`: expected a label string, found a number",
            ),
            (
                r#"{"text": "x", "stance": {"us": null}}"#,
                "field `stance.us`: expected a label string, found null",
            ),
            (
                r#"{"text": "x", "stance": 3}"#,
                "field `stance`: expected an object of labels or a label string, found a number",
            ),
            (
                r#"{"text": "x", "stance": {" ": "none"}}"#,
                "field `stance`: empty target name",
            ),
            (
                r#"{"text": "x", "target": null, "stance": {"us": "none"}}"#,
                "field `target`: `target` goes with a single label in `stance`, not an object",
            ),
            (
                r#"{"text": "x", "target": " ", "stance": "none"}"#,
                "field `target`: empty target name",
            ),
            (
                r#"{"text": "x", "target": "us", "stance": "pro"}"#,
                "field `stance`: unknown label `pro` (expected `favor`, `against` or `none`)",
            ),
            (
                r#"{"text": "x", "stance": null}"#,
                "field `stance`: missing field `stance`",
            ),
            (r#""text""#, "expected a JSON object, found a string"),
            ("null", "expected a JSON object, found null"),
        ];
        for (line, want) in cases {
            let want = match want.strip_prefix("field") {
                Some(_) => format!("q.jsonl, line 12, {want}"),
                None => format!("q.jsonl, line 12: {want}"),
            };
            assert_eq!(labelled_err(line), want, "{line}");
        }
    }

    #[test]
    fn syntax_errors_give_the_column_and_no_field() {
        let e = labelled_err(r#"{"text": "x", "stance": {"us": "none"}} trailing"#);
        assert!(
            e.starts_with("q.jsonl, line 12: invalid JSON at column"),
            "{e}"
        );
        let e = labelled_err(r#"{"text": "x", "stance": {"us": "no"#);
        assert_eq!(
            e,
            "q.jsonl, line 12: invalid JSON at column 34: EOF while parsing a string"
        );
    }

    #[test]
    fn numbers_become_their_json_text_and_nulls_are_absent() {
        let q = parse_labelled_line(
            r#"{"id": 1.5, "text": "x", "speaker": null, "source_url": "u", "stance": {"us": "Favor"}}"#,
            &loc(),
        )
        .unwrap();
        assert_eq!(q.id.as_deref(), Some("1.5"));
        assert_eq!(q.speaker, None);
        assert_eq!(q.source.as_deref(), Some("u"));
        assert_eq!(q.label("us"), Some(Label::Favor));
        let s = parse_statement_line(r#"{"id": -4, "text": "y", "stance": 7}"#, &loc()).unwrap();
        assert_eq!((s.id.as_deref(), s.text.as_str()), (Some("-4"), "y"));
    }

    #[test]
    fn statements_need_text() {
        let e = parse_statement_line(r#"{"id": "a"}"#, &loc()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "q.jsonl, line 12, field `text`: missing field `text`"
        );
    }
}
