//! A corpus of statements for throughput measurements, generated from
//! templates of our own words (no outside text): varied enough that stems,
//! n-grams and lengths differ from line to line, and seeded, so every run
//! and every tool (criterion, `benches/sklearn_classify.sh`) sees the same
//! statements.
//!
//! Used by `benches/throughput.rs` and by `examples/gen_corpus.rs`, which
//! prints it as JSONL.

#![allow(dead_code)]

use quotestance::advanced::eval::SeededRng;
use quotestance::Statement;

const OPENERS: &[&str] = &[
    "We believe that",
    "It is clear that",
    "Nobody should doubt that",
    "The minister stressed that",
    "Our position remains that",
    "Let me be frank:",
    "History shows that",
    "As we have said many times,",
    "The facts speak for themselves:",
    "Frankly speaking,",
    "In the current situation,",
    "After long consultations, we concluded that",
];

const SUBJECTS: &[&str] = &[
    "the strategic partnership between Moscow and Beijing",
    "Washington's policy of containment",
    "the expansion of NATO toward the east",
    "our comprehensive cooperation in every field",
    "the unilateral sanctions imposed by the West",
    "the crisis in Ukraine",
    "the so-called rules-based order",
    "the friendship between our two peoples",
    "the deployment of American missiles in the region",
    "trade in national currencies",
    "the Group of Seven's latest statement",
    "joint naval exercises in the Pacific",
    "the supply of weapons to Kyiv",
    "the peace plan put forward by China",
    "energy cooperation along the Power of Siberia pipeline",
    "the United States and its allies",
];

const PREDICATES: &[&str] = &[
    "is not aimed at any third country",
    "only escalates tensions and undermines global stability",
    "has never been stronger than it is today",
    "poses a direct threat to our national security",
    "serves the fundamental interests of both nations",
    "will not change our principled stance",
    "is doomed to fail, as it has failed before",
    "must be based on mutual respect and equality",
    "reflects a Cold War mentality that belongs in the past",
    "opens new horizons for practical cooperation",
    "violates international law and the UN Charter",
    "cannot be allowed to continue indefinitely",
    "deserves the support of the whole international community",
    "is a provocation that we firmly reject",
];

const TAILS: &[&str] = &[
    "",
    ", and we will respond accordingly",
    ", whatever pressure comes from outside",
    ", as both leaders confirmed during the talks",
    ", which everyone in Europe understands",
    ", and that is the bottom line",
    " in the years to come",
    ", despite repeated attempts to drive a wedge between us",
    ", and we call on all parties to show restraint",
    ", because dialogue is the only way forward",
];

const SECOND: &[&str] = &[
    "",
    "",
    " We will keep deepening coordination on the world stage.",
    " Sanctions have never solved a single problem.",
    " The talks were held in a friendly and constructive atmosphere.",
    " Those who stoke the conflict bear full responsibility.",
    " Our relations are at their highest level in history.",
    " We urge Washington to stop interfering in the internal affairs of others.",
];

const SPEAKERS: &[Option<&str>] = &[
    Some("wang_yi"),
    Some("lavrov"),
    Some("putin"),
    Some("xi_jinping"),
    Some("g7"),
    Some("china_mfa"),
    Some("blinken"),
    Some("peskov"),
    None,
    Some("an_unknown_official"),
];

/// `n` statements (ids `g0`, `g1`, ...) from seed `seed`.
pub fn statements(n: usize, seed: u64) -> Vec<Statement> {
    let mut rng = SeededRng::new(seed);
    (0..n).map(|i| statement(i, &mut rng)).collect()
}

fn pick<'a>(rng: &mut SeededRng, list: &[&'a str]) -> &'a str {
    list[rng.below(list.len())]
}

fn statement(i: usize, rng: &mut SeededRng) -> Statement {
    let mut text = String::with_capacity(200);
    text.push_str(pick(rng, OPENERS));
    text.push(' ');
    text.push_str(pick(rng, SUBJECTS));
    text.push(' ');
    text.push_str(pick(rng, PREDICATES));
    text.push_str(pick(rng, TAILS));
    text.push('.');
    text.push_str(pick(rng, SECOND));
    let mut s = Statement::new(text).with_id(format!("g{i}"));
    s.speaker = SPEAKERS[rng.below(SPEAKERS.len())].map(str::to_owned);
    s
}

/// The statements as JSONL (one `{"id", "text", "speaker"}` per line).
pub fn jsonl(statements: &[Statement]) -> String {
    let mut out = String::with_capacity(statements.len() * 220);
    for s in statements {
        out.push_str(&serde_json::to_string(s).expect("a statement serialises"));
        out.push('\n');
    }
    out
}
