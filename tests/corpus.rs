//! Validates the shipped corpus `data/quotes.jsonl`: schema, labels, no
//! duplicate ids or texts, provenance, and the counts `data/README.md` promises.

use std::collections::{BTreeMap, HashSet};

use quotestance::advanced::data::read_labelled;
use quotestance::Label;
use quotestance::SpeakerTable;

const TARGETS: [&str; 3] = ["us", "ukraine", "partnership"];
const MAIN_SPEAKERS: [&str; 5] = ["wang_yi", "lavrov", "patrushev", "shoigu", "g7"];
const SPEAKER_IDS: [&str; 13] = [
    "wang_yi",
    "lavrov",
    "patrushev",
    "shoigu",
    "g7",
    "xi_jinping",
    "putin",
    "china_mfa",
    "russia_mfa",
    "russia_security_council",
    "nato",
    "us_gov",
    "other",
];

#[test]
fn corpus_is_valid_and_has_the_promised_counts() {
    // Any schema error fails here with file, line and field.
    let quotes = read_labelled("data/quotes.jsonl").expect("data/quotes.jsonl parses");
    let mut ids = HashSet::new();
    let mut texts = HashSet::new();
    let mut per_speaker: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_label: BTreeMap<(&str, Label), usize> = BTreeMap::new();
    let mut constructed = 0;
    let mut seeds = 0;
    let table = SpeakerTable::builtin();
    for q in &quotes {
        let id = q.id.as_deref().expect("every quote has an id");
        assert!(ids.insert(id.to_owned()), "duplicate id {id}");
        let norm = q.text.trim().to_lowercase();
        assert!(texts.insert(norm), "duplicate text in {id}");
        let speaker = q
            .speaker
            .as_deref()
            .unwrap_or_else(|| panic!("{id}: no speaker"));
        assert!(
            SPEAKER_IDS.contains(&speaker),
            "{id}: speaker `{speaker}` is not a guideline id"
        );
        assert!(
            speaker == "other" || table.get(speaker).is_some(),
            "{id}: `{speaker}` missing from data/speakers.json"
        );
        *per_speaker.entry(speaker.to_owned()).or_default() += 1;
        match q.source.as_deref() {
            Some("constructed") => {
                constructed += 1;
                assert!(id.starts_with("c-"), "{id}: constructed ids start with c-");
            }
            Some(s) if s.starts_with("seed:") => {
                seeds += 1;
                assert!(id.starts_with('s'), "{id}: seed ids start with s");
                let file = &s["seed:".len()..];
                assert!(
                    file.ends_with(".txt") && file.len() > 4,
                    "{id}: bad seed source {s}"
                );
            }
            other => panic!("{id}: source {other:?} is neither constructed nor seed:<file>"),
        }
        // Either all three targets are labelled, or none (a fragment under rule 3).
        let n = TARGETS
            .iter()
            .filter(|t| q.stance.contains_key(**t))
            .count();
        assert!(n == 3 || n == 0, "{id}: {n} of 3 targets labelled");
        assert_eq!(
            q.stance.len(),
            n,
            "{id}: a target outside us/ukraine/partnership"
        );
        for t in TARGETS {
            if let Some(&l) = q.stance.get(t) {
                *per_label.entry((t, l)).or_default() += 1;
            }
        }
    }
    assert!(
        constructed >= 1800,
        "{constructed} constructed statements, want >= 1800"
    );
    assert!(seeds >= 40, "{seeds} seed quotes");
    for s in MAIN_SPEAKERS {
        let n = per_speaker.get(s).copied().unwrap_or(0);
        assert!(n >= 150, "{s}: {n} statements, want >= 150");
    }
    for t in TARGETS {
        for l in [Label::Favor, Label::Against] {
            let n = per_label.get(&(t, l)).copied().unwrap_or(0);
            assert!(n >= 170, "{t}/{l}: {n}, want >= 170");
        }
    }
    // Hard negatives: a good share of quotes carry no stance at all (real
    // quotes: 56%).
    let all_none = quotes
        .iter()
        .filter(|q| q.stance.len() == 3 && q.stance.values().all(|&l| l == Label::None))
        .count();
    assert!(
        all_none * 100 >= quotes.len() * 30,
        "{all_none} all-none quotes of {}",
        quotes.len()
    );
}

#[path = "common/overlap.rs"]
mod overlap;

/// No constructed statement shares 8 or more consecutive words with the real
/// text in `../shared` (dev quotes, dev articles, seed articles): a run that
/// long means the line was recalled, not written.
#[test]
fn constructed_statements_share_no_long_run_with_real_text() {
    let shared = std::path::Path::new("../shared");
    let Some(index) = overlap::shared_index(shared, 8).expect("../shared reads") else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "../shared/dev/quotes.jsonl is missing under CI=true"
        );
        eprintln!("skipping: ../shared not found");
        return;
    };
    let quotes = read_labelled("data/quotes.jsonl").unwrap();
    let mut flagged = Vec::new();
    for q in quotes
        .iter()
        .filter(|q| q.source.as_deref() == Some("constructed"))
    {
        let o = index.longest(&q.text);
        if o.len >= 8 {
            flagged.push(format!(
                "{}: {} words shared with {}: \"{}\"",
                q.id.as_deref().unwrap_or("?"),
                o.len,
                o.reference,
                o.words
            ));
        }
    }
    assert!(flagged.is_empty(), "{}", flagged.join("\n"));
}

#[test]
fn the_overlap_check_finds_a_recalled_run_and_ignores_stock_names() {
    let mut index = overlap::Index::new(8);
    index.add(
        "ref",
        "The ministers said that they would keep the pressure on the regime for as long as needed.",
    );
    // Nine words in a row from the reference, curly apostrophes and case aside.
    let o = index.longest("And THEY WOULD keep the pressure on the regime for years.");
    assert_eq!(o.len, 9, "{o:?}");
    assert_eq!(o.words, "they would keep the pressure on the regime for");
    assert_eq!(o.reference, "ref");
    // Seven words are not a run of eight.
    assert_eq!(
        index.longest("would keep the pressure on the regime").len,
        0
    );
    // An official name counts as one word.
    let mut index = overlap::Index::new(8);
    index.add(
        "ref",
        "they spoke of a comprehensive strategic partnership of coordination for a new era today",
    );
    // Eleven words in a row, but ten of them are the name.
    assert_eq!(
        index
            .longest(
                "both spoke of a Comprehensive Strategic Partnership of Coordination for a New Era"
            )
            .len,
        0
    );
}
