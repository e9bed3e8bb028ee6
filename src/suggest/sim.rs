//! A simulated labelling loop: does labelling what [`suggest`](super::suggest)
//! picks help more than labelling at random?
//!
//! The labelled real quotes are split by source page (the pages of one
//! stratified, grouped fold are the test part, the rest the pool). Starting
//! from a model trained on the corpus alone, each round adds
//! [`SimConfig::batch`] pool quotes, with their gold labels, to the training
//! data, retrains and scores the test part (mean per-target F_avg). The
//! *suggested* arm takes the quotes [`suggest`](super::suggest) ranks first
//! under the current model; each *random* arm takes them in a seeded random
//! order. Every arm starts from the same first model.

use std::collections::BTreeMap;
use std::fmt;

use super::{suggest, PoolStatement, SuggestParams};
use crate::data::{Label, LabelledQuote};
use crate::error::{Error, Result};
use crate::eval::{stratified_group_folds, SeededRng};
use crate::model::{StanceModel, StanceParams};
use crate::newscv::stratum;

/// Settings of [`simulate`].
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// The labelled real quotes' pages are split into this many stratified
    /// folds; fold 0 is the test part (at least 2).
    pub test_folds: usize,
    /// Seed of that split.
    pub split_seed: u64,
    /// Rounds of labelling.
    pub rounds: usize,
    /// Quotes added per round.
    pub batch: usize,
    /// One random arm per seed.
    pub random_seeds: Vec<u64>,
    /// How the suggested arm ranks (its `n` is replaced by `batch`).
    pub suggest: SuggestParams,
    /// Training parameters of every retraining (a fixed alpha and no folds
    /// keep it fast).
    pub params: StanceParams,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            test_folds: 3,
            split_seed: 42,
            rounds: 5,
            batch: 20,
            random_seeds: vec![1, 2, 3],
            suggest: SuggestParams::default(),
            params: StanceParams::new().folds(0).alpha(0.1),
        }
    }
}

/// One point of a curve: the score after a round.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Real quotes added to the training data so far.
    pub added: usize,
    /// Pool quotes not added yet.
    pub pool_left: usize,
    /// Mean per-target F_avg on the test part (0..1).
    pub mean_f_avg: f64,
    /// F_avg per target.
    pub f_avg: BTreeMap<String, f64>,
}

/// One arm of the simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// `suggested` or `random seed S`.
    pub arm: String,
    /// Round 0 (corpus only) first, then one point per round.
    pub points: Vec<Point>,
    /// The added quotes, as indices into the labelled real quotes, in the
    /// order they were added.
    pub added: Vec<usize>,
}

/// What [`simulate`] measured.
#[derive(Debug, Clone, PartialEq)]
pub struct SimReport {
    /// Indices (into the labelled real quotes) of the test part.
    pub test: Vec<usize>,
    /// Indices of the pool.
    pub pool: Vec<usize>,
    /// Distinct pages of the test part and of the pool.
    pub pages: (usize, usize),
    /// The suggested arm.
    pub suggested: Curve,
    /// The random arms, one per seed.
    pub random: Vec<Curve>,
}

/// Mean and sample standard deviation (0 for fewer than two values).
pub fn mean_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let mean = values.iter().sum::<f64>() / n;
    if values.len() < 2 {
        return (mean, 0.0);
    }
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, var.sqrt())
}

impl SimReport {
    /// Mean ± sd of the random arms' mean F_avg at round `r`.
    pub fn random_at(&self, r: usize) -> (f64, f64) {
        let v: Vec<f64> = self
            .random
            .iter()
            .filter_map(|c| c.points.get(r).map(|p| p.mean_f_avg))
            .collect();
        mean_sd(&v)
    }
}

impl fmt::Display for SimReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "test part: {} quotes from {} pages; pool: {} quotes from {} pages; {} random seed(s)",
            self.test.len(),
            self.pages.0,
            self.pool.len(),
            self.pages.1,
            self.random.len()
        )?;
        writeln!(f, "| added | suggested F_avg | random F_avg (mean ± sd) |")?;
        writeln!(f, "|---:|---:|---:|")?;
        for (r, p) in self.suggested.points.iter().enumerate() {
            let (m, sd) = self.random_at(r);
            writeln!(
                f,
                "| {} | {:.1} | {:.1} ± {:.1} |",
                p.added,
                100.0 * p.mean_f_avg,
                100.0 * m,
                100.0 * sd
            )?;
        }
        Ok(())
    }
}

fn score(model: &StanceModel, test: &[LabelledQuote], added: usize, left: usize) -> Point {
    let eval = model.evaluate(test);
    let f_avg: BTreeMap<String, f64> = eval
        .targets
        .iter()
        .map(|(t, c)| (t.clone(), c.f_avg()))
        .collect();
    let mean_f_avg = if f_avg.is_empty() {
        0.0
    } else {
        f_avg.values().sum::<f64>() / f_avg.len() as f64
    };
    Point {
        added,
        pool_left: left,
        mean_f_avg,
        f_avg,
    }
}

