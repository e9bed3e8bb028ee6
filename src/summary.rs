//! Stance by speaker over time: per speaker × target × period, how many
//! quotes, the share of each label with a Wilson confidence interval, and the
//! mean probabilities — computed from the JSONL that `extract --model` or
//! `classify` writes.
//!
//! ```
//! use quotestance::advanced::summary::{read_records, summarize, Period};
//! use quotestance::SpeakerTable;
//!
//! let p = |l: &str| format!(r#"{{"label":"{l}","probabilities":{{"favor":0.6,"against":0.1,"none":0.3}}}}"#);
//! let jsonl = format!(
//!     "{{\"doc\":\"a\",\"date\":\"2023-02-01\",\"speaker\":\"lavrov\",\"stance\":{{\"us\":{}}}}}\n\
//!      {{\"doc\":\"a\",\"date\":\"2023-03-09\",\"speaker\":\"lavrov\",\"stance\":{{\"us\":{}}}}}\n\
//!      not json\n",
//!     p("against"), p("none"));
//! let read = read_records(jsonl.as_bytes(), "q.jsonl")?;
//! assert_eq!((read.records.len(), read.bad.len()), (2, 1));
//! assert!(read.bad[0].to_string().starts_with("q.jsonl, line 3"));
//! let cells = summarize(&read.records, Period::Quarter, &SpeakerTable::builtin(), 1);
//! assert_eq!(cells[0].period, "2023-Q1");
//! assert_eq!(cells[0].n, 2);
//! assert_eq!(cells[0].counts, [0, 1, 1]);
//! # Ok::<(), quotestance::Error>(())
//! ```

use std::collections::BTreeMap;
use std::io::BufRead;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::data::{JsonlLines, Label};
use crate::dateline::parse_iso_date;
use crate::error::{Error, Location, Result};
use crate::model::Prediction;
use crate::speakers::SpeakerTable;

/// The speaker key of quotes no sieve attributed.
pub const UNATTRIBUTED: &str = "unattributed";
/// The period of quotes without a date.
pub const UNDATED: &str = "undated";

/// One classified quote as `extract --model` (all fields) or `classify`
/// (`id`, `speaker`, `stance`) writes it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct QuoteRecord {
    /// The article (`extract`).
    pub doc: Option<String>,
    /// The statement id (`classify`).
    pub id: Option<String>,
    /// The article's date, validated (see [`read_records`]).
    #[serde(skip)]
    pub date: Option<Date>,
    /// The quoted text.
    pub text: Option<String>,
    /// Byte offset of the text in the article.
    pub start: Option<usize>,
    /// Byte offset just past the text.
    pub end: Option<usize>,
    /// `direct`, `partial`, `indirect` or `scare`.
    pub kind: Option<String>,
    /// Canonical speaker id, if attributed.
    pub speaker: Option<String>,
    /// The mention naming the speaker.
    pub speaker_text: Option<String>,
    /// The cue verb.
    pub cue: Option<String>,
    /// The relaying outlet or body.
    pub via: Option<String>,
    /// Per target: the label and probabilities.
    pub stance: Prediction,
    /// The 1-based input line (set by [`read_records`]).
    #[serde(skip)]
    pub line: u64,
}

impl QuoteRecord {
    /// The speaker id, or [`UNATTRIBUTED`].
    pub fn speaker_key(&self) -> &str {
        self.speaker.as_deref().unwrap_or(UNATTRIBUTED)
    }
}

/// Records read from JSONL, and the lines that could not be used.
#[derive(Debug, Default)]
pub struct ReadRecords {
    /// The usable records, in input order.
    pub records: Vec<QuoteRecord>,
    /// One error per unusable line (with its line number).
    pub bad: Vec<Error>,
}

