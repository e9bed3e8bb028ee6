//! Evaluation: confusion matrices, per-class precision/recall/F1, macro-F1,
//! accuracy, the SemEval-2016 F_avg, and stratified, grouped, seeded k-fold
//! assignment.
//!
//! These are our own metrics, not linfa's: linfa's multi-class `f_score` is
//! the F of macro precision and macro recall, and its confusion matrix is
//! indexed `[pred, truth]`. Here rows are the truth and columns the
//! prediction, in [`Label::ALL`] order (favor, against, none).

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::data::Label;

/// The seeded generator of shuffles and fold assignment (SplitMix64).
pub use crate::splitmix::SeededRng;

/// A 3×3 confusion matrix: `counts[truth][predicted]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confusion {
    /// Counts, rows = truth, columns = prediction, in [`Label::ALL`] order.
    pub counts: [[u64; 3]; 3],
}

/// Precision, recall, F1 and support of one class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassScores {
    /// TP / (TP + FP); 0 when the class is never predicted.
    pub precision: f64,
    /// TP / (TP + FN); 0 when the class never occurs.
    pub recall: f64,
    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub f1: f64,
    /// Number of true examples of the class.
    pub support: u64,
}

impl Confusion {
    /// Adds one (truth, prediction) pair.
    pub fn add(&mut self, truth: Label, predicted: Label) {
        self.counts[truth.index()][predicted.index()] += 1;
    }

    /// Builds a matrix from pairs.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (Label, Label)>) -> Self {
        let mut c = Confusion::default();
        for (t, p) in pairs {
            c.add(t, p);
        }
        c
    }

    /// Adds another matrix's counts (pooling).
    pub fn merge(&mut self, other: &Confusion) {
        for i in 0..3 {
            for j in 0..3 {
                self.counts[i][j] += other.counts[i][j];
            }
        }
    }

    /// Total number of examples.
    pub fn total(&self) -> u64 {
        self.counts.iter().flatten().sum()
    }

    /// Scores of one class.
    pub fn class(&self, label: Label) -> ClassScores {
        let k = label.index();
        let tp = self.counts[k][k] as f64;
        let predicted: u64 = (0..3).map(|t| self.counts[t][k]).sum();
        let support: u64 = self.counts[k].iter().sum();
        let precision = if predicted == 0 {
            0.0
        } else {
            tp / predicted as f64
        };
        let recall = if support == 0 {
            0.0
        } else {
            tp / support as f64
        };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        ClassScores {
            precision,
            recall,
            f1,
            support,
        }
    }

    /// Fraction of correct predictions (0 for an empty matrix).
    pub fn accuracy(&self) -> f64 {
        let total = self.total();
        if total == 0 {
            return 0.0;
        }
        (0..3).map(|k| self.counts[k][k]).sum::<u64>() as f64 / total as f64
    }

    /// Mean of the three per-class F1 scores (a class absent from both truth
    /// and predictions counts as 0, so compare macro-F1 only across the same
    /// label sets).
    pub fn macro_f1(&self) -> f64 {
        Label::ALL.iter().map(|&l| self.class(l).f1).sum::<f64>() / 3.0
    }

    /// SemEval-2016 Task 6's F_avg: the mean of F1(favor) and F1(against);
    /// `none` is not averaged in.
    pub fn f_avg(&self) -> f64 {
        (self.class(Label::Favor).f1 + self.class(Label::Against).f1) / 2.0
    }

    /// The summary scores of this matrix.
    pub fn scores(&self) -> Scores {
        Scores {
            f_avg: self.f_avg(),
            macro_f1: self.macro_f1(),
            accuracy: self.accuracy(),
            favor: self.class(Label::Favor),
            against: self.class(Label::Against),
            none: self.class(Label::None),
            n: self.total(),
        }
    }
}

/// The summary scores of a confusion matrix.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// (F1 favor + F1 against) / 2.
    pub f_avg: f64,
    /// Mean F1 over the three labels.
    pub macro_f1: f64,
    /// Fraction correct.
    pub accuracy: f64,
    /// Scores of `favor`.
    pub favor: ClassScores,
    /// Scores of `against`.
    pub against: ClassScores,
    /// Scores of `none`.
    pub none: ClassScores,
    /// Number of examples.
    pub n: u64,
}

