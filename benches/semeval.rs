//! SemEval-2016 Task 6 (Subtask A) benchmark: nested 5-fold cross-validation
//! on the public training split, one model per target, through the public API.
//!
//! ```text
//! cargo bench --bench semeval -- [--data PATH] [--folds-out PATH] [--summary PATH] [options]
//! ```
//!
//! The data is never part of the project: it is read from
//! `../shared/benchmarks/semeval2016-task6/train.jsonl` beside the clone
//! (override with `--data` or `SEMEVAL_DATA`). When it is absent the program
//! says so and exits 0, so `cargo bench --no-run` and a plain `cargo bench`
//! stay green on machines without it.
//!
//! Protocol:
//! * outer folds: per target, [`stratified_group_folds`] with 5 folds and seed
//!   42 (every tweet is its own group). The assignment is written to
//!   `target/semeval-folds.jsonl` (`id`, `target`, `fold`) so the scikit-learn
//!   peer (`benches/sklearn_semeval.py`) runs on identical splits;
//! * in each outer fold and target, `StanceParams::fit` is called on the
//!   training part only. It picks `alpha` by its own inner cross-validation on
//!   that training part, then refits on all of it. The outer test fold is never
//!   seen while choosing `alpha`, so the pooled figures are an honest held-out
//!   estimate (nested CV);
//! * settings: exactly `quotestance train`'s defaults (`StanceParams::new()`,
//!   `FeatureConfig::default()`), so the figures are those of the shipped
//!   trainer; flags try one change at a time (`--help`);
//! * scores are pooled over all outer test folds and targets, as SemEval's
//!   `eval.pl` pools over targets: F_avg = (F1 favor + F1 against) / 2.
//!
//! Training time is the wall time of the 25 `fit` calls (5 folds × 5 targets,
//! including the inner alpha search; rayon may use every core). Prediction
//! throughput is measured by having every fold's model of a target featurise
//! and classify all of that target's tweets (5 × 2,914 predictions), on one
//! thread with a reused `Predictor` and with `predict_batch` (rayon); the
//! peer measures the same work.
//!
//! `harness = false` bench rather than an example: CI compiles it with
//! `cargo bench --no-run`, so it cannot rot, it builds with the optimised
//! bench profile, and it is plainly a measurement, not usage documentation.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use quotestance::advanced::analysis::{HashtagMode, MentionMode};
use quotestance::advanced::data::read_labelled;
use quotestance::advanced::eval::{stratified_group_folds, Confusion, Evaluation};
use quotestance::advanced::features::FeatureConfig;
use quotestance::advanced::model::{ClassBalance, Prediction, Timings};
use quotestance::{Label, LabelledQuote, StanceModel, StanceParams, Statement};