/// Reads classified quotes. A line that is not JSON, lacks `stance`, has a
/// bad `date`, or is an `{"doc", "error"}` line that `extract` wrote for an
/// unreadable article, becomes an entry of `bad` naming the line; blank lines
/// are skipped. Only a read failure is an `Err`.
pub fn read_records(reader: impl BufRead, name: &str) -> Result<ReadRecords> {
    let mut out = ReadRecords::default();
    let mut lines = JsonlLines::new(reader, name);
    while let Some((no, line)) = lines.next_line() {
        let loc = Location::file(name).with_line(no);
        match line.and_then(|l| parse_record(l, &loc)) {
            Ok(mut r) => {
                r.line = no;
                out.records.push(r);
            }
            Err(e @ Error::Io { .. }) => return Err(e),
            Err(e) => out.bad.push(e),
        }
    }
    Ok(out)
}

fn parse_record(line: &str, loc: &Location) -> Result<QuoteRecord> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| Error::input(loc.clone(), e.to_string()))?;
    if let Some(err) = value.get("error").and_then(|e| e.as_str()) {
        return Err(Error::input(
            loc.clone(),
            format!("an input that failed upstream: {err}"),
        ));
    }
    if value.get("stance").is_none() {
        return Err(Error::input(
            loc.clone().with_field("stance"),
            "missing (classify the quotes: `extract --model` or `classify`)",
        ));
    }
    let date = match value.get("date") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => {
            Some(parse_iso_date(s, &loc.clone().with_field("date"))?)
        }
        Some(_) => {
            return Err(Error::input(
                loc.clone().with_field("date"),
                "expected a string",
            ))
        }
    };
    let mut r: QuoteRecord =
        serde_json::from_value(value).map_err(|e| Error::input(loc.clone(), e.to_string()))?;
    r.date = date;
    Ok(r)
}

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar months (`2023-09`).
    Month,
    /// Calendar quarters (`2023-Q3`).
    Quarter,
    /// Calendar years (`2023`).
    Year,
    /// One period for everything (`all`).
    All,
}

impl FromStr for Period {
    type Err = Error;
    fn from_str(s: &str) -> Result<Period> {
        match s {
            "month" => Ok(Period::Month),
            "quarter" => Ok(Period::Quarter),
            "year" => Ok(Period::Year),
            "all" => Ok(Period::All),
            _ => Err(Error::InvalidParam {
                name: "by",
                message: format!("`{s}` is not one of month, quarter, year, all"),
            }),
        }
    }
}

impl Period {
    /// The period that holds `date` ([`UNDATED`] for none; `all` for
    /// [`Period::All`]). Labels sort in time order.
    pub fn label(self, date: Option<Date>) -> String {
        let Some(d) = date else {
            return match self {
                Period::All => "all".into(),
                _ => UNDATED.into(),
            };
        };
        match self {
            Period::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Period::Quarter => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
            Period::Year => format!("{:04}", d.year()),
            Period::All => "all".into(),
        }
    }
}

impl Period {
    /// Every period from the one holding `first` to the one holding `last`,
    /// in order (gaps included), as [`Period::label`] writes them.
    ///
    /// ```
    /// use jiff::civil::date;
    /// use quotestance::advanced::summary::Period;
    ///
    /// let q = Period::Quarter.range(date(2023, 11, 2), date(2024, 4, 1));
    /// assert_eq!(q, ["2023-Q4", "2024-Q1", "2024-Q2"]);
    /// ```
    pub fn range(self, first: Date, last: Date) -> Vec<String> {
        let step = match self {
            Period::Month => 1,
            Period::Quarter => 3,
            Period::Year => 12,
            Period::All => return vec!["all".into()],
        };
        let index = |d: Date| {
            let m = i32::from(d.year()) * 12 + i32::from(d.month()) - 1;
            m - m.rem_euclid(step)
        };
        let (a, b) = (index(first.min(last)), index(first.max(last)));
        (a..=b)
            .step_by(step as usize)
            .filter_map(|m| Date::new((m / 12) as i16, (m % 12 + 1) as i8, 1).ok())
            .map(|d| self.label(Some(d)))
            .collect()
    }
}

