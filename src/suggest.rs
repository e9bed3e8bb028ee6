//! What to label next: ranks unlabelled statements by how much labelling them
//! should help the model, keeping the top of the list free of near
//! duplicates.
//!
//! Each pool statement gets an *uncertainty* from the model's probabilities,
//! per target ([`Uncertainty::Margin`]: one minus the gap between the two most
//! probable labels; [`Uncertainty::Entropy`]: the entropy of the three
//! probabilities over its maximum), and the statement's uncertainty is that of
//! its least certain target. The list is then built greedily by maximal
//! marginal relevance: each step takes the statement with the best
//! `(1 - diversity) * uncertainty - diversity * similarity`, where
//! `similarity` is the largest cosine between its feature row (the model's own
//! TF-IDF n-grams, speaker features left out) and the rows already taken; a
//! statement whose similarity reaches [`SuggestParams::max_similarity`] is
//! never taken, so two near duplicates are never both in the list.
//!
//! ```no_run
//! use quotestance::advanced::suggest::{read_pool, suggest, SuggestParams};
//! use quotestance::StanceModel;
//! # fn main() -> quotestance::Result<()> {
//! let model = StanceModel::load("models/stance.json")?;
//! let pool = read_pool("pool.jsonl")?;
//! for s in suggest(&model, &pool, &SuggestParams::new().n(10))? {
//!     println!("{} {:.3} {}", s.rank, s.score, s.reason);
//! }
//! # Ok(()) }
//! ```

mod pool;
mod reason;
pub mod sim;

pub use self::pool::{read_pool, read_pool_from, PoolStatement};

use serde::{Deserialize, Serialize};

use self::reason::reason_text;
use crate::data::{Label, Statement};
use crate::error::{Error, Result};
use crate::features::{SparseRow, Vectorizer};
use crate::model::{Probabilities, StanceModel};

/// How a target's probabilities become an uncertainty in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Uncertainty {
    /// One minus the top-2 margin: `1 - (p1 - p2)` (default).
    #[default]
    Margin,
    /// Entropy of the probabilities divided by `ln 3`.
    Entropy,
}

/// Parameters of [`suggest`] (a consuming builder).
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestParams {
    n: usize,
    uncertainty: Uncertainty,
    diversity: f64,
    max_similarity: f64,
}

impl Default for SuggestParams {
    fn default() -> Self {
        SuggestParams {
            n: 20,
            uncertainty: Uncertainty::Margin,
            diversity: 0.3,
            max_similarity: 0.6,
        }
    }
}

impl SuggestParams {
    /// Default parameters.
    pub fn new() -> Self {
        SuggestParams::default()
    }

    /// How many statements to suggest (at most; fewer when the pool is
    /// smaller or the rest are near duplicates of those taken). Default 20.
    pub fn n(mut self, n: usize) -> Self {
        self.n = n;
        self
    }

    /// The uncertainty measure. Default [`Uncertainty::Margin`].
    pub fn uncertainty(mut self, u: Uncertainty) -> Self {
        self.uncertainty = u;
        self
    }

    /// Weight of redundancy against uncertainty in the greedy choice, in
    /// `[0, 1]`: 0 ranks by uncertainty alone (near duplicates are still
    /// kept out by [`SuggestParams::max_similarity`]). Default 0.3.
    pub fn diversity(mut self, d: f64) -> Self {
        self.diversity = d;
        self
    }

    /// Cosine similarity, in `(0, 1]`, at which a statement counts as a near
    /// duplicate of one already taken and is left out. Default 0.6 (on the
    /// model's word and character n-grams, unrelated statements mostly stay
    /// below 0.3; a statement and a reworded copy of it above 0.7).
    pub fn max_similarity(mut self, s: f64) -> Self {
        self.max_similarity = s;
        self
    }

    /// Validates the parameters.
    pub fn check(&self) -> Result<()> {
        let bad = |name: &'static str, message: String| Err(Error::InvalidParam { name, message });
        if self.n == 0 {
            return bad("n", "must be at least 1".into());
        }
        if !(0.0..=1.0).contains(&self.diversity) {
            return bad("diversity", format!("{} is not in [0, 1]", self.diversity));
        }
        if !(self.max_similarity > 0.0 && self.max_similarity <= 1.0) {
            return bad(
                "max_similarity",
                format!("{} is not in (0, 1]", self.max_similarity),
            );
        }
        Ok(())
    }
}

