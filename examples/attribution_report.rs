//! The per-sieve report on the dev set: for every sieve, how many
//! attributions it made on `../shared/dev/`, how many match a gold line with
//! the right speaker and kind, how many match one wrongly, and how many match
//! none; then the per-kind table of the dev set and of the seeds. Rewrites
//! the part of `docs/attribution.md` between its report markers.
//!
//! ```text
//! cargo run --release --example attribution_report            # print and update the doc
//! cargo run --release --example attribution_report -- --check # print only
//! ```

#[path = "../tests/common/gold.rs"]
mod gold;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use quotestance::advanced::extract::Sieve;
use quotestance::Extractor;
use quotestance::SpeakerTable;

const START: &str = "<!-- attribution_report:start -->";
const END: &str = "<!-- attribution_report:end -->";

#[derive(Default)]
struct Row {
    made: usize,
    right: usize,
    wrong: usize,
    unmatched: usize,
}

fn sieve_name(q: &quotestance::Quote) -> String {
    match q.sieve {
        Some(s) => serde_json::to_value(s)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        None => "(none: no speaker)".to_string(),
    }
}

fn per_sieve(run: &gold::Run) -> BTreeMap<String, Row> {
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut matched: BTreeMap<(String, usize), bool> = BTreeMap::new();
    for o in &run.outcomes {
        if let Some(p) = o.pred {
            let e = matched.entry((o.gold.doc.clone(), p)).or_insert(false);
            *e |= o.right;
        }
    }
    for (doc, ps) in &run.preds {
        for (i, p) in ps.iter().enumerate() {
            let row = rows.entry(sieve_name(p)).or_default();
            row.made += 1;
            match matched.get(&(doc.clone(), i)) {
                Some(true) => row.right += 1,
                Some(false) => row.wrong += 1,
                None => row.unmatched += 1,
            }
        }
    }
    rows
}

/// Right-speaker counts on the dev set: direct+partial and indirect.
fn right_counts(run: &gold::Run) -> (usize, usize) {
    let s = |k: &str| run.scores.get(k).map_or(0, |s| s.speaker);
    (s("direct") + s("partial"), s("indirect"))
}

/// The dev right-speaker counts with each sieve switched off in turn.
fn ablation(full: &gold::Run, dev: &Path) -> anyhow::Result<String> {
    let (m0, i0) = right_counts(full);
    let mut out = format!(
        "\nAblation on the dev set: right-speaker counts with one sieve switched off \
         (`Extractor::without`), against {m0} direct+partial and {i0} indirect with all on.\n\n\
         | sieve off | direct+partial right | change | indirect right | change |\n\
         |---|---:|---:|---:|---:|\n"
    );
    for s in Sieve::ALL {
        let ex = Extractor::new(SpeakerTable::builtin()).without(s);
        let (m, i) = right_counts(&gold::score(&ex, dev, true)?);
        out += &format!(
            "| `{}` | {m} | {:+} | {i} | {:+} |\n",
            s.as_str(),
            m as i64 - m0 as i64,
            i as i64 - i0 as i64
        );
    }
    Ok(out)
}

fn main() -> anyhow::Result<()> {
    /// The per-sieve attribution table over the dev and seed articles.
    #[derive(clap::Parser)]
    struct Args {
        /// Print the report only (do not rewrite docs/attribution.md).
        #[arg(long)]
        check: bool,
    }
    let Args { check } = clap::Parser::parse();
    let ex = Extractor::new(SpeakerTable::builtin());
    let dev = gold::shared_dir("dev").context("../shared/dev is missing")?;
    let seeds = gold::shared_dir("seeds").context("../shared/seeds is missing")?;
    let run = gold::score(&ex, &dev, true)?;
    let seed_run = gold::score(&ex, &seeds, false)?;

    let mut out = String::new();
    out += "Per sieve on the dev set (`../shared/dev`, 25 articles): predictions the sieve made, \
            those matching a gold line with the right speaker and kind, those matching one \
            wrongly (speaker or kind), and those matching no gold line.\n\n";
    out += "| sieve | made | right | wrong | no gold line |\n|---|---:|---:|---:|---:|\n";
    let rows = per_sieve(&run);
    let mut order: Vec<_> = rows.iter().collect();
    order.sort_by_key(|(_, r)| std::cmp::Reverse(r.made));
    for (name, r) in order {
        out += &format!(
            "| `{name}` | {} | {} | {} | {} |\n",
            r.made, r.right, r.wrong, r.unmatched
        );
    }
    out += &ablation(&run, &dev)?;
    out += "\nDev set per kind (lenient on the README's soft spots):\n\n```text\n";
    out += &run.table();
    out += "```\n\nSeeds per kind (strict):\n\n```text\n";
    out += &seed_run.table();
    out += "```\n";
    print!("{out}");

    if !check {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/attribution.md");
        let doc = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        let (Some(a), Some(b)) = (doc.find(START), doc.find(END)) else {
            anyhow::bail!("{}: report markers not found", path.display());
        };
        let new = format!("{}{START}\n{out}{}", &doc[..a], &doc[b..]);
        std::fs::write(&path, new).with_context(|| path.display().to_string())?;
        eprintln!("updated {}", path.display());
    }
    Ok(())
}