/// What every arm starts from.
struct Setup<'a> {
    corpus: &'a [LabelledQuote],
    real: &'a [&'a LabelledQuote],
    test: &'a [LabelledQuote],
    pool: &'a [usize],
    first: &'a StanceModel,
    start: &'a Point,
    config: &'a SimConfig,
}

/// Runs one arm: `pick` chooses the next batch (indices into `left`) from
/// the current model and what is left of the pool.
fn run_arm(
    arm: String,
    setup: &Setup<'_>,
    mut pick: impl FnMut(&StanceModel, &[usize]) -> Result<Vec<usize>>,
) -> Result<Curve> {
    let mut left: Vec<usize> = setup.pool.to_vec();
    let mut train: Vec<LabelledQuote> = setup.corpus.to_vec();
    let mut added = Vec::new();
    let mut points = vec![setup.start.clone()];
    let mut model = setup.first.clone();
    for _ in 0..setup.config.rounds {
        if left.is_empty() {
            break;
        }
        let mut chosen = pick(&model, &left)?;
        chosen.sort_unstable();
        chosen.dedup();
        for &k in chosen.iter().rev() {
            let q = left.remove(k);
            added.push(q);
            train.push(setup.real[q].clone());
        }
        model = setup.config.params.clone().fit(&train)?;
        points.push(score(&model, setup.test, added.len(), left.len()));
    }
    Ok(Curve { arm, points, added })
}

/// Runs the simulation over `corpus` (always in training) and the labelled
/// quotes of `real` (unlabelled ones are skipped), grouped by `source`.
pub fn simulate(
    corpus: &[LabelledQuote],
    real: &[LabelledQuote],
    config: &SimConfig,
) -> Result<SimReport> {
    let bad = |name: &'static str, message: &str| {
        Err(Error::InvalidParam {
            name,
            message: message.into(),
        })
    };
    if config.test_folds < 2 {
        return bad("test_folds", "must be at least 2");
    }
    if config.batch == 0 {
        return bad("batch", "must be at least 1");
    }
    let real: Vec<&LabelledQuote> = real.iter().filter(|q| !q.stance.is_empty()).collect();
    let labels: Vec<Label> = real.iter().map(|q| stratum(q)).collect();
    let groups: Vec<Option<&str>> = real.iter().map(|q| q.source.as_deref()).collect();
    let fold = stratified_group_folds(&labels, &groups, config.test_folds, config.split_seed);
    let (test_idx, pool): (Vec<usize>, Vec<usize>) = (0..real.len()).partition(|&i| fold[i] == 0);
    let test: Vec<LabelledQuote> = test_idx.iter().map(|&i| real[i].clone()).collect();
    let pages = |idx: &[usize]| {
        idx.iter()
            .map(|&i| real[i].source.as_deref())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    let pages = (pages(&test_idx), pages(&pool));
    let first = config.params.clone().fit(corpus)?;
    let start = score(&first, &test, 0, pool.len());
    let suggest_params = config.suggest.clone().n(config.batch);
    let setup = Setup {
        corpus,
        real: &real,
        test: &test,
        pool: &pool,
        first: &first,
        start: &start,
        config,
    };
    let suggested = run_arm("suggested".into(), &setup, |model, left| {
        let items: Vec<PoolStatement> = left
            .iter()
            .map(|&q| PoolStatement::new(q as u64 + 1, real[q].statement()))
            .collect();
        let mut picks: Vec<usize> = suggest(model, &items, &suggest_params)?
            .into_iter()
            .map(|s| s.index)
            .collect();
        // Near duplicates can leave the list short: fill it from the
        // most uncertain of the rest, so every arm adds `batch`.
        if picks.len() < config.batch.min(left.len()) {
            let all = suggest(
                model,
                &items,
                &suggest_params
                    .clone()
                    .diversity(0.0)
                    .max_similarity(1.0)
                    .n(left.len()),
            )?;
            for s in all {
                if picks.len() >= config.batch {
                    break;
                }
                if !picks.contains(&s.index) {
                    picks.push(s.index);
                }
            }
        }
        Ok(picks)
    })?;
    let mut random = Vec::new();
    for &seed in &config.random_seeds {
        let mut rng = SeededRng::new(seed);
        let curve = run_arm(format!("random seed {seed}"), &setup, |_, left| {
            let mut order: Vec<usize> = (0..left.len()).collect();
            rng.shuffle(&mut order);
            order.truncate(config.batch);
            Ok(order)
        })?;
        random.push(curve);
    }
    Ok(SimReport {
        test: test_idx,
        pool,
        pages,
        suggested,
        random,
    })
}
