//! Verbatim-overlap check: the longest run of consecutive words a corpus line
//! shares with a reference text (real quotes, articles). A long shared run
//! means a line was recalled, not written. Used by `tests/corpus.rs` and
//! `examples/corpus_overlap.rs` (included by path, so it is not part of
//! `common/mod.rs`).

use std::collections::{HashMap, HashSet};

/// Official names that every writer must use word for word: each counts as
/// one word, so naming them is not a long shared run.
pub const STOCK_NAMES: [&str; 5] = [
    "comprehensive strategic partnership of coordination for a new era",
    "non-alliance, non-confrontation and not targeting any third party",
    "community with a shared future for mankind",
    "permanent member of the un security council",
    "permanent member of the united nations security council",
];

/// Lower-cased word tokens: runs of letters and digits, curly apostrophes
/// folded to straight ones, so "Russia’s" and "Russia's" match; each of
/// [`STOCK_NAMES`] becomes the single token `<name>`.
pub fn words(text: &str) -> Vec<String> {
    let raw = split(text);
    let names: Vec<Vec<String>> = STOCK_NAMES.iter().map(|n| split(n)).collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    'outer: while i < raw.len() {
        for n in &names {
            if raw[i..].starts_with(n) {
                out.push("<name>".to_owned());
                i += n.len();
                continue 'outer;
            }
        }
        out.push(raw[i].clone());
        i += 1;
    }
    out
}

fn split(text: &str) -> Vec<String> {
    text.replace(['\u{2019}', '\u{2018}'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// An index of every `k`-word run of the reference texts, with where each
/// occurs (reference, word position).
pub struct Index {
    k: usize,
    grams: HashMap<Vec<String>, Vec<(usize, usize)>>,
    names: Vec<String>,
}

/// The longest run a line shares with one reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlap {
    /// Shared consecutive words (0 when no `k`-word run is shared).
    pub len: usize,
    /// The shared words.
    pub words: String,
    /// The reference the run occurs in.
    pub reference: String,
}

impl Index {
    /// An empty index of `k`-word runs.
    pub fn new(k: usize) -> Self {
        Index {
            k,
            grams: HashMap::new(),
            names: Vec::new(),
        }
    }

    /// Adds one reference text under `name`.
    pub fn add(&mut self, name: &str, text: &str) {
        let id = self.names.len();
        self.names.push(name.to_owned());
        for (p, g) in words(text).windows(self.k).enumerate() {
            self.grams.entry(g.to_vec()).or_default().push((id, p));
        }
    }

    /// The longest run of at least `k` consecutive words that `text` shares
    /// with one reference, contiguous in both.
    pub fn longest(&self, text: &str) -> Overlap {
        let w = words(text);
        let mut best = Overlap {
            len: 0,
            words: String::new(),
            reference: String::new(),
        };
        if w.len() < self.k {
            return best;
        }
        let hits: Vec<HashSet<(usize, usize)>> = w
            .windows(self.k)
            .map(|g| {
                self.grams
                    .get(g)
                    .map(|v| v.iter().copied().collect())
                    .unwrap_or_default()
            })
            .collect();
        for i in 0..hits.len() {
            for &(r, p) in &hits[i] {
                // Only runs that start here (not continuations).
                if i > 0 && p > 0 && hits[i - 1].contains(&(r, p - 1)) {
                    continue;
                }
                let mut j = i;
                while j + 1 < hits.len() && hits[j + 1].contains(&(r, p + j + 1 - i)) {
                    j += 1;
                }
                let len = j - i + self.k;
                if len > best.len {
                    best = Overlap {
                        len,
                        words: w[i..i + len].join(" "),
                        reference: self.names[r].clone(),
                    };
                }
            }
        }
        best
    }
}

/// The index of `../shared`'s real text: the dev quotes, the dev articles
/// and the seed articles, or `None` when `shared` is missing.
pub fn shared_index(shared: &std::path::Path, k: usize) -> std::io::Result<Option<Index>> {
    if !shared.join("dev/quotes.jsonl").exists() {
        return Ok(None);
    }
    let mut index = Index::new(k);
    let quotes = std::fs::read_to_string(shared.join("dev/quotes.jsonl"))?;
    for (n, line) in quotes.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| std::io::Error::other(format!("dev/quotes.jsonl, line {}: {e}", n + 1)))?;
        let id = v["id"].as_str().unwrap_or("?");
        index.add(&format!("dev quote {id}"), v["text"].as_str().unwrap_or(""));
    }
    for dir in ["dev/articles", "seeds"] {
        let mut files: Vec<_> = std::fs::read_dir(shared.join(dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f)?;
            let name = format!(
                "{dir}/{}",
                f.file_name().unwrap_or_default().to_string_lossy()
            );
            index.add(&name, &String::from_utf8_lossy(&bytes));
        }
    }
    Ok(Some(index))
}
