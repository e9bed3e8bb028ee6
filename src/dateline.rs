//! Article dates: validating a given date, and recognising the dateline at
//! the top of a wire story.
//!
//! A dateline is recognised in the first [`DATELINE_LINES`] non-blank lines
//! of an article, at the start of a line, in these shapes (place optional):
//!
//! - `PLACE, Month D, YYYY (AGENCY) –` and `Month D, YYYY —` (full date);
//! - `PLACE, D Month YYYY (AGENCY) -`;
//! - `PLACE, Month D. /AGENCY/.`, `PLACE, D Month (AGENCY) -`,
//!   `Month D (AGENCY) --`, `PLACE, Month D - AGENCY.` (no year: a date only
//!   with a fallback year, see [`Dateline::date`]);
//! - a line that starts `date YYYY-MM-DD` or `YYYY-MM-DD` followed by a
//!   space or a separator.
//!
//! Month names may be full or abbreviated (`Sept`, `Sep.`). After the date
//! (and its year) a separator must follow — `(`, `/`, a dash, `.`, `:` or
//! `,` — so that a sentence that merely starts with a date ("March 18 was
//! ...") is not a dateline.

use jiff::civil::Date;

use crate::error::{Error, Location, Result};

/// How many non-blank lines at the top of an article are searched.
pub const DATELINE_LINES: usize = 6;

/// Parses and validates an ISO date `YYYY-MM-DD` given by the user (a JSONL
/// field, a command-line option); the error is at `loc`.
///
/// ```
/// use quotestance::advanced::dateline::parse_iso_date;
/// use quotestance::Location;
///
/// let loc = Location::file("articles.jsonl").with_line(3).with_field("date");
/// assert_eq!(parse_iso_date("2024-11-13", &loc)?.to_string(), "2024-11-13");
/// let err = parse_iso_date("2024-13-45", &loc).unwrap_err().to_string();
/// assert!(err.starts_with("articles.jsonl, line 3, field `date`: "), "{err}");
/// # Ok::<(), quotestance::Error>(())
/// ```
pub fn parse_iso_date(text: &str, loc: &Location) -> Result<Date> {
    let bad =
        |why: String| Error::input(loc.clone(), format!("`{text}` is not a valid date: {why}"));
    let t = text.trim();
    let parts: Vec<&str> = t.split('-').collect();
    let shape_ok = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(bad("expected YYYY-MM-DD".into()));
    }
    let num = |s: &str| s.parse::<i16>().unwrap_or(0);
    let (y, m, d) = (num(parts[0]), num(parts[1]), num(parts[2]));
    civil_date(y, m, d).map_err(bad)
}

/// A validated calendar date (jiff), or why it is not one.
fn civil_date(year: i16, month: i16, day: i16) -> std::result::Result<Date, String> {
    let (Ok(m), Ok(d)) = (i8::try_from(month), i8::try_from(day)) else {
        return Err(format!("month {month}, day {day} out of range"));
    };
    Date::new(year, m, d).map_err(|e| e.to_string())
}

/// A dateline found at the top of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    /// The year, when the dateline gives one.
    pub year: Option<i16>,
    /// The month, 1-12.
    pub month: i16,
    /// The day of the month as written (not yet checked against the month).
    pub day: i16,
    /// The 1-based line of the article it is on.
    pub line: u64,
    /// Byte offset of the date in the article.
    pub byte: usize,
}

impl Dateline {
    /// The dateline's date; a dateline without a year takes `fallback_year`,
    /// and without either gives `Ok(None)` (no date, never a guess). A day
    /// that the month does not have (`Sept 31`) is an error naming the
    /// article (`name`), line and byte.
    pub fn date(&self, fallback_year: Option<i16>, name: &str) -> Result<Option<Date>> {
        let Some(year) = self.year.or(fallback_year) else {
            return Ok(None);
        };
        civil_date(year, self.month, self.day)
            .map(Some)
            .map_err(|why| {
                Error::input(
                    Location::file(name).with_line(self.line),
                    format!(
                        "byte {}: the dateline's date is not valid: {why}",
                        self.byte
                    ),
                )
            })
    }
}

