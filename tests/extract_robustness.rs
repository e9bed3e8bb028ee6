//! The extractor never panics and keeps its span invariants, whatever it is
//! given: random bytes, random characters drawn from quote marks and
//! punctuation, and every prefix of real-looking articles.

use quotestance::SpeakerTable;
use quotestance::{Extractor, Quote};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn check(text: &str, quotes: &[Quote]) {
    for q in quotes {
        assert!(q.start <= q.end && q.end <= text.len(), "{q:?}");
        assert!(
            text.is_char_boundary(q.start) && text.is_char_boundary(q.end),
            "{q:?}"
        );
        assert_eq!(&text[q.start..q.end], q.text);
        for span in [q.speaker_span, q.cue_span].into_iter().flatten() {
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            assert!(span.start <= span.end && span.end <= text.len());
        }
    }
}

const PIECES: &[&str] = &[
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    ",",
    ".",
    ":",
    ";",
    "?",
    "!",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "–",
    "—",
    "-",
    "(",
    ")",
    "said",
    "told",
    "Wang",
    "he",
    "it",
    "according",
    "to",
    "quoted",
    "as",
    "saying",
    "the",
    "statement",
    "Tass",
    "reported",
    "called",
    "for",
    "U.S.",
    "Mr.",
    "’s",
    "s’",
    "é",
    "中国",
    "🙂",
    "\u{0}",
    "\t",
    "that",
    "and",
    "which",
    "The",
    "council",
    "a",
    "spokesperson",
];

#[test]
fn random_soup_never_panics() {
    let ex = Extractor::new(SpeakerTable::builtin());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..600 {
        let len = rng.below(120) + 1;
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(PIECES[rng.below(PIECES.len())]);
            if round % 3 == 0 {
                s.push(' ');
            }
        }
        check(&s, &ex.extract(&s));
    }
    for _ in 0..300 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let s = String::from_utf8_lossy(&bytes);
        check(&s, &ex.extract(&s));
        let chars: String = (0..len)
            .filter_map(|_| char::from_u32(rng.below(0x3000) as u32))
            .collect();
        check(&chars, &ex.extract(&chars));
    }
    for s in [
        "",
        " ",
        "\n\n\n",
        "“",
        "”",
        "\"",
        "said",
        ", said",
        "“”",
        "“,” he said",
        "According to",
    ] {
        check(s, &ex.extract(s));
    }
}

#[test]
fn every_prefix_of_an_article_is_safe() {
    let ex = Extractor::new(SpeakerTable::builtin());
    let mut texts = Vec::new();
    let fixtures = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let seeds = format!("{}/../shared/seeds", env!("CARGO_MANIFEST_DIR"));
    for dir in [fixtures, seeds] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            println!("note: {dir} is absent; its articles are not truncated here");
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                texts.push(std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    assert!(!texts.is_empty());
    for text in &texts {
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(9).collect();
        for &cut in &cuts {
            let prefix = &text[..cut];
            check(prefix, &ex.extract(prefix));
            let suffix = &text[cut..];
            check(suffix, &ex.extract(suffix));
        }
    }
}
