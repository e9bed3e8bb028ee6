//! Training: per-target examples, cross-validation folds (one vocabulary per
//! fold, fitted on its training part), the penalty path, and the final fits.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::par::*;

use super::calibrate::{self, OutOfFold};
use super::fit_path::Fitted;
use super::params::StanceValidParams;
use super::report::{AlphaScores, CvReport, FitDiagnostics, TargetCv, Timings, TrainingInfo};
use super::target::{TargetModel, TargetParts};
use super::StanceModel;
use crate::data::{targets_of, Label, LabelledQuote};
use crate::error::{Error, Result};
use crate::eval::{stratified_group_folds, Confusion};
use crate::features::{AnalyzedText, CorpusAnalyzer, SparseRow, Vectorizer};

/// What training is doing, as [`StanceValidParams::fit_with`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainStage {
    /// Analysing the texts (tokens, stems, n-grams), once for all folds.
    Analysing,
    /// Cross-validation: `done` of `total` fits finished (one per target
    /// and fold, each over the whole penalty path).
    CrossValidation {
        /// Fits finished so far.
        done: usize,
        /// Fits in all.
        total: usize,
    },
    /// The final fit of every target on all the quotes, then calibration.
    FinalFit,
}

/// The examples of one target: indices into the quote list and class indices.
struct TargetData {
    name: String,
    rows: Vec<usize>,
    labels: Vec<Label>,
    classes: Vec<Label>,
}

impl TargetData {
    fn class_index(&self, l: Label) -> usize {
        self.classes
            .iter()
            .position(|&c| c == l)
            .expect("label of a present class")
    }
}

struct FoldResult {
    target: usize,
    // per candidate (balance-major, then alpha): (test index into
    // TargetData, predicted label)
    predictions: Vec<Vec<(usize, Label)>>,
    // per candidate, as `predictions`: (test index, raw class scores by
    // label index) for calibration
    scores: Vec<Vec<(usize, [f64; 3])>>,
    unconverged: usize,
    timings: Timings,
}

/// What every cross-validation fold shares.
#[derive(Clone, Copy)]
struct CvContext<'a> {
    analysed: &'a [AnalyzedText],
    corpus: &'a CorpusAnalyzer,
    alphas: &'a [f64],
    /// The class-balance settings tried, each with every alpha.
    balances: &'a [bool],
    /// Told of each finished fit.
    stage: &'a (dyn Fn(TrainStage) + Sync),
}

/// One candidate of the cross-validated choice.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Choice {
    alpha: f64,
    balance: bool,
}

impl StanceValidParams {
    fn target_model(
        &self,
        data: &TargetData,
        vectorizer: &Vectorizer,
        fitted: &Fitted,
        which: usize,
        alpha: f64,
    ) -> TargetModel {
        let out = &fitted.outputs[which];
        TargetModel::new(
            TargetParts {
                name: data.name.clone(),
                classes: data.classes.clone(),
                features: fitted.selected.clone(),
                weights: out.weights.iter().map(|&w| w as f32).collect(),
                intercept: out.intercept.iter().map(|&b| b as f32).collect(),
                alpha,
                temperature: 1.0,
                diagnostics: FitDiagnostics {
                    loss: out.loss,
                    grad_norm: out.grad_norm,
                    converged: out.converged,
                    examples: fitted.examples,
                    solver: fitted.solver,
                    class_balance: fitted.balance,
                },
            },
            vectorizer.n_features(),
        )
    }