/// The dateline of `article`, if one of its first [`DATELINE_LINES`]
/// non-blank lines starts with one.
///
/// ```
/// use quotestance::advanced::dateline::find_dateline;
///
/// let d = find_dateline("\nPARIS, Oct 2, 2023 (XYZ) – The minister said ...").unwrap();
/// assert_eq!((d.year, d.month, d.day, d.line), (Some(2023), 10, 2, 2));
/// let d = find_dateline("Lyon, 9 March (XYZ) - Officials said ...").unwrap();
/// assert_eq!((d.year, d.month, d.day), (None, 3, 9));
/// assert!(find_dateline("March 18 was a quiet day.").is_none());
/// ```
pub fn find_dateline(article: &str) -> Option<Dateline> {
    let mut offset = 0;
    let mut seen = 0;
    for (i, raw) in article.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end();
        let lead = line.len() - line.trim_start().len();
        let body = line.trim_start();
        if body.is_empty() {
            continue;
        }
        seen += 1;
        if let Some((y, m, d, at)) = iso_line(body).or_else(|| wire_line(body)) {
            return Some(Dateline {
                year: y,
                month: m,
                day: d,
                line: i as u64 + 1,
                byte: start + lead + at,
            });
        }
        if seen >= DATELINE_LINES {
            break;
        }
    }
    None
}

/// The date of one article: the date given for it (a JSONL `date` field,
/// `--date`) wins; else its dateline's, a year-less dateline taking
/// `fallback_year`; else none. `name` names the article in errors.
pub fn article_date(
    given: Option<Date>,
    article: &str,
    name: &str,
    fallback_year: Option<i16>,
) -> Result<Option<Date>> {
    if given.is_some() {
        return Ok(given);
    }
    match find_dateline(article) {
        Some(d) => d.date(fallback_year, name),
        None => Ok(None),
    }
}

/// `(year, month, day, byte offset in the line)`.
type Found = (Option<i16>, i16, i16, usize);

/// `date YYYY-MM-DD ...` or `YYYY-MM-DD ...` at the start of a line.
fn iso_line(body: &str) -> Option<Found> {
    let (at, rest) = match body.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("date ") || p.eq_ignore_ascii_case("date:") => {
            let r = body[5..].trim_start();
            (body.len() - r.len(), r)
        }
        _ => (0, body),
    };
    let iso = rest.get(..10)?;
    let b = iso.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let after = rest[10..].chars().next();
    if after.is_some_and(|c| !(c.is_whitespace() || is_separator(c))) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| iso[r].parse::<i16>().ok();
    Some((n(0..4), n(5..7)?, n(8..10)?, at))
}

/// A wire dateline: optional place and comma, then `Month D[, YYYY]` or
/// `D Month[ YYYY]`, then a separator.
fn wire_line(body: &str) -> Option<Found> {
    let words = tokens(body);
    let first = words.first()?;
    // The place: up to four capitalised words ending in a comma.
    let mut i = 0;
    if month_of(first.1).is_none() && !first.1.bytes().all(|b| b.is_ascii_digit()) {
        let comma = words.iter().take(5).position(|w| w.1 == ",")?;
        if comma == 0 || !words[..comma].iter().all(|w| is_capitalised(w.1)) {
            return None;
        }
        i = comma + 1;
    }
    let at = words.get(i)?.0;
    let (month, day, mut j) = month_day(&words, i)?;
    let mut year = None;
    // `, YYYY` or ` YYYY` (further `, YYYY` are skipped: a stray year).
    while let Some(y) = year_at(&words, j) {
        year = year.or(Some(y.0));
        j = y.1;
    }
    let next = words.get(j)?.1.chars().next()?;
    if !is_separator(next) {
        return None;
    }
    Some((year, month, day, at))
}

/// `Month D` or `D Month` at word `i`: `(month, day, next word)`.
fn month_day(words: &[(usize, &str)], i: usize) -> Option<(i16, i16, usize)> {
    let a = words.get(i)?.1;
    let mut j = i + 1;
    if words.get(j).is_some_and(|w| w.1 == ".") {
        j += 1; // `Sept. 18`
    }
    let b = words.get(j)?.1;
    if let (Some(m), Some(d)) = (month_of(a), day_of(b)) {
        return Some((m, d, j + 1));
    }
    let (d, m) = (day_of(a)?, month_of(words.get(i + 1)?.1)?);
    Some((m, d, i + 2))
}

