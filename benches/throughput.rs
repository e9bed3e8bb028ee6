//! Throughput benchmarks.
//!
//! * `cargo bench --bench throughput -- extract`: quotation extraction and
//!   attribution over ~1 MB of the real-news dev articles
//!   (`../shared/dev/articles`, repeated), in MB/s, asserting the number of
//!   quotations found.
//! * `cargo bench --bench throughput -- classify`: streaming batch
//!   classification ([`quotestance::batch::BatchClassifier`], the engine of
//!   `quotestance classify`: JSONL parsing, featurisation, scoring of every
//!   target and JSONL writing) of 20,000 statements generated from our own
//!   templates (`benches/corpus/mod.rs`) with the shipped model, on 1 and 2
//!   threads, in statements per second, asserting the number classified.
//!
//! Each group checks the work it did, so it can never silently measure nothing.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use quotestance::batch::BatchClassifier;
use quotestance::Extractor;
use quotestance::SpeakerTable;
use quotestance::StanceModel;

mod corpus;

/// About this many bytes of text per benchmark corpus.
const CORPUS_BYTES: usize = 1 << 20;

/// The real-news dev articles (`../shared/dev/articles/*.txt`, read from
/// there, never copied), so the figure does not move with our fixtures.
/// Without them (outside CI) the fixtures of `tests/fixtures/` stand in,
/// with a note; under `CI=true` their absence is a failure.
fn articles() -> Vec<String> {
    let dev = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/articles");
    let dir = if std::path::Path::new(dev).is_dir() {
        dev
    } else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI=true but {dev} is missing"
        );
        eprintln!("note: {dev} is missing; measuring over tests/fixtures instead");
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("the article directory exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("article is UTF-8"))
        .collect()
}

/// The articles repeated until the corpus holds ~`CORPUS_BYTES`.
fn corpus() -> Vec<String> {
    let base = articles();
    assert!(!base.is_empty(), "no fixture articles");
    let mut out = Vec::new();
    let mut bytes = 0;
    while bytes < CORPUS_BYTES {
        for a in &base {
            bytes += a.len();
            out.push(a.clone());
        }
    }
    out
}

fn extract(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let ex = Extractor::new(SpeakerTable::builtin());
    let count = |ex: &Extractor| docs.iter().map(|d| ex.extract(d).len()).sum::<usize>();
    // Per repetition of the article set, the articles give this many quotations.
    let per_set: usize = articles().iter().map(|a| ex.extract(a).len()).sum();
    let sets = docs.len() / articles().len();
    let expected = per_set * sets;
    assert!(
        per_set >= 40,
        "the articles should give dozens of quotations, got {per_set}"
    );
    assert_eq!(count(&ex), expected);

    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("dev_articles_1mb", |b| {
        b.iter(|| {
            let n: usize = docs.iter().map(|d| ex.extract(black_box(d)).len()).sum();
            assert_eq!(n, expected);
            n
        })
    });
    group.finish();
}

/// Statements per measured run.
const STATEMENTS: usize = 20_000;

fn classify(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/models/stance.json");
    let model = StanceModel::load(path).expect("the shipped model loads");
    let input = corpus::jsonl(&corpus::statements(STATEMENTS, 42));

    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(STATEMENTS as u64));
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(8));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        let batch = BatchClassifier::new(&model);
        group.bench_function(format!("{threads}_threads"), |b| {
            b.iter(|| {
                let summary = pool
                    .install(|| batch.run(input.as_bytes(), std::io::sink(), &mut ()))
                    .expect("classification runs");
                assert_eq!(summary.classified, STATEMENTS as u64);
                assert_eq!(summary.failed, 0);
                summary
            })
        });
    }
    group.finish();
}

criterion_group!(benches, extract, classify);
criterion_main!(benches);