    /// One cross-validation fold of one target: a vocabulary fitted on the
    /// fold's training part, then every alpha fitted and the test part
    /// predicted. A class missing from the training part is left out of the
    /// fold's model (with one class left, that class is predicted).
    fn run_fold(
        &self,
        ctx: &CvContext<'_>,
        ti: usize,
        data: &TargetData,
        fold: usize,
        folds: &[usize],
    ) -> Result<FoldResult> {
        let CvContext {
            analysed,
            corpus,
            alphas,
            balances,
            ..
        } = *ctx;
        let mut timings = Timings::default();
        let t0 = Instant::now();
        let train: Vec<usize> = (0..data.rows.len()).filter(|&i| folds[i] != fold).collect();
        let test: Vec<usize> = (0..data.rows.len()).filter(|&i| folds[i] == fold).collect();
        let train_docs: Vec<&AnalyzedText> =
            train.iter().map(|&i| &analysed[data.rows[i]]).collect();
        let vectorizer = Vectorizer::fit(&self.features, &train_docs, corpus, &self.speakers)?;
        let train_rows: Vec<SparseRow> = train_docs
            .iter()
            .map(|d| vectorizer.transform_analyzed(d))
            .collect();
        let test_rows: Vec<SparseRow> = test
            .iter()
            .map(|&i| vectorizer.transform_analyzed(&analysed[data.rows[i]]))
            .collect();
        timings.vectorizing += t0.elapsed().as_secs_f64();
        // The classes present in this fold's training part.
        let mut classes: Vec<Label> = train.iter().map(|&i| data.labels[i]).collect();
        classes.sort();
        classes.dedup();
        let present = TargetData {
            name: data.name.clone(),
            rows: Vec::new(),
            labels: Vec::new(),
            classes,
        };
        let mut predictions = vec![Vec::new(); alphas.len() * balances.len()];
        let mut scores = vec![Vec::new(); alphas.len() * balances.len()];
        if present.classes.len() < 2 {
            // Only one class to learn: predict it.
            for p in predictions.iter_mut() {
                p.extend(test.iter().map(|&i| (i, present.classes[0])));
            }
            return Ok(FoldResult {
                target: ti,
                predictions,
                scores,
                unconverged: 0,
                timings,
            });
        }
        let y: Vec<usize> = train
            .iter()
            .map(|&i| present.class_index(data.labels[i]))
            .collect();
        let refs: Vec<&SparseRow> = train_rows.iter().collect();
        let mut unconverged = 0;
        let mut kept = Vec::new();
        let n_classes = present.classes.len();
        let fits = self.fit_path(
            &vectorizer,
            &refs,
            &y,
            n_classes,
            alphas,
            balances,
            &mut timings,
        )?;
        for (b, fitted) in fits.iter().enumerate() {
            for (a, &alpha) in alphas.iter().enumerate() {
                let m = self.target_model(&present, &vectorizer, fitted, a, alpha);
                unconverged += usize::from(!m.diagnostics.converged);
                let c = b * alphas.len() + a;
                for (&i, row) in test.iter().zip(&test_rows) {
                    predictions[c].push((i, m.predict_row(row, &mut kept).label));
                    scores[c].push((i, m.label_scores(row, &mut kept)));
                }
            }
        }
        Ok(FoldResult {
            target: ti,
            predictions,
            scores,
            unconverged,
            timings,
        })
    }

    /// Trains one model per target on `quotes`: cross-validates when
    /// [`StanceParams::folds`](super::StanceParams::folds) ≥ 2 (choosing
    /// `alpha` when not fixed), then fits on all quotes.
    ///
    /// Errors: no quotes; a requested target with no labels; a target with
    /// fewer than two labels in use or fewer examples than folds; a fit that
    /// did not converge when
    /// [`StanceParams::require_convergence`](super::StanceParams::require_convergence)
    /// is set.
    pub fn fit(&self, quotes: &[LabelledQuote]) -> Result<StanceModel> {
        self.fit_with(quotes, &|_| {})
    }

