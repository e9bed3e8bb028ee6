//! Extraction does work linear in the length of its input, whatever the
//! input: texts built to make a quadratic extractor stall (no sentence end
//! for pages, a cue verb every few words, thousands of quotations in one
//! sentence, one pronoun after another, a quotation running over thousands of
//! paragraphs) cost at most ~8 times as much at 8 times the length.
//!
//! The measure is the extractor's own count of token examinations
//! ([`quotestance::advanced::extract::Work`]), not time: it is the same on every
//! machine, and a quadratic look-back shows in it as a 64-fold growth.

use quotestance::advanced::extract::Work;
use quotestance::Extractor;
use quotestance::SpeakerTable;

/// `unit` repeated to `bytes` bytes (cut back to a character boundary).
fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut s = unit.repeat(bytes / unit.len() + 1);
    let mut end = bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// Inputs that were quadratic or worse before extraction was bounded (in our
/// own words, generated here).
const UNITS: &[(&str, &str)] = &[
    ("nested reports", "He said that he told him that she said "),
    ("a cue after a cue", "said "),
    ("quoted as saying", "quoted as saying "),
    ("according to", "according to "),
    ("told an audience", "told reporters "),
    ("called for", "called for "),
    (
        "no full stops",
        "Wang Yi said the talks went well and Lavrov told reporters that the ties \
         would grow while the ministry said it agreed ",
    ),
    ("quotations in one sentence", "“we agree” "),
    ("quotation then cue", "“Yes,” he said, "),
    (
        "pronouns",
        "Lavrov said the talks went well. It said it agreed. ",
    ),
    ("one utterance over paragraphs", "“We will go on\n"),
    ("colon introductions", "Lavrov said: "),
];

const BASE: usize = 8 * 1024;

fn work(ex: &Extractor, text: &str) -> Work {
    ex.extract_with_work(text).1
}

#[test]
fn work_grows_at_most_linearly_from_one_to_eight_times_the_input() {
    let ex = Extractor::new(SpeakerTable::builtin());
    let mut failures = Vec::new();
    for (name, unit) in UNITS {
        let small = work(&ex, &repeat_to(unit, BASE));
        let large = work(&ex, &repeat_to(unit, 8 * BASE));
        assert!(small.token_reads > 0 && small.tokens > 0, "{name}: no work");
        let ratio = large.token_reads as f64 / small.token_reads as f64;
        let per_token = large.token_reads as f64 / large.tokens as f64;
        eprintln!(
            "{name:32} {:>10} -> {:>10} token reads (x{ratio:.2}), {per_token:.1} per token",
            small.token_reads, large.token_reads
        );
        // Linear gives 8 (plus a little for where the cuts fall); a
        // quadratic term gives up to 64.
        if ratio > 9.0 {
            failures.push(format!("{name}: x{ratio:.2}"));
        }
    }
    assert!(failures.is_empty(), "superlinear work: {failures:?}");
}

#[test]
fn every_sentence_is_bounded_so_a_page_without_full_stops_has_many() {
    let ex = Extractor::new(SpeakerTable::builtin());
    let text = repeat_to("the talks went on and on ", 64 * 1024);
    let w = work(&ex, &text);
    // At most 4 KB per sentence, cut at white space (so at least 2 KB).
    assert!((16..=32).contains(&w.sentences), "{w:?}");
    // A real article's sentences are untouched.
    let article = "Wang said the talks went well. “We agree,” Lavrov told reporters.";
    assert_eq!(work(&ex, article).sentences, 2);
}
