//! Runs the real-news protocol (folds grouped by page over ../shared/dev,
//! corpus always in training) and prints its table.

use std::path::Path;

use quotestance::advanced::data::read_labelled;
use quotestance::advanced::newscv::news_cv;
use quotestance::StanceParams;

const REAL: &str = "../shared/dev/quotes.jsonl";

#[test]
fn real_news_cv_prints_its_table() {
    if !Path::new(REAL).exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{REAL} is missing under CI=true"
        );
        eprintln!("skipping: {REAL} not found");
        return;
    }
    let corpus = read_labelled("data/quotes.jsonl").unwrap();
    let real = read_labelled(REAL).unwrap();
    // One fixed penalty keeps the test fast; the example runs the full CV.
    let params = StanceParams::new().folds(0).alpha(0.1);
    let report = news_cv(&corpus, &real, &params, 3, 42).unwrap();
    println!("{report}");
    let judged: u64 = report.targets.values().map(|c| c.total()).sum();
    assert_eq!(
        judged,
        274 * 3,
        "every labelled real quote judged on each target"
    );
    // Without cross-validation there are no out-of-fold scores: every fold
    // model keeps T = 1, so "after calibration" is "before".
    assert!(report.temperatures.values().flatten().all(|&t| t == 1.0));
    assert_eq!(report.calibrated, report.uncalibrated);
    assert_eq!(report.calibrated.all.len(), 274 * 3);
    assert!(
        report.mean_f_avg() > 0.3,
        "mean F_avg {}",
        report.mean_f_avg()
    );
}
