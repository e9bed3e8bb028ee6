//! Human-readable reports shared by several subcommands.

use std::fmt::Write;

use quotestance::eval::{write_confusion_report, Evaluation};
use quotestance::model::CvReport;

/// The cross-validation report: per target, every candidate penalty's scores
/// and the chosen one's confusion matrix, then the pool over targets.
pub fn cv_report(out: &mut String, cv: &CvReport) -> std::fmt::Result {
    writeln!(
        out,
        "== {}-fold cross-validation (seed {}, grouped by article, alpha chosen by {}) ==",
        cv.folds,
        cv.seed,
        match cv.metric {
            quotestance::model::SelectionMetric::FAvg => "F_avg",
            quotestance::model::SelectionMetric::MacroF1 => "macro-F1",
        }
    )?;
    for (target, t) in &cv.targets {
        writeln!(out, "\ntarget {target}: alpha candidates")?;
        for c in &t.candidates {
            writeln!(
                out,
                "  alpha {:>6}: F_avg {:5.1}  macro-F1 {:5.1}{}",
                c.alpha,
                100.0 * c.scores.f_avg,
                100.0 * c.scores.macro_f1,
                if c.alpha == t.alpha {
                    "  <- chosen"
                } else {
                    ""
                }
            )?;
        }
        if t.unconverged_fits > 0 {
            writeln!(
                out,
                "  ({} fold fits stopped before the gradient tolerance)",
                t.unconverged_fits
            )?;
        }
        writeln!(out)?;
        write_confusion_report(
            out,
            &format!("target {target} (alpha {})", t.alpha),
            &t.confusion,
        )?;
    }
    let eval = cv.evaluation();
    if eval.targets.len() > 1 {
        writeln!(out)?;
        write_confusion_report(out, "pooled over targets", &eval.pooled())?;
    }
    writeln!(
        out,
        "mean per-target macro-F1 {:5.1}",
        100.0 * eval.mean_target_macro_f1()
    )
}

/// An evaluation in machine-readable form: per target and pooled, the
/// confusion matrix and every score.
pub fn evaluation_json(eval: &Evaluation) -> serde_json::Value {
    let one = |c: &quotestance::eval::Confusion| serde_json::json!({ "confusion": c.counts, "scores": c.scores() });
    let targets: serde_json::Map<String, serde_json::Value> = eval
        .targets
        .iter()
        .map(|(t, c)| (t.clone(), one(c)))
        .collect();
    serde_json::json!({
        "targets": targets,
        "pooled": one(&eval.pooled()),
        "mean_target_macro_f1": eval.mean_target_macro_f1(),
        "confusion_layout": "rows = truth, columns = predicted, order favor, against, none",
    })
}