/// A pool statement left out because it is too close to a suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearDuplicate {
    /// Its input line.
    pub line: u64,
    /// Its id, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its cosine similarity to the suggestion.
    pub similarity: f64,
    /// Its own uncertainty.
    pub uncertainty: f64,
}

/// One suggested statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// 1-based rank (the order of the greedy choice).
    pub rank: usize,
    /// Its position in the pool slice given to [`suggest`] (not written out).
    #[serde(skip)]
    pub index: usize,
    /// Its input line.
    pub line: u64,
    /// Its id, if any.
    pub id: Option<String>,
    /// Its text.
    pub text: String,
    /// Its speaker, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The greedy score when it was taken:
    /// `(1 - diversity) * uncertainty - diversity * similarity`.
    pub score: f64,
    /// Its uncertainty (that of its least certain target), in `[0, 1]`.
    pub uncertainty: f64,
    /// The least certain target.
    pub target: String,
    /// That target's most probable label.
    pub predicted: Label,
    /// That target's second most probable label.
    pub runner_up: Label,
    /// That target's top-2 margin `p1 - p2`.
    pub margin: f64,
    /// That target's probabilities.
    pub probabilities: Probabilities,
    /// Its largest cosine similarity to the suggestions ranked above it (0
    /// for the first).
    pub similarity: f64,
    /// The suggestion above it that it is most similar to, by id or line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub most_similar_to: Option<String>,
    /// Pool statements left out as near duplicates of this one (each is
    /// listed under the suggestion it is most similar to), most similar
    /// first.
    pub near_duplicates: Vec<NearDuplicate>,
    /// The same, in words.
    pub reason: String,
}

/// One target's view of a statement: `(uncertainty, target index, top, second)`.
#[derive(Debug, Clone, Copy)]
struct Doubt {
    uncertainty: f64,
    target: usize,
    top: Label,
    second: Label,
    margin: f64,
    probabilities: Probabilities,
}

/// The two most probable labels of `p` and their margin.
fn top_two(p: &Probabilities) -> (Label, Label, f64) {
    let mut labels = Label::ALL;
    // Stable: ties keep the order favor, against, none.
    labels.sort_by(|a, b| p.get(*b).total_cmp(&p.get(*a)));
    (labels[0], labels[1], p.get(labels[0]) - p.get(labels[1]))
}

/// The uncertainty of one target's probabilities, in `[0, 1]`.
pub fn target_uncertainty(p: &Probabilities, how: Uncertainty) -> f64 {
    match how {
        Uncertainty::Margin => 1.0 - top_two(p).2,
        Uncertainty::Entropy => {
            let h: f64 = Label::ALL
                .iter()
                .map(|&l| p.get(l))
                .filter(|&x| x > 0.0)
                .map(|x| -x * x.ln())
                .sum();
            (h / 3f64.ln()).clamp(0.0, 1.0)
        }
    }
}

fn doubt(pred: &[Probabilities], how: Uncertainty) -> Option<Doubt> {
    let mut best: Option<Doubt> = None;
    for (t, p) in pred.iter().enumerate() {
        let u = target_uncertainty(p, how);
        if best.is_none_or(|b| u > b.uncertainty) {
            let (top, second, margin) = top_two(p);
            best = Some(Doubt {
                uncertainty: u,
                target: t,
                top,
                second,
                margin,
                probabilities: *p,
            });
        }
    }
    best
}

/// The statement's n-gram row (speaker features dropped), L2-normalised; an
/// empty row when no n-gram of the statement is in the vocabulary.
pub fn similarity_row(vectorizer: &Vectorizer, statement: &Statement) -> SparseRow {
    let speakers = vectorizer.speaker_feature_range();
    let row = vectorizer.transform(statement);
    let mut out = SparseRow::default();
    for (i, v) in row.iter() {
        if !speakers.contains(&(i as usize)) && v != 0.0 {
            out.indices.push(i);
            out.values.push(v);
        }
    }
    let norm = out
        .values
        .iter()
        .map(|&v| (v as f64) * (v as f64))
        .sum::<f64>()
        .sqrt();
    if norm > 0.0 {
        for v in &mut out.values {
            *v = (*v as f64 / norm) as f32;
        }
    }
    out
}