/// An evaluation over several targets: a confusion matrix per target and
/// their pool, and the confidences behind the calibration error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Per-target confusion matrices.
    pub targets: BTreeMap<String, Confusion>,
    /// Top-class probabilities and correctness, when predictions with
    /// probabilities were recorded ([`Evaluation::add_confidence`]).
    #[serde(default)]
    pub calibration: Calibration,
}

/// (top-class probability, correct) pairs of judged (quote, target)
/// predictions, all and on favor/against gold, for the expected
/// calibration error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Every judged pair.
    pub all: Vec<(f64, bool)>,
    /// The pairs whose gold label is favor or against.
    pub opinion: Vec<(f64, bool)>,
}

impl Calibration {
    /// Records one prediction: its gold label, predicted label and the
    /// predicted label's probability.
    pub fn add(&mut self, truth: Label, predicted: Label, top: f64) {
        let pair = (top, truth == predicted);
        self.all.push(pair);
        if truth != Label::None {
            self.opinion.push(pair);
        }
    }

    /// Expected calibration error over every pair, in percent.
    pub fn ece(&self) -> f64 {
        ece(&self.all)
    }

    /// Expected calibration error on favor/against gold, in percent.
    pub fn ece_opinion(&self) -> f64 {
        ece(&self.opinion)
    }

    /// Mean top-class probability and accuracy of `pairs`, in percent.
    pub fn confidence_and_accuracy(pairs: &[(f64, bool)]) -> (f64, f64) {
        let n = pairs.len().max(1) as f64;
        let conf = pairs.iter().map(|x| x.0).sum::<f64>() / n;
        let acc = pairs.iter().filter(|x| x.1).count() as f64 / n;
        (100.0 * conf, 100.0 * acc)
    }
}

impl fmt::Display for Calibration {
    /// One line: ECE overall and on favor/against gold, with the latter's
    /// mean confidence and accuracy.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (c, a) = Calibration::confidence_and_accuracy(&self.opinion);
        write!(
            f,
            "ECE all {:.1} (n={}); on favor/against gold {:.1} (n={}, mean confidence {c:.1}, accuracy {a:.1})",
            self.ece(),
            self.all.len(),
            self.ece_opinion(),
            self.opinion.len()
        )
    }
}

impl Evaluation {
    /// Records one prediction for `target`.
    pub fn add(&mut self, target: &str, truth: Label, predicted: Label) {
        self.targets
            .entry(target.to_owned())
            .or_default()
            .add(truth, predicted);
    }

    /// Records one prediction with its top-class probability `top`: the
    /// confusion matrix of `target` and the calibration pairs.
    pub fn add_confidence(&mut self, target: &str, truth: Label, predicted: Label, top: f64) {
        self.add(target, truth, predicted);
        self.calibration.add(truth, predicted, top);
    }

    /// All targets' matrices summed (the SemEval "micro over targets" pool).
    pub fn pooled(&self) -> Confusion {
        let mut c = Confusion::default();
        for m in self.targets.values() {
            c.merge(m);
        }
        c
    }

    /// Mean over targets of per-target macro-F1.
    pub fn mean_target_macro_f1(&self) -> f64 {
        if self.targets.is_empty() {
            return 0.0;
        }
        self.targets.values().map(Confusion::macro_f1).sum::<f64>() / self.targets.len() as f64
    }
}

fn pct(x: f64) -> String {
    format!("{:5.1}", 100.0 * x)
}