/// A proportion's Wilson score interval at 95% confidence: `(low, high)`.
///
/// ```
/// let (lo, hi) = quotestance::advanced::summary::wilson(3, 10);
/// assert!((lo - 0.1078).abs() < 1e-4 && (hi - 0.6032).abs() < 1e-4);
/// ```
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let (n, p) = (n as f64, k as f64 / n as f64);
    let z2n = z * z / n;
    let centre = (p + z2n / 2.0) / (1.0 + z2n);
    let half = z / (1.0 + z2n) * (p * (1.0 - p) / n + z2n / (4.0 * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// One speaker × target × period of a summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Canonical speaker id (or [`UNATTRIBUTED`]).
    pub speaker: String,
    /// The speaker's display name from the speaker table (else the id).
    pub name: String,
    /// The target.
    pub target: String,
    /// The period label (see [`Period::label`]).
    pub period: String,
    /// Quotes.
    pub n: usize,
    /// Quotes per predicted label: favor, against, none.
    pub counts: [usize; 3],
    /// Share of each label.
    pub share: [f64; 3],
    /// Wilson 95% interval of each share, `[low, high]`.
    pub interval: [[f64; 2]; 3],
    /// Mean probability of each label.
    pub mean_probability: [f64; 3],
}

/// Speaker, target, period.
type CellKey = (String, String, String);

/// Sums `records` per speaker × target × period; cells with fewer than
/// `min_quotes` quotes are left out. Sorted by speaker, target, period.
pub fn summarize(
    records: &[QuoteRecord],
    by: Period,
    table: &SpeakerTable,
    min_quotes: usize,
) -> Vec<Cell> {
    let mut sums: BTreeMap<CellKey, ([usize; 3], [f64; 3])> = BTreeMap::new();
    for r in records {
        let period = by.label(r.date);
        for (target, p) in &r.stance {
            let key = (r.speaker_key().to_owned(), target.clone(), period.clone());
            let (counts, probs) = sums.entry(key).or_default();
            counts[p.label.index()] += 1;
            for l in Label::ALL {
                probs[l.index()] += p.probabilities.get(l);
            }
        }
    }
    sums.into_iter()
        .filter_map(|((speaker, target, period), (counts, probs))| {
            let n: usize = counts.iter().sum();
            (n >= min_quotes.max(1)).then(|| Cell {
                name: display_name(table, &speaker),
                speaker,
                target,
                period,
                n,
                counts,
                share: counts.map(|c| c as f64 / n as f64),
                interval: counts.map(|c| {
                    let (lo, hi) = wilson(c, n);
                    [lo, hi]
                }),
                mean_probability: probs.map(|p| p / n as f64),
            })
        })
        .collect()
}

/// The display name of a speaker id (the id itself when the table lacks it).
pub fn display_name(table: &SpeakerTable, id: &str) -> String {
    table
        .get(id)
        .map_or_else(|| id.to_owned(), |s| s.name.clone())
}

/// The summary as an aligned text table.
pub fn to_table(cells: &[Cell]) -> String {
    let pct = |c: &Cell, i: usize| {
        format!(
            "{:3.0}% [{:.0}-{:.0}]",
            100.0 * c.share[i],
            100.0 * c.interval[i][0],
            100.0 * c.interval[i][1]
        )
    };
    let mut rows = vec![[
        "speaker",
        "target",
        "period",
        "n",
        "favor [95% CI]",
        "against [95% CI]",
        "none [95% CI]",
        "mean p(f/a/n)",
    ]
    .map(String::from)];
    for c in cells {
        let m = c.mean_probability;
        rows.push([
            c.name.clone(),
            c.target.clone(),
            c.period.clone(),
            c.n.to_string(),
            pct(c, 0),
            pct(c, 1),
            pct(c, 2),
            format!("{:.2}/{:.2}/{:.2}", m[0], m[1], m[2]),
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            if i == 3 {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The summary as CSV with a header line.
pub fn to_csv(cells: &[Cell]) -> String {
    let mut out = String::from(
        "speaker,name,target,period,n,favor,against,none,favor_share,favor_low,favor_high,against_share,against_low,against_high,none_share,none_low,none_high,mean_p_favor,mean_p_against,mean_p_none\n",
    );
    for c in cells {
        let mut fields = vec![
            csv_field(&c.speaker),
            csv_field(&c.name),
            csv_field(&c.target),
            csv_field(&c.period),
        ];
        fields.push(c.n.to_string());
        fields.extend(c.counts.iter().map(usize::to_string));
        for i in 0..3 {
            fields.extend(
                [c.share[i], c.interval[i][0], c.interval[i][1]].map(|x| format!("{x:.4}")),
            );
        }
        fields.extend(c.mean_probability.iter().map(|x| format!("{x:.4}")));
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(speaker: Option<&str>, date: Option<&str>, label: &str) -> String {
        let d = date.map_or("null".to_string(), |d| format!("\"{d}\""));
        let s = speaker.map_or("null".to_string(), |s| format!("\"{s}\""));
        format!(
            r#"{{"doc":"x","date":{d},"speaker":{s},"stance":{{"us":{{"label":"{label}","probabilities":{{"favor":0.2,"against":0.5,"none":0.3}}}}}}}}"#
        )
    }

    #[test]
    fn wilson_matches_reference_values() {
        // Reference: statsmodels proportion_confint(k, n, method="wilson").
        let (lo, hi) = wilson(0, 5);
        assert!(lo.abs() < 1e-12 && (hi - 0.43448).abs() < 1e-4, "{hi}");
        let (lo, hi) = wilson(20, 20);
        assert!(
            (lo - 0.83887).abs() < 1e-4 && (hi - 1.0).abs() < 1e-12,
            "{lo}"
        );
    }

    #[test]
    fn cells_count_labels_and_undated_quotes_are_a_period_of_their_own() {
        let text = [
            rec(Some("lavrov"), Some("2023-01-05"), "against"),
            rec(Some("lavrov"), Some("2023-02-05"), "against"),
            rec(Some("lavrov"), Some("2023-05-05"), "none"),
            rec(Some("lavrov"), None, "favor"),
            rec(None, Some("2023-01-05"), "none"),
            rec(Some("lavrov"), Some("2023-02-30"), "none"),
            r#"{"doc":"y","error":"cannot read"}"#.to_string(),
            r#"{"doc":"y","speaker":"lavrov"}"#.to_string(),
        ]
        .join("\n");
        let read = read_records(text.as_bytes(), "in").unwrap();
        assert_eq!(read.records.len(), 5);
        let bad: Vec<String> = read.bad.iter().map(|e| e.to_string()).collect();
        assert_eq!(bad.len(), 3);
        assert!(bad[0].starts_with("in, line 6, field `date`"), "{}", bad[0]);
        assert!(bad[1].starts_with("in, line 7"), "{}", bad[1]);
        assert!(
            bad[2].starts_with("in, line 8, field `stance`"),
            "{}",
            bad[2]
        );
        let table = SpeakerTable::builtin();
        let cells = summarize(&read.records, Period::Quarter, &table, 1);
        let got: Vec<(&str, &str, usize, [usize; 3])> = cells
            .iter()
            .map(|c| (c.speaker.as_str(), c.period.as_str(), c.n, c.counts))
            .collect();
        assert_eq!(
            got,
            [
                ("lavrov", "2023-Q1", 2, [0, 2, 0]),
                ("lavrov", "2023-Q2", 1, [0, 0, 1]),
                ("lavrov", "undated", 1, [1, 0, 0]),
                ("unattributed", "2023-Q1", 1, [0, 0, 1]),
            ]
        );
        assert_eq!(cells[0].name, table.get("lavrov").unwrap().name);
        assert!((cells[0].mean_probability[1] - 0.5).abs() < 1e-12);
        let all = summarize(&read.records, Period::All, &table, 2);
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].period.as_str(), all[0].n), ("all", 4));
        assert!(to_table(&all).lines().nth(1).unwrap().contains("  4  "));
        assert_eq!(to_csv(&all).lines().count(), 2);
    }
}