/// The dot product of two sorted sparse rows (their cosine when both are
/// normalised).
pub fn cosine(a: &SparseRow, b: &SparseRow) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f64);
    while i < a.indices.len() && j < b.indices.len() {
        match a.indices[i].cmp(&b.indices[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a.values[i] as f64 * b.values[j] as f64;
                i += 1;
                j += 1;
            }
        }
    }
    s.clamp(0.0, 1.0)
}

/// Ranks `pool` for labelling with `model` (see the module documentation):
/// at most `params.n` suggestions, best first, each with its reason. Ties
/// go to the earlier line.
pub fn suggest(
    model: &StanceModel,
    pool: &[PoolStatement],
    params: &SuggestParams,
) -> Result<Vec<Suggestion>> {
    params.check()?;
    let names: Vec<&str> = model.target_names();
    let statements: Vec<Statement> = pool.iter().map(|p| p.statement.clone()).collect();
    let preds = model.predict_batch(&statements);
    let doubts: Vec<Option<Doubt>> = preds
        .iter()
        .map(|p| {
            let probs: Vec<Probabilities> = names
                .iter()
                .map(|t| p.get(*t).map(|tp| tp.probabilities).unwrap_or_default())
                .collect();
            doubt(&probs, params.uncertainty)
        })
        .collect();
    let rows: Vec<SparseRow> = statements
        .iter()
        .map(|s| similarity_row(model.vectorizer(), s))
        .collect();
    let picked = select(&doubts, &rows, params);
    Ok(describe(pool, &doubts, &rows, &picked, &names, params))
}

/// The greedy choice: `(pool index, score, similarity, most similar pick)`.
fn select(
    doubts: &[Option<Doubt>],
    rows: &[SparseRow],
    params: &SuggestParams,
) -> Vec<(usize, f64, f64, Option<usize>)> {
    let d = params.diversity;
    // Largest similarity to the picks so far, and which pick.
    let mut sim: Vec<(f64, Option<usize>)> = vec![(0.0, None); rows.len()];
    let mut open: Vec<bool> = doubts.iter().map(Option::is_some).collect();
    let mut picked = Vec::new();
    while picked.len() < params.n {
        let mut best: Option<(usize, f64)> = None;
        for (i, doubt) in doubts.iter().enumerate() {
            let Some(doubt) = doubt else { continue };
            if !open[i] {
                continue;
            }
            let score = (1.0 - d) * doubt.uncertainty - d * sim[i].0;
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((i, score));
            }
        }
        let Some((i, score)) = best else { break };
        open[i] = false;
        picked.push((i, score, sim[i].0, sim[i].1));
        for (j, row) in rows.iter().enumerate() {
            if !open[j] {
                continue;
            }
            let c = cosine(&rows[i], row);
            if c > sim[j].0 {
                sim[j] = (c, Some(i));
            }
            if c >= params.max_similarity {
                open[j] = false;
            }
        }
    }
    picked
}

