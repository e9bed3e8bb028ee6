//! Extraction time per MB on texts built to make a quadratic extractor
//! stall (issue #12): generated here at bench time, never committed.
//!
//! `cargo bench --bench pathological` measures each text at 100 KB and 1 MB
//! (and 10 MB with `QS_BENCH_10MB=1`), with the dev-like peer
//! `no_full_stops` in the same run; criterion reports MB/s, which is flat
//! across sizes when extraction is linear. Each run asserts the work it did
//! (the tokens it read), so it can never silently measure nothing.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use quotestance::Extractor;
use quotestance::SpeakerTable;

/// The repeated units of the texts measured (our own words).
const UNITS: &[(&str, &str)] = &[
    (
        "no_full_stops",
        "Wang Yi said the talks went well and Lavrov told reporters that the ties \
         would grow while the ministry said it agreed ",
    ),
    ("nested_reports", "He said that he told him that she said "),
    ("said", "said "),
    ("quoted_as_saying", "quoted as saying "),
    ("according_to", "according to "),
    ("told_reporters", "told reporters "),
    ("quotations", "“we agree” "),
];

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

fn pathological(c: &mut Criterion) {
    let ex = Extractor::new(SpeakerTable::builtin());
    let mut sizes = vec![100_000, 1_000_000];
    if std::env::var("QS_BENCH_10MB").is_ok_and(|v| v == "1") {
        sizes.push(10_000_000);
    }
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for (name, unit) in UNITS {
        for &size in &sizes {
            let text = repeat_to(unit, size);
            let tokens = ex.extract_with_work(&text).1.tokens;
            assert!(
                tokens > size / 20,
                "{name}: {tokens} tokens in {size} bytes"
            );
            group.throughput(Throughput::Bytes(size as u64));
            group.bench_with_input(BenchmarkId::new(*name, size), &text, |b, text| {
                b.iter(|| {
                    let (quotes, work) = ex.extract_with_work(black_box(text));
                    assert_eq!(work.tokens, tokens);
                    quotes.len()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, pathological);
criterion_main!(benches);