    /// [`fit`](Self::fit), calling `stage` as training moves on: analysing,
    /// then each finished cross-validation fit (from the worker threads, in
    /// the order they finish), then the final fits.
    ///
    /// ```
    /// use std::sync::Mutex;
    /// use quotestance::advanced::model::TrainStage;
    /// use quotestance::{Label, LabelledQuote, StanceParams};
    ///
    /// let quotes: Vec<LabelledQuote> = (0..12)
    ///     .map(|i| {
    ///         let (text, label) = match i % 3 {
    ///             0 => ("We back the partnership.", Label::Favor),
    ///             1 => ("We oppose the partnership.", Label::Against),
    ///             _ => ("The meeting is on Monday.", Label::None),
    ///         };
    ///         LabelledQuote {
    ///             id: None,
    ///             text: format!("{text} ({i})"),
    ///             speaker: None,
    ///             stance: [("partnership".to_string(), label)].into(),
    ///             source: None,
    ///         }
    ///     })
    ///     .collect();
    /// let seen = Mutex::new(Vec::new());
    /// StanceParams::new()
    ///     .folds(3)
    ///     .alpha(1.0)
    ///     .check()?
    ///     .fit_with(&quotes, &|s| seen.lock().unwrap().push(s))?;
    /// let seen = seen.into_inner().unwrap();
    /// assert_eq!(seen.first(), Some(&TrainStage::Analysing));
    /// assert_eq!(seen[3], TrainStage::CrossValidation { done: 3, total: 3 });
    /// assert_eq!(seen.last(), Some(&TrainStage::FinalFit));
    /// # Ok::<(), quotestance::Error>(())
    /// ```
    pub fn fit_with(
        &self,
        quotes: &[LabelledQuote],
        stage: &(dyn Fn(TrainStage) + Sync),
    ) -> Result<StanceModel> {
        let wall = Instant::now();
        self.calibration.check(quotes.len())?;
        let targets = self.target_data(quotes)?;
        let mut timings = Timings::default();
        stage(TrainStage::Analysing);
        let t0 = Instant::now();
        let mut corpus = CorpusAnalyzer::new(&self.features);
        let analysed: Vec<AnalyzedText> = quotes
            .iter()
            .map(|q| corpus.analyze(&q.statement()))
            .collect();
        timings.analysis += t0.elapsed().as_secs_f64();

        // Candidate penalties, strongest first (warm starts go from simple to
        // complex models).
        let mut alphas = match self.alpha {
            Some(a) => vec![a],
            None => self.alphas.clone(),
        };
        alphas.sort_by(|a, b| b.total_cmp(a));
        alphas.dedup();

        let mut warnings = Vec::new();
        let balances = self.class_balance.candidates();
        let first = Choice {
            alpha: alphas[0],
            balance: balances[0],
        };
        let mut chosen: Vec<Choice> = vec![first; targets.len()];
        let cv = if self.folds >= 2 {
            let ctx = CvContext {
                analysed: &analysed,
                corpus: &corpus,
                alphas: &alphas,
                balances,
                stage,
            };
            Some(self.cross_validate(
                quotes,
                &targets,
                &ctx,
                &mut chosen,
                &mut warnings,
                &mut timings,
            )?)
        } else {
            None
        };
        stage(TrainStage::FinalFit);
        let (vectorizer, mut models) = self.fit_finals(
            &targets,
            &analysed,
            &corpus,
            &chosen,
            &mut warnings,
            &mut timings,
        )?;
        calibrate::apply(&mut models, cv.as_ref());
        timings.wall = wall.elapsed().as_secs_f64();
        let mut label_counts = BTreeMap::new();
        for t in &targets {
            let mut c = [0usize; 3];
            for l in &t.labels {
                c[l.index()] += 1;
            }
            label_counts.insert(t.name.clone(), c);
        }
        let any_balanced = models.iter().any(|m| m.diagnostics.class_balance);
        Ok(StanceModel::assemble(
            vectorizer,
            models,
            TrainingInfo {
                date: crate::date::today_utc(),
                quotes: quotes.len(),
                label_counts,
                selected_features: self.selected_features,
                max_iterations: self.max_iterations,
                gradient_tolerance: self.gradient_tolerance,
                class_balance: any_balanced,
                class_balance_mode: Some(self.class_balance),
                solver: self.solver,
                cv,
                timings,
                warnings,
                data_files: Vec::new(),
            },
        ))
    }