/// Writes a human-readable report of one confusion matrix.
pub fn write_confusion_report(f: &mut impl fmt::Write, title: &str, c: &Confusion) -> fmt::Result {
    let s = c.scores();
    writeln!(
        f,
        "{title}: n={}  F_avg {}  macro-F1 {}  accuracy {}",
        s.n,
        pct(s.f_avg),
        pct(s.macro_f1),
        pct(s.accuracy)
    )?;
    writeln!(
        f,
        "  {:<8} {:>9} {:>9} {:>9} {:>8}",
        "label", "precision", "recall", "F1", "support"
    )?;
    for l in Label::ALL {
        let cs = c.class(l);
        writeln!(
            f,
            "  {:<8} {:>9} {:>9} {:>9} {:>8}",
            l.as_str(),
            pct(cs.precision),
            pct(cs.recall),
            pct(cs.f1),
            cs.support
        )?;
    }
    writeln!(f, "  confusion (rows = truth, columns = predicted)")?;
    writeln!(
        f,
        "  {:<8} {:>8} {:>8} {:>8}",
        "", "favor", "against", "none"
    )?;
    for l in Label::ALL {
        let r = c.counts[l.index()];
        writeln!(f, "  {:<8} {:>8} {:>8} {:>8}", l.as_str(), r[0], r[1], r[2])?;
    }
    Ok(())
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (t, c) in &self.targets {
            write_confusion_report(f, &format!("target {t}"), c)?;
        }
        if self.targets.len() > 1 {
            write_confusion_report(f, "pooled over targets", &self.pooled())?;
        }
        if !self.calibration.all.is_empty() {
            writeln!(
                f,
                "calibration ({ECE_BINS} bins of the top-class probability): {}",
                self.calibration
            )?;
        }
        Ok(())
    }
}

/// Number of confidence bins of the expected calibration error.
pub const ECE_BINS: usize = 10;

/// Expected calibration error (10 equal-width bins of the top-class
/// probability), in percent; 0 for no pairs.
pub fn ece(pairs: &[(f64, bool)]) -> f64 {
    if pairs.is_empty() {
        return 0.0;
    }
    let mut bins = [(0.0f64, 0.0f64, 0usize); ECE_BINS];
    for &(p, ok) in pairs {
        let b = ((p * ECE_BINS as f64) as usize).min(ECE_BINS - 1);
        bins[b].0 += p;
        bins[b].1 += if ok { 1.0 } else { 0.0 };
        bins[b].2 += 1;
    }
    let n = pairs.len() as f64;
    100.0
        * bins
            .iter()
            .filter(|b| b.2 > 0)
            .map(|b| (b.0 - b.1).abs() / n)
            .sum::<f64>()
}