/// Nested cross-validation on SemEval-2016 Task 6A's training split, with
/// `train`'s defaults unless an option changes one (library settings).
#[derive(clap::Parser)]
#[command(name = "semeval")]
struct Cli {
    /// train.jsonl [default: ../shared/benchmarks/semeval2016-task6/train.jsonl
    /// beside the crate, or $SEMEVAL_DATA].
    #[arg(long)]
    data: Option<PathBuf>,
    /// The fold assignment is written here [default: target/semeval-folds.jsonl].
    #[arg(long)]
    folds_out: Option<PathBuf>,
    /// The JSON summary is written here [default: target/semeval-quotestance.json].
    #[arg(long)]
    summary: Option<PathBuf>,
    /// Outer folds.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// The outer folds' seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// One StanceParams fit over all targets per outer fold (shared
    /// vocabulary) instead of one fit per target.
    #[arg(long)]
    pooled: bool,
    /// `cargo bench` passes `--bench` to every bench binary.
    #[arg(long, hide = true)]
    bench: bool,
    /// The alpha grid.
    #[arg(
        long,
        value_name = "A,B,..",
        value_delimiter = ',',
        help_heading = "Library settings"
    )]
    alphas: Option<Vec<f64>>,
    /// A fixed alpha (no inner search).
    #[arg(long, help_heading = "Library settings")]
    alpha: Option<f64>,
    /// Inner CV folds.
    #[arg(long, help_heading = "Library settings")]
    inner_folds: Option<usize>,
    /// Selected features per target: N or all.
    #[arg(long, value_name = "N|all", value_parser = count_or("all"), help_heading = "Library settings")]
    selected_features: Option<Count>,
    /// Class balance.
    #[arg(long, value_enum, help_heading = "Library settings")]
    class_balance: Option<Balance>,
    /// The solver.
    #[arg(long, value_enum, help_heading = "Library settings")]
    solver: Option<Solver>,
    /// The solver's iteration cap.
    #[arg(long, help_heading = "Library settings")]
    max_iterations: Option<u64>,
    /// The solver's gradient tolerance.
    #[arg(long, help_heading = "Library settings")]
    gradient_tolerance: Option<f64>,
    /// The inner CV's selection metric.
    #[arg(long, value_enum, help_heading = "Library settings")]
    selection: Option<Selection>,
    /// Raw term frequencies instead of 1 + ln(tf).
    #[arg(long, help_heading = "Library settings")]
    no_sublinear: bool,
    /// Negation marking on.
    #[arg(
        long,
        conflicts_with = "no_negation",
        help_heading = "Library settings"
    )]
    negation: bool,
    /// Negation marking off.
    #[arg(long, help_heading = "Library settings")]
    no_negation: bool,
    /// No stemming.
    #[arg(long, help_heading = "Library settings")]
    no_stem: bool,
    /// Word n-grams: LO-HI or none.
    #[arg(long, value_name = "LO-HI|none", value_parser = range, help_heading = "Library settings")]
    word: Option<Range>,
    /// Character n-grams: LO-HI or none.
    #[arg(long, value_name = "LO-HI|none", value_parser = range, help_heading = "Library settings")]
    char: Option<Range>,
    /// The fewest documents a feature must appear in.
    #[arg(long, help_heading = "Library settings")]
    min_df: Option<usize>,
    /// The largest share of documents a feature may appear in.
    #[arg(long, help_heading = "Library settings")]
    max_df: Option<f64>,
    /// The vocabulary cap: N or none.
    #[arg(long, value_name = "N|none", value_parser = count_or("none"), help_heading = "Library settings")]
    max_features: Option<Count>,
    /// Tokens dropped before analysis (e.g. #semst).
    #[arg(
        long,
        value_name = "a,b",
        value_delimiter = ',',
        help_heading = "Library settings"
    )]
    drop_tokens: Option<Vec<String>>,
    /// No dropped tokens at all.
    #[arg(
        long,
        conflicts_with = "drop_tokens",
        help_heading = "Library settings"
    )]
    keep_markers: bool,
    /// Hashtags.
    #[arg(long, value_enum, help_heading = "Library settings")]
    hashtags: Option<Hashtags>,
    /// Mentions.
    #[arg(long, value_enum, help_heading = "Library settings")]
    mentions: Option<Mentions>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Balance {
    On,
    Off,
    Cv,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Solver {
    Auto,
    Dense,
    Sparse,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Selection {
    #[value(name = "f_avg")]
    FAvg,
    #[value(name = "macro_f1")]
    MacroF1,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Hashtags {
    Word,
    Keep,
    Drop,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Mentions {
    Normalize,
    Keep,
    Drop,
}

/// An n-gram range: `Some((lo, hi))`, or `None` for `none`.
#[derive(Clone, Copy)]
struct Range(Option<(usize, usize)>);

fn range(v: &str) -> Result<Range, quotestance::Error> {
    FeatureConfig::parse_ngram_range(v).map(Range)
}

/// A count, or `None` for the word that means no limit.
#[derive(Clone, Copy)]
struct Count(Option<usize>);

/// [`Count`]'s parser, `word` standing for no limit.
fn count_or(word: &'static str) -> impl Fn(&str) -> Result<Count, String> + Clone {
    move |v| {
        if v == word {
            return Ok(Count(None));
        }
        v.parse()
            .map(|n| Count(Some(n)))
            .map_err(|_| format!("`{v}` is not a number or {word}"))
    }
}

struct Args {
    data: PathBuf,
    folds_out: PathBuf,
    summary: PathBuf,
    folds: usize,
    seed: u64,
    pooled: bool,
    params: StanceParams,
    features: FeatureConfig,
    settings: Vec<String>,
}

/// The options that are not library settings (not listed in `settings`).
const NOT_SETTINGS: [&str; 6] = [
    "--data",
    "--folds-out",
    "--summary",
    "--folds",
    "--seed",
    "--bench",
];

fn parse_args() -> Result<Args> {
    use quotestance::advanced::model::{SelectionMetric, SolverChoice};
    let c: Cli = clap::Parser::parse();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = c.data.unwrap_or_else(|| {
        std::env::var_os("SEMEVAL_DATA").map_or_else(
            || root.join("../shared/benchmarks/semeval2016-task6/train.jsonl"),
            PathBuf::from,
        )
    });
    let mut params = StanceParams::new();
    if let Some(a) = c.alphas {
        params = params.alphas(a);
    }
    if let Some(a) = c.alpha {
        params = params.alpha(a);
    }
    if let Some(k) = c.inner_folds {
        params = params.folds(k);
    }
    if let Some(k) = c.selected_features {
        params = params.selected_features(k.0.unwrap_or(usize::MAX));
    }
    if let Some(s) = c.solver {
        params = params.solver(match s {
            Solver::Auto => SolverChoice::Auto,
            Solver::Dense => SolverChoice::Dense,
            Solver::Sparse => SolverChoice::Sparse,
        });
    }
    if let Some(b) = c.class_balance {
        params = params.class_balance_mode(match b {
            Balance::On => ClassBalance::On,
            Balance::Off => ClassBalance::Off,
            Balance::Cv => ClassBalance::Cv,
        });
    }
    if let Some(n) = c.max_iterations {
        params = params.max_iterations(n);
    }
    if let Some(t) = c.gradient_tolerance {
        params = params.gradient_tolerance(t);
    }
    if let Some(m) = c.selection {
        params = params.selection_metric(match m {
            Selection::FAvg => SelectionMetric::FAvg,
            Selection::MacroF1 => SelectionMetric::MacroF1,
        });
    }
    let mut features = FeatureConfig::default();
    if c.no_sublinear {
        features.sublinear_tf = false;
    }
    if c.negation || c.no_negation {
        features.analyzer.negation = c.negation;
    }
    if c.no_stem {
        features.analyzer.stem = false;
    }
    if let Some(r) = c.word {
        features.word_ngrams = r.0;
    }
    if let Some(r) = c.char {
        features.char_ngrams = r.0;
    }
    if let Some(n) = c.min_df {
        features.min_df = n;
    }
    if let Some(f) = c.max_df {
        features.max_df = f;
    }
    if let Some(n) = c.max_features {
        features.max_features = n.0;
    }
    if let Some(t) = c.drop_tokens {
        features.analyzer.drop_tokens = t.iter().map(|s| s.trim().to_lowercase()).collect();
    }
    if c.keep_markers {
        features.analyzer.drop_tokens.clear();
    }
    if let Some(h) = c.hashtags {
        features.analyzer.hashtags = match h {
            Hashtags::Word => HashtagMode::Word,
            Hashtags::Keep => HashtagMode::Keep,
            Hashtags::Drop => HashtagMode::Drop,
        };
    }
    if let Some(m) = c.mentions {
        features.analyzer.mentions = match m {
            Mentions::Normalize => MentionMode::Normalize,
            Mentions::Keep => MentionMode::Keep,
            Mentions::Drop => MentionMode::Drop,
        };
    }
    // The settings' flags as given, for the summary.
    let settings = std::env::args()
        .skip(1)
        .filter(|a| a.starts_with("--"))
        .map(|a| a.split('=').next().unwrap_or_default().to_string())
        .filter(|a| !NOT_SETTINGS.contains(&a.as_str()))
        .collect();
    Ok(Args {
        data,
        folds_out: c
            .folds_out
            .unwrap_or_else(|| root.join("target/semeval-folds.jsonl")),
        summary: c
            .summary
            .unwrap_or_else(|| root.join("target/semeval-quotestance.json")),
        folds: c.folds,
        seed: c.seed,
        pooled: c.pooled,
        params,
        features,
        settings,
    })
}

/// `id` as a JSON value: a number when it is one (the SemEval ids are).
fn id_json(q: &LabelledQuote) -> serde_json::Value {
    match q.id.as_deref() {
        Some(s) => s
            .parse::<u64>()
            .map_or_else(|_| serde_json::json!(s), |n| serde_json::json!(n)),
        None => serde_json::Value::Null,
    }
}

fn target_of(q: &LabelledQuote) -> &str {
    q.stance.keys().next().map(String::as_str).unwrap_or("")
}

fn add_timings(sum: &mut Timings, t: &Timings) {
    sum.analysis += t.analysis;
    sum.vectorizing += t.vectorizing;
    sum.densifying += t.densifying;
    sum.solver += t.solver;
    sum.wall += t.wall;
}

fn pct(x: f64) -> String {
    format!("{:.2}", 100.0 * x)
}

fn main() -> Result<()> {
    let args = parse_args()?;
    if !args.data.exists() {
        println!(
            "semeval: {} not found; this benchmark needs the SemEval-2016 Task 6 training split in \
             ../shared/benchmarks/semeval2016-task6/ beside the clone (or --data / SEMEVAL_DATA). \
             Skipping.",
            args.data.display()
        );
        return Ok(());
    }
    let quotes =
        read_labelled(&args.data).with_context(|| format!("reading {}", args.data.display()))?;
    if quotes.iter().any(|q| q.stance.len() != 1) {
        bail!("expected one target per line ({{\"target\", \"stance\"}} shape)");
    }
    let targets = quotestance::advanced::data::targets_of(&quotes);
    println!(
        "SemEval-2016 Task 6A train: {} tweets, {} targets, from {}",
        quotes.len(),
        targets.len(),
        args.data.display()
    );

    // Outer folds, per target, stratified; each tweet its own group.
    let mut fold = vec![0usize; quotes.len()];
    for t in &targets {
        let idx: Vec<usize> = (0..quotes.len())
            .filter(|&i| target_of(&quotes[i]) == t)
            .collect();
        let labels: Vec<Label> = idx.iter().map(|&i| quotes[i].stance[t]).collect();
        let groups = vec![None; idx.len()];
        let f = stratified_group_folds(&labels, &groups, args.folds, args.seed);
        for (k, &i) in idx.iter().enumerate() {
            fold[i] = f[k];
        }
    }
    if let Some(dir) = args.folds_out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut out = String::new();
    for (q, &f) in quotes.iter().zip(&fold) {
        let line = serde_json::json!({"id": id_json(q), "target": target_of(q), "fold": f});
        writeln!(out, "{line}")?;
    }
    std::fs::write(&args.folds_out, out)?;
    println!(
        "outer folds: {} per target, stratified, seed {} -> {}",
        args.folds,
        args.seed,
        args.folds_out.display()
    );

    let features = args.features.clone();
    let params = args.params.clone().features(features.clone());
    println!(
        "settings: train's defaults{}{}",
        if args.settings.is_empty() {
            String::new()
        } else {
            format!(" + {}", args.settings.join(" "))
        },
        if args.pooled {
            " (pooled: one fit over all targets)"
        } else {
            " (one fit per target)"
        }
    );

    let mut eval = Evaluation::default();
    let mut train_secs = 0.0;
    let mut train_cpu = 0.0;
    let mut timings = Timings::default();
    let mut kept: Vec<(StanceModel, Vec<String>)> = Vec::new();
    // (alpha, class balance) chosen per outer fold.
    let mut alphas: BTreeMap<String, Vec<(f64, bool)>> = BTreeMap::new();
    let mut n_features: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut warnings = 0usize;
    let mut grid: Vec<f64> = Vec::new();
    for f in 0..args.folds {
        // (model, its training targets) for this outer fold.
        let mut models: Vec<(StanceModel, Vec<String>)> = Vec::new();
        let groups: Vec<Vec<String>> = if args.pooled {
            vec![targets.clone()]
        } else {
            targets.iter().map(|t| vec![t.clone()]).collect()
        };
        for g in groups {
            let train: Vec<LabelledQuote> = quotes
                .iter()
                .zip(&fold)
                .filter(|(q, &k)| k != f && g.iter().any(|t| t == target_of(q)))
                .map(|(q, _)| q.clone())
                .collect();
            let start = Instant::now();
            let cpu0 = cpu_seconds();
            let model = params
                .clone()
                .targets(g.clone())
                .fit(&train)
                .with_context(|| format!("fold {f}, targets {g:?}"))?;
            train_secs += start.elapsed().as_secs_f64();
            if let (Some(a), Some(b)) = (cpu0, cpu_seconds()) {
                train_cpu += b - a;
            }
            add_timings(&mut timings, &model.info().timings);
            warnings += model.warnings().len();
            if let Some(cv) = model.cv_report() {
                if let Some(t) = cv.targets.values().next() {
                    grid = t.candidates.iter().map(|c| c.alpha).collect();
                    grid.sort_by(|a, b| b.total_cmp(a));
                    grid.dedup();
                }
            }
            for tm in model.targets() {
                alphas
                    .entry(tm.name().to_owned())
                    .or_default()
                    .push((tm.alpha(), tm.diagnostics().class_balance));
                n_features
                    .entry(tm.name().to_owned())
                    .or_default()
                    .push(tm.n_selected());
            }
            models.push((model, g));
        }
        for (model, g) in &models {
            let test: Vec<&LabelledQuote> = quotes
                .iter()
                .zip(&fold)
                .filter(|(q, &k)| k == f && g.iter().any(|t| t == target_of(q)))
                .map(|(q, _)| q)
                .collect();
            let mut p = model.predictor();
            for q in &test {
                let t = target_of(q);
                eval.add(t, q.stance[t], p.predict(&q.statement())[t].label);
            }
        }
        println!("  outer fold {f}: trained and scored ({train_secs:.1} s of training so far)");
        kept.extend(models);
    }

    // Throughput: every fold's model of a target featurises and scores all of
    // that target's tweets (the same work as the scikit-learn peer), timed as
    // one block so the 1/100 s CPU clock is precise enough.
    let work: Vec<(&StanceModel, Vec<Statement>)> = kept
        .iter()
        .map(|(m, g)| {
            let all = quotes
                .iter()
                .filter(|q| g.iter().any(|t| t == target_of(q)))
                .map(LabelledQuote::statement)
                .collect();
            (m, all)
        })
        .collect();
    let predicted: usize = work.iter().map(|(_, all)| all.len()).sum();
    let first = |p: &quotestance::advanced::model::Prediction| {
        p.values().next().map_or(Label::None, |tp| tp.label)
    };
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    let single: Vec<Vec<Label>> = work
        .iter()
        .map(|(m, all)| {
            // `predict_into` reuses one output buffer: no allocation per text.
            let mut p = m.predictor();
            let mut out = Vec::new();
            all.iter()
                .map(|s| {
                    p.predict_into(s, &mut out);
                    out.first().map_or(Label::None, |tp| tp.label)
                })
                .collect()
        })
        .collect();
    let predict_1t = start.elapsed().as_secs_f64();
    let predict_cpu = match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => f64::NAN,
    };
    let start = Instant::now();
    let batch: Vec<Vec<Prediction>> = work.iter().map(|(m, all)| m.predict_batch(all)).collect();
    let predict_batch = start.elapsed().as_secs_f64();
    for (b, s) in batch.iter().zip(&single) {
        assert!(
            b.iter().map(first).eq(s.iter().copied()),
            "batch and single predictions agree"
        );
    }

    let pooled = eval.pooled();
    let s = pooled.scores();
    println!("\n== nested {}-fold CV, pooled over targets ==", args.folds);
    println!(
        "F_avg {}   F_favor {}   F_against {}   macro-F1 {}   accuracy {}   (n = {})",
        pct(s.f_avg),
        pct(s.favor.f1),
        pct(s.against.f1),
        pct(s.macro_f1),
        pct(s.accuracy),
        s.n
    );
    println!(
        "\n{:<34} {:>5} {:>7} {:>8} {:>8} {:>9}  {:<34} {:>9}",
        "target",
        "n",
        "F_avg",
        "F_favor",
        "F_agnst",
        "macro-F1",
        "alpha per outer fold (b: balanced)",
        "features"
    );
    let mut per_target = serde_json::Map::new();
    for (t, c) in &eval.targets {
        let cs = c.scores();
        let a: Vec<String> = alphas[t]
            .iter()
            .map(|&(a, b)| format!("{a}{}", if b { "b" } else { "" }))
            .collect();
        let nf = n_features[t].iter().sum::<usize>() / n_features[t].len().max(1);
        println!(
            "{:<34} {:>5} {:>7} {:>8} {:>8} {:>9}  {:<34} {:>9}",
            t,
            cs.n,
            pct(cs.f_avg),
            pct(cs.favor.f1),
            pct(cs.against.f1),
            pct(cs.macro_f1),
            a.join(" "),
            nf
        );
        per_target.insert(
            t.clone(),
            serde_json::json!({"n": cs.n, "f_avg": cs.f_avg, "macro_f1": cs.macro_f1,
                "f_favor": cs.favor.f1, "f_against": cs.against.f1, "alphas": alphas[t].iter().map(|p| p.0).collect::<Vec<_>>(),
                "balanced": alphas[t].iter().map(|p| p.1).collect::<Vec<_>>()}),
        );
    }
    let mean_target_macro = eval.mean_target_macro_f1();
    println!("mean per-target macro-F1 {}", pct(mean_target_macro));
    println!("\n== time ==");
    println!(
        "training incl. alpha search: {train_secs:.2} s for {} fits ({} outer folds; {:.2} s per outer fold)",
        eval.targets.len() * args.folds / if args.pooled { eval.targets.len() } else { 1 },
        args.folds,
        train_secs / args.folds as f64
    );
    println!("  CPU time of those fits (all threads): {train_cpu:.2} s");
    let busy = timings.analysis + timings.vectorizing + timings.densifying + timings.solver;
    let share = |x: f64| 100.0 * x / busy.max(1e-12);
    println!(
        "  where it goes (CPU seconds summed over threads): analysis {:.2} ({:.1}%), vectorising {:.2} ({:.1}%), \
         chi2+densifying {:.2} ({:.1}%), solver {:.2} ({:.1}%)",
        timings.analysis,
        share(timings.analysis),
        timings.vectorizing,
        share(timings.vectorizing),
        timings.densifying,
        share(timings.densifying),
        timings.solver,
        share(timings.solver)
    );
    let tps_1t = predicted as f64 / predict_1t;
    let tps_batch = predicted as f64 / predict_batch;
    println!(
        "prediction: {tps_1t:.0} texts/s on one thread, {tps_batch:.0} texts/s with predict_batch ({} threads); {predicted} texts",
        rayon_threads()
    );
    println!(
        "  per CPU-second (one thread, immune to other load): {:.0} texts",
        predicted as f64 / predict_cpu.max(1e-9)
    );
    if warnings > 0 {
        println!("({warnings} training warnings, e.g. fits stopped at max_iterations)");
    }

    let summary = serde_json::json!({
        "system": "quotestance",
        "settings": args.settings.join(" "),
        "pooled_fit": args.pooled,
        "alphas": grid,
        "n": s.n,
        "f_avg": s.f_avg,
        "f_favor": s.favor.f1,
        "f_against": s.against.f1,
        "macro_f1": s.macro_f1,
        "accuracy": s.accuracy,
        "mean_target_macro_f1": mean_target_macro,
        "per_target": per_target,
        "train_seconds": train_secs,
        "train_cpu_seconds": train_cpu,
        "predict_texts_per_cpu_s": predicted as f64 / predict_cpu.max(1e-9),
        "train_profile": {"analysis": timings.analysis, "vectorizing": timings.vectorizing,
            "densifying": timings.densifying, "solver": timings.solver},
        "predict_texts_per_s_1thread": tps_1t,
        "predict_texts_per_s_batch": tps_batch,
        "confusion": confusion_json(&pooled),
    });
    write_summary(&args.summary, &summary)?;
    println!("summary -> {}", args.summary.display());
    Ok(())
}

fn confusion_json(c: &Confusion) -> serde_json::Value {
    serde_json::json!(c.counts)
}

fn write_summary(path: &Path, v: &serde_json::Value) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, serde_json::to_string_pretty(v)? + "\n")?;
    Ok(())
}

/// CPU seconds (user + system, all threads) this process has used so far,
/// from `/proc/self/stat` (Linux; clock ticks of 1/100 s). `None` elsewhere.
/// Wall time alone misleads on a shared machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields overall.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn rayon_threads() -> usize {
    rayon::current_num_threads()
}