    /// The examples of every target to train, checked: at least two labels
    /// and at least as many examples as folds.
    fn target_data(&self, quotes: &[LabelledQuote]) -> Result<Vec<TargetData>> {
        if quotes.is_empty() {
            return Err(Error::InvalidParam {
                name: "data",
                message: "no labelled quotes".into(),
            });
        }
        let names = match &self.targets {
            Some(t) => t.clone(),
            None => targets_of(quotes),
        };
        if names.is_empty() {
            return Err(Error::InvalidParam {
                name: "data",
                message: "no quote carries a stance label".into(),
            });
        }
        let mut targets = Vec::new();
        for name in names {
            let rows: Vec<usize> = (0..quotes.len())
                .filter(|&i| quotes[i].stance.contains_key(&name))
                .collect();
            let labels: Vec<Label> = rows.iter().map(|&i| quotes[i].stance[&name]).collect();
            let mut classes = labels.clone();
            classes.sort();
            classes.dedup();
            if classes.len() < 2 {
                return Err(Error::Training {
                    target: name,
                    message: match classes.first() {
                        Some(l) => format!("every one of its {} quotes is labelled `{l}`; a model needs at least two labels", rows.len()),
                        None => "no quote is labelled for it".into(),
                    },
                });
            }
            if self.folds >= 2 && rows.len() < self.folds {
                return Err(Error::Training {
                    target: name,
                    message: format!(
                        "{} labelled quotes is fewer than the {} folds",
                        rows.len(),
                        self.folds
                    ),
                });
            }
            targets.push(TargetData {
                name,
                rows,
                labels,
                classes,
            });
        }
        Ok(targets)
    }

    /// Runs every (target, fold) in parallel, pools each candidate's
    /// predictions and sets `chosen[t]` to each target's best (alpha,
    /// class balance).
    fn cross_validate(
        &self,
        quotes: &[LabelledQuote],
        targets: &[TargetData],
        ctx: &CvContext<'_>,
        chosen: &mut [Choice],
        warnings: &mut Vec<String>,
        timings: &mut Timings,
    ) -> Result<CvReport> {
        let alphas = ctx.alphas;
        // Balance-major, as in `FoldResult::predictions`.
        let candidates: Vec<Choice> = ctx
            .balances
            .iter()
            .flat_map(|&balance| alphas.iter().map(move |&alpha| Choice { alpha, balance }))
            .collect();
        let fold_of: Vec<Vec<usize>> = targets
            .iter()
            .map(|t| {
                let groups: Vec<Option<&str>> = t.rows.iter().map(|&i| quotes[i].group()).collect();
                stratified_group_folds(&t.labels, &groups, self.folds, self.seed)
            })
            .collect();
        let jobs: Vec<(usize, usize)> = (0..targets.len())
            .flat_map(|t| (0..self.folds).map(move |f| (t, f)))
            .collect();
        let done = AtomicUsize::new(0);
        let results: Vec<FoldResult> = jobs
            .par_iter()
            .map(|&(t, f)| {
                let r = self.run_fold(ctx, t, &targets[t], f, &fold_of[t]);
                (ctx.stage)(TrainStage::CrossValidation {
                    done: done.fetch_add(1, Ordering::Relaxed) + 1,
                    total: jobs.len(),
                });
                r
            })
            .collect::<Result<_>>()?;
        let mut report = CvReport {
            folds: self.folds,
            seed: self.seed,
            metric: self.selection_metric,
            targets: BTreeMap::new(),
        };
        for (ti, t) in targets.iter().enumerate() {
            let mut confusions = vec![Confusion::default(); candidates.len()];
            let mut unconverged = 0;
            for r in results.iter().filter(|r| r.target == ti) {
                timings.add(&r.timings);
                unconverged += r.unconverged;
                for (a, preds) in r.predictions.iter().enumerate() {
                    for &(i, p) in preds {
                        confusions[a].add(t.labels[i], p);
                    }
                }
            }
            // Best score; ties go to the earlier candidate (no balance
            // before balance, the stronger penalty first).
            let mut best = 0;
            for a in 1..candidates.len() {
                if self.selection_metric.score(&confusions[a])
                    > self.selection_metric.score(&confusions[best]) + 1e-12
                {
                    best = a;
                }
            }
            chosen[ti] = candidates[best];
            let out_of_fold: Vec<OutOfFold> = results
                .iter()
                .filter(|r| r.target == ti)
                .flat_map(|r| &r.scores[best])
                .filter(|&&(i, _)| self.calibration.includes(t.rows[i]))
                .map(|&(i, s)| (s, t.labels[i].index()))
                .collect();
            if unconverged > 0 {
                warnings.push(format!(
                    "target `{}`: {unconverged} of {} cross-validation fits stopped before the gradient tolerance {:.0e}",
                    t.name,
                    self.folds * candidates.len(),
                    self.gradient_tolerance
                ));
            }
            report.targets.insert(
                t.name.clone(),
                TargetCv {
                    alpha: candidates[best].alpha,
                    class_balance: candidates[best].balance,
                    candidates: candidates
                        .iter()
                        .zip(&confusions)
                        .map(|(c, conf)| AlphaScores {
                            alpha: c.alpha,
                            class_balance: c.balance,
                            scores: conf.scores(),
                        })
                        .collect(),
                    confusion: confusions[best],
                    unconverged_fits: unconverged,
                    calibration: Some(self.calibration.fit(&out_of_fold)),
                },
            );
        }
        Ok(report)
    }