fn describe(
    pool: &[PoolStatement],
    doubts: &[Option<Doubt>],
    rows: &[SparseRow],
    picked: &[(usize, f64, f64, Option<usize>)],
    names: &[&str],
    params: &SuggestParams,
) -> Vec<Suggestion> {
    // Each left-out statement goes under the pick it is most similar to.
    let mut dups: Vec<Vec<NearDuplicate>> = vec![Vec::new(); picked.len()];
    let is_picked: std::collections::HashSet<usize> = picked.iter().map(|p| p.0).collect();
    for (j, row) in rows.iter().enumerate() {
        let Some(dj) = doubts[j] else { continue };
        if is_picked.contains(&j) {
            continue;
        }
        let best = picked
            .iter()
            .enumerate()
            .map(|(k, p)| (k, cosine(&rows[p.0], row)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((k, c)) = best.filter(|b| b.1 >= params.max_similarity) {
            dups[k].push(NearDuplicate {
                line: pool[j].line,
                id: pool[j].statement.id.clone(),
                similarity: c,
                uncertainty: dj.uncertainty,
            });
        }
    }
    for list in &mut dups {
        list.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then(a.line.cmp(&b.line))
        });
    }
    picked
        .iter()
        .zip(dups)
        .enumerate()
        .map(|(rank, (&(i, score, similarity, near), near_duplicates))| {
            let d = doubts[i].expect("picked statements have a doubt");
            let item = &pool[i];
            let most_similar_to = near.map(|k| pool[k].name());
            let reason = reason_text(
                rank + 1,
                &d,
                names,
                similarity,
                most_similar_to.as_deref(),
                &near_duplicates,
                params,
            );
            Suggestion {
                rank: rank + 1,
                index: i,
                line: item.line,
                id: item.statement.id.clone(),
                text: item.statement.text.clone(),
                speaker: item.statement.speaker.clone(),
                score,
                uncertainty: d.uncertainty,
                target: names[d.target].to_owned(),
                predicted: d.top,
                runner_up: d.second,
                margin: d.margin,
                probabilities: d.probabilities,
                similarity,
                most_similar_to,
                near_duplicates,
                reason,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probs(favor: f64, against: f64, none: f64) -> Probabilities {
        Probabilities {
            favor,
            against,
            none,
        }
    }

    fn doubt_of(u: f64) -> Option<Doubt> {
        Some(Doubt {
            uncertainty: u,
            target: 0,
            top: Label::None,
            second: Label::Favor,
            margin: 1.0 - u,
            probabilities: probs(0.0, 0.0, 1.0),
        })
    }

    /// A normalised row over the given (index, weight) pairs.
    fn row(pairs: &[(u32, f32)]) -> SparseRow {
        let norm = pairs.iter().map(|p| p.1 * p.1).sum::<f32>().sqrt();
        SparseRow {
            indices: pairs.iter().map(|p| p.0).collect(),
            values: pairs.iter().map(|p| p.1 / norm).collect(),
        }
    }

    fn order(picked: &[(usize, f64, f64, Option<usize>)]) -> Vec<usize> {
        picked.iter().map(|p| p.0).collect()
    }

    #[test]
    fn uncertainty_measures_have_the_expected_values() {
        let m = |p| target_uncertainty(&p, Uncertainty::Margin);
        let e = |p| target_uncertainty(&p, Uncertainty::Entropy);
        assert!((m(probs(0.5, 0.4, 0.1)) - 0.9).abs() < 1e-12);
        assert!((m(probs(0.0, 0.0, 1.0)) - 0.0).abs() < 1e-12);
        assert!((e(probs(1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0)) - 1.0).abs() < 1e-12);
        assert_eq!(e(probs(0.0, 0.0, 1.0)), 0.0);
        assert_eq!(top_two(&probs(0.2, 0.5, 0.3)).0, Label::Against);
        assert_eq!(top_two(&probs(0.2, 0.5, 0.3)).1, Label::None);
    }

    #[test]
    fn the_least_certain_target_decides() {
        let d = doubt(
            &[
                probs(0.05, 0.05, 0.9),
                probs(0.45, 0.1, 0.45),
                probs(0.1, 0.2, 0.7),
            ],
            Uncertainty::Margin,
        )
        .unwrap();
        assert_eq!(d.target, 1);
        assert!((d.uncertainty - 1.0).abs() < 1e-12);
        assert_eq!((d.top, d.second), (Label::Favor, Label::None));
    }

    #[test]
    fn the_most_uncertain_come_first() {
        let doubts = [doubt_of(0.2), doubt_of(0.9), doubt_of(0.5), doubt_of(0.7)];
        let rows: Vec<SparseRow> = (0..4).map(|i| row(&[(i, 1.0)])).collect();
        for d in [0.0, 0.3, 0.9] {
            let params = SuggestParams::new().n(4).diversity(d);
            assert_eq!(
                order(&select(&doubts, &rows, &params)),
                [1, 3, 2, 0],
                "diversity {d}"
            );
        }
        let params = SuggestParams::new().n(2);
        assert_eq!(order(&select(&doubts, &rows, &params)), [1, 3]);
    }

    #[test]
    fn a_duplicate_pair_is_never_both_in_the_list() {
        // 0 and 2 are the same text, 1 and 3 nearly so; all four are the
        // most uncertain of the pool.
        let doubts = [
            doubt_of(0.95),
            doubt_of(0.9),
            doubt_of(0.95),
            doubt_of(0.92),
            doubt_of(0.3),
            doubt_of(0.1),
        ];
        let rows = vec![
            row(&[(1, 1.0), (2, 1.0)]),
            row(&[(5, 1.0), (6, 1.0), (7, 0.2)]),
            row(&[(1, 1.0), (2, 1.0)]),
            row(&[(5, 1.0), (6, 1.0), (8, 0.3)]),
            row(&[(10, 1.0)]),
            row(&[(11, 1.0)]),
        ];
        for d in [0.0, 0.3] {
            let params = SuggestParams::new().n(6).diversity(d);
            let picked = order(&select(&doubts, &rows, &params));
            assert_eq!(
                picked,
                [0, 3, 4, 5],
                "diversity {d}: ties go to the earlier line"
            );
        }
    }

    #[test]
    fn diversity_trades_uncertainty_for_novelty() {
        // 1 shares half its features with 0 (cosine 0.5, under the cap).
        let doubts = [doubt_of(0.9), doubt_of(0.85), doubt_of(0.8)];
        let rows = vec![
            row(&[(1, 1.0), (2, 1.0)]),
            row(&[(1, 1.0), (3, 1.0)]),
            row(&[(4, 1.0)]),
        ];
        let by = |d: f64| {
            order(&select(
                &doubts,
                &rows,
                &SuggestParams::new().n(3).diversity(d),
            ))
        };
        assert_eq!(by(0.0), [0, 1, 2]);
        assert_eq!(by(0.3), [0, 2, 1]);
    }

    #[test]
    fn reasons_name_the_target_and_the_near_duplicates_left_out() {
        let pool: Vec<PoolStatement> = ["a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(i, t)| {
                PoolStatement::new(i as u64 + 1, Statement::new(*t).with_id(format!("q{i}")))
            })
            .collect();
        let doubts = [doubt_of(0.9), doubt_of(0.8), doubt_of(0.5)];
        let rows = vec![
            row(&[(1, 1.0)]),
            row(&[(1, 1.0), (2, 0.2)]),
            row(&[(3, 1.0)]),
        ];
        let params = SuggestParams::new().n(3);
        let picked = select(&doubts, &rows, &params);
        let list = describe(&pool, &doubts, &rows, &picked, &["us"], &params);
        assert_eq!(list.len(), 2);
        assert_eq!((list[0].rank, list[0].line, list[0].index), (1, 1, 0));
        assert_eq!(list[0].near_duplicates.len(), 1);
        assert_eq!(list[0].near_duplicates[0].id.as_deref(), Some("q1"));
        assert!(
            list[0].reason.starts_with("us: none 1.00 vs favor 0.00"),
            "{}",
            list[0].reason
        );
        assert!(
            list[0]
                .reason
                .contains("picked over 1 near duplicate left out: q1 (cosine 0.98"),
            "{}",
            list[0].reason
        );
        assert_eq!(list[1].id.as_deref(), Some("q2"));
        assert_eq!(list[1].most_similar_to, None);
        assert_eq!(list[1].similarity, 0.0);
        assert!(
            list[1]
                .reason
                .contains("; no n-gram in common with the suggestions above"),
            "{}",
            list[1].reason
        );
    }

    #[test]
    fn parameters_are_checked() {
        for (p, name) in [
            (SuggestParams::new().n(0), "n"),
            (SuggestParams::new().diversity(1.5), "diversity"),
            (SuggestParams::new().max_similarity(0.0), "max_similarity"),
        ] {
            match p.check() {
                Err(Error::InvalidParam { name: n, .. }) => assert_eq!(n, name),
                other => panic!("{name}: {other:?}"),
            }
        }
    }
}
