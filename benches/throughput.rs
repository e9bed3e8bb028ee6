//! Throughput benchmarks.
//!
//! `cargo bench --bench throughput -- classify` runs the `classify` group:
//! streaming batch classification ([`quotestance::batch::BatchClassifier`],
//! the engine of `quotestance classify`: JSONL parsing, featurisation,
//! scoring of every target and JSONL writing) of 20,000 statements generated
//! from our own templates (`benches/corpus/mod.rs`), on 1 and 2 threads, in
//! statements per second, with a model trained on `data/quotes.jsonl` at
//! start-up. Each run asserts the number of statements classified, so it can
//! never silently measure nothing.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quotestance::batch::BatchClassifier;
use quotestance::data::read_labelled;
use quotestance::StanceParams;

mod corpus;

/// Statements per measured run.
const STATEMENTS: usize = 20_000;

fn classify(c: &mut Criterion) {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data/quotes.jsonl");
    let quotes = read_labelled(data).expect("data/quotes.jsonl reads");
    let model = StanceParams::new()
        .fit(&quotes)
        .expect("the starter model trains");
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

criterion_group!(classify_benches, classify);
criterion_main!(classify_benches);