    /// The final models, on all quotes labelled for any trained target, each
    /// with its chosen alpha and class balance.
    fn fit_finals(
        &self,
        targets: &[TargetData],
        analysed: &[AnalyzedText],
        corpus: &CorpusAnalyzer,
        chosen: &[Choice],
        warnings: &mut Vec<String>,
        timings: &mut Timings,
    ) -> Result<(Vectorizer, Vec<TargetModel>)> {
        let t1 = Instant::now();
        let mut used: Vec<usize> = targets
            .iter()
            .flat_map(|t| t.rows.iter().copied())
            .collect();
        used.sort_unstable();
        used.dedup();
        let docs: Vec<&AnalyzedText> = used.iter().map(|&i| &analysed[i]).collect();
        let vectorizer = Vectorizer::fit(&self.features, &docs, corpus, &self.speakers)?;
        let rows: Vec<SparseRow> = analysed
            .iter()
            .map(|d| vectorizer.transform_analyzed(d))
            .collect();
        timings.vectorizing += t1.elapsed().as_secs_f64();
        let finals: Vec<(TargetModel, Timings)> = targets
            .par_iter()
            .zip(chosen)
            .map(|(t, &Choice { alpha, balance })| {
                let mut tm = Timings::default();
                let refs: Vec<&SparseRow> = t.rows.iter().map(|&i| &rows[i]).collect();
                let y: Vec<usize> = t.labels.iter().map(|&l| t.class_index(l)).collect();
                let n_classes = t.classes.len();
                let fits = self.fit_path(
                    &vectorizer,
                    &refs,
                    &y,
                    n_classes,
                    &[alpha],
                    &[balance],
                    &mut tm,
                )?;
                Ok((self.target_model(t, &vectorizer, &fits[0], 0, alpha), tm))
            })
            .collect::<Result<_>>()?;
        let mut models = Vec::new();
        for (m, tm) in finals {
            timings.add(&tm);
            let d = m.diagnostics;
            if !d.converged {
                if self.require_convergence {
                    return Err(Error::NotConverged {
                        target: m.name.clone(),
                        loss: d.loss,
                        grad_norm: d.grad_norm,
                        tolerance: self.gradient_tolerance,
                        iterations: self.max_iterations,
                    });
                }
                warnings.push(format!(
                    "target `{}`: the final fit stopped with gradient norm {:.2e} above the tolerance {:.0e} (loss {:.4}); raise max_iterations or alpha",
                    m.name, d.grad_norm, self.gradient_tolerance, d.loss
                ));
            }
            models.push(m);
        }
        Ok((vectorizer, models))
    }
}
