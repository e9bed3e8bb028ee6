//! Machine-readable reports shared by several subcommands.

use quotestance::advanced::eval::Evaluation;

/// An evaluation in machine-readable form: per target and pooled, the
/// confusion matrix and every score.
pub fn evaluation_json(eval: &Evaluation) -> serde_json::Value {
    let one = |c: &quotestance::advanced::eval::Confusion| serde_json::json!({ "confusion": c.counts, "scores": c.scores() });
    let targets: serde_json::Map<String, serde_json::Value> = eval
        .targets
        .iter()
        .map(|(t, c)| (t.clone(), one(c)))
        .collect();
    serde_json::json!({
        "targets": targets,
        "pooled": one(&eval.pooled()),
        "mean_target_macro_f1": eval.mean_target_macro_f1(),
        "calibration": {
            "bins": quotestance::advanced::eval::ECE_BINS,
            "ece": eval.calibration.ece(),
            "n": eval.calibration.all.len(),
            "ece_favor_against": eval.calibration.ece_opinion(),
            "n_favor_against": eval.calibration.opinion.len(),
        },
        "confusion_layout": "rows = truth, columns = predicted, order favor, against, none",
    })
}