/// `, YYYY` or ` YYYY` at word `j`: `(year, next word)`.
fn year_at(words: &[(usize, &str)], j: usize) -> Option<(i16, usize)> {
    let (k, w) = match words.get(j)?.1 {
        "," => (j + 1, words.get(j + 1)?.1),
        w => (j, w),
    };
    let year =
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok())??;
    (1900..=2100).contains(&year).then_some((year, k + 1))
}

/// Words and punctuation marks of a line with their byte offsets.
fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut word_start = None;
    for (at, c) in line.char_indices().take_while(|(at, _)| *at < 200) {
        if c.is_alphanumeric() {
            word_start.get_or_insert(at);
            continue;
        }
        if let Some(s) = word_start.take() {
            out.push((s, &line[s..at]));
        }
        if !c.is_whitespace() {
            out.push((at, &line[at..at + c.len_utf8()]));
        }
    }
    if let Some(s) = word_start {
        if s < 200 {
            out.push((s, &line[s..]));
        }
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && word.chars().all(char::is_alphabetic)
}

fn is_separator(c: char) -> bool {
    matches!(c, '(' | '/' | '-' | '–' | '—' | '.' | ':' | ',')
}

fn day_of(word: &str) -> Option<i16> {
    let d: i16 = word.parse().ok().filter(|_| word.len() <= 2)?;
    (1..=31).contains(&d).then_some(d)
}

/// The month of a full or abbreviated English month name.
fn month_of(word: &str) -> Option<i16> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let m = MONTHS.iter().position(|full| {
        *full == w || (w.len() <= 4 && full.starts_with(&w) && (w.len() == 3 || w == "sept"))
    })?;
    Some(m as i16 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(text: &str) -> Option<(Option<i16>, i16, i16)> {
        find_dateline(text).map(|d| (d.year, d.month, d.day))
    }

    #[test]
    fn wire_datelines_in_their_usual_shapes() {
        assert_eq!(
            ymd("ROME, Sept 4, 2021 (ABC) – Text."),
            Some((Some(2021), 9, 4))
        );
        assert_eq!(ymd("Rome, 4 September (ABC) - Text."), Some((None, 9, 4)));
        assert_eq!(ymd("ROME, June 2. /ABC/. Text."), Some((None, 6, 2)));
        assert_eq!(ymd("June 2 (ABC) -- Text."), Some((None, 6, 2)));
        assert_eq!(ymd("NEW DELHI, Jan 7 - ABC. Text."), Some((None, 1, 7)));
        assert_eq!(
            ymd("June 2, 2020, 2019 (ABC)—Text."),
            Some((Some(2020), 6, 2))
        );
        assert_eq!(
            ymd(" date 2022-02-03 Officials met."),
            Some((Some(2022), 2, 3))
        );
        assert_eq!(
            ymd("Headline\n\n2022-02-03: text"),
            Some((Some(2022), 2, 3))
        );
    }

    #[test]
    fn sentences_that_start_with_a_date_are_not_datelines() {
        assert_eq!(ymd("June 2 was the day the talks began."), None);
        assert_eq!(ymd("The minister met his counterpart, May 3."), None);
        assert_eq!(ymd("2022-02-03x"), None);
        let late = "a\nb\nc\nd\ne\nf\nROME, June 2 (ABC) - Text.";
        assert_eq!(ymd(late), None);
    }

    #[test]
    fn dates_are_validated_and_errors_say_where() {
        let d = find_dateline("x\nROME, Feb 30, 2023 (ABC) - y").unwrap();
        let err = d.date(None, "a.txt").unwrap_err().to_string();
        assert!(err.starts_with("a.txt, line 2: byte 8:"), "{err}");
        let d = find_dateline("ROME, Feb 3 (ABC) - y").unwrap();
        assert_eq!(d.date(None, "a").unwrap(), None);
        assert_eq!(
            d.date(Some(2024), "a").unwrap().map(|d| d.to_string()),
            Some("2024-02-03".into())
        );
        let loc = Location::file("f").with_line(2).with_field("date");
        assert!(parse_iso_date("2024-13-45", &loc).is_err());
        assert!(parse_iso_date("2024-02-29", &loc).is_ok());
        assert!(parse_iso_date("2023-02-29", &loc).is_err());
        assert!(parse_iso_date("13/11/2024", &loc).is_err());
    }
}
