//! Scores the extractor against the hand-checked gold attributions of the five
//! seed articles in `../shared/seeds/` (offsets there are in characters).
//!
//! The bar: every direct and partial quote found with its exact span and the
//! right speaker; every scare quote called scare with the gold speaker (none,
//! except a term quoted inside someone's quotation); at least 80% of the
//! indirect statements found with the right speaker.

use std::collections::BTreeMap;
use std::path::PathBuf;

use quotestance::extract::{Extractor, Quote, QuoteKind};
use quotestance::speakers::SpeakerTable;

/// The speaker ids of the annotation guidelines; gold lines with any other id
/// count as `other`, which any non-canonical prediction (`other`, a slug)
/// matches.
const CANONICAL: [&str; 12] = [
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
];

struct Gold {
    doc: String,
    kind: String,
    start: usize,
    end: usize,
    speaker: Option<String>,
}

fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    dir.join("attribution-gold.jsonl").exists().then_some(dir)
}

fn char_to_byte(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

fn speaker_ok(gold: Option<&str>, pred: Option<&str>) -> bool {
    match (gold, pred) {
        (None, None) => true,
        (Some(g), Some(p)) if CANONICAL.contains(&g) => g == p,
        (Some(_), Some(p)) => !CANONICAL.contains(&p),
        _ => false,
    }
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

#[derive(Default)]
struct Score {
    gold: usize,
    found: usize,
    exact: usize,
    speaker: usize,
}

#[test]
fn seed_articles_match_the_gold_attributions() -> anyhow::Result<()> {
    let Some(dir) = seeds_dir() else {
        println!("SKIPPED: ../shared/seeds is absent; the seed scores were not computed");
        return Ok(());
    };
    let mut golds = Vec::new();
    for line in std::fs::read_to_string(dir.join("attribution-gold.jsonl"))?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        golds.push((v["doc"].as_str().unwrap_or_default().to_string(), v));
    }
    let ex = Extractor::new(SpeakerTable::builtin());
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut preds: BTreeMap<String, Vec<Quote>> = BTreeMap::new();
    let mut gold_items = Vec::new();
    for (doc, v) in &golds {
        if !texts.contains_key(doc) {
            let text = std::fs::read_to_string(dir.join(doc))?;
            preds.insert(doc.clone(), ex.extract(&text));
            texts.insert(doc.clone(), text);
        }
        let text = &texts[doc];
        let start = char_to_byte(text, v["start"].as_u64().unwrap_or(0) as usize);
        let end = char_to_byte(text, v["end"].as_u64().unwrap_or(0) as usize);
        assert_eq!(
            &text[start..end],
            v["quote"].as_str().unwrap_or_default(),
            "gold offsets"
        );
        gold_items.push(Gold {
            doc: doc.clone(),
            kind: v["kind"].as_str().unwrap_or_default().to_string(),
            start,
            end,
            speaker: v["speaker"].as_str().map(str::to_string),
        });
    }

    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut used: BTreeMap<(String, usize, usize, QuoteKind), ()> = BTreeMap::new();
    for g in &gold_items {
        let ps = &preds[&g.doc];
        let sc = scores.entry(match g.kind.as_str() {
            "direct" => "direct",
            "partial" => "partial",
            "indirect" => "indirect",
            _ => "scare",
        });
        let sc = sc.or_default();
        sc.gold += 1;
        let gspan = (g.start, g.end);
        let best: Option<&Quote> = match g.kind.as_str() {
            "indirect" => ps
                .iter()
                .filter(|p| p.kind == QuoteKind::Indirect)
                .filter(|p| {
                    let o = overlap(gspan, (p.start, p.end));
                    o * 2 >= g.end - g.start && o * 10 >= (p.end - p.start) * 3
                })
                .max_by_key(|p| overlap(gspan, (p.start, p.end))),
            _ => ps
                .iter()
                .filter(|p| p.kind != QuoteKind::Indirect && overlap(gspan, (p.start, p.end)) > 0)
                .max_by_key(|p| overlap(gspan, (p.start, p.end))),
        };
        let Some(p) = best else {
            misses.push(format!(
                "MISSING {} {} {:?} [{}]",
                g.doc,
                g.kind,
                &texts[&g.doc][g.start..g.end],
                g.speaker.as_deref().unwrap_or("-")
            ));
            continue;
        };
        used.insert((g.doc.clone(), p.start, p.end, p.kind), ());
        let kind_ok = p.kind.as_str() == g.kind;
        let exact = p.start == g.start && p.end == g.end && kind_ok;
        let spk = speaker_ok(g.speaker.as_deref(), p.speaker.as_deref());
        sc.found += usize::from(kind_ok);
        sc.exact += usize::from(exact);
        sc.speaker += usize::from(spk && kind_ok);
        if !(exact && spk) {
            misses.push(format!(
                "WRONG {} gold {} {:?} [{}]\n      got {} {:?} [{}] via {:?} sieve {:?}",
                g.doc,
                g.kind,
                &texts[&g.doc][g.start..g.end],
                g.speaker.as_deref().unwrap_or("-"),
                p.kind.as_str(),
                p.text,
                p.speaker.as_deref().unwrap_or("-"),
                p.via,
                p.sieve
            ));
        }
    }
    let mut extra = 0;
    for (doc, ps) in &preds {
        for p in ps {
            if !used.contains_key(&(doc.clone(), p.start, p.end, p.kind)) {
                extra += 1;
                misses.push(format!(
                    "EXTRA {} {} {:?} [{}]",
                    doc,
                    p.kind.as_str(),
                    p.text,
                    p.speaker.as_deref().unwrap_or("-")
                ));
            }
        }
    }
    for m in &misses {
        println!("{m}");
    }
    println!("kind       gold  found  exact-span  right-speaker");
    for (k, s) in &scores {
        println!(
            "{k:<9} {:>5} {:>6} {:>11} {:>14}",
            s.gold, s.found, s.exact, s.speaker
        );
    }
    println!("predictions matching no gold line: {extra}");

    let d = &scores["direct"];
    let p = &scores["partial"];
    let s = &scores["scare"];
    let i = &scores["indirect"];
    assert_eq!((d.exact, d.speaker), (d.gold, d.gold), "direct quotes");
    assert_eq!((p.exact, p.speaker), (p.gold, p.gold), "partial quotes");
    assert_eq!((s.exact, s.speaker), (s.gold, s.gold), "scare quotes");
    assert!(
        i.speaker * 10 >= i.gold * 8,
        "indirect: {} of {} with the right speaker",
        i.speaker,
        i.gold
    );
    Ok(())
}