/// Assigns each example to one of `k` folds, stratified by label and grouped:
/// examples with the same `Some(group)` always share a fold, `None` examples
/// stand alone. Groups are shuffled with `seed`, then placed largest first,
/// each into the fold whose label counts stay closest to an even share.
/// Returns the fold index of every example.
pub fn stratified_group_folds(
    labels: &[Label],
    groups: &[Option<&str>],
    k: usize,
    seed: u64,
) -> Vec<usize> {
    assert_eq!(labels.len(), groups.len(), "one group per label");
    let k = k.max(1);
    // Collect units: a named group, or a single example.
    let mut unit_of_group: HashMap<&str, usize> = HashMap::new();
    let mut units: Vec<(Vec<usize>, [usize; 3])> = Vec::new();
    for (i, (&l, g)) in labels.iter().zip(groups).enumerate() {
        let u = match g {
            Some(g) => *unit_of_group.entry(g).or_insert_with(|| {
                units.push((Vec::new(), [0; 3]));
                units.len() - 1
            }),
            None => {
                units.push((Vec::new(), [0; 3]));
                units.len() - 1
            }
        };
        units[u].0.push(i);
        units[u].1[l.index()] += 1;
    }
    let mut order: Vec<usize> = (0..units.len()).collect();
    SeededRng::new(seed).shuffle(&mut order);
    // Largest first (stable: ties keep the shuffled order); within singletons,
    // rarer labels first so they spread evenly.
    let mut totals = [0usize; 3];
    for (_, c) in &units {
        for j in 0..3 {
            totals[j] += c[j];
        }
    }
    order.sort_by_key(|&u| {
        let (members, counts) = &units[u];
        let rarity = (0..3)
            .filter(|&j| counts[j] > 0)
            .map(|j| totals[j])
            .min()
            .unwrap_or(0);
        (std::cmp::Reverse(members.len()), rarity)
    });
    let mut fold_counts = vec![[0usize; 3]; k];
    let mut fold_sizes = vec![0usize; k];
    let mut assignment = vec![0usize; labels.len()];
    for u in order {
        let (members, counts) = &units[u];
        let mut best = 0;
        let mut best_cost = f64::INFINITY;
        for f in 0..k {
            // Cost: how much adding the unit moves this fold's label counts
            // away from an even share (relative, squared).
            let mut cost = 0.0;
            for j in 0..3 {
                let share = totals[j] as f64 / k as f64;
                let before = fold_counts[f][j] as f64;
                let after = before + counts[j] as f64;
                cost +=
                    ((after - share).powi(2) - (before - share).powi(2)) / share.max(1.0).powi(2);
            }
            // Prefer smaller folds on ties.
            cost += fold_sizes[f] as f64 * 1e-9;
            if cost < best_cost {
                best_cost = cost;
                best = f;
            }
        }
        for j in 0..3 {
            fold_counts[best][j] += counts[j];
        }
        fold_sizes[best] += members.len();
        for &i in members {
            assignment[i] = best;
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::*;
    use Label::*;

    #[test]
    fn metrics_match_hand_computed_values() {
        // truth favor x4, against x3, none x3
        let pairs = [
            (Favor, Favor),
            (Favor, Favor),
            (Favor, Against),
            (Favor, None),
            (Against, Against),
            (Against, Against),
            (Against, Favor),
            (None, None),
            (None, None),
            (None, Against),
        ];
        let c = Confusion::from_pairs(pairs);
        assert_eq!(c.counts, [[2, 1, 1], [1, 2, 0], [0, 1, 2]]);
        let fav = c.class(Favor);
        // P = 2/3, R = 2/4, F1 = 2*(2/3*1/2)/(2/3+1/2) = 4/7
        assert!((fav.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((fav.recall - 0.5).abs() < 1e-12);
        assert!((fav.f1 - 4.0 / 7.0).abs() < 1e-12);
        // against: P = 2/4, R = 2/3, F1 = 4/7; none: P = 2/3, R = 2/3, F1 = 2/3
        assert!((c.class(Against).f1 - 4.0 / 7.0).abs() < 1e-12);
        assert!((c.class(None).f1 - 2.0 / 3.0).abs() < 1e-12);
        assert!((c.f_avg() - 4.0 / 7.0).abs() < 1e-12);
        assert!((c.macro_f1() - (4.0 / 7.0 + 4.0 / 7.0 + 2.0 / 3.0) / 3.0).abs() < 1e-12);
        assert!((c.accuracy() - 0.6).abs() < 1e-12);
    }

    #[test]
    fn a_class_never_predicted_scores_zero() {
        let c = Confusion::from_pairs([(Favor, Against), (Against, Against)]);
        assert_eq!(c.class(Favor).precision, 0.0);
        assert_eq!(c.class(Favor).f1, 0.0);
        assert!((c.f_avg() - (2.0 / 3.0) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn pooling_sums_targets() {
        let mut e = Evaluation::default();
        e.add("us", Favor, Favor);
        e.add("ukraine", Against, Favor);
        assert_eq!(e.pooled().counts[0][0], 1);
        assert_eq!(e.pooled().counts[1][0], 1);
        assert_eq!(e.pooled().total(), 2);
    }

    #[test]
    fn folds_are_stratified_grouped_and_seeded() {
        let mut labels = Vec::new();
        let mut groups = Vec::new();
        let names: Vec<String> = (0..10).map(|i| format!("art{i}")).collect();
        for i in 0..200 {
            labels.push(Label::ALL[i % 3]);
            groups.push(if i < 40 {
                Some(names[i % 10].as_str())
            } else {
                Option::None
            });
        }
        let a = stratified_group_folds(&labels, &groups, 5, 7);
        let b = stratified_group_folds(&labels, &groups, 5, 7);
        assert_eq!(a, b, "same seed, same folds");
        // Groups never straddle folds.
        for i in 0..40 {
            for j in 0..40 {
                if groups[i] == groups[j] {
                    assert_eq!(a[i], a[j]);
                }
            }
        }
        // Every fold gets a near-even share of each label.
        for f in 0..5 {
            for l in Label::ALL {
                let n = (0..200).filter(|&i| a[i] == f && labels[i] == l).count();
                let share = labels.iter().filter(|&&x| x == l).count() as f64 / 5.0;
                assert!(
                    (n as f64 - share).abs() <= 4.0,
                    "fold {f} label {l}: {n} vs {share}"
                );
            }
        }
        let c = stratified_group_folds(&labels, &groups, 5, 8);
        assert_ne!(a, c, "another seed, other folds");
    }
}
