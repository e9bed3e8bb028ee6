//! Prints N generated statements as JSONL (the benchmark corpus of
//! `benches/corpus/mod.rs`), streaming, so N can be large.
//!
//! ```text
//! cargo run --release --example gen_corpus -- 1000000 [SEED] > /tmp/statements.jsonl
//! ```

use std::io::{BufWriter, Write};

#[path = "../benches/corpus/mod.rs"]
mod corpus;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let out = std::io::stdout().lock();
    let mut out = BufWriter::new(out);
    // In batches, so memory stays small for any N.
    let batch = 10_000;
    let mut done = 0;
    while done < n {
        let k = batch.min(n - done);
        let statements = corpus::statements(k, seed.wrapping_add(done as u64));
        for (i, mut s) in statements.into_iter().enumerate() {
            s.id = Some(format!("g{}", done + i));
            serde_json::to_writer(&mut out, &s)?;
            out.write_all(b"\n")?;
        }
        done += k;
    }
    out.flush()
}
