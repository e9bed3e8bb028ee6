//! A self-contained HTML report of classified quotes: stance over time per
//! speaker and target (small multiples, SVG drawn with plotters), the
//! speaker × target matrix, and every quote in its sentence, filterable by
//! speaker, target and label. Inline CSS, inline SVG, a little plain
//! JavaScript; nothing is fetched.

pub mod evaluation;
pub mod plot;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use crate::error::Result;
use crate::speakers::SpeakerTable;
use crate::summary::{display_name, summarize, Period, QuoteRecord, UNDATED};

/// What goes into a report besides the quotes.
pub struct ReportInput<'a> {
    /// Page title.
    pub title: &'a str,
    /// The classified quotes.
    pub records: &'a [QuoteRecord],
    /// Article texts by `doc` name (for the sentence around each quote).
    pub texts: &'a HashMap<String, String>,
    /// Display names.
    pub table: &'a SpeakerTable,
    /// The period of the charts.
    pub by: Period,
    /// Speakers charted (most quoted first).
    pub max_speakers: usize,
    /// A line saying where the data came from (model, files).
    pub provenance: &'a str,
}

/// Renders the report.
pub fn render(input: &ReportInput<'_>) -> Result<String> {
    let targets: Vec<String> = input
        .records
        .iter()
        .flat_map(|r| r.stance.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut html = String::with_capacity(1 << 20);
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    let _ = write!(
        html,
        "<title>{}</title><style>{CSS}</style></head><body>",
        esc(input.title)
    );
    let docs: BTreeSet<&str> = input
        .records
        .iter()
        .filter_map(|r| r.doc.as_deref())
        .collect();
    let dated = input.records.iter().filter(|r| r.date.is_some()).count();
    let _ = write!(
        html,
        "<header><h1>{}</h1><p>{} quotes from {} articles ({} of the quotes dated). {}</p></header>",
        esc(input.title),
        input.records.len(),
        docs.len(),
        dated,
        esc(input.provenance)
    );
    matrix(&mut html, input, &targets);
    charts(&mut html, input, &targets)?;
    quotes(&mut html, input, &targets);
    let _ = writeln!(html, "<script>{JS}</script></body></html>");
    Ok(html)
}

/// Speakers by number of quotes, most first (ties by id).
fn speakers_by_count(records: &[QuoteRecord]) -> Vec<(String, usize)> {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for r in records {
        *n.entry(r.speaker_key()).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = n.into_iter().map(|(k, c)| (k.to_owned(), c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

fn charts(html: &mut String, input: &ReportInput<'_>, targets: &[String]) -> Result<()> {
    html.push_str("<section id=\"time\"><h2>Stance over time</h2>");
    let dated: Vec<QuoteRecord> = input
        .records
        .iter()
        .filter(|r| r.date.is_some())
        .cloned()
        .collect();
    if dated.is_empty() {
        html.push_str("<p class=\"note\">No quote has a date, so there is nothing to draw over time: give articles a date (a JSONL <code>date</code> field, <code>--date</code>, or a dateline).</p></section>");
        return Ok(());
    }
    let cells = summarize(&dated, input.by, input.table, 1);
    let first = dated.iter().filter_map(|r| r.date).min();
    let last = dated.iter().filter_map(|r| r.date).max();
    let periods = match (first, last) {
        (Some(a), Some(b)) => input.by.range(a, b),
        _ => Vec::new(),
    };
    let _ = write!(
        html,
        "<p class=\"note\">Share of each speaker's dated quotes labelled <span class=\"lab favor\">favor</span> and <span class=\"lab against\">against</span> per {}, for the {} most quoted speakers with dated quotes; larger dots, more quotes. Undated quotes are left out here.</p><div class=\"grid\" style=\"grid-template-columns:repeat({},minmax(0,1fr))\">",
        period_name(input.by),
        input.max_speakers,
        targets.len().clamp(1, 4)
    );
    let speakers: Vec<String> = speakers_by_count(&dated)
        .into_iter()
        .map(|s| s.0)
        .take(input.max_speakers)
        .collect();
    for speaker in &speakers {
        for target in targets {
            let mut favor = vec![None; periods.len()];
            let mut against = vec![None; periods.len()];
            let mut counts = vec![0; periods.len()];
            for c in cells
                .iter()
                .filter(|c| &c.speaker == speaker && &c.target == target)
            {
                let Ok(i) = periods.binary_search(&c.period) else {
                    continue;
                };
                favor[i] = Some(c.share[0]);
                against[i] = Some(c.share[1]);
                counts[i] = c.n;
            }
            if counts.iter().all(|&n| n == 0) {
                continue;
            }
            let n: usize = counts.iter().sum();
            let title = format!("{} · {target} (n={n})", display_name(input.table, speaker));
            let svg = plot::stance_over_time(&title, &periods, &favor, &against, &counts)?;
            let _ = write!(
                html,
                "<figure class=\"chart\" data-s=\"{}\" data-t=\"{}\">{}</figure>",
                esc(speaker),
                esc(target),
                strip_xml_decl(&svg)
            );
        }
    }
    html.push_str("</div></section>");
    Ok(())
}

fn period_name(by: Period) -> &'static str {
    match by {
        Period::Month => "month",
        Period::Quarter => "quarter",
        Period::Year => "year",
        Period::All => "whole span",
    }
}

/// Plotters' SVG string may open with an XML declaration, which HTML does
/// not want inline.
fn strip_xml_decl(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}

fn matrix(html: &mut String, input: &ReportInput<'_>, targets: &[String]) {
    let cells = summarize(input.records, Period::All, input.table, 1);
    html.push_str("<section id=\"matrix\"><h2>Speakers × targets</h2><p class=\"note\">All quotes, dated or not: the number of quotes, and how many the model labels favor / against / none. Click a cell to list its quotes.</p><table class=\"matrix\"><thead><tr><th>speaker</th><th>quotes</th>");
    for t in targets {
        let _ = write!(
            html,
            "<th>{}<br><small><span class=\"f\">favor</span> / <span class=\"a\">against</span> / <span class=\"n\">none</span></small></th>",
            esc(t)
        );
    }
    html.push_str("</tr></thead><tbody>");
    for (speaker, n) in speakers_by_count(input.records) {
        let _ = write!(
            html,
            "<tr><th>{}</th><td class=\"num\">{n}</td>",
            esc(&display_name(input.table, &speaker))
        );
        for t in targets {
            match cells
                .iter()
                .find(|c| c.speaker == speaker && &c.target == t)
            {
                Some(c) => {
                    let lean = c.share[0] - c.share[1];
                    let _ = write!(
                        html,
                        "<td class=\"cell\" data-s=\"{}\" data-t=\"{}\" style=\"background:{}\"><span class=\"f\">{}</span> / <span class=\"a\">{}</span> / <span class=\"n\">{}</span></td>",
                        esc(&speaker),
                        esc(t),
                        lean_colour(lean),
                        c.counts[0],
                        c.counts[1],
                        c.counts[2]
                    );
                }
                None => html.push_str("<td></td>"),
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></section>");
}

/// A background from red (all against) through white to green (all favor).
fn lean_colour(lean: f64) -> String {
    let a = (lean.abs() * 0.45).min(0.45);
    if lean >= 0.0 {
        format!("rgba(27,127,75,{a:.2})")
    } else {
        format!("rgba(192,57,43,{a:.2})")
    }
}

fn quotes(html: &mut String, input: &ReportInput<'_>, targets: &[String]) {
    html.push_str("<section id=\"quotes\"><h2>Quotes</h2><form class=\"filters\" id=\"filters\"><label>speaker <select id=\"f-s\"><option value=\"\">all</option>");
    for (s, n) in speakers_by_count(input.records) {
        let _ = write!(
            html,
            "<option value=\"{}\">{} ({n})</option>",
            esc(&s),
            esc(&display_name(input.table, &s))
        );
    }
    html.push_str(
        "</select></label> <label>target <select id=\"f-t\"><option value=\"\">any</option>",
    );
    for t in targets {
        let _ = write!(html, "<option>{}</option>", esc(t));
    }
    html.push_str("</select></label> <label>label <select id=\"f-l\"><option value=\"\">any</option><option>favor</option><option>against</option><option>none</option></select></label> <span id=\"shown\"></span></form><p class=\"note\">A label filter keeps quotes with that label for the chosen target (for any target if none is chosen); a target alone keeps quotes with a stance (favor or against) toward it.</p><div id=\"list\">");
    for r in input.records {
        quote_row(html, input, r);
    }
    html.push_str("</div></section>");
}

fn quote_row(html: &mut String, input: &ReportInput<'_>, r: &QuoteRecord) {
    let speaker = r.speaker_key();
    let _ = write!(html, "<div class=\"q\" data-s=\"{}\"", esc(speaker));
    for (t, p) in &r.stance {
        let _ = write!(html, " data-{}=\"{}\"", attr_name(t), p.label.as_str());
    }
    html.push_str("><div class=\"meta\">");
    let _ = write!(html, "<b>{}</b>", esc(&display_name(input.table, speaker)));
    let mut meta = |label: &str, v: Option<&str>| {
        if let Some(v) = v {
            let _ = write!(html, " <span class=\"k\">{label}</span> {}", esc(v));
        }
    };
    meta("kind", r.kind.as_deref());
    meta("cue", r.cue.as_deref());
    meta("via", r.via.as_deref());
    let date = r.date.map(|d| d.to_string());
    meta("date", Some(date.as_deref().unwrap_or(UNDATED)));
    meta("article", r.doc.as_deref().or(r.id.as_deref()));
    html.push_str("</div><p class=\"ctx\">");
    context(html, input, r);
    html.push_str("</p><div class=\"labels\">");
    for (t, p) in &r.stance {
        let l = p.label;
        let _ = write!(
            html,
            "<span class=\"lab {}\" title=\"favor {:.2} · against {:.2} · none {:.2}\">{}: {} {:.2}</span>",
            l.as_str(),
            p.probabilities.favor,
            p.probabilities.against,
            p.probabilities.none,
            esc(t),
            l.as_str(),
            p.probabilities.get(l)
        );
    }
    html.push_str("</div></div>\n");
}

/// The quote in its sentence (the text around it up to a sentence end or a
/// line break, at most 300 bytes each side), the quote in `<mark>`.
fn context(html: &mut String, input: &ReportInput<'_>, r: &QuoteRecord) {
    let doc = r.doc.as_deref().unwrap_or_default();
    let text = input.texts.get(doc);
    let span = match (text, r.start, r.end) {
        (Some(t), Some(s), Some(e))
            if s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e) =>
        {
            Some((t.as_str(), s, e))
        }
        _ => None,
    };
    let Some((t, s, e)) = span else {
        let _ = write!(
            html,
            "<mark>{}</mark>",
            esc(r.text.as_deref().unwrap_or_default())
        );
        return;
    };
    let before = sentence_start(t, s);
    let after = sentence_end(t, e);
    let _ = write!(
        html,
        "{}<mark>{}</mark>{}",
        esc(&t[before..s]),
        esc(&t[s..e]),
        esc(&t[e..after])
    );
}

fn sentence_start(t: &str, s: usize) -> usize {
    let floor = floor_boundary(t, s.saturating_sub(300));
    let head = &t[floor..s];
    let cut = head
        .rmatch_indices(['\n', '.', '?', '!'])
        .find(|(i, m)| *m == "\n" || head[i + 1..].starts_with(' '))
        .map(|(i, _)| floor + i + 1);
    let start = cut.unwrap_or(floor);
    start + (t[start..s].len() - t[start..s].trim_start().len())
}

fn sentence_end(t: &str, e: usize) -> usize {
    let ceil = floor_boundary(t, (e + 300).min(t.len()));
    let tail = &t[e..ceil];
    let mut best = ceil;
    for (i, c) in tail.char_indices() {
        if c == '\n' {
            best = e + i;
            break;
        }
        if matches!(c, '.' | '?' | '!') && tail[i + 1..].starts_with([' ', '\n']) {
            best = e + i + 1;
            break;
        }
    }
    best
}

fn floor_boundary(t: &str, mut i: usize) -> usize {
    while i > 0 && !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A target name usable after `data-` (lower-case letters, digits, `-`).
fn attr_name(t: &str) -> String {
    t.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// HTML-escapes text for element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_stops_at_sentence_ends_and_escapes() {
        let t = "First one. Then <b> said “we go” today. Next.";
        let s = t.find("we go").unwrap();
        assert_eq!(&t[sentence_start(t, s)..s], "Then <b> said “");
        let e = s + "we go".len();
        assert_eq!(&t[e..sentence_end(t, e)], "” today.");
        assert_eq!(esc("<a href=\"x\">&"), "&lt;a href=&quot;x&quot;&gt;&amp;");
        assert_eq!(attr_name("US gov"), "us-gov");
    }
}
